#pragma once

#include <QMainWindow>
#include <QStringList>
#include <filesystem>
#include <memory>
#include <vector>

#include "app/gui/ReportExportFlow.h"
#include "core/geometry/PatientPoint.h"
#include "core/registration/RegistrationRegion.h"
#include "core/registration/TransformProvenance.h"
#include "viewer/study/StudyWorkflow.h"

class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QDialog;
class QAction;

namespace crosscheck {
struct LoadedSession;
struct SessionDocument;
struct SessionStudy;
}  // namespace crosscheck

namespace crosscheck::viewer {
class SeriesBrowser;
class CohortPanel;
class FindingsPanel;
class MeasurementTable;
class RoiChartsPanel;
class StructureAgreementTable;
}  // namespace crosscheck::viewer

namespace crosscheck::app {

class CohortFlow;
class HelpMenu;
class PacsFlow;
class PaneGrid;
struct ReportExportRequest;
class SessionController;

/// The Crosscheck main window: menus, docks and wiring around the study workflow
/// (viewer::StudyWorkflow), which opens, registers and compares without any widget. The
/// pane grid is in the centre, the series browser on the left, the findings on the right,
/// the measurements below; the workflow's progress with Cancel and its messages are in
/// the status bar. The methods below forward to the workflow, the session and the report
/// export, so callers (main.cpp, the GUI tests) drive the window as one thing.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    viewer::StudyWorkflow* workflow() const { return m_workflow; }
    PaneGrid* paneGrid() const { return m_grid; }
    viewer::ViewState* viewState() const { return m_state; }
    std::shared_ptr<const Study> study() const { return m_workflow->study(); }
    viewer::LandmarkSet* landmarkSet() const { return m_workflow->landmarkSet(); }
    viewer::BackgroundTask* currentTask() const { return m_workflow->currentTask(); }
    viewer::DiscrepancyLayer* discrepancyLayer() const { return m_workflow->discrepancyLayer(); }
    viewer::AnnotationLayer* annotationLayer() const { return m_workflow->annotationLayer(); }
    viewer::FindingsPanel* findingsPanel() const { return m_findings; }
    viewer::MeasurementTable* measurementTable() const { return m_measurements; }
    /// The table "sCT agreement per structure" (a dock tabbed with the measurements; F7), shown
    /// when a segmentation is imported.
    viewer::StructureAgreementTable* structureAgreementTable() const { return m_agreement; }
    QDockWidget* structureAgreementDock() const { return m_agreementDock; }
    /// The "Profile and histogram" dock's content (F4 toggles the dock).
    viewer::RoiChartsPanel* chartsPanel() const { return m_charts; }
    /// The docks around the panes (View menu toggles them).
    QDockWidget* chartsDock() const { return m_chartsDock; }
    QDockWidget* seriesDock() const { return m_seriesDock; }

    /// Fills each pane with its own shell test pattern (no study loaded yet).
    void showTestPatterns();
    /// Loads the series under these files or folders (after the unsaved-work question).
    void openPaths(const QStringList& paths);
    /// Generates the built-in phantom study once (cached) and opens it.
    void openDemo();
    void setStudy(std::shared_ptr<Study> study) { m_workflow->showStudy(std::move(study)); }
    void setFrameTransform(const std::string& fromFrame, const std::string& toFrame,
                           const Eigen::Matrix4d& fromToTo, const TransformProvenance& provenance) {
        m_workflow->setFrameTransform(fromFrame, toFrame, fromToTo, provenance);
    }
    void registerAutomatically() { m_workflow->registerAutomatically(); }
    bool registerByLandmarks() { return m_workflow->registerByLandmarks(); }
    void analyzeDiscrepancies() { m_workflow->compare(); }
    void nudgeSeries(const QString& seriesInstanceUid, const Eigen::Matrix4d& deltaInReference) {
        m_workflow->nudgeSeries(seriesInstanceUid, deltaInReference);
    }
    /// See StudyWorkflow::setCompareOnOpen; the application turns it on.
    void setCompareOnOpen(bool on) { m_workflow->setCompareOnOpen(on); }
    void requestCursor(const PatientPoint& referencePoint) {
        m_workflow->requestCursor(referencePoint);
    }
    /// Shows the reference CT in a checkerboard over every other pane.
    void setCheckerboard(bool on);
    /// Registration > Register this level: a region-focused registration of every other
    /// frame around the selected ROI's centre, or the cursor when no ROI is selected.
    void registerThisLevel();
    /// Registration > Checkerboard at this level's region: the cursor to the centre of the
    /// local registration in use and the checkerboard with the reference on (false, with a
    /// message, when the panes use no local registration).
    bool showCheckerboardAtRegion();
    /// The region's radius (mm) Register this level uses.
    double levelRadiusMm() const { return m_levelRadiusMm; }
    void setLevelRadiusMm(double radiusMm) { m_levelRadiusMm = radiusMm; }

