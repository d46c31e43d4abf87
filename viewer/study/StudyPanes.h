#pragma once

#include <vector>

#include "viewer/panes/PaneSeries.h"

namespace crosscheck {
struct Study;
struct LoadedSeries;
}  // namespace crosscheck

namespace crosscheck::viewer {

/// What a pane needs to show one loaded series of a study: the volume, the display
/// facts, and the series' transform from the study's reference frame with its basis
/// ("same frame", "registered: automatic MI", ...; empty transform when none is known).
PaneSeries paneSeriesFor(const Study& study, const LoadedSeries& series);

/// The series in the default pane order: one pane per role, CT, T1w, T2w, sCT, then any
/// others in study order.
std::vector<const LoadedSeries*> defaultPaneOrder(const Study& study);

/// "DOE^JANE" as "DOE, JANE".
QString displayPatientName(const std::string& dicomName);

}  // namespace crosscheck::viewer
