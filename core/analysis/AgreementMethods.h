#pragma once

#include <string>

#include "core/analysis/DiscrepancyMetrics.h"

namespace crosscheck {

/// One sentence naming how the agreement metrics were computed: the mask, its voxel
/// count, and every parameter (clipping, PSNR peak, SSIM window, constants, edge crop,
/// bone threshold). Written into reports (report.json `discrepancy.metrics_methods`, the
/// PDF's provenance) so that a reader can compare the numbers with published ones.
std::string agreementMethods(const DiscrepancyMetrics& metrics);

}  // namespace crosscheck
