#pragma once

#include <Eigen/Core>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/analysis/DifferenceVolume.h"
#include "core/analysis/DiscrepancyRegion.h"
#include "core/analysis/DiscrepancyThresholds.h"
#include "core/analysis/MrVisibility.h"
#include "core/util/Progress.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// What the discrepancy analysis of one CT / sCT pair needs. ctToSct maps CT patient
/// coordinates to sCT patient coordinates (LPS, mm); each MR series carries its own
/// CT -> MR transform (MrSeriesView) and is only used for visibleOnMr.
struct DiscrepancyInputs {
    std::shared_ptr<const Volume> ct;
    std::shared_ptr<const Volume> sct;
    FrameTransform ctToSct;
    std::vector<MrSeriesView> mr;
};

/// The result: the reusable difference volume (overlay, metrics, candidates), the ranked
/// regions with their MR visibility, and the wall times.
struct DiscrepancyResult {
    std::shared_ptr<const DifferenceVolume> difference;
    std::vector<DiscrepancyRegion> regions;
    double regionsMs = 0.0;     ///< extractRegions
    double visibilityMs = 0.0;  ///< assessMrVisibility
    double totalMs = 0.0;
};

/// The whole CT-versus-sCT analysis (issue 9): DifferenceVolume::compute, extractRegions
/// and assessMrVisibility in one call. A caller that changes thresholds afterwards calls
/// extractRegions(*result.difference, thresholds) and assessMrVisibility again; the
/// difference volume is not recomputed. Throws Cancelled when cancelled.
DiscrepancyResult analyzeDiscrepancy(const DiscrepancyInputs& inputs,
                                     const DiscrepancyThresholds& thresholds = {},
                                     const DifferenceOptions& options = {},
                                     const Progress& progress = {});

/// One flag of docs/cli.md `analyze`: kind, centroid_mm, bbox_mm, volume_mm3, extent_mm,
/// ct_mean_hu, sct_mean_hu, visible_on_mr (when judged), plus rank, voxels,
/// mean_abs_difference_hu, score and mr_contrast.
nlohmann::json toJson(const DiscrepancyRegion& region);
/// metrics of docs/cli.md: mae_hu, me_hu, rmse_hu, psnr_db (null when infinite), ssim (null
/// when no voxel qualifies), bone_dice, the mask and the parameters (mask, body_threshold_hu,
/// mask_voxels, clip_hu, psnr_data_range, ssim_window, ssim_k1, ssim_k2, ssim_data_range,
/// ssim_edge_crop_voxels, ssim_voxels, bone_threshold_hu; docs/metrics.md), plus
/// mae_by_tissue_hu {bone, soft_tissue, air}, voxels_by_tissue and voxels.
nlohmann::json toJson(const DiscrepancyMetrics& metrics);

}  // namespace crosscheck
