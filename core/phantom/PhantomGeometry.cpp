#include "core/phantom/PhantomGeometry.h"
#include "core/geometry/FrameTransform.h"

#include <Eigen/Geometry>
#include <cmath>

#include "core/phantom/PhantomRandom.h"

namespace crosscheck::phantom_geometry {

namespace {
constexpr double kDegree = 3.14159265358979323846 / 180.0;

double roundMm(double v) {
    return std::round(v * 100.0) / 100.0;
}

/// A sagittal grid: i along +y (posterior), j along -z (inferior), k along -x, so that
/// i x j = k (a right-handed stack) and the first row is at the top of the picture.
VolumeGeometry sagittal(const Eigen::Vector3i& dims, double pixelMm, double sliceMm,
                        const Eigen::Vector3d& center) {
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m.block<3, 1>(0, 0) = Eigen::Vector3d(0, pixelMm, 0);
    m.block<3, 1>(0, 1) = Eigen::Vector3d(0, 0, -pixelMm);
    m.block<3, 1>(0, 2) = Eigen::Vector3d(-sliceMm, 0, 0);
    const Eigen::Vector3d halfExtent = 0.5 * Eigen::Vector3d(dims[0] - 1, dims[1] - 1, dims[2] - 1);
    const Eigen::Vector3d origin = center - m.topLeftCorner<3, 3>() * halfExtent;
    m.block<3, 1>(0, 3) = origin.unaryExpr([](double v) { return roundMm(v); });
    return VolumeGeometry(dims, m);
}
}  // namespace

Eigen::Matrix4d ctToMr(const PhantomOptions& options) {
    if (options.sameFrame) {
        return Eigen::Matrix4d::Identity();
    }
    PhantomRandom random(options.seed, 0xF7A3E, static_cast<std::uint64_t>(options.patientNumber));
    auto signedRange = [&](double lo, double hi) {
        const double magnitude = lo + (hi - lo) * random.uniform();
        return (random.next() & 1) ? magnitude : -magnitude;
    };
    const double ax = signedRange(2.0, 5.0) * kDegree;
    const double ay = signedRange(2.0, 5.0) * kDegree;
    const double az = signedRange(2.0, 5.0) * kDegree;
    const Eigen::Vector3d shift(roundMm(signedRange(10.0, 30.0)), roundMm(signedRange(10.0, 30.0)),
                                roundMm(signedRange(10.0, 30.0)));
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m.topLeftCorner<3, 3>() = (Eigen::AngleAxisd(az, Eigen::Vector3d::UnitZ()) *
                               Eigen::AngleAxisd(ay, Eigen::Vector3d::UnitY()) *
                               Eigen::AngleAxisd(ax, Eigen::Vector3d::UnitX()))
                                  .toRotationMatrix();
    m.block<3, 1>(0, 3) = shift;
    return m;
}

VolumeGeometry ctGrid(const PhantomOptions& options, const Eigen::Matrix4d& ctToMrMatrix) {
    const bool full = options.size == PhantomSize::Full;
    const Eigen::Vector3i dims =
        full ? Eigen::Vector3i(512, 512, 200) : Eigen::Vector3i(128, 128, 60);
    const double pixel = full ? 0.7 : 2.8;
    const double slice = full ? 1.0 : 3.3;
    // The anatomy's centre (the middle of the body at z = 0) seen from the CT frame.
    const Eigen::Vector3d anatomyCenterMr(0.0, 8.0, 0.0);
    const Eigen::Vector3d center = applyAffine(ctToMrMatrix.inverse(), anatomyCenterMr);
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m(0, 0) = pixel;
    m(1, 1) = pixel;
    m(2, 2) = slice;
    const Eigen::Vector3d origin =
        center - m.topLeftCorner<3, 3>() * (0.5 * (dims.cast<double>() - Eigen::Vector3d::Ones()));
    m.block<3, 1>(0, 3) = origin.unaryExpr([](double v) { return roundMm(v); });
    return VolumeGeometry(dims, m);
}

VolumeGeometry t1Grid(const PhantomOptions& options) {
    const Eigen::Vector3d center(0.0, 35.0, 0.0);
    if (options.size == PhantomSize::Full) {
        return sagittal({256, 256, 96}, 1.0, 1.0, center);
    }
    return sagittal({128, 128, 48}, 2.0, 2.0, center);
}

VolumeGeometry t2Grid(const PhantomOptions& options) {
    const Eigen::Vector3d center(0.0, 35.0, 0.0);
    if (options.size == PhantomSize::Full) {
        return sagittal({384, 384, 25}, 0.625, 3.3, center);
    }
    return sagittal({160, 160, 19}, 1.5, 4.4, center);
}

double t2SliceThicknessMm(const PhantomOptions& options) {
    return options.size == PhantomSize::Full ? 3.0 : 4.0;
}

}  // namespace crosscheck::phantom_geometry
