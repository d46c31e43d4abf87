#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <thread>

#include "core/util/Progress.h"

namespace crosscheck::viewer {

/// Runs one piece of long core work (loading, registration, analysis) on a worker thread
/// and reports back on the GUI thread: progress, then exactly one of succeeded, failed
/// or cancelled. The work receives a core Progress whose cancel flag cancel() sets.
///
/// The task object must outlive its thread: the destructor cancels and joins.
class BackgroundTask : public QObject {
    Q_OBJECT
public:
    using Work = std::function<void(const Progress& progress)>;

    explicit BackgroundTask(QString title, Work work, QObject* parent = nullptr);
    ~BackgroundTask() override;

    const QString& title() const { return m_title; }
    void start();
    void cancel();
    bool isRunning() const { return m_running.load(); }
    /// Blocks until the work function has returned (its outcome is then queued to the GUI
    /// thread, not yet emitted). For shutdown and for tests that need a finished worker.
    void waitForWork();

signals:
    void progressed(double fraction, const QString& stage);
    void succeeded();
    void failed(const QString& message);
    void cancelled();

private:
    QString m_title;
    Work m_work;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_running{false};
    std::thread m_thread;
};

}  // namespace crosscheck::viewer
