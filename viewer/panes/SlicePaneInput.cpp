// The mouse and keyboard habits of radiology workstations (docs/domain.md), as actions on
// the shared ViewState: wheel and arrows scroll slices, keys pick the orientation and
// window presets, Alt + arrows nudge the registration. Mouse buttons go to the active tool
// (viewer/tools), what it declines to the pane's navigation (PaneNavigation: left-drag
// windows, a left click moves the cursor, right-drag zooms, middle-drag pans).
#include <Eigen/Geometry>
#include <QAbstractItemView>
#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>

#include "viewer/panes/SlicePane.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/BrushTool.h"

namespace crosscheck::viewer {

namespace {
const char* const kSeriesMime = "application/x-crosscheck-series";
}  // namespace

void SlicePane::mousePressEvent(QMouseEvent* event) {
    if (m_tool->press(*this, *event)) {
        m_navigation.cancel();
    } else {
        m_navigation.press(*this, *event);
    }
    event->accept();
}

void SlicePane::mouseMoveEvent(QMouseEvent* event) {
    m_hoverPixel = event->position();
    if (hasSeries()) {
        const PatientPoint underMouse = widgetToPane(event->position());
        m_state->setProbe(isSynchronized() ? std::optional<PatientPoint>(underMouse)
                                           : std::nullopt);
    }
    if (!m_tool->move(*this, *event)) {
        m_navigation.move(*this, *event);
    }
}

void SlicePane::mouseReleaseEvent(QMouseEvent* event) {
    if (!m_tool->release(*this, *event)) {
        m_navigation.release(*this, *event);
    }
}

void SlicePane::mouseDoubleClickEvent(QMouseEvent* event) {
    if (m_tool->doubleClick(*this, *event)) {
        return;
    }
    if (event->button() == Qt::LeftButton) {
        emit maximizeToggled(this);
    }
}

void SlicePane::wheelEvent(QWheelEvent* event) {
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0 || !(hasSeries() || hasPicture())) {
        handleSlabWheel(event);  // Shift + wheel may come as a horizontal wheel
        return;
    }
    if (hasSeries() && handleSlabWheel(event)) {
        return;
    }
    if (event->modifiers() & Qt::ControlModifier) {
        zoomAbout(event->position(), std::pow(1.15, notches));
    } else {
        stepSlices(notches);
    }
    event->accept();
}

bool SlicePane::handleNudgeKey(QKeyEvent* event) {
    if (!(event->modifiers() & Qt::AltModifier) || !hasSeries() || !isSynchronized()) {
        return false;
    }
    constexpr double kStepMm = 0.5;
    constexpr double kStepDegrees = 0.5;
    const ViewPlane plane = ViewPlane::standard(m_orientation);
    Eigen::Vector3d translation = Eigen::Vector3d::Zero();
    double degrees = 0.0;
    switch (event->key()) {
        case Qt::Key_Left:
            translation = -kStepMm * plane.right;
            break;
        case Qt::Key_Right:
            translation = kStepMm * plane.right;
            break;
        case Qt::Key_Up:
            translation = kStepMm * plane.up;
            break;
        case Qt::Key_Down:
            translation = -kStepMm * plane.up;
            break;
        case Qt::Key_PageUp:
            degrees = kStepDegrees;
            break;
        case Qt::Key_PageDown:
            degrees = -kStepDegrees;
            break;
        default:
            return false;
    }
    // A turn about the pane's normal through the cursor, or a shift in the pane's plane.
    const Eigen::Vector3d pivot = paneCursor().mm;
    const Eigen::Matrix3d rotation =
        Eigen::AngleAxisd(degrees * 3.14159265358979323846 / 180.0, plane.normal)
            .toRotationMatrix();
    Eigen::Matrix4d delta = Eigen::Matrix4d::Identity();
    delta.topLeftCorner<3, 3>() = rotation;
    delta.block<3, 1>(0, 3) = pivot - rotation * pivot + translation;
    emit nudgeRequested(m_series.seriesInstanceUid, delta);
    return true;
}

