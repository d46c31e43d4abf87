#pragma once

#include <Eigen/Core>
#include <QWidget>
#include <memory>

class QTableWidget;

namespace crosscheck {
struct Study;
}

namespace crosscheck::viewer {

class AnnotationLayer;

/// The measurement table: one row per ROI and series (HU for CT and sCT, intensity for
/// MR) and, per ROI, the CT minus sCT row, red when the means differ by 100 HU or more
/// or the visible extents by 3 mm or more. Sortable; Ctrl+C copies it as TSV; a click
/// on a row moves the cursor to the ROI. Recomputed once per event-loop turn after the
/// annotations change, so a burst of edits costs one update.
class MeasurementTable : public QWidget {
    Q_OBJECT
public:
    MeasurementTable(AnnotationLayer* layer, QWidget* parent = nullptr);

    void setStudy(std::shared_ptr<const Study> study);
    QTableWidget* table() const { return m_table; }
    /// The table as tab-separated text with a header line.
    QString toTsv() const;

signals:
    void roiActivated(const Eigen::Vector3d& centerMm);

private:
    void scheduleRefresh();
    void refresh();

    AnnotationLayer* m_layer;
    std::shared_ptr<const Study> m_study;
    QTableWidget* m_table;
    bool m_refreshPending = false;
};

}  // namespace crosscheck::viewer
