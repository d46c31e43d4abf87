#include "app/gui/MainWindow.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

#include "app/gui/CohortFlow.h"
#include "app/gui/HelpMenu.h"
#include "app/gui/PacsFlow.h"
#include "app/gui/PaneGrid.h"
#include "app/gui/SessionController.h"
#include "core/model/Study.h"
#include "core/roi/RoiDrawing.h"
#include "core/volume/TestPattern.h"
#include "core/volume/VolumeStatistics.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/analysis/FindingsPanel.h"
#include "viewer/analysis/MeasureFinding.h"
#include "viewer/analysis/StructureAgreementTable.h"
#include "viewer/browser/SeriesBrowser.h"
#include "viewer/charts/RoiChartsPanel.h"
#include "viewer/cohort/CohortPanel.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/MeasurementTable.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/PathStrings.h"
#include "viewer/study/StudyRegistration.h"
#include "viewer/volume/VolumePane.h"

namespace crosscheck::app {

namespace {
// Pane i shows base values 100, 200, 300, 400 in a window of 0..500, so the centre
// pixel of each pane is a known grey (51, 102, 153, 204).
constexpr int kTestPatternSize = 101;
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_state(new viewer::ViewState(this)),
      m_workflow(new viewer::StudyWorkflow(m_state, this)),
      m_grid(new PaneGrid(m_state, this)),
      m_browser(new viewer::SeriesBrowser(this)),
      m_findings(new viewer::FindingsPanel(m_workflow->discrepancyLayer(), this)),
      m_measurements(new viewer::MeasurementTable(m_workflow->annotationLayer(), this)),
      m_charts(new viewer::RoiChartsPanel(m_workflow->annotationLayer(), this)),
      m_agreement(new viewer::StructureAgreementTable(m_workflow->discrepancyLayer(),
                                                      m_workflow->annotationLayer(), this)) {
    setWindowTitle(QStringLiteral("Crosscheck"));
    setCentralWidget(m_grid);
    m_seriesDock =
        addDock(tr("Series"), QStringLiteral("seriesDock"), m_browser, Qt::LeftDockWidgetArea);
    m_findingsDock = addDock(tr("CT vs sCT findings"), QStringLiteral("findingsDock"), m_findings,
                             Qt::RightDockWidgetArea);
    QDockWidget* measurementDock = addDock(tr("Measurements"), QStringLiteral("measurementDock"),
                                           m_measurements, Qt::BottomDockWidgetArea);
    m_agreementDock =
        addDock(tr("sCT agreement per structure"), QStringLiteral("structureAgreementDock"),
                m_agreement, Qt::BottomDockWidgetArea);
    tabifyDockWidget(measurementDock, m_agreementDock);
    m_chartsDock = addDock(tr("Profile and histogram"), QStringLiteral("chartsDock"), m_charts,
                           Qt::RightDockWidgetArea);
    auto jumpTo = [this](const PatientPoint& point) { m_state->setCursor(point); };
    connect(m_findings, &viewer::FindingsPanel::findingActivated, this, jumpTo);
    connect(m_findings, &viewer::FindingsPanel::measureFindingRequested, this, [this](int index) {
        viewer::measureFinding(*m_workflow->discrepancyLayer(), index, *annotationLayer());
    });
    connect(m_measurements, &viewer::MeasurementTable::roiActivated, this, jumpTo);
    connect(m_measurements, &viewer::MeasurementTable::measureOptionsChanged, this, [this] {
        m_charts->setVisibleThresholdHu(m_measurements->measureOptions().visibleThresholdHu);
    });
    // The measurements show with the first annotation; the charts too, once: after that
    // the user decides (F4).
    connect(annotationLayer(), &viewer::AnnotationLayer::changed, this,
            [this, measurementDock, chartsShown = false]() mutable {
                if (!annotationLayer()->history().annotations().empty()) {
                    measurementDock->show();
                    if (!std::exchange(chartsShown, true)) {
                        m_chartsDock->show();
                    }
                }
            });
    for (auto* pane : m_grid->panes()) {
        pane->setDiscrepancyLayer(discrepancyLayer());
        pane->setAnnotationLayer(annotationLayer());
        pane->setLandmarkSet(landmarkSet());
        connect(pane, &viewer::SlicePane::nudgeRequested, m_workflow,
                &viewer::StudyWorkflow::nudgeSeries);
    }
    for (auto* pane : m_grid->volumePanes()) {
        pane->setDiscrepancyLayer(discrepancyLayer());
        pane->setAnnotationLayer(annotationLayer());
    }
    connect(m_browser, &viewer::SeriesBrowser::showInPaneRequested, m_workflow,
            &viewer::StudyWorkflow::assignSeriesToPane);
    // Queued: re-laying out the study rebuilds the browser row that sent the signal.
    connect(m_browser, &viewer::SeriesBrowser::roleChangeRequested, m_workflow,
            &viewer::StudyWorkflow::setSeriesRole, Qt::QueuedConnection);
    connect(m_state, &viewer::ViewState::changed, this, [this](unsigned changes) {
        if (changes & (viewer::ViewState::ProbeChanged | viewer::ViewState::SlabChanged)) {
            updateProbeMessage();
        }
    });
    m_session = new SessionController(this);
    m_report = new ReportExportFlow(m_workflow, m_measurements, this);
    m_pacs = new PacsFlow(m_workflow, m_report, this);
    connect(m_pacs, &PacsFlow::openRequested, this, &MainWindow::openPaths);
    connect(m_pacs, &PacsFlow::message, statusBar(), &QStatusBar::showMessage);
    connectWorkflow();
    buildCohortDock();
    buildMenus();
    buildToolMenus();
    m_help = new HelpMenu(this);
    buildStatusBar();
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addDock(const QString& title, const QString& name, QWidget* content,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setWidget(content);
    addDockWidget(area, dock);
    dock->hide();
    return dock;
}

void MainWindow::connectWorkflow() {
    using viewer::StudyWorkflow;
    auto* status = statusBar();
    connect(m_workflow, &StudyWorkflow::message, status, &QStatusBar::showMessage);
    connect(m_report, &ReportExportFlow::message, status, &QStatusBar::showMessage);
    connect(m_report, &ReportExportFlow::finished, this, &MainWindow::reportExportFinished);
    connect(m_workflow, &StudyWorkflow::studyChanged, this,
            [this](const std::shared_ptr<Study>& s) {
                m_measurements->setStudy(s);
                m_agreement->setStudy(s);
                m_charts->setStudy(s);
                m_browser->setStudy(s);
                m_grid->setStudy(s);
            });
    connect(m_workflow, &StudyWorkflow::volumeDataChanged, m_grid, &PaneGrid::refreshVoxels);
    // No numbers from half-read volumes: the table and the charts wait for the whole study
    // (studyChanged brings it back).
    connect(m_workflow, &StudyWorkflow::loadingShown, this, [this] {
        m_measurements->setStudy(nullptr);
        m_charts->setStudy(nullptr);
    });
    connect(m_workflow, &StudyWorkflow::volumeLoaded, this,
            [this] { m_grid->setStudy(m_workflow->study()); });
    connect(m_workflow, &StudyWorkflow::transformsChanged, this, [this] {
        // A transform picked by the cursor while the study fills must not bring the
        // half-read volumes back to the table (studyShown gives it the whole study).
        const auto numbers = m_workflow->isFillingStudy() ? nullptr : m_workflow->study();
        m_measurements->setStudy(numbers);
        m_agreement->setStudy(m_workflow->study());
        m_charts->setStudy(numbers);
        m_grid->setStudy(m_workflow->study());
    });
    connect(m_workflow, &StudyWorkflow::problemsFound, m_browser,
            &viewer::SeriesBrowser::setProblems);
    connect(m_workflow, &StudyWorkflow::pathsOpened, this,
            [this](const QStringList& paths) { m_session->startUntitled(viewer::toPaths(paths)); });
    connect(m_workflow, &StudyWorkflow::registrationsEdited, this, [this] {
        m_session->setRegistrationsEdited(true);
        updateSessionTitle();
    });
    connect(m_workflow, &StudyWorkflow::comparisonShown, m_findingsDock, &QDockWidget::show);
    // An import brings its table up beside the measurements (it fills once CT and sCT are
    // compared).
    connect(m_workflow, &StudyWorkflow::segmentationImported, this, [this](int structures) {
        if (structures > 0) {
            m_agreementDock->show();
            m_agreementDock->raise();
        }
    });
    connect(m_workflow, &StudyWorkflow::studyShown, this, &MainWindow::studyShown);
    connect(m_workflow, &StudyWorkflow::loadFailed, this, &MainWindow::loadFailed);
    connect(m_workflow, &StudyWorkflow::registrationFinished, this,
            &MainWindow::registrationFinished);
    connect(m_workflow, &StudyWorkflow::analysisFinished, this, &MainWindow::analysisFinished);
    connect(m_workflow, &StudyWorkflow::sessionOpened, this, &MainWindow::sessionOpened);
    connect(m_workflow, &StudyWorkflow::openingSettled, this, &MainWindow::openingSettled);
}

void MainWindow::buildCohortDock() {
    m_cohortPanel = new viewer::CohortPanel(this);
    m_cohortDock = addDock(tr("Cohort"), QStringLiteral("cohortDock"), m_cohortPanel,
                           Qt::BottomDockWidgetArea);
    m_cohort = new CohortFlow(m_cohortPanel, this);
    connect(m_cohort, &CohortFlow::message, statusBar(), &QStatusBar::showMessage);
    connect(m_cohort, &CohortFlow::cohortOpened, m_cohortDock, &QDockWidget::show);
    // A double-click on a patient opens the study on its measured finding.
    connect(m_cohort, &CohortFlow::openStudyRequested, this,
            [this](const QString& folder, std::optional<PatientPoint> centre) {
                if (!confirmUnsavedAnnotations()) {
                    return;
                }
                if (centre) {
                    m_workflow->requestCursor(*centre);
                }
                m_workflow->openPaths(viewer::toPaths({folder}));
            });
    connect(m_cohort, &CohortFlow::openSessionRequested, this, &MainWindow::openSessionFile);
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
    connect(m_cancel, &QPushButton::clicked, m_workflow, &viewer::StudyWorkflow::cancel);
    connect(m_workflow, &viewer::StudyWorkflow::taskStarted, this, [this](const QString& title) {
        m_progress->setValue(0);
        m_progress->setFormat(title + QStringLiteral(" %p%"));
        m_progress->show();
        m_cancel->show();
    });
    connect(m_workflow, &viewer::StudyWorkflow::progress, this,
            [this](double fraction, const QString& stage) {
                m_progress->setValue(static_cast<int>(fraction * 1000));
                m_progress->setToolTip(stage);
            });
    connect(m_workflow, &viewer::StudyWorkflow::taskEnded, this, [this] {
        m_progress->hide();
        m_cancel->hide();
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
        if (m_state->slab().isOn()) {
            parts << tr("values from the thin slice");  // the panes show a slab
        }
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

void MainWindow::openPaths(const QStringList& paths) {
    if (confirmUnsavedAnnotations()) {
        m_workflow->openPaths(viewer::toPaths(paths));
    }
}

void MainWindow::openDemo() {
    if (confirmUnsavedAnnotations()) {
        m_workflow->openDemo();
    }
}

void MainWindow::setCheckerboard(bool on) {
    const auto& study = m_workflow->study();
    const LoadedSeries* reference = study ? viewer::referenceSeries(*study) : nullptr;
    for (auto* pane : m_grid->panes()) {
        if (on && reference) {
            pane->setCheckerboard(reference->volume, isHounsfield(reference->info.role)
                                                         ? ctWindowPresets()[2].window
                                                         : automaticWindow(*reference->volume));
        } else {
            pane->setCheckerboard(nullptr, {});
        }
    }
}

QDialog* MainWindow::showKeyboardHelp() {
    return m_help->showKeyboardHelp();
}

void MainWindow::showAbout() {
    m_help->showAbout();
}

QString MainWindow::aboutText() const {
    return m_help->aboutText();
}

}  // namespace crosscheck::app

namespace crosscheck::app {

void MainWindow::registerThisLevel() {
    const auto& study = m_workflow->study();
    if (!study) {
        return;
    }
    // Annotations live in the reference frame, as the cursor does.
    // The local registration is named after the ROI it was made at ("local N" otherwise).
    PatientPoint centre = m_state->cursor();
    std::string name;
    if (const Annotation* selected = annotationLayer()->selected();
        selected && selected->roi.frameOfReferenceUid == study->referenceFrameUid) {
        centre = PatientPoint{roiAnchorMm(selected->roi)};
        name = selected->label;
    }
    m_workflow->registerLevel(centre, m_levelRadiusMm, name);
}

}  // namespace crosscheck::app
