// The mouse and keyboard habits of radiology workstations (DOMAIN.md), as actions on
// the shared ViewState: wheel and arrows scroll slices, left-drag windows, a left click
// moves the cursor, right-drag and Ctrl+wheel zoom about the mouse, middle-drag pans. A left press
// first goes to the ROI tools (SlicePaneEditing.cpp), which take it when it is theirs.
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

namespace crosscheck::viewer {

namespace {
constexpr int kClickTolerancePx = 3;
constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 40.0;
const char* const kSeriesMime = "application/x-crosscheck-series";
}  // namespace

void SlicePane::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && beginRoiGesture(event->position())) {
        m_dragButton = Qt::NoButton;
        event->accept();
        return;
    }
    m_dragButton = event->button();
    m_pressPos = event->position().toPoint();
    m_lastPos = m_pressPos;
    m_dragged = false;
    event->accept();
}

void SlicePane::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    m_hoverPixel = event->position();
    if (hasSeries()) {
        const PatientPoint underMouse = widgetToPane(event->position());
        m_state->setProbe(isSynchronized() ? std::optional<PatientPoint>(underMouse)
                                           : std::nullopt);
    }
    if (m_gesture.active()) {
        continueRoiGesture(event->position());
        return;
    }
    if (m_annotations && (m_annotations->tool() == AnnotationLayer::Tool::Brush ||
                          m_annotations->tool() == AnnotationLayer::Tool::Eraser)) {
        update();  // the brush outline follows the mouse
    }
    if (m_dragButton == Qt::NoButton || !hasSeries()) {
        return;
    }
    if ((pos - m_pressPos).manhattanLength() > kClickTolerancePx) {
        m_dragged = true;
    }
    const QPoint delta = pos - m_lastPos;
    m_lastPos = pos;
    if (!m_dragged) {
        return;
    }
    if (m_dragButton == Qt::LeftButton) {
        // Horizontal drag changes the width, vertical the level, in proportion to the
        // current width so HU and MR scales feel the same.
        WindowLevel w = currentWindow();
        const double unit = std::max(w.width, 1.0) / 256.0;
        w.width = std::max(1.0, w.width + delta.x() * unit);
        w.level -= delta.y() * unit;
        setWindow(w);
    } else if (m_dragButton == Qt::RightButton) {
        zoomAbout(m_pressPos, std::exp(-delta.y() * 0.01));
    } else if (m_dragButton == Qt::MiddleButton) {
        ZoomPan zp = currentZoomPan();
        const double mmpp = mmPerPixel();
        zp.panRightMm -= delta.x() * mmpp;
        zp.panUpMm += delta.y() * mmpp;
        setZoomPan(zp);
    }
}

void SlicePane::mouseReleaseEvent(QMouseEvent* event) {
    if (m_gesture.active() && event->button() == Qt::LeftButton) {
        endRoiGesture(event->position());
        return;
    }
    if (event->button() == Qt::LeftButton && m_dragButton == Qt::LeftButton && !m_dragged &&
        hasSeries()) {
        setPaneCursor(widgetToPane(event->position()));
    }
    m_dragButton = Qt::NoButton;
    m_dragged = false;
}

void SlicePane::zoomAbout(const QPointF& pixel, double factor) {
    ZoomPan zp = currentZoomPan();
    const double newZoom = std::clamp(zp.zoom * factor, kMinZoom, kMaxZoom);
    // The point under the pixel stays put: the view centre moves towards it by the change
    // in mm per pixel times the pixel's distance from the widget's centre.
    const double before = mmPerPixel();
    const double after = before * zp.zoom / newZoom;
    const QPointF fromCentre = pixel - QPointF(0.5 * width(), 0.5 * height());
    zp.panRightMm += fromCentre.x() * (before - after);
    zp.panUpMm -= fromCentre.y() * (before - after);
    zp.zoom = newZoom;
    setZoomPan(zp);
}

void SlicePane::mouseDoubleClickEvent(QMouseEvent* event) {
    if (isDrawingPolygon()) {
        finishPolygon();
        return;
    }
    if (event->button() == Qt::LeftButton) {
        emit maximizeToggled(this);
    }
}

void SlicePane::wheelEvent(QWheelEvent* event) {
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0 || !hasSeries()) {
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
    if (handleNudgeKey(event)) {
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
        case Qt::Key_R:
            setZoomPan(ZoomPan{});
            setWindow(defaultWindow());
            break;
        case Qt::Key_Escape:
            m_gesture.clear();
            update();
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (isDrawingPolygon()) {
                finishPolygon();
            }
            break;
        case Qt::Key_BracketLeft:
        case Qt::Key_BracketRight:
            if (m_annotations) {
                const double factor = event->key() == Qt::Key_BracketRight ? 1.25 : 0.8;
                m_annotations->setBrushRadiusMm(m_annotations->brushRadiusMm() * factor);
                update();
            }
            break;
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
        setWindow(m_autoWindow);
        return;
    }
    const auto& presets = ctWindowPresets();
    if (number >= 1 && number <= static_cast<int>(presets.size())) {
        setWindow(presets[static_cast<std::size_t>(number - 1)].window);
    }
}

}  // namespace crosscheck::viewer
