#include "viewer/tasks/BackgroundTask.h"

#include <QMetaObject>
#include <QPointer>
#include <exception>

namespace crosscheck::viewer {

BackgroundTask::BackgroundTask(QString title, Work work, QObject* parent)
    : QObject(parent), m_title(std::move(title)), m_work(std::move(work)) {}

BackgroundTask::~BackgroundTask() {
    m_cancel = true;
    waitForWork();
}

void BackgroundTask::cancel() {
    m_cancel = true;
}

void BackgroundTask::waitForWork() {
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void BackgroundTask::start() {
    if (m_running.exchange(true)) {
        return;
    }
    m_cancel = false;
    m_thread = std::thread([this] {
        Progress progress;
        progress.cancel = &m_cancel;
        // Progress from worker threads is queued to the GUI thread; the newest wins.
        progress.report = [this](double fraction, const std::string& stage) {
            QMetaObject::invokeMethod(
                this,
                [this, fraction, text = QString::fromStdString(stage)] {
                    emit progressed(fraction, text);
                },
                Qt::QueuedConnection);
        };
        auto finish = [this](auto emitter) {
            QMetaObject::invokeMethod(
                this,
                [this, emitter] {
                    m_running = false;
                    emitter();
                },
                Qt::QueuedConnection);
        };
        try {
            m_work(progress);
            finish([this] { emit succeeded(); });
        } catch (const Cancelled&) {
            finish([this] { emit cancelled(); });
        } catch (const std::exception& e) {
            finish([this, message = QString::fromStdString(e.what())] { emit failed(message); });
        } catch (...) {
            finish([this] { emit failed(tr("unknown error")); });
        }
    });
}

}  // namespace crosscheck::viewer
