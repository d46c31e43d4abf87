#pragma once

#include <QTableWidgetItem>
#include <optional>

namespace crosscheck::viewer {

/// A cohort table cell that sorts by a number (empty cells last in ascending order), or by
/// its text when it has no number: sizes and HU sort as numbers, not as text.
class CohortTableItem : public QTableWidgetItem {
public:
    explicit CohortTableItem(const QString& text, std::optional<double> sortKey = std::nullopt);
    bool operator<(const QTableWidgetItem& other) const override;
    std::optional<double> sortKey() const { return m_key; }

private:
    std::optional<double> m_key;
};

/// "463.6", or an en dash for no value: the cohort table's numbers (one decimal, as in the PDF).
QString cohortCellText(const std::optional<double>& value);

}  // namespace crosscheck::viewer
