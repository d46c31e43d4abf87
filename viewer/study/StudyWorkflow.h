#pragma once
// The study workflow: what the viewer does with a study between opening it and showing
// the comparison, without any widget. It owns the open study, the one background task
// that runs at a time (loading, registering, comparing, or a task a caller hands over
// such as a report export), the registrations, and the CT-versus-sCT result (through the
// DiscrepancyLayer the panes draw). It writes the shared ViewState (cursor, fields, which
// series each pane shows) and tells the window what happened through signals: the window
// turns them into status messages, progress and docks. Points are in the reference
// frame's patient coordinates (LPS, mm). GUI thread only.
#include <Eigen/Core>
#include <QObject>
#include <QString>
#include <QStringList>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/analysis/StudyComparison.h"
#include "core/geometry/PatientPoint.h"
#include "core/registration/TransformProvenance.h"
#include "core/registration/TransformSelection.h"
#include "core/vocabulary/SeriesRole.h"

class QTimer;

namespace crosscheck {
struct LoadedSeries;
struct Study;
struct SessionDocument;
struct SessionStudy;
}  // namespace crosscheck

namespace crosscheck::viewer {

class AnnotationLayer;
class BackgroundTask;
class DiscrepancyLayer;
class LandmarkSet;
class ViewState;

class StudyWorkflow : public QObject {
    Q_OBJECT
public:
    /// Where the workflow is. Loading, Registering, Comparing and Working (a task handed
    /// to runTask, e.g. a report export) have a current task that cancel() stops.
    enum class State { Idle, Loading, Registering, Comparing, Working, Ready };
    Q_ENUM(State)
    /// What opening a study goes on to do once it is shown (setCompareOnOpen): nothing,
    /// compare, or register the sCT's frame first and then compare. An opening ends with
    /// openingSettled.
    enum class OpeningStep { None, Register, Compare };
    Q_ENUM(OpeningStep)

    explicit StudyWorkflow(ViewState* state, QObject* parent = nullptr);
    ~StudyWorkflow() override;

    ViewState* viewState() const { return m_state; }
    DiscrepancyLayer* discrepancyLayer() const { return m_discrepancy; }
    AnnotationLayer* annotationLayer() const { return m_annotations; }
    LandmarkSet* landmarkSet() const { return m_landmarks; }
    const std::shared_ptr<Study>& study() const { return m_study; }
    State state() const { return m_stateNow; }
    OpeningStep openingStep() const { return m_opening; }
    /// The background task in progress or last run, or null.
    BackgroundTask* currentTask() const { return m_task; }

    /// When on, every opened study (folders, the demo, a session) holding a CT and an sCT
    /// is compared at once, registering the sCT's frame first when no transform joins it
    /// to the CT's. A folder or the demo then opens on the most important finding; a
    /// session keeps its cursor.
    void setCompareOnOpen(bool on) { m_compareOnOpen = on; }
    /// The cursor to use once the next study is shown (instead of the CT's centre); used
    /// by that study only.
    void requestCursor(const PatientPoint& referencePoint) { m_requestedCursor = referencePoint; }

    /// Loads the series under these files or folders in the background.
    void openPaths(const std::vector<std::filesystem::path>& paths);
    /// Generates the built-in phantom study once (cached) and opens it.
    void openDemo();
    /// Called after a session's study is shown and its document applied, before its
    /// comparison starts: the caller's own bookkeeping (session file, notes).
    using SessionShown = std::function<void(const SessionStudy& found)>;
    /// Loads a session's series in the background, shows them, applies the document's
    /// annotations, panes, windows and cursor; then sessionOpened(path).
    void openSession(const SessionDocument& document, const std::filesystem::path& file,
                     SessionShown shown = {});
    /// Shows a study: one pane per role in sagittal planes, cursor at the reference
    /// volume's centre (or the requested one). The same study again re-lays out the panes
    /// (after a role change) and keeps annotations and the comparison.
    void showStudy(std::shared_ptr<Study> study);
    /// Gives a series a new role and lays the panes out again. When that changes the CT
    /// and sCT a comparison would use, the comparison on screen is cleared (and compared
    /// again soon when the workflow compares on its own).
    void setSeriesRole(const QString& seriesInstanceUid, SeriesRole role);
    /// Shows a series of the study in a pane (the assignment goes to the view state).
    void assignSeriesToPane(int pane, const QString& seriesInstanceUid);
    /// True while another volume of a multi-volume series is loading for a pane.
    bool isLoadingVolume() const { return m_volumeTask != nullptr; }
    /// True while an opened study is on screen but its voxels are still being decoded (the
    /// slices at the cursor first, StudyWorkflowLoading.cpp): comparing, registering and
    /// importing wait until it is whole.
    bool isFillingStudy() const { return m_fill != nullptr; }
    /// False while the slice of this series nearest the point (reference patient mm) is
    /// still to be decoded; true once it is, and whenever no study is filling.
    bool isDecodedAt(const QString& seriesInstanceUid, const PatientPoint& referencePoint) const;

