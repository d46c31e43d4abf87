#pragma once

#include <QString>
#include <QWidget>
#include <memory>
#include <optional>
#include <string>

#include "core/roi/Roi.h"

class QLabel;
class QStackedWidget;

namespace crosscheck {
struct Study;
}

namespace crosscheck::viewer {

class AnnotationLayer;
class LineProfileChart;
class RoiHistogramChart;

/// The "Profile and histogram" dock content: the charts of the selected annotation.
///
/// A ruler or bidirectional shows its line profile (LineProfileChart); an ellipse,
/// rectangle, polygon, sphere or brush shows one histogram per series (RoiHistogramChart);
/// anything else, or no selection, a short hint. It follows the AnnotationLayer's
/// selection and edits, recomputing at most once per event-loop turn after a burst of
/// `changed` signals, and only for the selected ROI, so it stays live while a handle is
/// dragged. While hidden it computes nothing and catches up when shown. `updated` is
/// emitted after each recompute.
class RoiChartsPanel : public QWidget {
    Q_OBJECT
public:
    enum class Showing { Hint, Profile, Histograms };

    explicit RoiChartsPanel(AnnotationLayer* layer, QWidget* parent = nullptr);

    /// The study whose series are charted; call again after its transforms changed.
    void setStudy(std::shared_ptr<const Study> study);
    /// The visible-extent threshold (HU) the profile draws as its reference line.
    void setVisibleThresholdHu(double hu);

    Showing showing() const { return m_showing; }
    LineProfileChart* profileChart() const { return m_profile; }
    RoiHistogramChart* histogramChart() const { return m_histograms; }
    QString hint() const;

signals:
    void updated();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scheduleRefresh();
    void refresh();
    void showHint(const QString& text);

    AnnotationLayer* m_layer;
    std::shared_ptr<const Study> m_study;
    QStackedWidget* m_stack;
    QLabel* m_hint;
    LineProfileChart* m_profile;
    RoiHistogramChart* m_histograms;
    Showing m_showing = Showing::Hint;
    bool m_refreshPending = false;
    /// What the charts were computed for; a `changed` that leaves it alone costs nothing.
    std::optional<Roi> m_shownRoi;
    std::string m_shownLabel;
    bool m_stale = true;
};

}  // namespace crosscheck::viewer
