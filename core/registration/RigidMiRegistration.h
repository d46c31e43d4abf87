#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/registration/RegistrationQuality.h"
#include "core/registration/RegistrationRegion.h"
#include "core/util/Progress.h"

namespace crosscheck {

class Volume;

/// Settings of automatic rigid registration by Mattes mutual information.
struct RigidMiOptions {
    /// Pyramid levels, coarse to fine: the approximate voxel size (mm) each level works at.
    std::vector<double> levelSpacingsMm{4.0, 2.0, 1.0};
    /// Random fixed-image samples per level (the last entry repeats for further levels).
    /// The finest level has many: its optimum moves with the sample set, and 200000 keeps
    /// that under about 0.1 mm on a 3 mm MR-like image (100000 gave up to 0.2 mm).
    std::vector<int> samplesPerLevel{8000, 32000, 200000};
    /// When the finest level would still average voxels of either image (e.g. levels
    /// 4,2 on 1 mm images), one more level at the smaller voxel size of the two refines
    /// the result on the images' own voxels.
    bool refineAtNativeSpacing = true;
    int histogramBins = 32;
    int maxIterationsPerLevel = 200;
    /// Seeds the sample positions: the same inputs, seed and thread count give the same result.
    std::uint32_t seed = 20251126;
    /// Before the first level's ascent, MI is evaluated on grids of translations within
    /// +-translationSearchMm of the start (step translationSearchStepMm), for the start's
    /// orientation and turned by +-rotationSearchDegrees about each axis; the ascent runs
    /// from the best `searchCandidates` local maxima and the best result goes on
    /// (searchRigidStarts). This finds the right vertebral level when the start is one
    /// level off or turned. translationSearchMm 0 turns the search off.
    double translationSearchMm = 24.0;
    double translationSearchStepMm = 8.0;
    double rotationSearchDegrees = 10.0;
    int searchCandidates = 4;
    /// Start from this transform (moving patient -> fixed patient) instead of aligning the
    /// centres of mass of the two body masks.
    std::optional<Eigen::Matrix4d> initialMovingToFixed;
    /// Region-focused registration: the metric sees only fixed-image samples inside this
    /// sphere (fixed patient mm). Without an initial transform, a whole-image pass at the
    /// first level gives the start; the region's pose search then looks +-regionSearchMm
    /// (step regionSearchStepMm) and +-regionSearchDegrees around it.
    std::optional<RegistrationRegion> region;
    double regionSearchMm = 6.0;
    double regionSearchStepMm = 3.0;
    double regionSearchDegrees = 4.0;
};

/// What one pyramid level did.
struct RigidMiLevelReport {
    double spacingMm = 0.0;
    int samples = 0;
    int iterations = 0;
    double metric = 0.0;  ///< Mattes MI at the end of the level, nats
    /// The parameters stopped moving (step below 1 % of the level's spacing) before the
    /// iteration cap.
    bool converged = false;
};

/// The result of registerRigidMi. Matrices map moving patient -> fixed patient (LPS, mm).
struct RigidMiResult {
    Eigen::Matrix4d movingToFixed = Eigen::Matrix4d::Identity();
    /// Where the search started (centres of mass, or the given initial transform).
    Eigen::Matrix4d initialMovingToFixed = Eigen::Matrix4d::Identity();
    /// Mattes mutual information at the end of the finest level, nats (higher is better).
    double metric = 0.0;
    int iterations = 0;  ///< optimizer iterations over all levels and starts
    double ms = 0.0;     ///< wall time, ms
    std::vector<RigidMiLevelReport> levels;
    /// The region the metric was restricted to (empty: the whole fixed body).
    std::optional<RegistrationRegion> region;
    /// Agreement in the region (or body) at the start and at the result, with a warning
    /// when the fit looks poor (assessRegistration).
    RegistrationQuality quality;
};

/// Automatic rigid registration of `moving` onto `fixed` by Mattes mutual information:
/// works across modalities (CT onto T1w MRI) and within one (sCT onto CT).
///
/// Method: unless `initialMovingToFixed` is given, the start aligns the centres of mass of
/// the two body masks (above RegistrationImage::bodyThreshold), restricted to where the
/// two fields of view overlap. A coarse pose search (searchRigidStarts, one octave
/// coarser than the first level) picks up to `searchCandidates` starts. Each level
/// block-averages both volumes to its spacing (the finest level reads a fine volume's own
/// buffer), draws a seeded random set of off-grid fixed-image sample positions in the
/// fixed body's bounding box, and maximizes Mattes MI over 6 rigid parameters (3 Euler
/// angles about the fixed body's centre, 3 translations) by regular-step gradient ascent
/// with analytic gradients (ascendRigid); rotations are scaled by the body's radius so that
/// one step moves tissue about as far as a translation step. Metric evaluation runs on
/// workerCount() threads. The volumes must outlive the call (no copies are kept).
///
/// With `options.region` only the sphere counts (region-focused registration: one spine
/// level when the posture differs between the scans); the rotation centre is then the
/// region's centre. The result carries `quality` either way.
///
/// Progress is reported per iteration; a set cancel flag throws Cancelled. Throws
/// RegistrationError when an image is empty or the images do not overlap, and for a region
/// that is too small, outside the overlap or on a flat image (checkRegion): nothing is
/// returned then, so a caller's previous transform stays as it was.
/// Caveat: on the phantom, starts 20 degrees or 40 mm off the truth are recovered (CT onto
/// T1w); much farther starts need landmarks (registerLandmarks) for `initialMovingToFixed`.
RigidMiResult registerRigidMi(const Volume& fixed, const Volume& moving,
                              const RigidMiOptions& options = {}, const Progress& progress = {});

}  // namespace crosscheck
