#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "core/analysis/DiscrepancyRegion.h"
#include "core/geometry/FrameTransform.h"
#include "core/geometry/VolumeGeometry.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// One MR series to judge visibility on, and where it is: ctToMr maps CT patient
/// coordinates to the series' patient coordinates (LPS, mm). The volume must outlive
/// the call.
struct MrSeriesView {
    std::string role;  ///< "T1w", "T2w", ...
    const Volume* volume = nullptr;
    FrameTransform ctToMr;
};

/// How a region counts as visible on MR.
///
/// The MR is sampled (trilinear) at the CT voxel centres of the region (inside) and of a
/// shell around it: the voxels of the CT body whose centres are farther than `gapMm` and
/// at most `gapMm + shellMm` from the region (ellipsoidal dilations of its boundary). The
/// gap keeps the MR's own partial volume at the edge out of the shell. A series shows the
/// region when contrast = |mean inside - mean shell| / SD shell >= minContrast, i.e. the
/// region stands out from what surrounds it by more than the surroundings vary (noise and
/// their own structure together). With the phantom's noise (Rician sigma 14 to 18 on
/// tissue signals of 60 to 1300) a region with no MR contrast scores near 0, while the
/// calcified tumour scores well above 1 on T2w. A region is visible on MR when any series
/// shows it.
struct MrVisibilityOptions {
    double gapMm = 1.0;
    double shellMm = 3.0;
    double minContrast = 1.0;
    int minShellSamples = 10;
};

/// Sets visibleOnMr and mrContrast of each region from the given MR series (nothing when
/// `series` is empty). `ctGrid` is the CT's grid, `body` the CT body (or analysis-domain)
/// mask in its voxel order.
void assessMrVisibility(std::vector<DiscrepancyRegion>& regions, const VolumeGeometry& ctGrid,
                        const std::vector<std::uint8_t>& body,
                        const std::vector<MrSeriesView>& series,
                        const MrVisibilityOptions& options = {});

}  // namespace crosscheck
