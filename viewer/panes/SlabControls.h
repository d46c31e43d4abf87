#pragma once

#include <QObject>

class QActionGroup;
class QComboBox;
class QDoubleSpinBox;
class QMenu;
class QToolBar;

namespace crosscheck {
enum class SlabMode;
}

namespace crosscheck::viewer {

class ViewState;

/// The thick-slab controls of the main window: View > Slab (thin slice, MIP, MinIP, mean;
/// I cycles them; = and - make the slab 5 mm thicker or thinner) and, on a toolbar, a mode
/// box and a thickness box (mm). They only write the view state's slab and follow it, so
/// every pane, the menu and the toolbar agree however the slab was changed (Shift + wheel
/// in a pane, a session restored).
class SlabControls : public QObject {
    Q_OBJECT
public:
    SlabControls(ViewState* state, QObject* parent);

    /// Adds the Slab submenu to `view` and returns it.
    QMenu* addMenu(QMenu* view);
    /// Adds the mode and thickness boxes to `bar`.
    void addToToolBar(QToolBar* bar);

    /// Thin, MIP, MinIP, mean, thin again: what the I key steps through.
    static SlabMode nextMode(SlabMode mode);

private:
    void setMode(SlabMode mode);
    void stepThickness(double deltaMm);
    void follow();

    ViewState* m_state;
    QActionGroup* m_modes = nullptr;
    QComboBox* m_modeBox = nullptr;
    QDoubleSpinBox* m_thicknessBox = nullptr;
};

}  // namespace crosscheck::viewer
