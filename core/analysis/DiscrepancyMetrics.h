#pragma once

namespace crosscheck {

/// Mean errors of one tissue class (voxels chosen by their CT value).
struct TissueError {
    double maeHu = 0.0;
    long long voxels = 0;
};

/// Global agreement of the sCT with the CT inside the analysis domain (CT body mask
/// where the resampled sCT has a value), over CT-grid voxels. Differences are CT - sCT.
///
/// - maeHu, meHu, rmseHu: mean absolute, mean, root mean square difference (HU).
/// - psnrDb = 20 log10(4095 / rmseHu): the peak is the 12-bit CT range -1024..3071 HU,
///   the usual choice in sCT papers (infinite when the images are equal).
/// - ssim: mean structural similarity (Wang et al. 2004) of the voxels of the domain,
///   each from a 7 x 7 in-plane uniform window (the axial slice of the CT grid) over the
///   window's domain voxels, values shifted by +1024 and clamped to 0..4095 HU,
///   L = 4095, C1 = (0.01 L)^2, C2 = (0.03 L)^2.
/// - boneDice: Dice of CT >= 200 HU and sCT >= 200 HU (1 when neither has bone).
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
    long long voxels = 0;  ///< voxels in the analysis domain
};

}  // namespace crosscheck
