#pragma once

#include <Eigen/Core>
#include <QWidget>
#include <memory>

#include "core/geometry/PatientPoint.h"

namespace crosscheck {
struct DiscrepancyResult;
}

class QLabel;
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

signals:
    /// CT patient coordinates (the reference frame) of the finding's centroid.
    void findingActivated(const PatientPoint& centroid);

private:
    void refresh();

    DiscrepancyLayer* m_layer;
    QTableWidget* m_table;
    QLabel* m_summary;
    QLabel* m_metrics;
    std::shared_ptr<const DiscrepancyResult> m_shown;
};

}  // namespace crosscheck::viewer
