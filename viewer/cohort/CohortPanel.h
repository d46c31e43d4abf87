#pragma once

#include <QString>
#include <QWidget>
#include <vector>

#include "core/cohort/CohortSummary.h"
#include "core/cohort/PatientResult.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace crosscheck::viewer {

/// The cohort panel (File > Open cohort): the folder of a `cohort run`, one row per patient
/// result (sortable: sizes and HU sort as numbers), with the study's summary above the
/// table and a run's progress with Cancel below it.
///
/// A row is red where the CT shows the finding and the sCT does not, grey with its reason
/// where the patient failed. Numbers have one decimal (as in the PDF); sizes are the
/// visible long axes (mm, >= 200 HU), HU the object's mean. A double-click on a row asks
/// for that patient's study (patientActivated); the panel itself reads and runs nothing.
class CohortPanel : public QWidget {
    Q_OBJECT
public:
    enum Column {
        Patient,
        Status,
        VisibleCt,
        VisibleSct,
        AxialCt,
        AxialSct,
        SagittalCt,
        SagittalSct,
        HuCt,
        HuSct,
        Flags,
        RoiSource,
        Registration,
        Seconds,
        Reason,
        ColumnCount
    };

    explicit CohortPanel(QWidget* parent = nullptr);

    /// Shows a cohort: `folder` names it, `results` are its patients (any order).
    void setCohort(const QString& folder, std::vector<PatientResult> results,
                   const CohortSummary& summary);
    const QString& folder() const { return m_folder; }
    QTableWidget* table() const { return m_table; }
    QLabel* summaryLabel() const { return m_summary; }
    /// The result shown in a row of the table as it is sorted now; null outside.
    const PatientResult* resultAtRow(int row) const;

    /// A run in progress: the bar and Cancel show until runEnded.
    void runStarted(const QString& title);
    void runProgressed(double fraction, const QString& stage);
    void runEnded(const QString& message);

signals:
    /// A row was double-clicked (or Enter pressed on it).
    void patientActivated(const crosscheck::PatientResult& result);
    void cancelRequested();

private:
    void fillRow(int row, const PatientResult& r, int index);
    QString summaryHtml(const CohortSummary& summary) const;

    QString m_folder;
    std::vector<PatientResult> m_results;
    QLabel* m_summary;
    QTableWidget* m_table;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QLabel* m_runLabel;
};

}  // namespace crosscheck::viewer
