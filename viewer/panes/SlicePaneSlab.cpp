// The thick slab in a pane (issue 20): MIP, MinIP or mean over the view state's slab
// around the cursor's plane, drawn by SlabSlice in place of the thin slice, in any
// orientation and for any series; Shift + wheel changes the thickness. The thin paths
// (the series' own slice, the resampled plane) are left as they are when the slab is off.
#include <QWheelEvent>
#include <cmath>

#include "viewer/panes/SlicePane.h"

namespace crosscheck::viewer {

namespace {
/// Shift + one wheel notch (and the - and = keys) change the thickness by this much.
constexpr double kThicknessStepMm = 5.0;
}  // namespace

bool SlicePane::updateSlab() {
    const Slab& slab = m_state->slab();
    m_showsSlab = slab.isOn() && hasSeries();
    if (!m_showsSlab) {
        m_slab.hide();
        return false;
    }
    m_slice->VisibilityOff();
    m_nativeSlice->VisibilityOff();
    m_showsNative = false;
    // One sample per slice of the series along the normal (for an oblique plane, the
    // distance that advances the index by one on the axis nearest the normal).
    m_slab.show(planeLayout(), slab.mode, slab.thicknessMm, sliceStepMm());
    return true;
}

QString SlicePane::slabOverlayLine() const {
    const Slab& slab = m_state->slab();
    return tr("%1 %2 mm").arg(slabModeLabel(slab.mode)).arg(slab.thicknessMm, 0, 'f', 0);
}

bool SlicePane::handleSlabWheel(QWheelEvent* event) {
    if (!(event->modifiers() & Qt::ShiftModifier) || !m_state->slab().isOn()) {
        return false;
    }
    // Some platforms turn a wheel with Shift held into a horizontal one.
    const QPoint delta = event->angleDelta();
    const double notches = (delta.y() != 0 ? delta.y() : delta.x()) / 120.0;
    if (notches == 0.0) {
        return false;
    }
    Slab slab = m_state->slab();
    slab.thicknessMm = std::round(slab.thicknessMm + notches * kThicknessStepMm);
    m_state->setSlab(slab);
    event->accept();
    return true;
}

}  // namespace crosscheck::viewer
