#include "app/gui/ExportReportDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace crosscheck::app {

namespace {

bool has(const viewer::ReportFormats& formats, ReportFormat format) {
    return std::find(formats.core.begin(), formats.core.end(), format) != formats.core.end();
}

}  // namespace

ExportReportDialog::ExportReportDialog(const ReportExportRequest& initial, QWidget* parent)
    : QDialog(parent),
      m_pdf(new QCheckBox(tr("PDF report (report.pdf): key images, tables, findings"), this)),
      m_csv(new QCheckBox(tr("CSV (measurements.csv): a row per ROI and series"), this)),
      m_json(new QCheckBox(tr("JSON (report.json): everything, versioned schema"), this)),
      m_sr(new QCheckBox(tr("DICOM SR (report_sr.dcm): TID 1500 for PACS and viewers"), this)),
      m_seg(new QCheckBox(tr("DICOM SEG (report_seg.dcm): the ROIs' voxels on the CT"), this)),
      m_folder(new QLineEdit(initial.folder, this)),
      m_anonymize(new QCheckBox(tr("Anonymize (DICOM basic de-identification profile)"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Export report"));
    m_pdf->setChecked(initial.formats.pdf);
    m_csv->setChecked(has(initial.formats, ReportFormat::Csv));
    m_json->setChecked(has(initial.formats, ReportFormat::Json));
    m_sr->setChecked(has(initial.formats, ReportFormat::Sr));
    m_seg->setChecked(has(initial.formats, ReportFormat::Seg));
    m_anonymize->setChecked(initial.anonymize);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));

    auto* formats = new QVBoxLayout;
    for (QCheckBox* box : {m_pdf, m_csv, m_json, m_sr, m_seg}) {
        formats->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &ExportReportDialog::updateOk);
    }
    auto* choose = new QPushButton(tr("Choose..."), this);
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Report folder"), m_folder->text());
        if (!dir.isEmpty()) {
            m_folder->setText(dir);
        }
    });
    connect(m_folder, &QLineEdit::textChanged, this, &ExportReportDialog::updateOk);
    auto* folder = new QHBoxLayout;
    folder->addWidget(m_folder, 1);
    folder->addWidget(choose);

    auto* form = new QFormLayout;
    form->addRow(tr("Formats"), formats);
    form->addRow(tr("Folder"), folder);
    form->addRow(QString(), m_anonymize);
    auto* note =
        new QLabel(tr("Existing files in the folder are only replaced after you agree."), this);
    note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, sizeHint().height());
    updateOk();
}

ReportExportRequest ExportReportDialog::request() const {
    ReportExportRequest r;
    r.folder = m_folder->text().trimmed();
    r.formats.pdf = m_pdf->isChecked();
    if (m_csv->isChecked()) {
        r.formats.core.push_back(ReportFormat::Csv);
    }
    if (m_json->isChecked()) {
        r.formats.core.push_back(ReportFormat::Json);
    }
    if (m_sr->isChecked()) {
        r.formats.core.push_back(ReportFormat::Sr);
    }
    if (m_seg->isChecked()) {
        r.formats.core.push_back(ReportFormat::Seg);
    }
    r.anonymize = m_anonymize->isChecked();
    return r;
}

void ExportReportDialog::updateOk() {
    const ReportExportRequest r = request();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!r.formats.empty() && !r.folder.isEmpty());
}

}  // namespace crosscheck::app
