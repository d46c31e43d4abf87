#pragma once

#include <Eigen/Core>
#include <optional>
#include <random>
#include <vector>

#include "core/registration/MattesMutualInformation.h"
#include "core/registration/RegistrationImage.h"
#include "core/registration/RegistrationRegion.h"

namespace crosscheck {

/// Where rigid registration takes its fixed-image samples and its start: helpers of
/// registerRigidMi, kept apart so that the level loop stays readable. Index boxes are in
/// the given pyramid level's voxel indices; points are in that image's patient mm.
struct SampleBox {
    Eigen::Vector3i low = Eigen::Vector3i::Zero();
    Eigen::Vector3i high = Eigen::Vector3i::Zero();
    bool empty = true;
};

/// Bounding box of the voxels above `threshold`, grown by `margin` voxels.
SampleBox bodyBox(const RegistrationImage& image, double threshold, int margin);
/// Bounding box of a sphere (patient mm) in the image's grid, clipped to the grid.
SampleBox regionBox(const RegistrationImage& image, const RegistrationRegion& region);
/// True when a patient point lies inside the grid (within half a voxel of the outer centres).
bool insideGrid(const RegistrationImage& image, const Eigen::Vector3d& patientMm);

/// fixed -> moving (patient) that aligns the centres of mass of the two body masks over
/// the overlap of the two fields of view. Throws RegistrationError on an empty image.
Eigen::Matrix4d centroidStart(const RegistrationImage& fixed, double fixedThreshold,
                              const RegistrationImage& moving, double movingThreshold);
/// Centre of mass (patient mm) of the voxels above `threshold`; empty when there are none.
std::optional<Eigen::Vector3d> bodyCentroid(const RegistrationImage& image, double threshold);

/// Up to `count` seeded off-grid sample positions in `box` (and in `region` when given,
/// thinning out from half its radius to a quarter at its surface), with the fixed image's
/// values, sorted for memory locality.
std::vector<MattesMutualInformation::Sample> drawSamples(
    const RegistrationImage& fixed, const SampleBox& box, int count, std::mt19937& random,
    const RegistrationRegion* region = nullptr);

/// Refuses a region that registration cannot use, with a RegistrationError a user can act
/// on: a radius under kMinRegionRadiusMm, less than half of the sphere inside both images
/// (fixed, and moving under `fixedToMoving`), or an image flat inside it.
/// Throws the RegistrationError of checkRegion for a radius under kMinRegionRadiusMm.
void checkRegionRadius(const RegistrationRegion& region);
void checkRegion(const RegistrationImage& fixed, const RegistrationImage& moving,
                 const Eigen::Matrix4d& fixedToMoving, const RegistrationRegion& region);

}  // namespace crosscheck
