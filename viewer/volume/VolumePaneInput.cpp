// The 3D pane's mouse, keys and context menu: turn, pan, zoom, standard views, presets,
// picking.
#include <Eigen/Geometry>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>

#include "viewer/volume/VolumePane.h"

namespace crosscheck::viewer {

namespace {
/// A press and release closer than this (pixels) is a click (a pick), not a drag.
constexpr int kClickSlopPixels = 3;

std::optional<VolumePreset> presetForKey(int key) {
    switch (key) {
        case Qt::Key_1:
            return VolumePreset::Bone;
        case Qt::Key_2:
            return VolumePreset::SoftTissueAndBone;
        case Qt::Key_3:
            return VolumePreset::Mip;
        default:
            return std::nullopt;
    }
}

bool isPaneKey(const QKeyEvent* key) {
    if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) {
        return false;
    }
    return standardViewForKey(key->key()) || presetForKey(key->key()) ||
           key->key() == Qt::Key_Home || key->key() == Qt::Key_V;
}
}  // namespace

bool VolumePane::event(QEvent* event) {
    // The window's single-key shortcuts (L, K, ...) must not take this pane's view keys.
    if (event->type() == QEvent::ShortcutOverride && isPaneKey(static_cast<QKeyEvent*>(event))) {
        event->accept();
        return true;
    }
    return VtkRenderWidget::event(event);
}

void VolumePane::keyPressEvent(QKeyEvent* event) {
    if (!isPaneKey(event)) {
        VtkRenderWidget::keyPressEvent(event);
        return;
    }
    if (const auto view = standardViewForKey(event->key())) {
        showStandardView(*view);
    } else if (const auto preset = presetForKey(event->key())) {
        setPreset(*preset);
    } else if (event->key() == Qt::Key_V) {
        emit slicesRequested();
    } else {
        showStandardView(StandardView::Anterior);
    }
}

void VolumePane::mousePressEvent(QMouseEvent* event) {
    setFocus();
    if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton) {
        VtkRenderWidget::mousePressEvent(event);
        return;
    }
    m_pressPixel = event->position().toPoint();
    m_lastPixel = *m_pressPixel;
    m_dragButton = event->button();
    m_panning = event->button() == Qt::MiddleButton || (event->modifiers() & Qt::ShiftModifier);
    m_moved = false;
}

void VolumePane::mouseMoveEvent(QMouseEvent* event) {
    if (!m_pressPixel) {
        return;
    }
    const QPoint pixel = event->position().toPoint();
    if (!m_moved && (pixel - *m_pressPixel).manhattanLength() <= kClickSlopPixels) {
        return;
    }
    m_moved = true;
    const QPoint delta = pixel - m_lastPixel;
    m_lastPixel = pixel;
    if (m_panning) {
        Camera3d c = m_camera;
        const Eigen::Vector3d right = c.viewUp.cross(c.towardsViewer);
        const double mm = 1.0 / pixelsPerMm();
        c.focalMm += (-delta.x() * right + delta.y() * c.viewUp) * mm;
        setCamera(c);
    } else {
        rotateBy(delta.x(), delta.y());
    }
}

void VolumePane::mouseReleaseEvent(QMouseEvent* event) {
    if (!m_pressPixel || event->button() != m_dragButton) {
        return;
    }
    const bool click = !m_moved && m_dragButton == Qt::LeftButton;
    m_pressPixel.reset();
    m_dragButton = Qt::NoButton;
    if (click) {
        if (const auto hit = pickAt(event->position())) {
            m_state->setCursor(*hit);
        }
    }
}

void VolumePane::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        emit maximizeToggled(this);
    }
}

void VolumePane::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0) {
        return;
    }
    Camera3d c = m_camera;
    c.parallelScaleMm = std::clamp(c.parallelScaleMm * std::pow(0.85, steps), 2.0, 5000.0);
    setCamera(c);
}

void VolumePane::contextMenuEvent(QContextMenuEvent* event) {
    QMenu* menu = buildMenu();
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

QMenu* VolumePane::buildMenu() {
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("volumePaneMenu"));
    for (StandardView view :
         {StandardView::Anterior, StandardView::Posterior, StandardView::Left, StandardView::Right,
          StandardView::Superior, StandardView::Inferior}) {
        const QString name = QString::fromLatin1(toString(view));
        QAction* a = menu->addAction(tr("View from %1").arg(name), this,
                                     [this, view] { showStandardView(view); });
        a->setShortcut(QKeySequence(name.at(0).toUpper()));
    }
    menu->addAction(tr("Reset view"), this, [this] { showStandardView(StandardView::Anterior); })
        ->setShortcut(QKeySequence(Qt::Key_Home));
    menu->addSeparator();
    int key = 1;
    for (VolumePreset preset :
         {VolumePreset::Bone, VolumePreset::SoftTissueAndBone, VolumePreset::Mip}) {
        QAction* a = menu->addAction(QString::fromLatin1(toString(preset)), this,
                                     [this, preset] { setPreset(preset); });
        a->setCheckable(true);
        a->setChecked(this->preset() == preset);
        a->setShortcut(QKeySequence(QString::number(key++)));
    }
    menu->addSeparator();
    menu->addAction(tr("Render the CT"), this, [this] { emit roleRequested(SeriesRole::CT); });
    menu->addAction(tr("Render the sCT"), this, [this] { emit roleRequested(SeriesRole::sCT); });
    menu->addAction(tr("Show as slices"), this, [this] { emit slicesRequested(); })
        ->setShortcut(QKeySequence(Qt::Key_V));
    QAction* link = menu->addAction(tr("Link 3D cameras"), this,
                                    [this](bool on) { m_state->setLinkCamera3d(on); });
    link->setCheckable(true);
    link->setChecked(m_state->linkCamera3d());
    return menu;
}

}  // namespace crosscheck::viewer
