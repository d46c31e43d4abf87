#pragma once

#include <Eigen/Core>
#include <QWidget>
#include <memory>

#include "core/geometry/PatientPoint.h"

namespace crosscheck {
struct DiscrepancyResult;
}

class QLabel;
class QPushButton;
class QTableWidget;

namespace crosscheck::viewer {

class DiscrepancyLayer;

/// The ranked CT-versus-sCT findings: rank, kind, size, CT and sCT HU, whether MRI shows
/// it; a click on a row moves every pane to the finding. Below the table, the global
/// metrics and the overlay's opacity and visibility.
class FindingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit FindingsPanel(DiscrepancyLayer* layer, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    QPushButton* measureButton() const { return m_measure; }

signals:
    /// CT patient coordinates (the reference frame) of the finding's centroid.
    void findingActivated(const PatientPoint& centroid);
    /// "Measure this finding" on the selected row: the region's index in the result.
    void measureFindingRequested(int regionIndex);

private:
    void refresh();
    /// The selected row's region index, or -1.
    int selectedRegion() const;

    DiscrepancyLayer* m_layer;
    QTableWidget* m_table;
    QLabel* m_summary;
    QLabel* m_metrics;
    QPushButton* m_measure;
    std::shared_ptr<const DiscrepancyResult> m_shown;
};

}  // namespace crosscheck::viewer
