#pragma once

#include <QDialog>

#include "app/gui/ReportExportRequest.h"

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace crosscheck::app {

/// File > Export report...: which formats (PDF, CSV, JSON, DICOM SR), into which folder,
/// anonymized or not. Only collects the choice; MainWindow::exportReport does the work (in
/// the background) and asks before replacing existing files.
class ExportReportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportReportDialog(const ReportExportRequest& initial, QWidget* parent = nullptr);

    ReportExportRequest request() const;

private:
    void updateOk();

    QCheckBox* m_pdf;
    QCheckBox* m_csv;
    QCheckBox* m_json;
    QCheckBox* m_sr;
    QCheckBox* m_seg;
    QLineEdit* m_folder;
    QCheckBox* m_anonymize;
    QDialogButtonBox* m_buttons;
};

}  // namespace crosscheck::app