    /// Adds a known transform between two frames (from frame's patient coordinates to the
    /// other's) and re-synchronizes the panes; a comparison on screen is cleared.
    void setFrameTransform(const std::string& fromFrame, const std::string& toFrame,
                           const Eigen::Matrix4d& fromToTo, const TransformProvenance& provenance);
    /// Moves a series' frame by a small rigid motion in reference coordinates.
    void nudgeSeries(const QString& seriesInstanceUid, const Eigen::Matrix4d& deltaInReference);
    /// Registers, in the background, one series of each frame with no transform to the
    /// reference onto the reference series (rigid, mutual information).
    void registerAutomatically();
    /// Registers, in the background, each other frame onto the reference series with the
    /// metric only inside a sphere around `referenceCentre` (reference patient mm, LPS),
    /// starting from its current transform: this vertebral level aligns even when the
    /// spine's posture differs elsewhere. The badge names the region; the message gives the
    /// fit's quality there and warns when it is poor. A region the registration refuses
    /// (outside the overlap, too small, flat) is said and the transforms stay as they were.
    /// The result is kept as a named local registration beside the frame's others (`name`,
    /// or "local N" when empty) and picked, so the panes use it.
    void registerLevel(const PatientPoint& referenceCentre, double radiusMm,
                       const std::string& name = {});
    /// The names of the local registrations kept for frames joined to the reference
    /// (StudyWorkflowLocals.cpp), in the order they were made.
    std::vector<std::string> localRegistrationNames() const;
    /// Which transform the frames joined to the reference use: the global one, a named
    /// local registration (for every frame that has one of that name), or the one nearest
    /// the cursor. The panes follow; under Nearest they follow the cursor too.
    void pickTransform(const TransformPick& pick);
    /// The pick of the first frame with local registrations (Global when none has any).
    TransformPick transformPick() const;
    /// Renames a local registration in every frame that has it; false (with a message)
    /// when the new name is empty or taken.
    bool renameLocalRegistration(const std::string& oldName, const std::string& newName);
    /// The region (reference patient mm, radius mm) of the local registration the panes use
    /// at the cursor, if they use one.
    std::optional<std::pair<Eigen::Vector3d, double>> activeRegion() const;
    /// Fits the landmark pairs placed so far (moving frame -> reference); false (with a
    /// message) when there are too few pairs or they lie on a line.
    bool registerByLandmarks();

    /// Imports another tool's segmentation (DICOM SEG, RTSTRUCT, NIfTI label map, with an
    /// optional label table) in the background: every structure becomes an ROI of the
    /// session under its own name, measured in every series like a drawn one. A file that
    /// cannot be imported is said in one sentence and nothing is added
    /// (StudyWorkflowImport.cpp).
    void importSegmentation(const std::filesystem::path& file,
                            const std::optional<std::filesystem::path>& labelTable = {});

    /// Which CT and sCT a comparison of the open study would use, or why none is possible.
    StudyComparison comparison() const;
    /// Compares the CT and the sCT in the background; the result goes to the layer.
    void compare();

    /// Runs a task as the current one (replacing and cancelling any other, which also ends
    /// an opening in progress), in `during`; `succeeded` runs when it succeeds (not when it
    /// was replaced meanwhile).
    void runTask(BackgroundTask* task, State during, std::function<void()> succeeded = {});
    /// Cancels the current task: cancelled, then the state it came from (Ready or Idle).
    void cancel();

signals:
    void stateChanged(StudyWorkflow::State state);
    void taskStarted(const QString& title);
    void progress(double fraction, const QString& stage);
    void taskEnded();
    /// A sentence for the status bar, shown for timeoutMs.
    void message(const QString& text, int timeoutMs);
    /// A new study, or the same one with other roles: the browser and tables follow.
    void studyChanged(const std::shared_ptr<Study>& study);
    /// The study's transforms changed: what shows series through them follows.
    void transformsChanged();
    /// Files under the opened paths that could not be used ("file: reason").
    void problemsFound(const QStringList& lines);
    /// The user changed the study's registrations: adjusted one by hand, registered a level
    /// or by landmarks, picked another transform or renamed a local registration. Work a
    /// session should save.
    void registrationsEdited();
    /// Folders or files (or the demo's folder) were read; a study from them comes next.
    void pathsOpened(const QStringList& paths);
    void studyShown();
    void loadFailed(const QString& message);
    void cancelled();
    void registrationFinished();
    void analysisFinished();
    /// The comparison is on screen with this many findings.
    void comparisonShown(int findings);
    void sessionOpened(const QString& path);
    /// An opened study is on screen while its voxels load: the slice at the cursor of each
    /// pane first, then the rest (volumeDataChanged). studyShown follows once it is whole.
    void loadingShown();
    /// Voxels of the study on screen changed while it fills; `complete` with the last of
    /// them. Panes draw their slice again (and, when complete, their automatic window).
    void volumeDataChanged(bool complete);
    /// Another volume of a multi-volume series, asked for by a pane, is loaded into the
    /// study: the panes showing it follow.
    void volumeLoaded();
    /// importSegmentation added this many structures as ROIs.
    void segmentationImported(int structures);
    /// An opened study is on screen with what setCompareOnOpen adds, or without when there
    /// is none to run, or the opening's registration or comparison failed, was cancelled
    /// or was replaced by another task. Once per opening.
    void openingSettled();

private:
    /// The fill of the study on screen (StudyWorkflowLoading.cpp).
    struct StudyFill;

