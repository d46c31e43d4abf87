#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <memory>

#include "core/volume/Volume.h"

namespace crosscheck::test {

/// How a synthetic torso-like object looks in one modality: the value of each tissue.
struct TissueValues {
    double background, body, spine, disc, kidney, tumour, airPocket;
};
extern const TissueValues kMrT1Like;
extern const TissueValues kCtLike;
extern const TissueValues kSyntheticCtLike;  // like CT, but the tumour looks like soft tissue

/// The object's tumour centre, in anatomy (= fixed patient) coordinates, mm.
Eigen::Vector3d syntheticTumourCentre();

/// Samples the analytic object (smooth 1 mm edges) on a grid. The volume's patient
/// coordinates y see the anatomy at patientToAnatomy * y, so a volume made with
/// patientToAnatomy = M is the moving image whose ground-truth moving_to_fixed is M when
/// the fixed image is made with the identity. `gridCentreMm` is the patient position of
/// the grid centre. Gaussian noise of `noiseSd` (seeded) is added.
std::shared_ptr<Volume> makeSyntheticVolume(const TissueValues& tissue, const Eigen::Vector3i& dims,
                                            const Eigen::Vector3d& spacingMm,
                                            const Eigen::Vector3d& gridCentreMm,
                                            const Eigen::Matrix4d& patientToAnatomy, double noiseSd,
                                            std::uint32_t seed, VoxelType type = VoxelType::Int16);

}  // namespace crosscheck::test
