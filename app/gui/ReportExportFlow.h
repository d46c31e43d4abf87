#pragma once
// File > Export report...: asks for formats, folder and anonymization (ExportReportDialog),
// never replaces existing files without a yes, then builds the report of the open study
// (its annotations; the workflow's CT-vs-sCT result, or a fresh comparison when there is
// none) and writes it as the workflow's current task, off the GUI thread.
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>

class QWidget;

namespace crosscheck::viewer {
class MeasurementTable;
class StudyWorkflow;
}  // namespace crosscheck::viewer

namespace crosscheck::app {

struct ReportExportRequest;

class ReportExportFlow : public QObject {
    Q_OBJECT
public:
    /// Answers "replace these existing report files?" (full paths); by default a message
    /// box asks the user. Tests inject an answer.
    using OverwriteQuestion = std::function<bool(const QStringList& existingFiles)>;

    ReportExportFlow(viewer::StudyWorkflow* workflow, const viewer::MeasurementTable* measurements,
                     QWidget* dialogParent);

    void setOverwriteQuestion(OverwriteQuestion question) {
        m_overwriteQuestion = std::move(question);
    }
    /// Asks for formats, folder and anonymization, then exportReport.
    void showDialog();
    /// Writes the report in the background; ends with finished.
    void exportReport(const ReportExportRequest& request);

signals:
    /// `written` is false when nothing was written (declined overwrite, error, cancel).
    void finished(bool written, const QString& message);
    void message(const QString& text, int timeoutMs);

private:
    bool mayReplace(const QStringList& existingFiles) const;
    void fail(const QString& text);

    viewer::StudyWorkflow* m_workflow;
    const viewer::MeasurementTable* m_measurements;
    QWidget* m_dialogParent;
    OverwriteQuestion m_overwriteQuestion;
    QString m_folder;
};

}  // namespace crosscheck::app
