// The "Profile and histogram" dock: the line profile of the selected ruler or the
// histograms of the selected area ROI, following the annotation layer.
#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>

#include "app/gui/MainWindow.h"
#include "viewer/charts/RoiChartsPanel.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/MeasurementTable.h"

namespace crosscheck::app {

void MainWindow::buildChartsDock() {
    m_charts = new viewer::RoiChartsPanel(m_annotations, this);
    auto* dock = new QDockWidget(tr("Profile and histogram"), this);
    dock->setObjectName(QStringLiteral("chartsDock"));
    dock->setWidget(m_charts);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide();
    connect(m_measurements, &viewer::MeasurementTable::measureOptionsChanged, this, [this] {
        m_charts->setVisibleThresholdHu(m_measurements->measureOptions().visibleThresholdHu);
    });
    // Shown once, when the first annotation appears; after that the user decides (F4).
    connect(m_annotations, &viewer::AnnotationLayer::changed, this,
            [this, dock, shownOnce = false]() mutable {
                if (!shownOnce && !m_annotations->history().annotations().empty()) {
                    shownOnce = true;
                    dock->show();
                }
            });

    QMenu* view = nullptr;
    for (QAction* action : menuBar()->actions()) {
        if (action->menu() && action->menu()->title() == tr("&View")) {
            view = action->menu();
        }
    }
    if (!view) {
        view = menuBar()->addMenu(tr("&View"));
    }
    QAction* toggle = view->addAction(tr("Profile and histogram"));
    toggle->setShortcut(QKeySequence(Qt::Key_F4));
    connect(toggle, &QAction::triggered, this, [dock] { dock->setVisible(!dock->isVisible()); });
}

}  // namespace crosscheck::app
