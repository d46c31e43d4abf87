#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/analysis/DifferenceVolume.h"
#include "core/analysis/DiscrepancyMetrics.h"

namespace crosscheck {

/// The agreement metrics (DiscrepancyMetrics: MAE, ME, RMSE, PSNR, SSIM, bone Dice) over a
/// part of a computed comparison: the voxels of the CT grid where `mask` is 1 and the
/// difference volume's domain holds (CT body where the sCT has a value). `mask` has one
/// byte per CT voxel; `maskName` goes into DiscrepancyMetrics::mask ("roi", a structure's
/// name). Same definitions and parameters as the whole-body metrics (docs/metrics.md): an
/// ROI, a finding or an imported structure is compared the way SynthRAD compares a body.
/// SSIM windows reach 3 voxels beyond a thin mask, where the definition sets both images
/// to -1024; over a planar ROI (one voxel thick) it mostly measures that edge, so the
/// caller should say so. Throws std::invalid_argument when the mask's size is not the CT
/// grid's.
DiscrepancyMetrics metricsInMask(const DifferenceVolume& difference,
                                 const std::vector<std::uint8_t>& mask,
                                 const std::string& maskName);

}  // namespace crosscheck
