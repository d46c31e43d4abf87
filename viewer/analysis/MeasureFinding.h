#pragma once

#include <string>
#include <vector>

namespace crosscheck::viewer {

class AnnotationLayer;
class DiscrepancyLayer;

/// "Measure this finding": adds ellipses fitted to the flagged region `regionIndex` of the
/// layer's result in its axial and sagittal planes (core's fitFindingRois, on the CT grid
/// the analysis ran on) to `annotations` as "Finding N axial" and "Finding N sagittal",
/// each one undoable step, so that they are measured in every series like drawn ROIs.
/// Returns their ids; empty when there is no such region or it has no voxels.
std::vector<std::string> measureFinding(const DiscrepancyLayer& findings, int regionIndex,
                                        AnnotationLayer& annotations);

}  // namespace crosscheck::viewer
