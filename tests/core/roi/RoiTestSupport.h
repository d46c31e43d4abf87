#pragma once

#include <Eigen/Eigenvalues>
#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

#include "core/geometry/FrameTransform.h"
#include "core/phantom/PhantomAnatomy.h"
#include "core/phantom/PhantomGeometry.h"
#include "core/phantom/PhantomRenderer.h"
#include "core/phantom/PhantomTissueValues.h"

#include "core/model/Study.h"
#include "core/phantom/PhantomStudy.h"
#include "core/roi/Roi.h"

// Helpers of the ROI tests: the small phantom generated once per test process, a Study
// built from it in memory, and the exact cross-section of the tumour ellipsoid by a plane.
namespace crosscheck::test {

inline const PhantomStudy& smallPhantom() {
    static std::unique_ptr<PhantomStudy> study;
    if (!study) {
        PhantomOptions o;
        o.size = PhantomSize::Small;
        study = std::make_unique<PhantomStudy>(generatePhantomStudy(o));
    }
    return *study;
}

/// The phantom's series as a loaded Study; `withCtToMr` adds the ground-truth link.
inline Study studyFromPhantom(const PhantomStudy& p, bool withCtToMr) {
    Study s;
    for (const auto& series : p.series) {
        LoadedSeries l;
        l.info.role = series.role;
        l.info.seriesInstanceUid = series.metadata.seriesInstanceUid;
        l.info.frameOfReferenceUid = series.metadata.frameOfReferenceUid;
        l.volume = series.volume;
        s.series.push_back(l);
    }
    s.referenceFrameUid = p.truth.ctFrameUid;
    if (withCtToMr) {
        s.transforms.set(p.truth.ctFrameUid, p.truth.mrFrameUid, p.truth.ctToMr,
                         TransformProvenance{TransformBasis::Manual});
    }
    return s;
}

/// A full-resolution CT (0.7 x 0.7 x 1.0 mm, axial, as the full-size phantom's CT) of only
/// the box around the tumour, rendered with the phantom's own anatomy, CT values, frame
/// (seed 1) and partial-volume renderer, plus 10 HU white noise: full-size voxels at a
/// fraction of the full study's cost. `truth` gets the tumour's ground truth in this CT
/// frame (centre, diameters, axes; the means are left at 0).
struct CtCrop {
    std::shared_ptr<Volume> volume;
    PhantomLesionTruth truth;
    std::string frameUid = "2.25.1.crop";
};

inline CtCrop renderFullResolutionCtCrop() {
    PhantomOptions options;
    options.size = PhantomSize::Full;
    const PhantomAnatomy anatomy(options);
    const Eigen::Matrix4d ctToMr = phantom_geometry::ctToMr(options);
    const Eigen::Matrix4d mrToCt = ctToMr.inverse();
    const EllipsoidLesion& lesion = anatomy.tumor();
    CtCrop crop;
    crop.truth.centerMrMm = lesion.centerMm;
    crop.truth.centerCtMm = applyAffine(mrToCt, lesion.centerMm);
    crop.truth.diametersMm =
        2.0 * Eigen::Vector3d(lesion.semiAxesMm.z(), lesion.semiAxesMm.y(), lesion.semiAxesMm.x());
    crop.truth.axesMr << 0, 0, 1, 0, 1, 0, 1, 0, 0;
    crop.truth.axesCt = (mrToCt.topLeftCorner<3, 3>() * crop.truth.axesMr.transpose()).transpose();

    const Eigen::Vector3i dims(56, 56, 40);
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m(0, 0) = 0.7;
    m(1, 1) = 0.7;
    m(2, 2) = 1.0;
    m.block<3, 1>(0, 3) =
        crop.truth.centerCtMm -
        m.topLeftCorner<3, 3>() * (0.5 * (dims.cast<double>() - Eigen::Vector3d::Ones()));
    crop.volume = std::make_shared<Volume>(VolumeGeometry(dims, m), VoxelType::Int16);
    Volume& v = *crop.volume;
    std::vector<PhantomRenderer::Channel> channels(1);
    channels[0].values = PhantomTissueValues::ct(options.tumorHu);
    channels[0].store = [&v](int k, const float* slice) {
        std::mt19937 random(1234u + static_cast<unsigned>(k));
        std::normal_distribution<float> noise(0.0f, 10.0f);
        const std::size_t n =
            static_cast<std::size_t>(v.geometry().dims()[0]) * v.geometry().dims()[1];
        std::int16_t* out = v.voxels<std::int16_t>() + v.offset(0, 0, k);
        for (std::size_t o = 0; o < n; ++o) {
            out[o] = static_cast<std::int16_t>(
                std::clamp(std::round(slice[o] + noise(random)), -1024.0f, 3071.0f));
        }
    };
    PhantomRenderer(anatomy, v.geometry(), ctToMr, 0).render(channels, {}, 0.0, 1.0);
    return crop;
}

/// The ellipse where a plane (through `origin`, normal `normal`) cuts the tumour ellipsoid
/// (CT frame): centre, unit in-plane axes (u the longer) and semi-axes (mm). Computed in
/// closed form from the ground truth, independently of the ROI code.
struct Section {
    Eigen::Vector3d center;
    Eigen::Vector3d u, v;
    Eigen::Vector2d semiAxes;
};

inline Section tumourSection(const PhantomLesionTruth& t, const Eigen::Vector3d& origin,
                             const Eigen::Vector3d& normal) {
    // Ellipsoid: (x - c)^T A (x - c) = 1 with A = sum_r axis_r axis_r^T / semi_r^2.
    Eigen::Matrix3d a = Eigen::Matrix3d::Zero();
    for (int r = 0; r < 3; ++r) {
        const Eigen::Vector3d axis = t.axesCt.row(r).transpose();
        a += axis * axis.transpose() / std::pow(0.5 * t.diametersMm[r], 2);
    }
    const Eigen::Vector3d n = normal.normalized();
    const Eigen::Vector3d e1 =
        (std::abs(n.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY())
            .cross(n)
            .normalized();
    const Eigen::Vector3d e2 = n.cross(e1);
    Eigen::Matrix<double, 3, 2> basis;
    basis << e1, e2;
    // Points origin + U s: s^T B s + 2 s^T b + k = 1, with e = origin - c.
    const Eigen::Vector3d e = origin - t.centerCtMm;
    const Eigen::Matrix2d b = basis.transpose() * a * basis;
    const Eigen::Vector2d lin = basis.transpose() * a * e;
    const Eigen::Vector2d s0 = -b.inverse() * lin;
    const double rhs = 1.0 - e.dot(a * e) + s0.dot(b * s0);
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(b);
    Section s;
    s.center = origin + basis * s0;
    // Smallest eigenvalue = longest semi-axis.
    s.u = (basis * eig.eigenvectors().col(0)).normalized();
    s.v = n.cross(s.u).normalized();
    s.semiAxes = Eigen::Vector2d(std::sqrt(rhs / eig.eigenvalues()[0]),
                                 std::sqrt(rhs / eig.eigenvalues()[1]));
    return s;
}

/// The centre of the CT slice nearest to a point (the plane a user draws on).
inline Eigen::Vector3d nearestSliceOrigin(const Volume& ct, const Eigen::Vector3d& p) {
    Eigen::Vector3d ijk = ct.geometry().toIndex(PatientPoint{p}).ijk;
    ijk.z() = std::round(ijk.z());
    return ct.geometry().toPatient(VoxelIndex{ijk}).mm;
}

}  // namespace crosscheck::test
