#include "viewer/state/ViewState.h"

#include <QTimer>
#include <algorithm>

namespace crosscheck::viewer {

WindowGroup windowGroupOf(SeriesRole role) {
    switch (role) {
        case SeriesRole::CT:
        case SeriesRole::sCT:
            return WindowGroup::Hounsfield;
        case SeriesRole::T1w:
            return WindowGroup::T1w;
        case SeriesRole::T2w:
            return WindowGroup::T2w;
        case SeriesRole::Other:
            return WindowGroup::Other;
    }
    return WindowGroup::Other;
}

ViewState::ViewState(QObject* parent) : QObject(parent) {}

void ViewState::setCursor(const PatientPoint& referencePoint) {
    m_cursor = referencePoint;
    markChanged(CursorChanged);
}

ZoomPan ViewState::zoomPan(ViewOrientation orientation) const {
    const auto it = m_zoomPan.find(orientation);
    return it == m_zoomPan.end() ? ZoomPan{} : it->second;
}

void ViewState::setZoomPan(ViewOrientation orientation, const ZoomPan& zoomPan) {
    m_zoomPan[orientation] = zoomPan;
    markChanged(ZoomPanChanged);
}

std::optional<ViewField> ViewState::field(ViewOrientation orientation) const {
    const auto it = m_fields.find(orientation);
    if (it == m_fields.end()) {
        return std::nullopt;
    }
    return it->second;
}

void ViewState::setField(ViewOrientation orientation, const ViewField& field) {
    m_fields[orientation] = field;
    markChanged(ZoomPanChanged);
}

void ViewState::clearFields() {
    m_fields.clear();
    markChanged(ZoomPanChanged);
}

std::optional<WindowLevel> ViewState::window(WindowGroup group) const {
    const auto it = m_windows.find(group);
    if (it == m_windows.end()) {
        return std::nullopt;
    }
    return it->second;
}

void ViewState::setWindow(WindowGroup group, const WindowLevel& window) {
    m_windows[group] = window;
    markChanged(WindowChanged);
}

void ViewState::setProbe(const std::optional<PatientPoint>& referencePoint) {
    m_probe = referencePoint;
    markChanged(ProbeChanged);
}

void ViewState::setLinkCursor(bool on) {
    m_linkCursor = on;
    markChanged(LinksChanged);
}

void ViewState::setLinkZoomPan(bool on) {
    m_linkZoomPan = on;
    markChanged(LinksChanged);
}

void ViewState::setLinkWindow(bool on) {
    m_linkWindow = on;
    markChanged(LinksChanged);
}

PaneAssignment ViewState::paneAssignment(int pane) const {
    if (pane < 0 || pane >= kPaneCount) {
        return {};
    }
    return m_panes[static_cast<std::size_t>(pane)];
}

void ViewState::setPaneAssignment(int pane, const PaneAssignment& assignment) {
    if (pane < 0 || pane >= kPaneCount || m_panes[static_cast<std::size_t>(pane)] == assignment) {
        return;
    }
    m_panes[static_cast<std::size_t>(pane)] = assignment;
    markChanged(PanesChanged);
}

void ViewState::setPaneSeries(int pane, const QString& seriesInstanceUid) {
    PaneAssignment assignment = paneAssignment(pane);
    if (assignment.seriesInstanceUid != seriesInstanceUid) {
        assignment.seriesInstanceUid = seriesInstanceUid;
        assignment.volume = 0;
    }
    setPaneAssignment(pane, assignment);
}

void ViewState::setPaneVolume(int pane, int volume) {
    PaneAssignment assignment = paneAssignment(pane);
    assignment.volume = volume;
    setPaneAssignment(pane, assignment);
}

void ViewState::setPaneOrientation(int pane, ViewOrientation orientation) {
    PaneAssignment assignment = paneAssignment(pane);
    assignment.orientation = orientation;
    setPaneAssignment(pane, assignment);
}

QString slabModeLabel(SlabMode mode) {
    switch (mode) {
        case SlabMode::Thin:
            return QStringLiteral("Thin");
        case SlabMode::Max:
            return QStringLiteral("MIP");
        case SlabMode::Min:
            return QStringLiteral("MinIP");
        case SlabMode::Mean:
            return QStringLiteral("Mean");
    }
    return QStringLiteral("Thin");
}

void ViewState::setSlab(const Slab& slab) {
    Slab clamped = slab;
    clamped.thicknessMm =
        std::clamp(slab.thicknessMm, Slab::kMinThicknessMm, Slab::kMaxThicknessMm);
    if (clamped == m_slab) {
        return;
    }
    m_slab = clamped;
    markChanged(SlabChanged);
}

void ViewState::setPaneKind(int pane, PaneKind kind) {
    PaneAssignment assignment = paneAssignment(pane);
    assignment.kind = kind;
    setPaneAssignment(pane, assignment);
}

void ViewState::setCamera3d(const Camera3d& camera) {
    if (m_camera3d == camera) {
        return;
    }
    m_camera3d = camera;
    markChanged(Camera3dChanged);
}

void ViewState::clearCamera3d() {
    if (m_camera3d) {
        m_camera3d.reset();
        markChanged(Camera3dChanged);
    }
}

void ViewState::setLinkCamera3d(bool on) {
    m_linkCamera3d = on;
    markChanged(LinksChanged);
}

void ViewState::markChanged(Change change) {
    const bool wasIdle = m_pending == 0;
    m_pending |= change;
    if (wasIdle) {
        QTimer::singleShot(0, this, &ViewState::flush);
    }
}

void ViewState::flush() {
    const unsigned changes = m_pending;
    m_pending = 0;
    if (changes != 0) {
        emit changed(changes);
    }
}

}  // namespace crosscheck::viewer
