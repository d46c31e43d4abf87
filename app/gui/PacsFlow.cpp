#include "app/gui/PacsFlow.h"

#include <QAction>
#include <QDialog>
#include <QInputDialog>
#include <QMenu>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <filesystem>

#include "app/gui/ReportExportFlow.h"
#include "app/gui/ReportExportRequest.h"
#include "core/model/Study.h"
#include "core/pacs/PacsNodeList.h"
#include "core/report/ReportOutput.h"
#include "viewer/pacs/NodeSettingsDialog.h"
#include "viewer/pacs/PacsClientFactory.h"
#include "viewer/pacs/StudyBrowser.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/study/StudyWorkflow.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::app {

namespace {

QString text(const std::string& s) {
    return QString::fromStdString(s);
}

/// What a store did, as one sentence naming the node.
QString storeSentence(const StoreResult& result, int files, const std::string& node) {
    if (result.failed.empty()) {
        return QObject::tr("Sent %1 to %2.")
            .arg(
                result.sent == 1 ? QObject::tr("1 file") : QObject::tr("%1 files").arg(result.sent),
                text(node));
    }
    QStringList reasons;
    for (const StoreFailure& f : result.failed) {
        reasons << QStringLiteral("%1: %2").arg(
            text(std::filesystem::path(f.file).filename().string()), text(f.reason));
    }
    return QObject::tr("Sent %1 of %2 files to %3; %4.")
        .arg(result.sent)
        .arg(files)
        .arg(text(node), reasons.join(QStringLiteral("; ")));
}

}  // namespace

PacsFlow::PacsFlow(viewer::StudyWorkflow* workflow, ReportExportFlow* report, QWidget* dialogParent)
    : QObject(dialogParent), m_workflow(workflow), m_report(report), m_dialogParent(dialogParent) {
    connect(m_report, &ReportExportFlow::finished, this, &PacsFlow::reportWritten);
}

PacsFlow::~PacsFlow() = default;

void PacsFlow::addBrowserActions(QMenu* file) {
    QAction* browse = file->addAction(tr("Study &browser..."));
    browse->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    connect(browse, &QAction::triggered, this, &PacsFlow::showBrowser);
    connect(file->addAction(tr("PACS &nodes...")), &QAction::triggered, this,
            &PacsFlow::showNodeSettings);
}

void PacsFlow::addSendAction(QMenu* file) {
    connect(file->addAction(tr("Send report to &PACS...")), &QAction::triggered, this,
            &PacsFlow::showSendReport);
}

viewer::StudyBrowser* PacsFlow::browser() {
    if (m_browser == nullptr) {
        m_browserWindow = new QDialog(m_dialogParent);
        m_browserWindow->setWindowTitle(tr("Study browser"));
        m_browserWindow->setModal(false);
        m_browser =
            new viewer::StudyBrowser(viewer::StudyBrowserPlaces::defaults(), m_browserWindow);
        auto* layout = new QVBoxLayout(m_browserWindow);
        layout->addWidget(m_browser);
        m_browserWindow->resize(1100, 560);
        connect(m_browser, &viewer::StudyBrowser::openRequested, this, &PacsFlow::openRequested);
        connect(m_browser, &viewer::StudyBrowser::nodeSettingsRequested, this,
                &PacsFlow::showNodeSettings);
    }
    return m_browser;
}

QDialog* PacsFlow::browserWindow() {
    browser();
    return m_browserWindow;
}

void PacsFlow::showBrowser() {
    browser();
    m_browserWindow->show();
    m_browserWindow->raise();
    m_browserWindow->activateWindow();
}

void PacsFlow::showNodeSettings() {
    QWidget* parent =
        m_browserWindow && m_browserWindow->isVisible() ? m_browserWindow : m_dialogParent;
    viewer::NodeSettingsDialog dialog(defaultNodeListLocation(), parent);
    if (dialog.exec() == QDialog::Accepted && m_browser != nullptr) {
        m_browser->reloadNodes();
    }
}

