#include "viewer/analysis/MeasureFinding.h"

#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/findings/FindingRois.h"
#include "core/volume/Volume.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/roi/AnnotationLayer.h"

namespace crosscheck::viewer {

std::vector<std::string> measureFinding(const DiscrepancyLayer& findings, int regionIndex,
                                        AnnotationLayer& annotations) {
    const auto& result = findings.result();
    if (!result || !findings.labels() || regionIndex < 0 ||
        regionIndex >= static_cast<int>(result->regions.size())) {
        return {};
    }
    const DiscrepancyRegion& region = result->regions[static_cast<std::size_t>(regionIndex)];
    // The analysis lives on the CT grid in the reference frame (the panes draw it there).
    std::vector<std::string> ids;
    for (const FindingRoi& fitted :
         fitFindingRois(region, findings.labels()->geometry(), annotations.referenceFrameUid())) {
        const std::string label =
            "Finding " + std::to_string(region.rank) + " " + toString(fitted.plane);
        ids.push_back(annotations.addNamedRoi(fitted.roi, label));
    }
    return ids;
}

}  // namespace crosscheck::viewer
