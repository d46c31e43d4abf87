#pragma once

namespace crosscheck {

/// The adjustable thresholds of the discrepancy regions (issue 9). HU are CT numbers of
/// the CT and of the sCT resampled into the CT grid; volumes in mm3.
///
/// A voxel of the analysis domain (CT body where the sCT has a value) is
/// - ct_dense_sct_not when CT >= denseHu and sCT < notDenseHu;
/// - sct_dense_ct_not when sCT >= denseHu and CT < notDenseHu;
/// - large_difference when |CT - sCT| >= largeDifferenceHu, it is neither of the above, and
///   the two images do not agree on the tissue class (bone on both, air on both; see
///   ignoreWithinBone, ignoreWithinAir).
/// Regions are 26-connected components of voxels of one sign of CT - sCT: where the sCT
/// is too low (ct_dense_sct_not and positive large_difference voxels) or too high
/// (sct_dense_ct_not and negative large_difference). Splitting by sign keeps apart the
/// two sides of an edge that the two images blur differently (together they would make
/// one band twice as thick, which erosion no longer removes); joining the dense class
/// with the large differences of the same sign keeps a clumpy calcification whose
/// voxels straddle denseHu one region. A region's kind is that of most of its voxels:
/// ct_dense_sct_not (or sct_dense_ct_not) when at least half are of that class, else
/// large_difference. A region is dropped when its volume is below minVolumeMm3, or
/// (dropSlivers) when it is a sliver: nothing, or less than minCoreFraction of it,
/// survives a one-voxel erosion with the 6-neighbour cross. "Vanishes under erosion"
/// alone is not enough: the edge bands of resampling and misregistration along a whole
/// vertebra or bowel loop are one or two voxels thick, but where two surfaces meet a
/// handful of voxels survive and keep the
/// whole band (phantom, full size: such bands keep 1 to 26 core voxels of 100s to 10000s,
/// under 5 %; the calcified tumour keeps 76 %, and at the small size about 30 %).
struct DiscrepancyThresholds {
    double denseHu = 200.0;
    double notDenseHu = 100.0;
    double largeDifferenceHu = 150.0;
    double minVolumeMm3 = 20.0;
    bool dropSlivers = true;
    double minCoreFraction = 0.1;
    /// Voxels dense on both images (CT and sCT >= denseHu) are bone on both: differences
    /// of degree there are not flagged (bone Dice and bone MAE report them).
    bool ignoreWithinBone = true;
    /// Likewise voxels below airHu on both images (gas on both; a small bubble that the
    /// smoother sCT renders at -500 instead of -950 HU is not a finding).
    bool ignoreWithinAir = true;
    double airHu = -200.0;

    /// The smallest |CT - sCT| any voxel of any kind can have under these thresholds
    /// (a dense/not-dense pair implies a difference above denseHu - notDenseHu).
    double smallestDifferenceHu() const {
        const double pair = denseHu - notDenseHu;
        return pair < largeDifferenceHu ? pair : largeDifferenceHu;
    }
};

}  // namespace crosscheck
