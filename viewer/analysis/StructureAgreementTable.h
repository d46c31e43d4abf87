#pragma once

#include <QWidget>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/findings/StructureAgreement.h"

class QLabel;
class QTableWidget;

namespace crosscheck {
struct DiscrepancyResult;
struct Study;
}  // namespace crosscheck

namespace crosscheck::viewer {

class AnnotationLayer;
class DiscrepancyLayer;

/// The table "sCT agreement per structure" (docs/import.md): for each imported structure
/// of the session (an ROI with `importedFrom`, under its label) the CT and sCT mean HU, MAE
/// and ME (CT - sCT) inside it and its voxel count, sorted by MAE, largest first. The numbers
/// are core's structureAgreement over the difference volume of the comparison on screen (the
/// DiscrepancyLayer's), nothing computed here; so a registration change, which clears the
/// comparison, empties the table until CT and sCT are compared again, and the new comparison
/// refills it. A line above the table says why it is empty (no imported structure, no
/// comparison). Recomputed once per event-loop turn after the annotations or the comparison
/// change, and only when the structures or the comparison differ from the last time.
class StructureAgreementTable : public QWidget {
    Q_OBJECT
public:
    StructureAgreementTable(DiscrepancyLayer* discrepancy, AnnotationLayer* annotations,
                            QWidget* parent = nullptr);

    /// The study whose transforms carry a structure to the CT's frame.
    void setStudy(std::shared_ptr<const Study> study);

    QTableWidget* table() const { return m_table; }
    /// The rows shown, as core computed them (empty when the table is empty).
    const std::vector<StructureAgreementRow>& rows() const { return m_rows; }
    /// The line above the table ("12 structures, sorted by MAE", or why there is none).
    QString status() const;
    /// The table as tab-separated text with a header line.
    QString toTsv() const;

signals:
    /// The table was filled again (or emptied).
    void updated();

private:
    void scheduleRefresh();
    void refresh();
    void fill();

    DiscrepancyLayer* m_discrepancy;
    AnnotationLayer* m_annotations;
    std::shared_ptr<const Study> m_study;
    QLabel* m_status;
    QTableWidget* m_table;
    std::vector<StructureAgreementRow> m_rows;
    /// What the rows were computed from: the comparison and the structures (label, ROI).
    std::shared_ptr<const DiscrepancyResult> m_shownResult;
    std::vector<ImportedRoi> m_shownStructures;
    bool m_refreshPending = false;
};

}  // namespace crosscheck::viewer
