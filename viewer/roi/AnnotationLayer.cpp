#include "viewer/roi/AnnotationLayer.h"

#include <QtGlobal>
#include <algorithm>
#include <stdexcept>

#include "core/roi/RoiEditing.h"
#include "viewer/tools/ToolRegistry.h"

namespace crosscheck::viewer {

AnnotationLayer::AnnotationLayer(QObject* parent) : QObject(parent) {
    reset({});
}

AnnotationLayer::~AnnotationLayer() = default;

void AnnotationLayer::reset(const std::string& referenceFrameUid) {
    m_history = std::make_unique<AnnotationHistory>();
    m_listener = m_history->addListener([this](const AnnotationChange& change) {
        // Undoing the selected ROI's creation leaves nothing to point at.
        if (change.kind != AnnotationChange::Kind::Modified && !m_selected.empty() &&
            !m_history->find(m_selected)) {
            m_selected.clear();
        }
        emit changed();
    });
    m_frame = referenceFrameUid;
    m_selected.clear();
    m_nextLabel = 1;
    emit changed();
}

bool AnnotationLayer::setTool(const std::string& toolId) {
    if (ToolRegistry::find(toolId) == nullptr) {
        qWarning("No tool has the id \"%s\"", toolId.c_str());
        return false;
    }
    if (toolId != m_tool) {
        m_tool = toolId;
        emit toolChanged(m_tool);
    }
    return true;
}

void AnnotationLayer::setBrushRadiusMm(double radiusMm) {
    const double clamped = std::clamp(radiusMm, kMinBrushRadiusMm, kMaxBrushRadiusMm);
    if (clamped != m_brushRadiusMm) {
        m_brushRadiusMm = clamped;
        emit brushRadiusChanged(clamped);
    }
}

std::optional<Roi> AnnotationLayer::inReferenceFrame(const Roi& roi) const {
    if (roi.frameOfReferenceUid == m_frame) {
        return roi;
    }
    if (!m_transforms) {
        return std::nullopt;
    }
    const auto toReference = m_transforms->transform(roi.frameOfReferenceUid, m_frame);
    if (!toReference) {
        return std::nullopt;
    }
    return roi.transformed(*toReference, m_frame);
}

const Annotation* AnnotationLayer::selected() const {
    return m_selected.empty() ? nullptr : m_history->find(m_selected);
}

void AnnotationLayer::select(const std::string& id) {
    if (id != m_selected) {
        m_selected = id;
        emit changed();
    }
}

std::string AnnotationLayer::addRoi(const Roi& roi, std::uint64_t mergeKey) {
    // After a session was opened its "ROI n" labels are taken: number on from the highest.
    for (const Annotation& a : m_history->annotations()) {
        if (a.label.rfind("ROI ", 0) == 0) {
            try {
                m_nextLabel = std::max(m_nextLabel, std::stoi(a.label.substr(4)) + 1);
            } catch (const std::exception&) {
            }
        }
    }
    Annotation annotation;
    annotation.label = "ROI " + std::to_string(m_nextLabel++);
    annotation.roi = roi;
    m_selected = m_history->add(annotation, mergeKey);
    emit changed();
    return m_selected;
}

std::string AnnotationLayer::addNamedRoi(const Roi& roi, const std::string& label) {
    Annotation annotation;
    annotation.label = label;
    annotation.roi = roi;
    m_selected = m_history->add(annotation);
    emit changed();
    return m_selected;
}

std::vector<std::string> AnnotationLayer::addNamedRois(
    const std::vector<std::pair<Roi, std::string>>& rois, const std::string& text) {
    std::vector<Annotation> annotations;
    for (const auto& [roi, label] : rois) {
        Annotation annotation;
        annotation.label = label;
        annotation.roi = roi;
        annotations.push_back(std::move(annotation));
    }
    const std::vector<std::string> ids = m_history->addGroup(std::move(annotations), text);
    if (!ids.empty()) {
        m_selected = ids.front();
        emit changed();
    }
    return ids;
}

bool AnnotationLayer::modifyRoi(const std::string& id, const Roi& roi, std::uint64_t mergeKey) {
    const Annotation* current = m_history->find(id);
    if (!current) {
        return false;
    }
    Annotation updated = *current;
    updated.roi = roi;
    return m_history->modify(updated, mergeKey);
}

bool AnnotationLayer::removeSelected() {
    if (m_selected.empty()) {
        return false;
    }
    const bool removed = m_history->remove(m_selected);
    m_selected.clear();
    return removed;
}

std::string AnnotationLayer::copySelected(const Eigen::Vector3d& offsetMm) {
    const Annotation* source = selected();
    if (!source) {
        return {};
    }
    Annotation copy;
    copy.label = source->label + " (copy)";
    copy.roi = translatedRoi(source->roi, offsetMm);
    m_selected = m_history->add(copy);
    emit changed();
    return m_selected;
}

}  // namespace crosscheck::viewer
