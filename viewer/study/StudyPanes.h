#pragma once

#include <vector>

#include "viewer/panes/PaneSeries.h"
#include "viewer/state/ViewState.h"

namespace crosscheck {
struct Study;
struct LoadedSeries;
struct LoadedPicture;
}  // namespace crosscheck

namespace crosscheck::viewer {

/// What a pane needs to show one loaded series of a study: the volume, the display
/// facts, and the series' transform from the study's reference frame with its basis
/// ("same frame", "registered: automatic MI", ...; empty transform when none is known).
PaneSeries paneSeriesFor(const Study& study, const LoadedSeries& series);
/// What a pane needs to show a colour picture: the picture and its description.
PaneSeries paneSeriesFor(const LoadedPicture& picture);
/// What pane `assignment` names in the study: a series' volume, a picture, or nothing
/// (empty PaneSeries) when neither is there or the volume is not loaded yet.
PaneSeries paneSeriesFor(const Study& study, const PaneAssignment& assignment);

/// The series in the default pane order: one pane per role, CT, T1w, T2w, sCT, then any
/// others in study order.
std::vector<const LoadedSeries*> defaultPaneOrder(const Study& study);

/// The panes a study opens in: one pane per series in the default order, on sagittal
/// planes (spine images are read sagittal first); a study of one volume as an MPR, its
/// axial, sagittal and coronal planes side by side; then the colour pictures, in the
/// panes left over (a study of pictures only shows them).
std::vector<PaneAssignment> defaultPaneAssignments(const Study& study, int paneCount);

/// "DOE^JANE" as "DOE, JANE".
QString displayPatientName(const std::string& dicomName);

}  // namespace crosscheck::viewer
