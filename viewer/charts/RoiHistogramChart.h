#pragma once

#include <QString>
#include <QWidget>
#include <optional>
#include <string>
#include <vector>

#include "core/roi/ValueSummary.h"
#include "core/vocabulary/SeriesRole.h"

class QAreaSeries;
class QChart;
class QChartView;
class QGridLayout;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace crosscheck {
struct Roi;
struct Study;
}  // namespace crosscheck

namespace crosscheck::viewer {

/// One histogram per loaded series of an area or volume ROI, as small multiples (two per
/// row), each with the ROI's mean in that series as a vertical red line.
///
/// The values are those core measures (valuesInSeries: the voxels of that series whose
/// centres the ROI takes, whole voxels, no partial weights), so the counts add up to the
/// measurement table's Count and the marker sits at its Mean. x is HU for CT and sCT and
/// scanner intensity for MR; y is the voxel count. Bins have a round width (1, 2 or 5 x
/// 10^k, about sqrt(n) bins, 8 to 40) starting at a multiple of the width, stated under
/// each chart. A series without a known transform to the ROI's frame keeps its panel with
/// the reason instead of bars.
class RoiHistogramChart : public QWidget {
    Q_OBJECT
public:
    explicit RoiHistogramChart(QWidget* parent = nullptr);
    ~RoiHistogramChart() override;

    /// Histograms `roi` in every loaded series and redraws.
    void showHistograms(const Roi& roi, const QString& label, const Study& study);
    void clear();

    int panelCount() const;
    /// The chart of the first panel with this role, or null.
    QChart* chart(SeriesRole role) const;
    /// The bin counts as drawn for this role (read back from the plotted outline); empty
    /// when the role has no bars.
    std::vector<int> plottedCounts(SeriesRole role) const;
    /// The x of the drawn mean marker for this role; empty when there is none.
    std::optional<double> plottedMean(SeriesRole role) const;
    /// The histogram drawn for this role (bin edges and counts), empty when there is none.
    std::optional<Histogram> histogram(SeriesRole role) const;

private:
    struct Panel;
    void rebuildPanels(const Study& study);
    const Panel* findPanel(SeriesRole role) const;

    QLabel* m_caption;
    QGridLayout* m_grid;
    std::vector<Panel> m_panels;
    std::vector<std::string> m_panelSeries;  ///< "uid|role" of each panel, in order
};

}  // namespace crosscheck::viewer
