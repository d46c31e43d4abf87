#pragma once

#include <string>
#include <vector>

#include "core/analysis/DiscrepancyRegion.h"
#include "core/geometry/VolumeGeometry.h"
#include "core/roi/Roi.h"

namespace crosscheck {

/// The plane of a finding's ROI: the study reports a tumour's size in the axial plane
/// (normal along the patient's z) and in the sagittal plane (normal along x).
enum class FindingPlane { Axial, Sagittal };
const char* toString(FindingPlane plane);

/// One ROI fitted to a flagged region in one plane.
struct FindingRoi {
    FindingPlane plane = FindingPlane::Axial;
    Roi roi;  ///< an ellipse in the CT's frame (LPS, mm)
};

/// "Measure this finding": ellipses fitted to a flagged region (CT grid, CT patient
/// coordinates) in the axial and the sagittal plane through its centroid.
///
/// In each plane the ellipse takes the region's section there (the voxels whose centres
/// lie within half a voxel of the plane; the whole region projected when the section is
/// empty), its axes along the section's principal directions, just large enough to hold
/// every section voxel's footprint, plus `marginMm` all round so that a reader sees the
/// edge of the object inside it. The region must have runs (DiscrepancyRegion::runs).
std::vector<FindingRoi> fitFindingRois(const DiscrepancyRegion& region,
                                       const VolumeGeometry& ctGrid, const std::string& ctFrameUid,
                                       double marginMm = 2.0);

}  // namespace crosscheck
