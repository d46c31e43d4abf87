#include "viewer/cohort/CohortTableItems.h"

#include "viewer/report/ReportPdfText.h"

namespace crosscheck::viewer {

CohortTableItem::CohortTableItem(const QString& text, std::optional<double> sortKey)
    : QTableWidgetItem(text), m_key(sortKey) {
    setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (sortKey) {
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
}

bool CohortTableItem::operator<(const QTableWidgetItem& other) const {
    const auto* cell = dynamic_cast<const CohortTableItem*>(&other);
    if (!cell || (!m_key && !cell->m_key)) {
        return text() < other.text();
    }
    if (!m_key || !cell->m_key) {
        return m_key.has_value();  // numbers before empty cells
    }
    return *m_key < *cell->m_key;
}

QString cohortCellText(const std::optional<double>& value) {
    return formatReportValue(value);
}

}  // namespace crosscheck::viewer