void PacsFlow::showSendReport() {
    std::vector<ConfiguredNode> nodes;
    try {
        nodes = loadNodeList(defaultNodeListLocation());
    } catch (const std::exception& e) {
        return fail(text(e.what()));
    }
    if (nodes.empty()) {
        return fail(tr("No PACS node is configured: add one in File > PACS nodes..."));
    }
    QStringList labels;
    for (const ConfiguredNode& node : nodes) {
        labels << text(node.label());
    }
    bool ok = false;
    const QString chosen = QInputDialog::getItem(m_dialogParent, tr("Send report to PACS"),
                                                 tr("Send the report's DICOM SR (and SEG) to:"),
                                                 labels, 0, false, &ok);
    if (ok) {
        sendReport(text(nodes[static_cast<std::size_t>(labels.indexOf(chosen))].name));
    }
}

void PacsFlow::fail(const QString& sentence) {
    emit message(sentence, 10000);
    emit reportSent(false, sentence);
}

void PacsFlow::sendReport(const QString& nodeName) {
    const auto& study = m_workflow->study();
    if (!study || study->series.empty()) {
        return fail(tr("Open a study before sending a report."));
    }
    std::vector<ConfiguredNode> nodes;
    try {
        nodes = loadNodeList(defaultNodeListLocation());
    } catch (const std::exception& e) {
        return fail(text(e.what()));
    }
    const auto it = std::find_if(nodes.begin(), nodes.end(),
                                 [&](const ConfiguredNode& n) { return text(n.name) == nodeName; });
    if (it == nodes.end()) {
        return fail(tr("No configured PACS node is named \"%1\".").arg(nodeName));
    }
    m_sendNode = *it;
    m_sendDir = std::make_unique<QTemporaryDir>();
    ReportExportRequest request;
    request.folder = m_sendDir->path();
    request.formats.core = {ReportFormat::Sr};
    // The SEG carries the ROIs' voxels on the CT: only with ROIs and a CT to put them on.
    if (!m_workflow->annotationLayer()->history().annotations().empty() &&
        study->find(SeriesRole::CT) != nullptr) {
        request.formats.core.push_back(ReportFormat::Seg);
    }
    m_waitingForReport = true;
    m_report->exportReport(request);
}

void PacsFlow::reportWritten(bool written, const QString& why) {
    if (!std::exchange(m_waitingForReport, false)) {
        return;
    }
    if (!written) {
        return fail(tr("Report not sent to %1: %2").arg(text(m_sendNode.address), why));
    }
    std::vector<std::string> files;
    for (const ReportFormat format : {ReportFormat::Sr, ReportFormat::Seg}) {
        const auto file =
            std::filesystem::path(m_sendDir->path().toStdString()) / reportFileName(format);
        if (std::filesystem::exists(file)) {
            files.push_back(file.string());
        }
    }
    auto result = std::make_shared<std::pair<StoreResult, std::string>>();
    auto* task = new viewer::BackgroundTask(tr("Sending report to %1").arg(text(m_sendNode.name)),
                                            [node = m_sendNode, files, result](const Progress& p) {
                                                const auto client = viewer::makePacsClient(node);
                                                result->second = client->address();
                                                result->first = client->store(files, p);
                                            });
    connect(task, &viewer::BackgroundTask::failed, this,
            [this](const QString& reason) { emit reportSent(false, reason); });
    connect(task, &viewer::BackgroundTask::cancelled, this, [this] {
        fail(tr("Sending the report to %1 was cancelled.").arg(text(m_sendNode.address)));
    });
    const int count = static_cast<int>(files.size());
    m_workflow->runTask(task, viewer::StudyWorkflow::State::Working, [this, result, count] {
        const QString sentence = storeSentence(result->first, count, result->second);
        emit message(sentence, 15000);
        emit reportSent(result->first.failed.empty(), sentence);
    });
}

}  // namespace crosscheck::app
