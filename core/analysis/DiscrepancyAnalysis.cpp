#include "core/analysis/DiscrepancyAnalysis.h"

#include <chrono>
#include <cmath>

#include "core/analysis/RegionExtraction.h"

namespace crosscheck {

namespace {
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}
nlohmann::json vec(const Eigen::Vector3d& v) {
    return nlohmann::json::array({v.x(), v.y(), v.z()});
}
}  // namespace

DiscrepancyResult analyzeDiscrepancy(const DiscrepancyInputs& inputs,
                                     const DiscrepancyThresholds& thresholds,
                                     const DifferenceOptions& options, const Progress& progress) {
    const auto start = Clock::now();
    DiscrepancyResult result;
    const Progress differenceProgress = progress.subRange(0.0, 0.9);
    result.difference = DifferenceVolume::compute(inputs.ct, *inputs.sct, inputs.ctToSct.matrix(),
                                                  options, differenceProgress);
    auto step = Clock::now();
    progress(0.9, "regions");
    result.regions = extractRegions(*result.difference, thresholds);
    result.regionsMs = msSince(step);
    step = Clock::now();
    progress(0.95, "MR visibility");
    assessMrVisibility(result.regions, inputs.ct->geometry(), result.difference->domain(),
                       inputs.mr);
    result.visibilityMs = msSince(step);
    result.totalMs = msSince(start);
    progress(1.0, "analysis done");
    return result;
}

nlohmann::json toJson(const DiscrepancyRegion& region) {
    nlohmann::json j;
    j["rank"] = region.rank;
    j["kind"] = toString(region.kind);
    j["centroid_mm"] = vec(region.centroidMm);
    j["bbox_mm"] = nlohmann::json::array({vec(region.bboxMinMm), vec(region.bboxMaxMm)});
    j["volume_mm3"] = region.volumeMm3;
    j["voxels"] = region.voxelCount;
    j["core_voxels"] = region.coreVoxelCount;
    j["extent_mm"] = vec(region.extentMm);
    j["ct_mean_hu"] = region.ctMeanHu;
    j["sct_mean_hu"] = region.sctMeanHu;
    j["mean_abs_difference_hu"] = region.meanAbsDifferenceHu;
    j["score"] = region.score;
    if (region.attenuation) {
        const RegionAttenuation& a = *region.attenuation;
        j["object_hu"] = {{"ct_mean_hu", a.ctMeanHu}, {"sct_mean_hu", a.sctMeanHu},
                          {"voxels", a.voxels},       {"threshold_hu", a.thresholdHu},
                          {"level_hu", a.levelHu},    {"background_hu", a.backgroundHu}};
    } else {
        j["object_hu"] = nullptr;
    }
    if (region.visibleOnMr) {
        j["visible_on_mr"] = *region.visibleOnMr;
        nlohmann::json contrast = nlohmann::json::object();
        for (const MrContrast& c : region.mrContrast) {
            contrast[c.role] = {{"mean_inside", c.meanInside},
                                {"mean_shell", c.meanShell},
                                {"sd_shell", c.sdShell},
                                {"contrast", c.contrast}};
        }
        j["mr_contrast"] = contrast;
    }
    return j;
}

nlohmann::json toJson(const DiscrepancyMetrics& m) {
    nlohmann::json j;
    j["mae_hu"] = m.maeHu;
    j["me_hu"] = m.meHu;
    j["rmse_hu"] = m.rmseHu;
    j["psnr_db"] = std::isfinite(m.psnrDb) ? nlohmann::json(m.psnrDb) : nlohmann::json(nullptr);
    j["ssim"] = std::isfinite(m.ssim) ? nlohmann::json(m.ssim) : nlohmann::json(nullptr);
    j["bone_dice"] = m.boneDice;
    // The mask and every parameter, so the numbers can be recomputed (docs/metrics.md).
    using P = AgreementParameters;
    j["mask"] = m.mask;
    j["body_threshold_hu"] = m.bodyThresholdHu;
    j["mask_voxels"] = m.voxels;
    j["clip_hu"] = {P::kClipLowHu, P::kClipHighHu};
    j["psnr_data_range"] = P::kDataRange;
    j["ssim_window"] = P::kSsimWindow;
    j["ssim_k1"] = P::kSsimK1;
    j["ssim_k2"] = P::kSsimK2;
    j["ssim_data_range"] = P::kDataRange;
    j["ssim_edge_crop_voxels"] = P::kSsimEdgeCropVoxels;
    j["ssim_voxels"] = m.ssimVoxels;
    j["bone_threshold_hu"] = P::kBoneThresholdHu;
    j["mae_by_tissue_hu"] = {
        {"bone", m.bone.maeHu}, {"soft_tissue", m.softTissue.maeHu}, {"air", m.air.maeHu}};
    j["voxels_by_tissue"] = {
        {"bone", m.bone.voxels}, {"soft_tissue", m.softTissue.voxels}, {"air", m.air.voxels}};
    j["voxels"] = m.voxels;
    return j;
}

}  // namespace crosscheck
