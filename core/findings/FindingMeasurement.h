#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/analysis/DiscrepancyRegion.h"
#include "core/findings/FindingRois.h"
#include "core/model/Study.h"
#include "core/roi/StudyMeasurement.h"

namespace crosscheck {

/// One flagged region measured through an ROI fitted to it in one plane.
struct MeasuredFinding {
    int flagRank = 0;  ///< the region's rank among the flags (1 = most important)
    FindingPlane plane = FindingPlane::Axial;
    std::string label;                            ///< "Finding 1 axial"
    Roi roi;                                      ///< in the CT's frame
    std::vector<SeriesMeasurement> measurements;  ///< one per series of the study
};

/// "Measure this finding" for every flagged region: ellipses fitted in the axial and the
/// sagittal plane through it (fitFindingRois, on the CT grid and in the CT's frame), each
/// measured in every series of `study` as a drawn ROI would be. Regions without voxel
/// runs get no ROI.
std::vector<MeasuredFinding> measureFindings(const std::vector<DiscrepancyRegion>& regions,
                                             const Study& study, const VolumeGeometry& ctGrid,
                                             const std::string& ctFrameUid,
                                             const MeasureOptions& options = {});

/// The ROI object (as `measure --roi` reads it, with its `label`) plus `flag_rank`, `plane`
/// and `measurements` (as `measure --json` writes them).
nlohmann::json toJson(const MeasuredFinding& finding, const MeasureOptions& options = {});

}  // namespace crosscheck
