#pragma once
// Opening a study in steps, for a viewer that shows it while its voxels load (loadStudy
// in Study.h runs the three steps at once):
//  1. prepareStudy scans the paths, loads the colour pictures and allocates volume 0 of
//     every series, nothing decoded yet;
//  2. a SeriesFiller over fillTargets(study) decodes the voxels, the slices at the focus
//     first, while the study may already be on screen;
//  3. finishStudy adds what loading found to each series' warnings, moves the series that
//     failed to `problems`, and chooses the reference frame again if its series all failed.

#include <filesystem>
#include <vector>

#include "core/dicom/SeriesFiller.h"
#include "core/model/Study.h"

namespace crosscheck {

/// Step 1. With `fillPending`, the allocated volumes hold the background value (air for
/// CT) until decoded, for showing them as they fill. A series too large to allocate is
/// reported in `problems`. Progress runs over the scan; cancel throws Cancelled.
Study prepareStudy(const std::vector<std::filesystem::path>& paths, const Progress& progress,
                   bool fillPending);

/// Step 2's targets: one per entry of `study.series`, in that order.
std::vector<SeriesFiller::Target> fillTargets(const Study& study);

/// Step 3. `outcomes` are the filler's, one per entry of `study.series` as it was when
/// fillTargets was called. Returns how many series failed (and left the study).
int finishStudy(Study& study, const std::vector<SeriesFiller::Outcome>& outcomes);

}  // namespace crosscheck
