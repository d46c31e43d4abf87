#include "SyntheticPair.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/util/ParallelFor.h"

namespace crosscheck::test {

const TissueValues kMrT1Like{0, 250, 420, 140, 180, 600, 20};
const TissueValues kCtLike{-1000, 40, 650, 80, 30, 450, -900};
const TissueValues kSyntheticCtLike{-1000, 35, 600, 90, 30, 35, -900};

Eigen::Vector3d syntheticTumourCentre() {
    return {-20, -10, 20};
}

namespace {

// 1 inside, 0 outside, a logistic edge about 1 mm wide; d is a signed distance in mm.
double inside(double d) {
    return 1.0 / (1.0 + std::exp(d / 0.6));
}

double ellipsoid(const Eigen::Vector3d& a, const Eigen::Vector3d& c, const Eigen::Vector3d& r) {
    const Eigen::Vector3d q = (a - c).cwiseQuotient(r);
    return inside((q.norm() - 1.0) * r.minCoeff());
}

double valueAt(const TissueValues& t, const Eigen::Vector3d& a) {
    double v = t.background;
    const auto mix = [&v](double value, double weight) { v += (value - v) * weight; };
    mix(t.body, ellipsoid(a, {0, 0, 0}, {80, 60, 85}));
    // A spine: a column of 12 mm radius behind the centre, |z| < 75, with 6 mm discs every 30 mm.
    const double radial = std::hypot(a.x(), a.y() - 30.0);
    const double column = inside(radial - 12.0) * inside(std::abs(a.z()) - 75.0);
    mix(t.spine, column);
    const double phase = std::fmod(std::abs(a.z() + 300.0), 30.0) - 15.0;
    mix(t.disc, column * inside(std::abs(phase) - 3.0));
    mix(t.kidney, ellipsoid(a, {35, 15, -10}, {15, 10, 25}));
    mix(t.airPocket, ellipsoid(a, {15, -30, 30}, {12, 9, 14}));
    mix(t.tumour, ellipsoid(a, syntheticTumourCentre(), {10, 8, 12}));
    return v;
}

}  // namespace

std::shared_ptr<Volume> makeSyntheticVolume(const TissueValues& tissue, const Eigen::Vector3i& dims,
                                            const Eigen::Vector3d& spacingMm,
                                            const Eigen::Vector3d& gridCentreMm,
                                            const Eigen::Matrix4d& patientToAnatomy, double noiseSd,
                                            std::uint32_t seed, VoxelType type) {
    Eigen::Matrix4d indexToPatient = Eigen::Matrix4d::Identity();
    indexToPatient.topLeftCorner<3, 3>() = spacingMm.asDiagonal();
    indexToPatient.topRightCorner<3, 1>() =
        gridCentreMm - spacingMm.cwiseProduct((dims.cast<double>().array() - 1.0).matrix()) / 2.0;
    auto volume = std::make_shared<Volume>(VolumeGeometry(dims, indexToPatient), type);
    parallelFor(dims[2], [&](int kBegin, int kEnd) {
        std::mt19937 random(seed + static_cast<std::uint32_t>(kBegin));
        std::normal_distribution<double> noise(0.0, noiseSd > 0 ? noiseSd : 1.0);
        for (int k = kBegin; k < kEnd; ++k) {
            for (int j = 0; j < dims[1]; ++j) {
                for (int i = 0; i < dims[0]; ++i) {
                    const Eigen::Vector4d y = indexToPatient * Eigen::Vector4d(i, j, k, 1.0);
                    const Eigen::Vector3d a = (patientToAnatomy * y).head<3>();
                    double v = valueAt(tissue, a) + (noiseSd > 0 ? noise(random) : 0.0);
                    const std::size_t o = volume->offset(i, j, k);
                    if (type == VoxelType::Float32) {
                        volume->voxels<float>()[o] = static_cast<float>(v);
                    } else if (type == VoxelType::UInt16) {
                        volume->voxels<std::uint16_t>()[o] =
                            static_cast<std::uint16_t>(std::clamp(std::lround(v), 0L, 65535L));
                    } else {
                        volume->voxels<std::int16_t>()[o] =
                            static_cast<std::int16_t>(std::clamp(std::lround(v), -32768L, 32767L));
                    }
                }
            }
        }
    });
    return volume;
}

}  // namespace crosscheck::test
