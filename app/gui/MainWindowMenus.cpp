// The File, Registration, Analysis and View menus: each action calls the workflow, the
// session, the report export or toggles a dock.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>
#include <filesystem>
#include <optional>

#include "app/gui/CohortFlow.h"
#include "app/gui/MainWindow.h"
#include "app/gui/PacsFlow.h"
#include "app/gui/PaneGrid.h"
#include "viewer/panes/SlabControls.h"
#include "viewer/registration/LandmarkSet.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/state/ViewState.h"

namespace crosscheck::app {

namespace {

void addDockToggle(QMenu* menu, const QString& text, const QKeySequence& key, QDockWidget* dock) {
    QAction* toggle = menu->addAction(text);
    toggle->setShortcut(key);
    QObject::connect(toggle, &QAction::triggered, dock,
                     [dock] { dock->setVisible(!dock->isVisible()); });
}

}  // namespace

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
    connect(file->addAction(tr("Open &demo study")), &QAction::triggered, this,
            &MainWindow::openDemo);
    m_pacs->addBrowserActions(file);
    addSessionActions(file);
    file->addSeparator();
    QAction* import = file->addAction(tr("&Import segmentation..."));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(import, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import a segmentation"), QString(),
                                         tr("Segmentations (*.dcm *.nii *.nii.gz);;All files (*)"));
        if (path.isEmpty()) {
            return;
        }
        // A label map's structures take their names (and colours) from a label table; a
        // cancel here names them by their values.
        std::optional<std::filesystem::path> labelTable;
        if (path.endsWith(QStringLiteral(".nii"), Qt::CaseInsensitive) ||
            path.endsWith(QStringLiteral(".nii.gz"), Qt::CaseInsensitive)) {
            const QString table = QFileDialog::getOpenFileName(
                this,
                tr("Label table for %1 (Cancel: name the structures by value)")
                    .arg(QFileInfo(path).fileName()),
                QFileInfo(path).absolutePath(),
                tr("Label tables (*.txt *.label *.json *.csv *.tsv);;All files (*)"));
            if (!table.isEmpty()) {
                labelTable = table.toStdString();
            }
        }
        m_workflow->importSegmentation(path.toStdString(), labelTable);
    });
    file->addSeparator();
    connect(file->addAction(tr("Open &cohort...")), &QAction::triggered, m_cohort,
            &CohortFlow::showOpenDialog);
    connect(file->addAction(tr("R&un cohort...")), &QAction::triggered, m_cohort,
            &CohortFlow::showRunDialog);
    file->addSeparator();
    QAction* exportReport = file->addAction(tr("&Export report..."));
    exportReport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(exportReport, &QAction::triggered, m_report, &ReportExportFlow::showDialog);
    m_pacs->addSendAction(file);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::quit);

    QMenu* registration = menuBar()->addMenu(tr("&Registration"));
    QAction* automatic = registration->addAction(tr("Register to reference &automatically (MI)"));
    automatic->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(automatic, &QAction::triggered, m_workflow,
            &viewer::StudyWorkflow::registerAutomatically);
    QAction* level = registration->addAction(tr("Register this &level (cursor or selected ROI)"));
    level->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R));
    connect(level, &QAction::triggered, this, &MainWindow::registerThisLevel);
    QAction* radius = registration->addAction(tr("Level region &radius..."));
    connect(radius, &QAction::triggered, this, [this] {
        bool ok = false;
        const double r =
            QInputDialog::getDouble(this, tr("Level region radius"),
                                    tr("Radius of the sphere Register this level looks at (mm):"),
                                    m_levelRadiusMm, kMinRegionRadiusMm, 200.0, 0, &ok);
        if (ok) {
            m_levelRadiusMm = r;
        }
    });
    QAction* checker = registration->addAction(tr("&Checkerboard with the reference"));
    checker->setShortcut(QKeySequence(Qt::Key_K));
    checker->setCheckable(true);
    connect(checker, &QAction::toggled, this, &MainWindow::setCheckerboard);
    m_checkerAction = checker;
    addLocalRegistrationActions(registration);
    registration->addAction(tr("Adjust by hand: Alt + arrows shift, Alt + PageUp/PageDown turn"))
        ->setEnabled(false);
    addLandmarkActions(registration);

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    QAction* compare = analysis->addAction(tr("Compare CT and s&CT"));
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(compare, &QAction::triggered, m_workflow, &viewer::StudyWorkflow::compare);
    addDockToggle(analysis, tr("Findings panel"), QKeySequence(Qt::Key_F3), m_findingsDock);
    buildViewMenu();
}

// Registration by landmarks picked with the mouse: the Landmark tool places the same
// anatomical points on a reference-frame pane and on a pane of another frame (it need not
// be synchronized); the workflow fits the rigid transform.
void MainWindow::addLandmarkActions(QMenu* registration) {
    viewer::AnnotationLayer* annotations = annotationLayer();
    viewer::LandmarkSet* landmarks = landmarkSet();
    registration->addSeparator();
    QAction* place =
        registration->addAction(tr("Place &landmarks (reference pane, then the other)"));
    place->setShortcut(QKeySequence(Qt::Key_L));
    connect(place, &QAction::triggered, annotations,
            [annotations] { annotations->setTool(viewer::AnnotationLayer::Tool::Landmark); });
    QAction* fit = registration->addAction(tr("Register by landmarks"));
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(fit, &QAction::triggered, m_workflow, &viewer::StudyWorkflow::registerByLandmarks);
    connect(registration->addAction(tr("Remove the last landmark")), &QAction::triggered, landmarks,
            &viewer::LandmarkSet::undoLast);
    connect(registration->addAction(tr("Clear landmarks")), &QAction::triggered, landmarks,
            &viewer::LandmarkSet::clear);
    connect(landmarks, &viewer::LandmarkSet::changed, this, [this, fit, annotations, landmarks] {
        const auto pairs = landmarks->pairs().size();
        fit->setText(tr("Register by landmarks (%n pair(s))", "", static_cast<int>(pairs)));
        if (annotations->tool() == viewer::AnnotationLayer::Tool::Landmark) {
            statusBar()->showMessage(
                tr("Landmarks: %1 on the reference, %2 on the other frame; 3 pairs or more, "
                   "then Ctrl+Shift+R")
                    .arg(landmarks->fixedPoints().size())
                    .arg(landmarks->movingPoints().size()));
        }
    });
}

void MainWindow::buildViewMenu() {
    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* layouts = new QActionGroup(this);
    int key = 1;
    for (const char* name : {"1x1", "1x2", "2x2", "1x4", "2x2-3d"}) {
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
    // Thick slab: View > Slab and a toolbar, both on the view state's one slab.
    auto* slab = new viewer::SlabControls(m_state, this);
    slab->addMenu(view);
    QToolBar* slabBar = addToolBar(tr("Slab"));
    slabBar->setObjectName(QStringLiteral("slabToolBar"));
    slab->addToToolBar(slabBar);
    view->addSeparator();
    addDockToggle(view, tr("Series browser"), QKeySequence(Qt::Key_F2), m_seriesDock);
    addDockToggle(view, tr("Profile and histogram"), QKeySequence(Qt::Key_F4), m_chartsDock);
    addDockToggle(view, tr("Cohort"), QKeySequence(Qt::Key_F6), m_cohortDock);
    addDockToggle(view, tr("sCT agreement per structure"), QKeySequence(Qt::Key_F7),
                  m_agreementDock);
}

}  // namespace crosscheck::app
