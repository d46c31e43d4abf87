#pragma once

#include <QImage>
#include <QString>
#include <QWidget>
#include <memory>
#include <vector>

#include "core/vocabulary/SeriesRole.h"
#include "viewer/state/ViewState.h"

class QGridLayout;

namespace crosscheck {
struct Study;
}

namespace crosscheck::viewer {
class SlicePane;
class ViewState;
class VolumePane;
class VtkRenderWidget;
}  // namespace crosscheck::viewer

namespace crosscheck::app {

/// The panes of the main window arranged as 1x1, 1x2, 2x2 or 1x4. Owns four slice panes
/// and four 3D panes, one of each per position, and shows the first rows x columns
/// positions, each with the kind of pane its assignment names. Which series and orientation
/// each pane shows follows the view state's pane assignments (never the other way round):
/// a series dropped on a pane or a pane's orientation key writes the state, and the grid
/// puts the state into the panes. The layout "2x2-3d" is 2x2 with its own assignments
/// (CT, sCT, T2w, a 3D rendering of the CT; viewer/study/LayoutPresets), written into the
/// state whenever a study is shown in it.
class PaneGrid : public QWidget {
    Q_OBJECT
public:
    PaneGrid(viewer::ViewState* state, QWidget* parent = nullptr);

    /// Accepts "1x1", "1x2", "2x2", "1x4", "2x2-3d"; returns false (and changes nothing)
    /// otherwise. Leaving "2x2-3d" turns its 3D position back into the default slice pane.
    bool setLayoutName(const QString& name);
    QString layoutName() const { return m_layoutName; }

    const std::vector<viewer::SlicePane*>& panes() const { return m_panes; }
    /// The 3D pane of each position (shown where the assignment's kind is Volume3d).
    const std::vector<viewer::VolumePane*>& volumePanes() const { return m_volumePanes; }

    /// The study the assignments name; every pane is filled again from it (a new study,
    /// a role or a transform changed), each with its series' transform and badge.
    void setStudy(std::shared_ptr<const Study> study);
    /// The study's voxels changed in place while it fills: every pane draws again.
    void refreshVoxels(bool complete);
    /// The visible slice panes (not the 3D ones).
    std::vector<viewer::SlicePane*> visiblePanes() const;
    /// Every visible pane, slice and 3D, in position order.
    std::vector<viewer::VtkRenderWidget*> visibleRenderWidgets() const;

    /// The visible panes' framebuffers composed at their places in the grid. Grabbing
    /// each GL pane is required: QWidget::grab() of a window with GL panes is not correct.
    QImage grabComposed();

    /// Shows the series of `position` as slices or rendered in 3D (V in a pane), in any
    /// layout; a colour picture stays flat.
    void setPaneKind(int position, viewer::PaneKind kind);

    /// Shows only this pane (double-click), or restores the layout when it is already alone.
    void toggleMaximized(QWidget* pane);

private:
    void followState(bool all);
    /// Puts the widget of each shown position's kind into the grid.
    void relayout();
    QWidget* widgetAt(int position) const;
    /// Writes the preset's assignments (layout "2x2-3d") into the state: always, or only
    /// when they differ from those last applied (another study, other roles).
    void applyPreset(bool always);
    /// The 3D pane at `position` asks for the study's series of `role`.
    void renderRole(int position, SeriesRole role);

    viewer::ViewState* m_state;
    std::shared_ptr<const Study> m_study;
    QGridLayout* m_grid;
    std::vector<viewer::SlicePane*> m_panes;
    std::vector<viewer::VolumePane*> m_volumePanes;
    QString m_layoutName;
    std::vector<viewer::PaneAssignment> m_appliedPreset;
    int m_rows = 2;
    int m_columns = 2;
    QWidget* m_maximized = nullptr;
};

}  // namespace crosscheck::app
