#include "viewer/analysis/DiscrepancyLayer.h"

#include "core/analysis/MissedRegions.h"

#include <algorithm>

#include "core/analysis/RegionExtraction.h"
#include "core/analysis/RegionLabelVolume.h"

namespace crosscheck::viewer {

DiscrepancyLayer::DiscrepancyLayer(QObject* parent) : QObject(parent) {}

void DiscrepancyLayer::setResult(std::shared_ptr<const DiscrepancyResult> result,
                                 const DiscrepancyInputs& inputs,
                                 const DiscrepancyThresholds& thresholds) {
    m_result = std::move(result);
    m_inputs = inputs;
    m_thresholds = thresholds;
    m_labels = m_result
                   ? regionLabelVolume(m_result->difference->ct().geometry(), m_result->regions)
                   : nullptr;
    emit changed();
}

void DiscrepancyLayer::clear() {
    setResult(nullptr);
}

void DiscrepancyLayer::setThresholds(const DiscrepancyThresholds& thresholds) {
    if (!m_result) {
        m_thresholds = thresholds;
        return;
    }
    auto result = std::make_shared<DiscrepancyResult>(*m_result);
    const DifferenceVolume& difference = *result->difference;
    result->regions = extractRegions(difference, thresholds);
    assessMrVisibility(result->regions, difference.ct().geometry(), difference.domain(),
                       m_inputs.mr);
    setResult(result, m_inputs, thresholds);
}

int DiscrepancyLayer::missedDenseCount() const {
    if (!m_result) {
        return 0;
    }
    return countMissed(m_result->regions);
}

void DiscrepancyLayer::setDifferenceOpacity(double opacity) {
    m_opacity = std::clamp(opacity, 0.0, 1.0);
    emit changed();
}

void DiscrepancyLayer::setShowDifference(bool on) {
    m_showDifference = on;
    emit changed();
}

}  // namespace crosscheck::viewer
