#pragma once

#include <QMainWindow>

namespace crosscheck::viewer {
class ViewState;
}

namespace crosscheck::app {

class PaneGrid;

/// The Crosscheck main window: the pane grid in the centre, menus around it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    PaneGrid* paneGrid() const { return m_grid; }
    viewer::ViewState* viewState() const { return m_state; }
    /// Fills each pane with its own shell test pattern (no study loaded yet).
    void showTestPatterns();

private:
    void buildMenus();

    viewer::ViewState* m_state;
    PaneGrid* m_grid;
};

}  // namespace crosscheck::app
