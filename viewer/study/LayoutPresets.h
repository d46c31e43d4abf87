#pragma once

#include <QString>
#include <vector>

#include "viewer/state/ViewState.h"

namespace crosscheck {
struct Study;
}

namespace crosscheck::viewer {

/// True for a layout name that also decides what the panes show ("2x2-3d").
bool isPresetLayout(const QString& layoutName);

/// The panes of the "2x2-3d" preset: CT, sCT and T2w on sagittal planes, and a 3D rendering
/// of the CT (bone, with the findings) in the fourth position. A role the study lacks keeps
/// the default assignment of its position (defaultPaneAssignments); a study without a CT
/// renders its first series in 3D.
std::vector<PaneAssignment> preset3dPaneAssignments(const Study& study);

}  // namespace crosscheck::viewer