    void setState(State state);
    /// Shows a prepared study at once and decodes its voxels in the background, the slices
    /// at the cursor first; a study of pictures only is shown whole. `fillFrom` is where
    /// the fill's progress starts (the preparation took the part before).
    void showWhileLoading(const std::shared_ptr<Study>& study, const QStringList& paths,
                          double fillFrom);
    /// Decodes the voxels of the study just presented in the background; `whole` runs once
    /// every series is whole and studyShown was emitted.
    void fillInBackground(const std::shared_ptr<Study>& study, const QStringList& paths,
                          double fillFrom, std::function<void()> whole);
    /// The fill succeeded: warnings added, failed series dropped, studyShown.
    void finishFill(const std::shared_ptr<StudyFill>& fill);
    /// A fill cancelled, failed or replaced: the half-decoded study leaves the screen.
    void closePartialStudy();
    /// Points the fill at the slice under the cursor in every series.
    void focusFill();
    /// While a study fills: says that `action` waits for it and returns true.
    bool refuseWhileFilling(const QString& action);
    /// showStudy's layout part (panes, cursor, studyChanged) and its announcement.
    void presentStudy(std::shared_ptr<Study> study);
    void announceShown();
    void finishTask();
    /// The requested cursor, else the reference volume's centre.
    void placeCursor(const std::vector<const LoadedSeries*>& order,
                     const std::optional<PatientPoint>& requested);
    void warnIfOutsideEverySeries(const PatientPoint& cursor);
    void reportProblems(const Study& study);
    void refreshTransforms();
    /// Under a "nearest" pick, the cursor chooses the transform: tells the study's
    /// transforms where it is and re-synchronizes when that changed the choice.
    void followCursorForTransforms();
    void startOpeningSequence(bool focusFirstFinding);
    /// Runs a step of the opening sequence (registerAutomatically, compare): the task it
    /// starts continues the opening instead of ending it.
    void continueOpening(void (StudyWorkflow::*step)());
    void scheduleReanalysis();
    /// Ends the opening in progress, if any (done, failed, cancelled or replaced):
    /// openingSettled, so whoever waits for it goes on; the cursor stays where it is.
    void abandonOpening();
    /// Loads, one at a time in the background, the volumes the panes ask for that the
    /// study does not hold yet (StudyWorkflowVolumes.cpp).
    void loadWantedVolumes();

    ViewState* m_state;
    DiscrepancyLayer* m_discrepancy;
    AnnotationLayer* m_annotations;
    LandmarkSet* m_landmarks;
    std::shared_ptr<Study> m_study;
    State m_stateNow = State::Idle;
    OpeningStep m_opening = OpeningStep::None;
    /// The opening sequence moves the cursor onto the first finding (folders, the demo).
    bool m_openOnFinding = false;
    bool m_compareOnOpen = false;
    /// Set while an opening step starts its task (continueOpening).
    bool m_continuingOpening = false;
    /// Used by the next study shown, then cleared.
    std::optional<PatientPoint> m_requestedCursor;
    /// The study last shown took its cursor from requestCursor.
    bool m_cursorWasRequested = false;
    BackgroundTask* m_task = nullptr;
    /// Loads a volume a pane asked for, beside m_task (it never cancels a comparison).
    BackgroundTask* m_volumeTask = nullptr;
    /// Re-runs the comparison a moment after a transform change cleared it (a hand
    /// correction is many small steps: one run after the last).
    QTimer* m_reanalysis;
    /// The study on screen while its voxels are decoded; null otherwise.
    std::shared_ptr<StudyFill> m_fill;
    /// Redraws the panes a few times a second while a study fills.
    QTimer* m_fillRefresh;
};

}  // namespace crosscheck::viewer