    /// Help > Keyboard and mouse (F1) and Help > About (HelpMenu).
    QDialog* showKeyboardHelp();
    void showAbout();
    QString aboutText() const;

    // Cohorts (CohortFlow): File > Open cohort... and Run cohort...; the "Cohort" dock.
    CohortFlow* cohortFlow() const { return m_cohort; }
    viewer::CohortPanel* cohortPanel() const { return m_cohortPanel; }
    QDockWidget* cohortDock() const { return m_cohortDock; }

    // The PACS (PacsFlow): File > Study browser... (Ctrl+B), PACS nodes..., Send report to
    // PACS...; the browser's Open goes through openPaths with the study's indexed files.
    PacsFlow* pacsFlow() const { return m_pacs; }

    // Sessions (MainWindowSession.cpp): *.crosscheck.json, autosave and recovery.
    SessionController* sessionController() const { return m_session; }
    /// The live state as a session document (viewer::sessionDocumentOf).
    SessionDocument sessionDocument() const;
    /// Loads a session's series in the background, then applies the rest; sessionOpened.
    void openSessionFile(const QString& path);
    /// Saves to the session's file (asks for one when untitled); false when not saved.
    bool saveSessionFile();
    bool saveSessionFileAs(const QString& path);
    /// Writes the recovery file when the annotations are modified; true when written.
    bool autosaveNow();
    /// Annotations changed since the session was opened or saved (or recovered, unsaved).
    bool isSessionModified() const;
    /// Asks Save / Discard / Cancel when modified; true when it is fine to go on.
    bool confirmUnsavedAnnotations();
    /// Offers the recovery files left by an earlier run (start of the app).
    void offerRecovery();

    // Reports (ReportExportFlow): File > Export report... (Ctrl+E).
    using OverwriteQuestion = ReportExportFlow::OverwriteQuestion;
    void setOverwriteQuestion(OverwriteQuestion question) {
        m_report->setOverwriteQuestion(std::move(question));
    }
    void showExportReportDialog() { m_report->showDialog(); }
    void exportReport(const ReportExportRequest& request) { m_report->exportReport(request); }

signals:
    void studyShown();
    void loadFailed(const QString& message);
    void registrationFinished();
    void analysisFinished();
    /// `written` is false when nothing was written (declined overwrite, error, cancel).
    void reportExportFinished(bool written, const QString& message);
    void sessionOpened(const QString& path);
    /// An opened study or session is on screen with what setCompareOnOpen adds.
    void openingSettled();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    /// Registration > Use transform (global, each local registration, nearest to the
    /// cursor), rename, checkerboard at the region (MainWindowLocalRegistrations.cpp).
    void addLocalRegistrationActions(QMenu* registration);
    QDockWidget* addDock(const QString& title, const QString& name, QWidget* content,
                         Qt::DockWidgetArea area);
    void connectWorkflow();
    void buildMenus();
    void buildViewMenu();
    void buildStatusBar();
    void buildCohortDock();
    void buildToolMenus();
    void copySelectedRoiToSlice(int direction);
    void addLandmarkActions(QMenu* registration);
    void updateProbeMessage();
    void addSessionActions(QMenu* file);
    void openSessionImpl(const QString& path, bool recovery);
    void sessionShown(const SessionStudy& found, const QString& path, bool recovery,
                      const LoadedSession& loaded);
    /// Recovered work continues as the session file it came from (when that still exists),
    /// else untitled; either way it counts as unsaved. Returns what the user should be told.
    QString recoverAs(const LoadedSession& recovered,
                      std::vector<std::filesystem::path> studyPaths);
    void updateSessionTitle();

    viewer::ViewState* m_state;
    viewer::StudyWorkflow* m_workflow;
    PaneGrid* m_grid;
    viewer::SeriesBrowser* m_browser;
    viewer::FindingsPanel* m_findings;
    viewer::MeasurementTable* m_measurements;
    viewer::RoiChartsPanel* m_charts;
    viewer::StructureAgreementTable* m_agreement;
    QDockWidget* m_agreementDock = nullptr;
    QDockWidget* m_seriesDock = nullptr;
    QDockWidget* m_findingsDock = nullptr;
    QDockWidget* m_chartsDock = nullptr;
    QDockWidget* m_cohortDock = nullptr;
    viewer::CohortPanel* m_cohortPanel = nullptr;
    CohortFlow* m_cohort = nullptr;
    QMenu* m_viewMenu = nullptr;
    double m_levelRadiusMm = kDefaultRegionRadiusMm;
    QAction* m_checkerAction = nullptr;
    HelpMenu* m_help = nullptr;
    ReportExportFlow* m_report = nullptr;
    PacsFlow* m_pacs = nullptr;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_probeLabel;
    SessionController* m_session = nullptr;
};

}  // namespace crosscheck::app