void SlicePane::keyPressEvent(QKeyEvent* event) {
    // The brush radius keys ([ and ]) work under every tool; the pane only routes them.
    if (handleNudgeKey(event) || m_tool->key(*this, *event) ||
        BrushTool::radiusKey(*this, *event)) {
        event->accept();
        return;
    }
    switch (event->key()) {
        case Qt::Key_Up:
            stepSlices(1);
            break;
        case Qt::Key_Down:
            stepSlices(-1);
            break;
        case Qt::Key_PageUp:
            stepSlices(10);
            break;
        case Qt::Key_PageDown:
            stepSlices(-10);
            break;
        case Qt::Key_A:
            setOrientation(ViewOrientation::Axial);
            break;
        case Qt::Key_S:
            setOrientation(ViewOrientation::Sagittal);
            break;
        case Qt::Key_C:
            setOrientation(ViewOrientation::Coronal);
            break;
        case Qt::Key_V:
            emit renderIn3dRequested();
            break;
        case Qt::Key_Comma:
            requestVolumeStep(-1);
            break;
        case Qt::Key_Period:
            requestVolumeStep(1);
            break;
        case Qt::Key_R:
            setZoomPan(ZoomPan{});
            setWindow(defaultWindow());
            break;
        case Qt::Key_Escape:
            m_tool->cancel();
            update();
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            break;  // the polygon tool's, when it draws one
        default:
            if (event->key() >= Qt::Key_1 && event->key() <= Qt::Key_9) {
                applyPreset(event->key() - Qt::Key_0);
                break;
            }
            VtkRenderWidget::keyPressEvent(event);
            return;
    }
    event->accept();
}

void SlicePane::enterEvent(QEnterEvent* event) {
    // Keys act on the pane under the mouse, as on radiology workstations: focus follows
    // the mouse into a pane, also from the toolbar's controls, but not from another window
    // (a dialog) or from a table cell being edited (a name half typed).
    QWidget* focused = QApplication::focusWidget();
    const bool editingACell =
        focused != nullptr && focused->parentWidget() != nullptr &&
        qobject_cast<QAbstractItemView*>(focused->parentWidget()->parentWidget()) != nullptr;
    if (focused == nullptr || (focused->window() == window() && !editingACell)) {
        setFocus(Qt::MouseFocusReason);
    }
    VtkRenderWidget::enterEvent(event);
}

void SlicePane::focusInEvent(QFocusEvent* event) {
    update();  // the focus frame
    VtkRenderWidget::focusInEvent(event);
}

void SlicePane::focusOutEvent(QFocusEvent* event) {
    update();
    VtkRenderWidget::focusOutEvent(event);
}

void SlicePane::leaveEvent(QEvent* event) {
    m_state->setProbe(std::nullopt);
    m_hoverPixel.reset();
    update();
    VtkRenderWidget::leaveEvent(event);
}

void SlicePane::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(QLatin1String(kSeriesMime))) {
        event->acceptProposedAction();
    }
}

void SlicePane::dropEvent(QDropEvent* event) {
    const QByteArray uid = event->mimeData()->data(QLatin1String(kSeriesMime));
    if (!uid.isEmpty()) {
        emit seriesDropped(QString::fromUtf8(uid));
        event->acceptProposedAction();
    }
}

void SlicePane::applyPreset(int number) {
    if (!hasSeries()) {
        return;
    }
    if (!isHounsfield(m_series.role)) {
        // MR has no absolute scale: every preset key means the automatic window.
        setWindow(autoWindow());
        return;
    }
    const auto& presets = ctWindowPresets();
    if (number >= 1 && number <= static_cast<int>(presets.size())) {
        setWindow(presets[static_cast<std::size_t>(number - 1)].window);
    }
}

}  // namespace crosscheck::viewer
