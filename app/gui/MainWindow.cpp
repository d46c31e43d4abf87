#include "app/gui/MainWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

#include "app/gui/PaneGrid.h"
#include "app/gui/SessionController.h"
#include "core/model/Study.h"
#include "core/volume/TestPattern.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/analysis/FindingsPanel.h"
#include "viewer/browser/SeriesBrowser.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/registration/LandmarkSet.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/MeasurementTable.h"
#include "viewer/state/ViewState.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::app {

namespace {
// Pane i shows base values 100, 200, 300, 400 in a window of 0..500, so the centre
// pixel of each pane is a known grey (51, 102, 153, 204).
constexpr int kTestPatternSize = 101;
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_state(new viewer::ViewState(this)),
      m_grid(new PaneGrid(m_state, this)),
      m_browser(new viewer::SeriesBrowser(this)),
      m_discrepancy(new viewer::DiscrepancyLayer(this)),
      m_findings(new viewer::FindingsPanel(m_discrepancy, this)),
      m_annotations(new viewer::AnnotationLayer(this)),
      m_measurements(new viewer::MeasurementTable(m_annotations, this)) {
    setWindowTitle(QStringLiteral("Crosscheck"));
    m_landmarks = new viewer::LandmarkSet(this);
    setCentralWidget(m_grid);
    auto* dock = new QDockWidget(tr("Series"), this);
    dock->setObjectName(QStringLiteral("seriesDock"));
    dock->setWidget(m_browser);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    dock->hide();
    auto* findingsDock = new QDockWidget(tr("CT vs sCT findings"), this);
    findingsDock->setObjectName(QStringLiteral("findingsDock"));
    findingsDock->setWidget(m_findings);
    addDockWidget(Qt::RightDockWidgetArea, findingsDock);
    findingsDock->hide();
    connect(
        m_findings, &viewer::FindingsPanel::findingActivated, this,
        [this](const Eigen::Vector3d& centroid) { m_state->setCursor(PatientPoint{centroid}); });
    auto* measurementDock = new QDockWidget(tr("Measurements"), this);
    measurementDock->setObjectName(QStringLiteral("measurementDock"));
    measurementDock->setWidget(m_measurements);
    addDockWidget(Qt::BottomDockWidgetArea, measurementDock);
    measurementDock->hide();
    connect(m_measurements, &viewer::MeasurementTable::roiActivated, this,
            [this](const Eigen::Vector3d& centre) { m_state->setCursor(PatientPoint{centre}); });
    connect(m_annotations, &viewer::AnnotationLayer::changed, this, [this, measurementDock] {
        if (!m_annotations->history().annotations().empty()) {
            measurementDock->show();
        }
    });
    for (auto* pane : m_grid->panes()) {
        pane->setDiscrepancyLayer(m_discrepancy);
        pane->setAnnotationLayer(m_annotations);
        pane->setLandmarkSet(m_landmarks);
        connect(pane, &viewer::SlicePane::nudgeRequested, this, &MainWindow::nudgeSeries);
    }
    connect(m_browser, &viewer::SeriesBrowser::showInPaneRequested, this,
            &MainWindow::assignSeriesToPane);
    // Queued: re-laying out the study rebuilds the browser row that sent the signal.
    connect(
        m_browser, &viewer::SeriesBrowser::roleChanged, this,
        [this] {
            if (m_study) {
                setStudy(m_study);
            }
        },
        Qt::QueuedConnection);
    for (std::size_t i = 0; i < m_grid->panes().size(); ++i) {
        connect(m_grid->panes()[i], &viewer::SlicePane::seriesDropped, this,
                [this, i](const QString& uid) { assignSeriesToPane(static_cast<int>(i), uid); });
    }
    connect(m_state, &viewer::ViewState::changed, this, [this](unsigned changes) {
        if (changes & viewer::ViewState::ProbeChanged) {
            updateProbeMessage();
        }
    });
    m_session = new SessionController(this);
    buildMenus();
    buildToolMenus();
    buildChartsDock();
    buildHelpMenu();
    buildStatusBar();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open folder..."));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a study folder"));
        if (!dir.isEmpty()) {
            openPaths({dir});
        }
    });
    QAction* demo = file->addAction(tr("Open &demo study"));
    connect(demo, &QAction::triggered, this, &MainWindow::openDemo);
    addSessionActions(file);
    addReportActions(file);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::quit);

    QMenu* registration = menuBar()->addMenu(tr("&Registration"));
    QAction* automatic = registration->addAction(tr("Register to reference &automatically (MI)"));
    automatic->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(automatic, &QAction::triggered, this, &MainWindow::registerAutomatically);
    QAction* checker = registration->addAction(tr("&Checkerboard with the reference"));
    checker->setShortcut(QKeySequence(Qt::Key_K));
    checker->setCheckable(true);
    connect(checker, &QAction::toggled, this, &MainWindow::setCheckerboard);
    registration->addAction(tr("Adjust by hand: Alt + arrows shift, Alt + PageUp/PageDown turn"))
        ->setEnabled(false);
    addLandmarkActions(registration);

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    QAction* compare = analysis->addAction(tr("Compare CT and s&CT"));
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(compare, &QAction::triggered, this, &MainWindow::analyzeDiscrepancies);
    QAction* findings = analysis->addAction(tr("Findings panel"));
    findings->setShortcut(QKeySequence(Qt::Key_F3));
    connect(findings, &QAction::triggered, this, [this] {
        auto* dock = findChild<QDockWidget*>(QStringLiteral("findingsDock"));
        dock->setVisible(!dock->isVisible());
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* layouts = new QActionGroup(this);
    int key = 1;
    for (const char* name : {"1x1", "1x2", "2x2", "1x4"}) {
        QAction* a = view->addAction(tr("Layout %1").arg(QLatin1String(name)));
        a->setCheckable(true);
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + key++)));
        layouts->addAction(a);
        connect(a, &QAction::triggered, this,
                [this, name] { m_grid->setLayoutName(QLatin1String(name)); });
    }
    view->addSeparator();
    struct Link {
        QString label;
        void (viewer::ViewState::*set)(bool);
    };
    for (const Link& link : {Link{tr("Link cursor"), &viewer::ViewState::setLinkCursor},
                             Link{tr("Link zoom and pan"), &viewer::ViewState::setLinkZoomPan},
                             Link{tr("Link window/level"), &viewer::ViewState::setLinkWindow}}) {
        QAction* a = view->addAction(link.label);
        a->setCheckable(true);
        a->setChecked(true);
        connect(a, &QAction::toggled, m_state, link.set);
    }
    view->addSeparator();
    QAction* browser = view->addAction(tr("Series browser"));
    browser->setShortcut(QKeySequence(Qt::Key_F2));
    connect(browser, &QAction::triggered, this, [this] {
        auto* dock = findChild<QDockWidget*>(QStringLiteral("seriesDock"));
        dock->setVisible(!dock->isVisible());
    });
}

void MainWindow::buildStatusBar() {
    m_probeLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(240);
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->hide();
    statusBar()->addWidget(m_probeLabel, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_task) {
            m_task->cancel();
        }
    });
}

void MainWindow::updateProbeMessage() {
    // "CT 463 HU | sCT 21 HU | T1w 612 | T2w 210" at the same anatomical point.
    QStringList parts;
    if (const auto& probe = m_state->probe()) {
        for (auto* pane : m_grid->visiblePanes()) {
            if (const auto value = pane->valueAtReference(*probe)) {
                parts << QStringLiteral("%1 %2").arg(QLatin1String(toString(pane->series().role)),
                                                     pane->formatValue(*value));
            }
        }
        parts << QStringLiteral("at [%1, %2, %3] mm")
                     .arg(probe->mm.x(), 0, 'f', 1)
                     .arg(probe->mm.y(), 0, 'f', 1)
                     .arg(probe->mm.z(), 0, 'f', 1);
    }
    m_probeLabel->setText(parts.join(QStringLiteral(" | ")));
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
