#include "core/findings/FindingMeasurement.h"

#include "core/roi/RoiJson.h"

namespace crosscheck {

std::vector<MeasuredFinding> measureFindings(const std::vector<DiscrepancyRegion>& regions,
                                             const Study& study, const VolumeGeometry& ctGrid,
                                             const std::string& ctFrameUid,
                                             const MeasureOptions& options) {
    std::vector<MeasuredFinding> measured;
    for (const DiscrepancyRegion& region : regions) {
        if (region.runs.empty()) {
            continue;
        }
        for (FindingRoi& fitted : fitFindingRois(region, ctGrid, ctFrameUid)) {
            MeasuredFinding finding;
            finding.flagRank = region.rank;
            finding.plane = fitted.plane;
            finding.label = "Finding " + std::to_string(region.rank) + " " + toString(fitted.plane);
            finding.roi = std::move(fitted.roi);
            finding.measurements = measureInStudy(finding.roi, study, options);
            measured.push_back(std::move(finding));
        }
    }
    return measured;
}

nlohmann::json toJson(const MeasuredFinding& finding, const MeasureOptions& options) {
    nlohmann::json j = toJson(finding.roi);
    j["label"] = finding.label;
    j["flag_rank"] = finding.flagRank;
    j["plane"] = toString(finding.plane);
    j["measurements"] = nlohmann::json::array();
    for (const SeriesMeasurement& row : finding.measurements) {
        j["measurements"].push_back(toJson(row, options));
    }
    return j;
}

}  // namespace crosscheck
