#include "viewer/analysis/StructureAgreementTable.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/analysis/StudyComparison.h"
#include "core/model/Study.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/roi/AnnotationLayer.h"

namespace crosscheck::viewer {

namespace {

const QStringList kColumns{QStringLiteral("Structure"),   QStringLiteral("CT mean HU"),
                           QStringLiteral("sCT mean HU"), QStringLiteral("MAE HU"),
                           QStringLiteral("ME HU"),       QStringLiteral("Voxels")};

QTableWidgetItem* numberItem(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

bool sameStructures(const std::vector<ImportedRoi>& a, const std::vector<ImportedRoi>& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].label != b[i].label || !(a[i].roi == b[i].roi)) {
            return false;
        }
    }
    return true;
}

}  // namespace

StructureAgreementTable::StructureAgreementTable(DiscrepancyLayer* discrepancy,
                                                 AnnotationLayer* annotations, QWidget* parent)
    : QWidget(parent),
      m_discrepancy(discrepancy),
      m_annotations(annotations),
      m_status(new QLabel(this)),
      m_table(new QTableWidget(0, static_cast<int>(kColumns.size()), this)) {
    m_status->setWordWrap(true);
    m_table->setHorizontalHeaderLabels(kColumns);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_status);
    layout->addWidget(m_table);
    connect(m_discrepancy, &DiscrepancyLayer::changed, this,
            &StructureAgreementTable::scheduleRefresh);
    connect(m_annotations, &AnnotationLayer::changed, this,
            &StructureAgreementTable::scheduleRefresh);
    refresh();
}

void StructureAgreementTable::setStudy(std::shared_ptr<const Study> study) {
    m_study = std::move(study);
    m_shownResult.reset();  // other transforms: compute again
    scheduleRefresh();
}

void StructureAgreementTable::scheduleRefresh() {
    if (!m_refreshPending) {
        m_refreshPending = true;
        QTimer::singleShot(0, this, [this] {
            m_refreshPending = false;
            refresh();
        });
    }
}

void StructureAgreementTable::refresh() {
    std::vector<ImportedRoi> structures;
    for (const Annotation& a : m_annotations->history().annotations()) {
        if (a.roi.importedFrom) {
            structures.push_back({a.label.empty() ? a.id : a.label, a.roi});
        }
    }
    const auto& result = m_discrepancy->result();
    QString why;
    if (structures.empty()) {
        why =
            tr("No imported structure: File > Import segmentation (Ctrl+I) brings in a DICOM "
               "SEG, an RTSTRUCT or a NIfTI label map.");
    } else if (!m_study || !result || !result->difference) {
        why =
            tr("%n imported structure(s); compare CT and sCT (Analysis > Compare, Ctrl+D) to "
               "fill this table.",
               "", static_cast<int>(structures.size()));
    }
    if (!why.isEmpty()) {
        m_rows.clear();
        m_shownResult.reset();
        m_shownStructures.clear();
        m_status->setText(why);
        fill();
        return;
    }
    if (result == m_shownResult && sameStructures(structures, m_shownStructures)) {
        return;  // a selection or a drawn ROI changed, not what the table shows
    }
    const StudyComparison pair = comparisonInputs(*m_study);
    if (!pair.ct) {
        m_rows.clear();
        m_status->setText(QString::fromStdString(pair.whyNot));
    } else {
        m_rows = structureAgreement(*result->difference, structures, m_study->transforms,
                                    pair.ct->info.frameOfReferenceUid);
        m_status->setText(
            tr("%n imported structure(s), sorted by MAE, largest first (inside "
               "each: the CT voxels in the body where the sCT has a value).",
               "", static_cast<int>(structures.size())));
    }
    m_shownResult = result;
    m_shownStructures = std::move(structures);
    fill();
}

void StructureAgreementTable::fill() {
    m_table->setRowCount(0);
    m_table->setRowCount(static_cast<int>(m_rows.size()));
    for (int r = 0; r < static_cast<int>(m_rows.size()); ++r) {
        const StructureAgreementRow& row = m_rows[static_cast<std::size_t>(r)];
        m_table->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(row.label)));
        if (!row.measured) {
            auto* item = new QTableWidgetItem(QString::fromStdString(row.warning));
            m_table->setItem(r, 1, item);
            m_table->setSpan(r, 1, 1, static_cast<int>(kColumns.size()) - 1);
            continue;
        }
        m_table->setItem(r, 1, numberItem(QString::number(row.ctMeanHu, 'f', 1)));
        m_table->setItem(r, 2, numberItem(QString::number(row.sctMeanHu, 'f', 1)));
        m_table->setItem(r, 3, numberItem(QString::number(row.metrics.maeHu, 'f', 1)));
        m_table->setItem(r, 4, numberItem(QString::number(row.metrics.meHu, 'f', 1)));
        m_table->setItem(r, 5, numberItem(QString::number(row.metrics.voxels)));
    }
    m_table->resizeColumnsToContents();
    emit updated();
}

QString StructureAgreementTable::status() const {
    return m_status->text();
}

QString StructureAgreementTable::toTsv() const {
    QStringList lines{kColumns.join(QLatin1Char('\t'))};
    for (int r = 0; r < m_table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < m_table->columnCount(); ++c) {
            const QTableWidgetItem* item = m_table->item(r, c);
            cells << (item ? item->text() : QString());
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

}  // namespace crosscheck::viewer
