#pragma once

#include <Eigen/Core>
#include <QWidget>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/geometry/PatientPoint.h"
#include "core/roi/StudyMeasurement.h"
#include "core/session/SessionDocument.h"

class QTableWidget;
class QTableWidgetItem;

namespace crosscheck {
struct Study;
}

namespace crosscheck::viewer {

class AnnotationLayer;

/// The measurement table: one row per ROI and series (HU for CT and sCT, intensity for
/// MR) and, per ROI, the CT minus sCT row, red when the means differ by 100 HU or more
/// or the visible extents by 3 mm or more. Sortable; Ctrl+C copies it as TSV; a click
/// on a row moves the cursor to the ROI. Recomputed once per event-loop turn after the
/// annotations change, so a burst of edits costs one update, and only for the ROIs that
/// changed (a drag re-measures one ROI, not all). The visible-extent threshold (HU) and
/// the contrast ring's width are set above the table and apply to every row. The ROI
/// column is editable: renaming an ROI there is an undoable edit of its label.
class MeasurementTable : public QWidget {
    Q_OBJECT
public:
    MeasurementTable(AnnotationLayer* layer, QWidget* parent = nullptr);

    void setStudy(std::shared_ptr<const Study> study);
    /// The study measured; null while none is whole (nothing open, or one still filling).
    const std::shared_ptr<const Study>& study() const { return m_study; }
    QTableWidget* table() const { return m_table; }
    /// The table as tab-separated text with a header line.
    QString toTsv() const;

    /// The options every row is measured with (the report uses the same).
    const MeasureOptions& measureOptions() const { return m_options; }
    void setMeasureOptions(const MeasureOptions& options);

signals:
    void roiActivated(const PatientPoint& center);
    void measureOptionsChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct CachedRows {
        Roi roi;
        std::vector<SeriesMeasurement> rows;
    };

    QWidget* buildOptionsBar();
    void scheduleRefresh();
    void refresh();
    const std::vector<SeriesMeasurement>& rowsFor(const Annotation& annotation);
    void addRows(const Annotation& annotation, const std::vector<SeriesMeasurement>& rows);
    int addRow(const Annotation& annotation, const QString& series, const QString& unit);
    void addDifferenceRow(const Annotation& annotation, const CtSctDifference& delta);
    void renameFromItem(QTableWidgetItem* item);

    AnnotationLayer* m_layer;
    std::shared_ptr<const Study> m_study;
    QTableWidget* m_table;
    MeasureOptions m_options;
    std::map<std::string, CachedRows> m_cache;
    bool m_refreshPending = false;
    bool m_filling = false;
};

}  // namespace crosscheck::viewer
