#pragma once
// The PACS in the main window: File > Study browser... (the viewer's StudyBrowser in a
// window of its own: search the local database or a node, retrieve, open), File > PACS
// nodes... (NodeSettingsDialog, also behind the browser's Nodes... button) and File > Send
// report to PACS...: the open study's report written as DICOM SR (and SEG when ROIs cover
// CT voxels) by the report export into a temporary folder, then C-STOREd or STOW-RSed to
// a configured node as the workflow's task (status bar progress, Cancel), ending in one
// sentence ("Sent 2 files to ORTHANC@127.0.0.1:4242." or what failed).
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

#include "core/pacs/ConfiguredNode.h"

class QDialog;
class QMenu;
class QTemporaryDir;
class QWidget;

namespace crosscheck::viewer {
class StudyBrowser;
class StudyWorkflow;
}  // namespace crosscheck::viewer

namespace crosscheck::app {

class ReportExportFlow;

class PacsFlow : public QObject {
    Q_OBJECT
public:
    PacsFlow(viewer::StudyWorkflow* workflow, ReportExportFlow* report, QWidget* dialogParent);
    ~PacsFlow() override;

    /// Adds Study browser... (Ctrl+B) and PACS nodes... to the menu.
    void addBrowserActions(QMenu* file);
    /// Adds Send report to PACS... to the menu.
    void addSendAction(QMenu* file);

    /// The browser (created, reading the node list and database places from the
    /// environment, on first use) and its window.
    viewer::StudyBrowser* browser();
    QDialog* browserWindow();
    void showBrowser();
    /// The node settings, modal; the browser's sources follow what was saved.
    void showNodeSettings();
    /// Asks which configured node, then sendReport.
    void showSendReport();
    /// Exports the report's SR (and SEG) into a temporary folder and sends them to the
    /// configured node of this name; ends with reportSent.
    void sendReport(const QString& nodeName);

signals:
    /// Open exactly these files (the browser's Open).
    void openRequested(const QStringList& files);
    void message(const QString& text, int timeoutMs);
    void reportSent(bool ok, const QString& text);

private:
    void reportWritten(bool written, const QString& text);
    void fail(const QString& text);

    viewer::StudyWorkflow* m_workflow;
    ReportExportFlow* m_report;
    QWidget* m_dialogParent;
    QDialog* m_browserWindow = nullptr;
    viewer::StudyBrowser* m_browser = nullptr;
    /// Where the report being sent is written; removed with the next send (or at exit).
    std::unique_ptr<QTemporaryDir> m_sendDir;
    ConfiguredNode m_sendNode;
    bool m_waitingForReport = false;
};

}  // namespace crosscheck::app
