#pragma once

#include <QImage>
#include <QString>
#include <QWidget>
#include <memory>
#include <vector>

class QGridLayout;

namespace crosscheck {
struct Study;
}

namespace crosscheck::viewer {
class SlicePane;
class ViewState;
}  // namespace crosscheck::viewer

namespace crosscheck::app {

/// The panes of the main window arranged as 1x1, 1x2, 2x2 or 1x4. Owns four panes
/// and shows the first rows x columns of them. Which series and orientation each pane
/// shows follows the view state's pane assignments (never the other way round): a series
/// dropped on a pane or a pane's orientation key writes the state, and the grid puts the
/// state into the panes.
class PaneGrid : public QWidget {
    Q_OBJECT
public:
    PaneGrid(viewer::ViewState* state, QWidget* parent = nullptr);

    /// Accepts "1x1", "1x2", "2x2", "1x4"; returns false (and changes nothing) otherwise.
    bool setLayoutName(const QString& name);
    QString layoutName() const { return m_layoutName; }

    const std::vector<viewer::SlicePane*>& panes() const { return m_panes; }

    /// The study the assignments name; every pane is filled again from it (a new study,
    /// a role or a transform changed), each with its series' transform and badge.
    void setStudy(std::shared_ptr<const Study> study);
    /// The study's voxels changed in place while it fills: every pane draws again.
    void refreshVoxels(bool complete);
    std::vector<viewer::SlicePane*> visiblePanes() const;

    /// The visible panes' framebuffers composed at their places in the grid. Grabbing
    /// each GL pane is required: QWidget::grab() of a window with GL panes is not correct.
    QImage grabComposed();

    /// Shows only this pane (double-click), or restores the layout when it is already alone.
    void toggleMaximized(viewer::SlicePane* pane);

private:
    void followState(bool all);

    viewer::ViewState* m_state;
    std::shared_ptr<const Study> m_study;
    QGridLayout* m_grid;
    std::vector<viewer::SlicePane*> m_panes;
    QString m_layoutName;
    viewer::SlicePane* m_maximized = nullptr;
};

}  // namespace crosscheck::app
