#include "viewer/analysis/DiscrepancyLayer.h"

#include <algorithm>

#include "core/analysis/RegionLabelVolume.h"

namespace crosscheck::viewer {

DiscrepancyLayer::DiscrepancyLayer(QObject* parent) : QObject(parent) {}

void DiscrepancyLayer::setResult(std::shared_ptr<const DiscrepancyResult> result) {
    m_result = std::move(result);
    m_labels = m_result ? regionLabelVolume(m_result->difference->ct().geometry(), m_result->regions) : nullptr;
    emit changed();
}

void DiscrepancyLayer::clear() { setResult(nullptr); }

int DiscrepancyLayer::missedDenseCount() const {
    if (!m_result) {
        return 0;
    }
    return static_cast<int>(std::count_if(m_result->regions.begin(), m_result->regions.end(), [](const auto& r) {
        return r.kind == DiscrepancyKind::CtDenseSctNot;
    }));
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
