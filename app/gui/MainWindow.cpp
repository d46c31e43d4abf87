#include "app/gui/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>

#include "app/gui/PaneGrid.h"
#include "core/volume/TestPattern.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/state/ViewState.h"

namespace crosscheck::app {

namespace {
// Pane i shows base values 100, 200, 300, 400 in a window of 0..500, so the centre
// pixel of each pane is a known grey (51, 102, 153, 204).
constexpr int kTestPatternSize = 101;
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_state(new viewer::ViewState(this)),
      m_grid(new PaneGrid(m_state, this)) {
    setWindowTitle(QStringLiteral("Crosscheck"));
    setCentralWidget(m_grid);
    buildMenus();
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::quit);
}

void MainWindow::showTestPatterns() {
    const ViewOrientation orientations[] = {ViewOrientation::Axial, ViewOrientation::Coronal,
                                            ViewOrientation::Sagittal, ViewOrientation::Axial};
    int index = 0;
    for (auto* pane : m_grid->panes()) {
        const auto base = static_cast<std::int16_t>(100 * (index + 1));
        viewer::PaneSeries series;
        series.volume = makeShellPattern(kTestPatternSize, base);
        series.description = QStringLiteral("test pattern %1").arg(index + 1);
        series.referenceToSeries = Eigen::Matrix4d::Identity();
        pane->setSeries(series);
        pane->setOrientation(orientations[index]);
        ++index;
    }
    m_state->setCursor(PatientPoint{});
    m_state->setWindow(viewer::WindowGroup::Other, WindowLevel{500.0, 250.0});
}

}  // namespace crosscheck::app
