#include "viewer/roi/AnnotationLayer.h"

namespace crosscheck::viewer {

AnnotationLayer::AnnotationLayer(QObject* parent) : QObject(parent) {
    reset({});
}

AnnotationLayer::~AnnotationLayer() = default;

void AnnotationLayer::reset(const std::string& referenceFrameUid) {
    m_history = std::make_unique<AnnotationHistory>();
    m_listener = m_history->addListener([this](const AnnotationChange&) { emit changed(); });
    m_frame = referenceFrameUid;
    m_selected.clear();
    m_nextLabel = 1;
    emit changed();
}

void AnnotationLayer::setTool(Tool tool) {
    if (tool != m_tool) {
        m_tool = tool;
        emit toolChanged(tool);
    }
}

void AnnotationLayer::select(const std::string& id) {
    m_selected = id;
    emit changed();
}

std::string AnnotationLayer::addRoi(const Roi& roi) {
    Annotation annotation;
    annotation.label = "ROI " + std::to_string(m_nextLabel++);
    annotation.roi = roi;
    m_selected = m_history->add(annotation);
    emit changed();
    return m_selected;
}

bool AnnotationLayer::removeSelected() {
    if (m_selected.empty()) {
        return false;
    }
    const bool removed = m_history->remove(m_selected);
    m_selected.clear();
    return removed;
}

}  // namespace crosscheck::viewer
