#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/DiscrepancyKind.h"

namespace crosscheck {

/// A run of voxels of one region along a row of the CT grid: voxels (iBegin..iEnd-1, j, k).
struct VoxelRun {
    int j = 0;
    int k = 0;
    int iBegin = 0;
    int iEnd = 0;
};

/// How one MR series sees a region: mean inside the region and in a shell around it,
/// the shell's SD, and contrast = |meanInside - meanShell| / sdShell.
struct MrContrast {
    std::string role;  ///< "T1w", "T2w"
    double meanInside = 0.0;
    double meanShell = 0.0;
    double sdShell = 0.0;
    double contrast = 0.0;
    int samplesInside = 0;
    int samplesShell = 0;
};

/// The attenuation of the object a flagged region is, on CT and on sCT (HU): what the study
/// reports as a tumour's "mean HU" (regionAttenuation, RegionAttenuation.h).
///
/// A region's own means (DiscrepancyRegion::ctMeanHu) are over every voxel that differs,
/// down to the partial-volume rim where CT - sCT just reaches the large-difference
/// threshold (full phantom: a 458 HU tumour, region 450 HU, object 460 HU). The object is taken at
/// half maximum instead, the usual way to delimit a small dense object on CT. Its level is the
/// median CT of the region's interior (voxels whose six face neighbours are all in the
/// region; the 90th percentile of the region when none is); the background the median CT
/// of the non-bone voxels (CT < denseHu) of the domain 2 to 3 voxels around it (the first
/// ring still holds the object's rim). The object is the region's interior plus the voxels
/// of its rim, and of the ring just outside it where the sCT is not dense, at or above
/// their local half maximum: (the mean of their interior neighbours + background) / 2, the
/// local level because a calcified tumour is clumpy. A voxel at half maximum is half covered
/// by the object, so these are about the voxels whose centres lie inside it. Both means are
/// over the same voxels, the sCT as resampled into the CT grid; thresholdHu is the global
/// (level + background) / 2, for reference.
struct RegionAttenuation {
    double ctMeanHu = 0.0;
    double sctMeanHu = 0.0;
    int voxels = 0;             ///< object voxels (CT grid)
    double thresholdHu = 0.0;   ///< (levelHu + backgroundHu) / 2
    double levelHu = 0.0;       ///< the object's plateau
    double backgroundHu = 0.0;  ///< around it
};

/// One flagged discrepancy region (issue 9): a connected set of CT-grid voxels of one
/// kind, with the numbers that justify the flag.
///
/// Positions are in the CT's patient coordinates (LPS, mm): centroidMm is the mean of the
/// voxel centres; bboxMinMm/bboxMaxMm the patient-axis box around the region's voxels
/// (the corners of its CT index box, widened by half a voxel: exact for an axis-aligned
/// CT, slightly larger for an oblique one); extentMm is the length of the region along
/// its principal axes (the rows of principalAxes, unit vectors, largest variance first),
/// measured over the voxels (max - min projection of the centres plus one voxel's
/// footprint along that axis), sorted largest first.
/// Means are over the region's voxels, sCT values as resampled into the CT grid.
/// score = volumeMm3 * meanAbsDifferenceHu ranks the regions (rank 1 = highest).
/// `runs` lists the voxels (CT grid rows) for outlines and label volumes.
struct DiscrepancyRegion {
    DiscrepancyKind kind = DiscrepancyKind::LargeDifference;
    int rank = 0;  ///< 1-based, in the order of the returned list
    Eigen::Vector3d centroidMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d bboxMinMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d bboxMaxMm = Eigen::Vector3d::Zero();
    Eigen::Vector3i indexMin = Eigen::Vector3i::Zero();  ///< CT voxel index box, inclusive
    Eigen::Vector3i indexMax = Eigen::Vector3i::Zero();
    int voxelCount = 0;
    int coreVoxelCount = 0;  ///< voxels left after a one-voxel (6-neighbour) erosion
    double volumeMm3 = 0.0;
    Eigen::Vector3d extentMm = Eigen::Vector3d::Zero();
    Eigen::Matrix3d principalAxes = Eigen::Matrix3d::Identity();
    double ctMeanHu = 0.0;
    double sctMeanHu = 0.0;
    double meanDifferenceHu = 0.0;     ///< mean of CT - sCT
    double meanAbsDifferenceHu = 0.0;  ///< mean of |CT - sCT|
    double score = 0.0;
    /// Set by assessMrVisibility when at least one MR series was given.
    std::optional<bool> visibleOnMr;
    std::vector<MrContrast> mrContrast;
    /// The object's own HU at half maximum (regionAttenuation); empty where the sCT is the
    /// denser image or the region came from a bare candidate list.
    std::optional<RegionAttenuation> attenuation;
    std::vector<VoxelRun> runs;

    /// The HU a reader is told: the object's own (attenuation) where measured, else the
    /// region's means.
    double objectCtHu() const { return attenuation ? attenuation->ctMeanHu : ctMeanHu; }
    double objectSctHu() const { return attenuation ? attenuation->sctMeanHu : sctMeanHu; }
};

}  // namespace crosscheck
