#pragma once

#include <QMainWindow>
#include <QStringList>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/geometry/PatientPoint.h"
#include "core/registration/TransformProvenance.h"

class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTimer;
class QDialog;

namespace crosscheck {
struct Study;
struct SessionDocument;
struct SessionPane;
struct LoadedSession;
}  // namespace crosscheck

namespace crosscheck::viewer {
class ViewState;
class BackgroundTask;
class SeriesBrowser;
class DiscrepancyLayer;
class FindingsPanel;
class AnnotationLayer;
class MeasurementTable;
class RoiChartsPanel;
class LandmarkSet;
}  // namespace crosscheck::viewer

namespace crosscheck::app {

class PaneGrid;
struct ReportExportRequest;
class SessionController;

/// The Crosscheck main window: the pane grid in the centre, the series browser on the
/// left, loading progress with Cancel in the status bar, menus. Loading runs off the
/// GUI thread; the window stays responsive.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    PaneGrid* paneGrid() const { return m_grid; }
    viewer::ViewState* viewState() const { return m_state; }
    std::shared_ptr<const Study> study() const { return m_study; }

    /// Fills each pane with its own shell test pattern (no study loaded yet).
    void showTestPatterns();
    /// Loads the series under these files or folders in the background.
    void openPaths(const QStringList& paths);
    /// Generates the built-in phantom study once (cached) and opens it.
    void openDemo();
    /// Shows a loaded study: one pane per role, cursor at the reference volume's centre
    /// unless a cursor was requested.
    void setStudy(std::shared_ptr<Study> study);
    /// Adds a known transform between two frames (from frame's patient coordinates to the
    /// other's) and re-synchronizes the panes.
    void setFrameTransform(const std::string& fromFrame, const std::string& toFrame,
                           const Eigen::Matrix4d& fromToTo, const TransformProvenance& provenance);
    /// Registers, in the background, one series of each frame that has no transform to
    /// the reference frame onto the reference series (rigid, mutual information).
    void registerAutomatically();
    /// Fits the rigid transform of the landmark pairs placed so far (moving frame -> the
    /// reference) and synchronizes that frame's panes; false (status message) when there
    /// are too few pairs or they lie on a line.
    bool registerByLandmarks();
    viewer::LandmarkSet* landmarkSet() const { return m_landmarks; }
    /// The background task in progress or last run (loading, registration, ...), or null.
    viewer::BackgroundTask* currentTask() const { return m_task; }
    /// Help > Keyboard and mouse (F1): every menu shortcut and the panes' mouse and keys,
    /// in one window of its own (kept, hidden on close, refilled when shown again).
    QDialog* showKeyboardHelp();
    /// Help > About: version, commit, library versions and what the software is not.
    void showAbout();
    QString aboutText() const;
    /// Compares the CT and the sCT in the background and shows the findings.
    void analyzeDiscrepancies();
    viewer::DiscrepancyLayer* discrepancyLayer() const { return m_discrepancy; }
    viewer::FindingsPanel* findingsPanel() const { return m_findings; }
    viewer::AnnotationLayer* annotationLayer() const { return m_annotations; }
    viewer::MeasurementTable* measurementTable() const { return m_measurements; }
    /// The "Profile and histogram" dock's content (F4 toggles the dock).
    viewer::RoiChartsPanel* chartsPanel() const { return m_charts; }
    /// When on, every study opened (a folder, the demo or a session) that holds a CT and an
    /// sCT is compared at once, so a region the sCT misses is flagged without anyone asking:
    /// an sCT frame with no transform to the CT is first registered automatically (MI). A
    /// folder or the demo then opens on the most important finding; a session keeps its
    /// cursor. The application turns it on; tests drive each step themselves.
    void setCompareOnOpen(bool on) { m_compareOnOpen = on; }
    /// Moves a series' frame by a small rigid motion in reference coordinates (keyboard
    /// correction of a registration) and re-synchronizes the panes.
    void nudgeSeries(const QString& seriesInstanceUid, const Eigen::Matrix4d& deltaInReference);
    /// Shows the reference CT in a checkerboard over every other pane.
    void setCheckerboard(bool on);
    /// The cursor (reference frame, mm) to use once the next study is shown.
    void requestCursor(const PatientPoint& referencePoint) { m_requestedCursor = referencePoint; }

