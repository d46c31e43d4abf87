#pragma once

#include <algorithm>

#include "core/analysis/DiscrepancyMetrics.h"

namespace crosscheck {

/// Exact integer sums of CT and sCT voxel pairs (HU), from which the agreement metrics
/// (DiscrepancyMetrics, all but SSIM) follow. Sums of slices are added in slice order, so
/// the metrics do not depend on how the work was split over threads.
struct AgreementSums {
    long long count = 0, sum = 0, sumAbs = 0, sumSquares = 0;
    long long sumSquaresClipped = 0;  ///< both clipped to [-1024, 3000] HU (PSNR)
    long long classCount[3] = {0, 0, 0}, classAbs[3] = {0, 0, 0};  ///< bone, soft, air
    long long ctBone = 0, sctBone = 0, bothBone = 0;

    /// One voxel pair; returns |CT - sCT|. Inline: it is the inner loop of the analysis.
    int addVoxel(int ctHu, int sctHu) {
        using P = AgreementParameters;
        constexpr int kBoneHu = static_cast<int>(P::kBoneThresholdHu);
        constexpr int kAirHu = -200;
        constexpr int kClipLow = static_cast<int>(P::kClipLowHu);
        constexpr int kClipHigh = static_cast<int>(P::kClipHighHu);
        const int diff = ctHu - sctHu;
        const int absDiff = diff < 0 ? -diff : diff;
        ++count;
        sum += diff;
        sumAbs += absDiff;
        sumSquares += static_cast<long long>(diff) * diff;
        const int clippedDiff =
            std::clamp(ctHu, kClipLow, kClipHigh) - std::clamp(sctHu, kClipLow, kClipHigh);
        sumSquaresClipped += static_cast<long long>(clippedDiff) * clippedDiff;
        const int cls = ctHu >= kBoneHu ? 0 : ctHu >= kAirHu ? 1 : 2;
        ++classCount[cls];
        classAbs[cls] += absDiff;
        const bool ctIsBone = ctHu >= kBoneHu, sctIsBone = sctHu >= kBoneHu;
        ctBone += ctIsBone;
        sctBone += sctIsBone;
        bothBone += ctIsBone && sctIsBone;
        return absDiff;
    }
    void add(const AgreementSums& other);
    /// MAE, ME, RMSE, PSNR, bone Dice and the per-tissue MAE; ssim is left to the caller.
    DiscrepancyMetrics metrics() const;
};

}  // namespace crosscheck
