#pragma once

#include <string>

namespace crosscheck {

/// The whole-body mask's name (DiscrepancyMetrics::mask).
inline constexpr const char* kBodyMaskName = "ct_body_where_sct";

/// Mean errors of one tissue class (voxels chosen by their CT value).
struct TissueError {
    double maeHu = 0.0;
    long long voxels = 0;
};

/// The fixed parameters of the agreement metrics, as the sCT literature and the SynthRAD
/// challenges (Thummerer et al. 2023) use them, so the numbers compare with published ones.
struct AgreementParameters {
    static constexpr double kClipLowHu = -1024.0;    ///< PSNR and SSIM clip to [low, high]
    static constexpr double kClipHighHu = 3000.0;    ///< HU
    static constexpr double kDataRange = 4024.0;     ///< high - low: PSNR peak and SSIM L
    static constexpr int kSsimWindow = 7;            ///< uniform 7 x 7 x 7 voxel window
    static constexpr double kSsimK1 = 0.01;          ///< C1 = (K1 L)^2
    static constexpr double kSsimK2 = 0.03;          ///< C2 = (K2 L)^2
    static constexpr int kSsimEdgeCropVoxels = 3;    ///< left out at every edge of the volume
    static constexpr double kBoneThresholdHu = 200;  ///< bone Dice: CT >= 200, sCT >= 200 HU
};

/// Global agreement of the sCT with the CT over the mask: the CT-grid voxels of the CT
/// body (bodyMask, CT > bodyThresholdHu) where the resampled sCT has a value (mask name
/// "ct_body_where_sct"). Differences are CT - sCT. docs/metrics.md has the definitions
/// and how to recompute them from `analyze --write-mask --write-resampled`.
///
/// - maeHu, meHu, rmseHu: mean absolute, mean, root mean square of CT - sCT over the
///   mask, unclipped HU.
/// - psnrDb = 10 log10(4024^2 / MSE), MSE over the mask of both images clipped to
///   [-1024, 3000] HU (infinite when they agree there).
/// - ssim: both images clipped to [-1024, 3000], set to -1024 outside the mask, shifted by
///   +1024; SSIM map (Wang et al. 2004) with a 7 x 7 x 7 uniform window, sample
///   covariance (N - 1), K1 0.01, K2 0.03, L 4024; averaged over the mask's voxels that
///   lie at least 3 voxels from every edge of the volume (ssimVoxels of them; NaN when
///   there are none). This is what SynthRAD's evaluation computes with scikit-image.
/// - boneDice: Dice of CT >= 200 HU and sCT >= 200 HU over the mask (1 when neither has bone).
/// - bone (CT >= 200 HU), softTissue (-200 <= CT < 200), air (CT < -200): MAE per class.
struct DiscrepancyMetrics {
    double maeHu = 0.0;
    double meHu = 0.0;
    double rmseHu = 0.0;
    double psnrDb = 0.0;
    double ssim = 1.0;
    double boneDice = 1.0;
    TissueError bone;
    TissueError softTissue;
    TissueError air;
    long long voxels = 0;             ///< voxels in the mask (mask_voxels)
    long long ssimVoxels = 0;         ///< mask voxels at least kSsimEdgeCropVoxels from every edge
    double bodyThresholdHu = -300.0;  ///< the body mask's CT threshold, HU
    /// What the mask is: "ct_body_where_sct" for the whole body, else the ROI or structure
    /// it was narrowed to (metricsInMask).
    std::string mask = kBodyMaskName;
};

}  // namespace crosscheck