    // Sessions (MainWindowSession.cpp): *.crosscheck.json, autosave and recovery.
    SessionController* sessionController() const { return m_session; }
    /// The live state as a session document (series, roles, transforms, annotations,
    /// layout, windows per group, cursor).
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

    // Reports (MainWindowReport.cpp): File > Export report... (Ctrl+E).
    /// Answers "replace these existing report files?" (full paths); by default a message
    /// box asks the user. Tests inject an answer.
    using OverwriteQuestion = std::function<bool(const QStringList& existingFiles)>;
    void setOverwriteQuestion(OverwriteQuestion question) {
        m_overwriteQuestion = std::move(question);
    }
    /// Asks for formats, folder and anonymization, then exportReport.
    void showExportReportDialog();
    /// Builds the report of the open study (its annotations; the window's CT-vs-sCT result,
    /// or a fresh analysis when there is none) and writes it in the background, progress in
    /// the status bar; ends with reportExportFinished.
    void exportReport(const ReportExportRequest& request);

signals:
    void studyShown();
    void loadFailed(const QString& message);
    void registrationFinished();
    void analysisFinished();
    /// `written` is false when nothing was written (declined overwrite, error, cancel).
    void reportExportFinished(bool written, const QString& message);
    void sessionOpened(const QString& path);
    /// An opened study or session is on screen with what setCompareOnOpen adds (the
    /// registration and the CT-versus-sCT comparison), or without when there is none to run.
    void openingSettled();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void buildToolMenus();
    void addReportActions(QMenu* file);
    void copySelectedRoiToSlice(int direction);
    void buildChartsDock();
    void buildHelpMenu();
    void addLandmarkActions(QMenu* registration);
    void runTask(viewer::BackgroundTask* task);
    void finishTask();
    void reportProblems();
    void updateProbeMessage();
    void assignSeriesToPane(int paneIndex, const QString& seriesInstanceUid);
    void refreshPaneTransforms();
    void addSessionActions(QMenu* file);
    void openSessionImpl(const QString& path, bool recovery);
    /// Recovered work continues as the session file it came from (when that still exists),
    /// else untitled; either way it counts as unsaved.
    /// Returns what the user should be told (a damaged or vanished origin), or nothing.
    /// The comparison setCompareOnOpen asks for, after a study or session was opened.
    void compareAutomatically(bool focusFirstFinding);
    /// After a transform change cleared a comparison on screen: compare again soon.
    void scheduleReanalysis();
    /// A cursor asked for on the command line that no series contains: say so.
    void warnIfOutsideEverySeries(const PatientPoint& cursor);
    /// Emits openingSettled once the comparison an opening started has finished.
    void settleIfOpening();
    QString recoverAs(const LoadedSession& recovered,
                      std::vector<std::filesystem::path> studyPaths);
    void applySession(const SessionDocument& document);
    void applySessionPanes(const std::vector<SessionPane>& panes);
    void updateSessionTitle();

    viewer::ViewState* m_state;
    PaneGrid* m_grid;
    viewer::SeriesBrowser* m_browser;
    viewer::DiscrepancyLayer* m_discrepancy;
    viewer::FindingsPanel* m_findings;
    viewer::AnnotationLayer* m_annotations;
    viewer::MeasurementTable* m_measurements;
    viewer::RoiChartsPanel* m_charts = nullptr;
    viewer::LandmarkSet* m_landmarks = nullptr;
    std::shared_ptr<Study> m_study;
    std::optional<PatientPoint> m_requestedCursor;
    bool m_compareOnOpen = false;
    bool m_settleAfterAnalysis = false;
    bool m_analyzeAfterRegistration = false;
    bool m_focusFirstFinding = false;
    viewer::BackgroundTask* m_task = nullptr;
    /// Re-runs the comparison a moment after a transform change cleared it (a hand
    /// correction is many small steps: one run after the last).
    QTimer* m_reanalysis = nullptr;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_probeLabel;
    OverwriteQuestion m_overwriteQuestion;
    QString m_reportFolder;
    SessionController* m_session = nullptr;
};

}  // namespace crosscheck::app
