#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/analysis/DifferenceVolume.h"
#include "core/analysis/DiscrepancyMetrics.h"
#include "core/registration/FrameTransforms.h"
#include "core/roi/ImportedRoi.h"

namespace crosscheck {

/// One row of the table "sCT agreement per structure": inside one structure, the CT and
/// sCT mean HU and the agreement metrics (metricsInMask: MAE, ME = CT - sCT, RMSE, PSNR,
/// SSIM, bone Dice) over the CT voxels the structure takes (sampleRoi's rule) within the
/// comparison's domain (CT body where the sCT has a value). `measured` is false, with the
/// reason in `warning` ("no transform", "no voxel in the comparison's domain"), when the
/// structure has no such voxel; its numbers are then meaningless.
struct StructureAgreementRow {
    std::string label;
    bool measured = false;
    double ctMeanHu = 0.0;
    double sctMeanHu = 0.0;
    DiscrepancyMetrics metrics;
    std::string warning;
};

/// The table for every structure, carried to the CT's frame (`ctFrameUid`) through
/// `transforms`, sorted by MAE, largest first (the structures the sCT gets most wrong on
/// top); structures without numbers last, in their input order.
std::vector<StructureAgreementRow> structureAgreement(const DifferenceVolume& difference,
                                                      const std::vector<ImportedRoi>& structures,
                                                      const FrameTransforms& transforms,
                                                      const std::string& ctFrameUid);

/// One object per row: label, ct_mean_hu, sct_mean_hu, mae_hu, me_hu, rmse_hu, psnr_db, ssim,
/// bone_dice, voxels (null numbers and a "warning" when not measured).
nlohmann::json toJson(const std::vector<StructureAgreementRow>& rows);

/// The same as CSV: a header line, then one line per row (label quoted when it holds a comma
/// or quote; empty cells when not measured).
std::string structureAgreementCsv(const std::vector<StructureAgreementRow>& rows);

}  // namespace crosscheck
