#include "app/cli/AnalyzeRoiMetrics.h"

#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/findings/RoiAgreement.h"
#include "core/roi/RoiJson.h"

namespace crosscheck::cli {

std::vector<MetricsRoi> readMetricsRois(const std::vector<std::string>& paths) {
    std::vector<MetricsRoi> rois;
    for (const std::string& path : paths) {
        rois.push_back({path, readRoiFile(path)});
    }
    return rois;
}

nlohmann::json roiMetricsJson(const std::vector<MetricsRoi>& rois,
                              const DifferenceVolume& difference, const FrameTransforms& transforms,
                              const std::string& ctFrameUid) {
    nlohmann::json out = nlohmann::json::array();
    for (const MetricsRoi& r : rois) {
        const std::optional<DiscrepancyMetrics> metrics =
            agreementInRoi(difference, r.roi, transforms, ctFrameUid, "roi: " + r.path);
        nlohmann::json j = {{"roi", r.path}};
        j["metrics"] = metrics ? toJson(*metrics) : nlohmann::json(nullptr);
        if (!metrics) {
            j["warning"] = "no transform";
        }
        out.push_back(j);
    }
    return out;
}

}  // namespace crosscheck::cli
