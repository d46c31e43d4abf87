#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/analysis/DiscrepancyThresholds.h"
#include "core/model/Study.h"
#include "core/report/ReportModel.h"
#include "core/roi/Roi.h"
#include "core/roi/RoiMeasurement.h"
#include "core/util/Progress.h"

namespace crosscheck {

struct DiscrepancyResult;

/// An ROI to report, with the id and label the user gave it (a session annotation) or
/// that the caller chose ("1", the ROI file's name).
struct ReportRoiInput {
    std::string id;
    std::string label;
    Roi roi;
};

struct ReportOptions {
    MeasureOptions measure;
    /// Export time written in the provenance (UTC, ISO 8601); empty means now.
    std::string createdAt;
};

/// Builds the report of a loaded study: each ROI measured in every series (measureInStudy,
/// the same numbers as `crosscheck-cli measure`), CT - sCT per ROI, the series with their
/// sync basis, patient and study from the first series' DICOM header, the image each
/// measurement was taken on (its SOP UIDs are read from the file) and the provenance.
/// `discrepancy` (runReportDiscrepancy) is copied in when given.
ReportModel buildReport(const Study& study, const std::vector<ReportRoiInput>& rois,
                        const ReportOptions& options = {},
                        const std::optional<ReportDiscrepancy>& discrepancy = std::nullopt);

/// The report's statement of a comparison already run on this study: the CT and sCT that
/// comparisonInputs picks, the transform's badge, the thresholds, the findings (without
/// their voxel runs) and the metrics. Empty when the study has no such pair or the result
/// has no difference volume.
std::optional<ReportDiscrepancy> reportDiscrepancyOf(const Study& study,
                                                     const DiscrepancyResult& result,
                                                     const DiscrepancyThresholds& thresholds);

/// Runs the CT-versus-sCT analysis when the study has a CT and an sCT joined by a known
/// transform (T1w and T2w with a known transform are used for visible_on_mr); empty
/// otherwise, with the reason in `whyNot` when given.
std::optional<ReportDiscrepancy> runReportDiscrepancy(const Study& study,
                                                      const DiscrepancyThresholds& thresholds = {},
                                                      std::string* whyNot = nullptr,
                                                      const Progress& progress = {});

}  // namespace crosscheck
