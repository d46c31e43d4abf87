#pragma once
// File > Open cohort... and File > Run cohort...: reads a `cohort run` folder into the cohort
// panel, runs the per-patient work (core/cohort runCohortLocally, the same as
// `crosscheck-cli cohort run`) on a thread of its own with progress and Cancel in the panel,
// and turns a double-click on a patient into a request to open that patient's study.
// The cohort's task is not the study workflow's: patients can be opened while it runs.
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

#include "core/cohort/PatientResult.h"
#include "core/geometry/PatientPoint.h"

class QWidget;

namespace crosscheck::viewer {
class BackgroundTask;
class CohortPanel;
}  // namespace crosscheck::viewer

namespace crosscheck::app {

class CohortFlow : public QObject {
    Q_OBJECT
public:
    CohortFlow(viewer::CohortPanel* panel, QWidget* dialogParent);
    ~CohortFlow() override;

    /// Shows DIR/patients/*.json and their summary; false (with `message`) when the folder
    /// holds no result file or one cannot be read.
    bool openCohort(const QString& dir);
    /// Asks for a folder, then openCohort.
    void showOpenDialog();
    /// Asks for the studies (a folder of study folders, or one study) and the results
    /// folder, then runCohort.
    void showRunDialog();
    /// Measures the studies without a result file in `outDir` (resumes), `jobs` at a time
    /// (0: the machine's cores), then shows the folder; ends with runFinished.
    void runCohort(const QStringList& studies, const QString& outDir, int jobs = 0);
    bool isRunning() const;
    /// Stops after the patients being measured (their files are written).
    void cancel();

signals:
    void message(const QString& text, int timeoutMs);
    void cohortOpened(const QString& dir);
    /// `cancelled` when stopped early; `text` says what was done or what went wrong.
    void runFinished(bool ok, bool cancelled, const QString& text);
    /// A patient's study to open, with the measured finding's centre (CT patient mm)
    /// when there is one.
    void openStudyRequested(const QString& folder, std::optional<crosscheck::PatientPoint> centre);
    /// A patient whose tumour ROIs came from a saved session: that session to open (its
    /// study, ROIs, transforms and cursor), instead of the bare folder.
    void openSessionRequested(const QString& sessionFile);

private:
    void activate(const PatientResult& result);
    void runEnded(bool ok, bool cancelled, const QString& text);

    viewer::CohortPanel* m_panel;
    QWidget* m_dialogParent;
    std::unique_ptr<viewer::BackgroundTask> m_task;
    QString m_runOut;
    std::shared_ptr<std::pair<int, int>> m_runCounts;  ///< done, failed (written by the worker)
};

}  // namespace crosscheck::app
