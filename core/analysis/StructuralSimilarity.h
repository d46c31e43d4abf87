#pragma once

#include <cstdint>
#include <vector>

#include "core/volume/Volume.h"

namespace crosscheck {

/// Mean SSIM over a mask, as SynthRAD's evaluation computes it (scikit-image's
/// structural_similarity with a uniform window, then the map cropped and masked).
struct MaskedSsim {
    double ssim = 0.0;     ///< NaN when no voxel qualifies
    long long voxels = 0;  ///< mask voxels averaged (those at least 3 from every edge)
};

/// Mean SSIM (Wang, Bovik, Sheikh, Simoncelli 2004) of two int16 HU volumes on one grid
/// (the CT and the sCT resampled into it) over the voxels where `mask` is 1.
///
/// Both images are clipped to [-1024, 3000] HU, set to -1024 outside the mask and shifted
/// by +1024 (so 0..4024); each voxel's SSIM uses the 7 x 7 x 7 uniform window around it
/// with sample (co)variances (divided by 342), C1 = (0.01 L)^2, C2 = (0.03 L)^2, L = 4024.
/// The map is averaged over the mask voxels at least 3 voxels from every edge of the
/// volume, whose windows lie wholly inside it (no padding rule matters). Window sums are
/// exact 64-bit integers, built separably (a running sum over 7 slices, then along rows,
/// then along columns) over the mask's in-plane bounding box on workerCount() threads, so
/// the result does not depend on the thread count. Memory: per thread, about ten int64
/// planes of that box (some 20 MB for a 512 x 512 body); no copy of either volume.
/// The AgreementParameters constants (DiscrepancyMetrics.h) are the parameters.
MaskedSsim structuralSimilarity(const Volume& a, const Volume& b,
                                const std::vector<std::uint8_t>& mask);

}  // namespace crosscheck
