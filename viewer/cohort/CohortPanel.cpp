#include "viewer/cohort/CohortPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "viewer/cohort/CohortTableItems.h"
#include "viewer/report/CohortPdfText.h"
#include "viewer/report/CohortPdfWriter.h"
#include "viewer/report/ReportPdfText.h"

namespace crosscheck::viewer {

namespace {

const QColor kMissFill(250, 218, 222);
const QColor kFailedFill(232, 232, 232);

QString yesNo(bool v) {
    return v ? QObject::tr("yes") : QObject::tr("no");
}

/// What the numbers of a row measured: the tumour ROIs of the patient's saved session, or
/// the region the analysis flagged (empty for a patient that failed first).
QString measuredText(const std::string& roiSource) {
    if (roiSource == "session") {
        return QObject::tr("session ROIs");
    }
    return roiSource == "finding" ? QObject::tr("finding") : QString();
}

}  // namespace

CohortPanel::CohortPanel(QWidget* parent)
    : QWidget(parent),
      m_summary(new QLabel(this)),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_progress(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_runLabel(new QLabel(this)) {
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setText(tr("No cohort open: File > Open cohort... or Run cohort..."));
    m_table->setHorizontalHeaderLabels(
        {tr("Patient"), tr("Status"), tr("Visible on CT"), tr("Visible on sCT"),
         tr("Axial CT (mm)"), tr("Axial sCT (mm)"), tr("Sagittal CT (mm)"), tr("Sagittal sCT (mm)"),
         tr("HU CT"), tr("HU sCT"), tr("Flags"), tr("Measured"), tr("Registration"), tr("Time (s)"),
         tr("Reason / warnings")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    // By patient, A to Z, until the user clicks another header.
    m_table->horizontalHeader()->setSortIndicator(Patient, Qt::AscendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(true);
    // Activation is a double-click (or Enter) with the platform's usual settings.
    connect(m_table, &QTableWidget::itemActivated, this, [this](QTableWidgetItem* item) {
        if (const PatientResult* r = resultAtRow(item->row())) {
            emit patientActivated(*r);
        }
    });
    connect(m_cancel, &QPushButton::clicked, this, &CohortPanel::cancelRequested);
    auto* run = new QHBoxLayout;
    run->addWidget(m_runLabel, 1);
    run->addWidget(m_progress, 2);
    run->addWidget(m_cancel);
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_cancel->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addLayout(run);
}

void CohortPanel::setCohort(const QString& folder, std::vector<PatientResult> results,
                            const CohortSummary& summary) {
    m_folder = folder;
    m_results = std::move(results);
    m_table->setSortingEnabled(false);  // rows filled in place, then sorted once
    m_table->clearContents();
    m_table->setRowCount(static_cast<int>(m_results.size()));
    for (std::size_t i = 0; i < m_results.size(); ++i) {
        fillRow(static_cast<int>(i), m_results[i], static_cast<int>(i));
    }
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents();
    m_summary->setText(summaryHtml(summary));
}

const PatientResult* CohortPanel::resultAtRow(int row) const {
    const QTableWidgetItem* item = m_table->item(row, Patient);
    if (!item) {
        return nullptr;
    }
    const int index = item->data(Qt::UserRole).toInt();
    return index >= 0 && index < static_cast<int>(m_results.size()) ? &m_results[index] : nullptr;
}

void CohortPanel::fillRow(int row, const PatientResult& r, int index) {
    const auto number = [](const std::optional<double>& v) {
        auto* item = new CohortTableItem(cohortCellText(v), v);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);  // the dash too
        return item;
    };
    QString reason = QString::fromStdString(r.reason);
    for (const std::string& warning : r.warnings) {
        reason +=
            (reason.isEmpty() ? QString() : QStringLiteral("; ")) + QString::fromStdString(warning);
    }
    if (r.done && !r.hasFinding) {
        reason = tr("no dense-on-CT region the sCT misses") +
                 (reason.isEmpty() ? QString() : QStringLiteral("; ") + reason);
    }
    std::vector<CohortTableItem*> cells{
        new CohortTableItem(QString::fromStdString(r.patient)),
        new CohortTableItem(r.done ? tr("done") : tr("failed")),
        new CohortTableItem(r.done ? yesNo(r.visibleOnCt) : QString()),
        new CohortTableItem(r.done ? yesNo(r.visibleOnSct) : QString()),
        number(r.axialLongMm.ct),
        number(r.axialLongMm.sct),
        number(r.sagittalLongMm.ct),
        number(r.sagittalLongMm.sct),
        number(r.meanHu.ct),
        number(r.meanHu.sct),
        new CohortTableItem(QString::number(r.flags.size()), static_cast<double>(r.flags.size())),
        new CohortTableItem(measuredText(r.roiSource)),
        new CohortTableItem(QString::fromStdString(r.registration)),
        new CohortTableItem(QString::number(r.ms / 1000.0, 'f', 1), r.ms / 1000.0),
        new CohortTableItem(reason)};
    cells[Patient]->setData(Qt::UserRole, index);
    cells[Patient]->setToolTip(QString::fromStdString(r.study));
    cells[Reason]->setToolTip(reason);
    cells[RoiSource]->setToolTip(QString::fromStdString(r.sessionFile));
    const bool missed = r.done && r.visibleOnCt && !r.visibleOnSct;
    for (int c = 0; c < ColumnCount; ++c) {
        if (!r.done) {
            cells[static_cast<std::size_t>(c)]->setBackground(kFailedFill);
        } else if (missed) {
            cells[static_cast<std::size_t>(c)]->setBackground(kMissFill);
        }
        m_table->setItem(row, c, cells[static_cast<std::size_t>(c)]);
    }
}

QString CohortPanel::summaryHtml(const CohortSummary& s) const {
    QString html = tr("<b>%1</b>: %2 patients, %3 done, %4 failed; <b>%5</b>")
                       .arg(m_folder.toHtmlEscaped())
                       .arg(s.patients)
                       .arg(s.done)
                       .arg(s.failed.size())
                       .arg(detectionLine(s));
    html += QStringLiteral(
                "<table cellspacing='0' cellpadding='4'><tr><th align='left'>%1</th><th>n</th>"
                "<th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th></tr>")
                .arg(tr("Measure"), tr("CT mean (SD)"), tr("sCT mean (SD)"),
                     tr("CT - sCT [95 % CI]"), tr("t-test p"), tr("Wilcoxon p"));
    for (const MeasureSummary& m : s.measures) {
        const PairedComparison& c = m.comparison;
        html += QStringLiteral(
                    "<tr><td>%1</td><td align='right'>%2</td><td align='right'>%3 (%4)</td>"
                    "<td align='right'>%5 (%6)</td><td align='right'>%7 [%8, %9]</td>"
                    "<td align='right'>%10</td><td align='right'>%11 (%12)</td></tr>")
                    .arg(measureTitle(m.name))
                    .arg(c.difference.n)
                    .arg(formatReportValue(c.ct.mean), formatReportValue(c.ct.sd),
                         formatReportValue(c.sct.mean), formatReportValue(c.sct.sd),
                         formatReportValue(c.difference.mean), formatReportValue(c.ci95Low),
                         formatReportValue(c.ci95High), formatPValue(c.tTestP),
                         formatPValue(c.wilcoxon.p))
                    .arg(QString::fromStdString(c.wilcoxon.method));
    }
    return html + QStringLiteral("</table>");
}

void CohortPanel::runStarted(const QString& title) {
    m_runLabel->setText(title);
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    m_cancel->setEnabled(true);
}

void CohortPanel::runProgressed(double fraction, const QString& stage) {
    m_progress->setValue(static_cast<int>(fraction * 1000.0));
    if (!stage.isEmpty()) {
        m_progress->setFormat(stage + QStringLiteral(" %p%"));
    }
}

void CohortPanel::runEnded(const QString& message) {
    m_runLabel->setText(message);
    m_progress->hide();
    m_cancel->hide();
}

}  // namespace crosscheck::viewer
