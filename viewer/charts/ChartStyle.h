#pragma once

#include <QColor>
#include <QFont>
#include <QString>

#include <vector>

#include "core/vocabulary/SeriesRole.h"

namespace crosscheck {
struct LoadedSeries;
struct Study;
}  // namespace crosscheck

namespace crosscheck::viewer {

/// The colour every chart draws a series role in (CT dark blue, sCT orange, T1w green,
/// T2w purple), so a role looks the same on the profile and on the histograms.
QColor chartColor(SeriesRole role);

/// The role's name for legends and titles; the sCT is marked "(synthetic)" because its
/// values are computed from MRI, not measured.
QString chartRoleLabel(SeriesRole role);

/// The font for chart titles and axis titles at a given point size, one step bolder than
/// the tick labels so the axes stay readable in a narrow dock.
QFont chartTitleFont(int pointSize);

/// A round step (1, 2 or 5 x 10^k) that cuts `range` into at most about `intervals`
/// pieces: tick spacing and histogram bin width. 1 for an empty range.
double niceInterval(double range, int intervals);

/// The study's loaded series in chart order: HU series (CT, sCT) first, so the pair being
/// compared leads the legend and shares the first row of small multiples; then the others,
/// each group in the study's order.
std::vector<const LoadedSeries*> chartOrder(const Study& study);

}  // namespace crosscheck::viewer
