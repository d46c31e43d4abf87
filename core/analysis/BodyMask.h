#pragma once

#include <cstdint>
#include <vector>

#include "core/util/Progress.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// The patient's body in a CT, as one byte per voxel (1 inside, 0 outside) in the CT's
/// own voxel order: where discrepancy metrics are taken, so that the air around the
/// patient and the couch do not count.
///
/// Method, slice by slice (k) on workerCount() threads: voxels above `thresholdHu`
/// (default -300 HU: above lung and couch foam, below fat); 4-connected components of
/// the slice, keeping every component at least 10 % of the largest one's area (the
/// trunk, and arms or legs when they are in the field of view; not the couch rails or
/// noise specks); then holes are filled (everything not reachable from the slice border
/// through background), so bowel gas, lung and the spinal canal are inside. Slice-wise
/// rather than 3D because it is a fraction of the cost and a body has no holes that
/// open only through the slice plane. Caveat: a body part that is small in every slice
/// (a finger beside the trunk) is dropped.
std::vector<std::uint8_t> bodyMask(const Volume& ct, double thresholdHu = -300.0,
                                   const Progress& progress = {});

}  // namespace crosscheck
