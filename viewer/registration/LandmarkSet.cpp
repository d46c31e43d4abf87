#include "viewer/registration/LandmarkSet.h"

#include <algorithm>

namespace crosscheck::viewer {

LandmarkSet::LandmarkSet(QObject* parent) : QObject(parent) {}

void LandmarkSet::reset(const std::string& referenceFrameUid) {
    m_reference = referenceFrameUid;
    clear();
}

bool LandmarkSet::add(const std::string& frameUid, const PatientPoint& pointInFrame) {
    if (frameUid == m_reference) {
        m_fixed.push_back(pointInFrame);
        m_order.push_back(true);
    } else {
        if (!m_movingFrame.empty() && frameUid != m_movingFrame && !m_moving.empty()) {
            return false;
        }
        m_movingFrame = frameUid;
        m_moving.push_back(pointInFrame);
        m_order.push_back(false);
    }
    emit changed();
    return true;
}

void LandmarkSet::undoLast() {
    if (m_order.empty()) {
        return;
    }
    if (m_order.back()) {
        m_fixed.pop_back();
    } else {
        m_moving.pop_back();
    }
    m_order.pop_back();
    emit changed();
}

void LandmarkSet::clear() {
    m_fixed.clear();
    m_moving.clear();
    m_order.clear();
    m_movingFrame.clear();
    emit changed();
}

std::vector<LandmarkPair> LandmarkSet::pairs() const {
    std::vector<LandmarkPair> out;
    const std::size_t n = std::min(m_fixed.size(), m_moving.size());
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back({m_fixed[i], m_moving[i], "L" + std::to_string(i + 1)});
    }
    return out;
}

}  // namespace crosscheck::viewer
