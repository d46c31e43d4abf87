#include "app/gui/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>

#include "app/gui/PaneGrid.h"
#include "core/volume/TestPattern.h"
#include "viewer/panes/SlicePane.h"

namespace crosscheck::app {

namespace {
// Pane i shows base values 100, 200, 300, 400 in a window of 0..500, so the centre
// pixel of each pane is a known grey (51, 102, 153, 204).
constexpr int kTestPatternSize = 101;
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_grid(new PaneGrid(this)) {
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
        pane->setVolume(makeShellPattern(kTestPatternSize, base));
        pane->setOrientation(orientations[index]);
        pane->setCursor(PatientPoint{});
        pane->setWindowLevel(500.0, 250.0);
        ++index;
    }
}

}  // namespace crosscheck::app
