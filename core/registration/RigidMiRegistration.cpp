#include "core/registration/RigidMiRegistration.h"

#include <Eigen/LU>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "core/geometry/RigidTransform.h"
#include "core/registration/MattesMutualInformation.h"
#include "core/registration/PoseSearch.h"
#include "core/registration/RegistrationError.h"
#include "core/registration/RegistrationImage.h"
#include "core/registration/RegistrationQuality.h"
#include "core/registration/RegistrationSampling.h"
#include "core/registration/RigidStepOptimizer.h"
#include "core/util/ParallelFor.h"
#include "core/volume/Volume.h"

namespace crosscheck {

namespace {

// Regular-step gradient ascent: the step shrinks by kRelaxation each time the gradient
// turns back, and a level ends when it is below kMinStepFraction of the level's spacing.
constexpr double kRelaxation = 0.6;
constexpr double kMinStepFraction = 0.01;
// Iterations each start of the pose search gets before the best one is carried on.
constexpr int kCandidateIterations = 30;
// The pose search evaluates thousands of poses: fewer samples suffice to rank them.
constexpr int kSearchSamples = 2000;
// The quality figure works at least this coarse: NGF on 1 mm noise says little.
constexpr double kQualitySpacingMm = 2.0;

std::string levelStage(double spacingMm) {
    char text[64];
    std::snprintf(text, sizeof text, "registration: %g mm level", spacingMm);
    return text;
}

}  // namespace

namespace {

RigidMiResult registerCore(const Volume& fixed, const Volume& moving, const RigidMiOptions& options,
                           const Progress& progress) {
    const auto started = std::chrono::steady_clock::now();
    if (options.levelSpacingsMm.empty()) {
        throw RegistrationError("rigid registration needs at least one pyramid level");
    }
    if (fixed.geometry().voxelCount() == 0 || moving.geometry().voxelCount() == 0) {
        throw RegistrationError("an image to register has no voxels");
    }
    const std::size_t levelCount = options.levelSpacingsMm.size();
    const RegistrationRegion* region = options.region ? &*options.region : nullptr;
    std::mt19937 random(options.seed);
    RigidMiResult result;
    RigidParameters state;
    double fixedThreshold = 0.0, movingThreshold = 0.0;
    double radiusMm = 50.0;

    for (std::size_t level = 0; level < levelCount; ++level) {
        const double spacing = options.levelSpacingsMm[level];
        const std::string stage = levelStage(spacing);
        progress(static_cast<double>(level) / levelCount, stage);
        const RegistrationImage fixedLevel = RegistrationImage::fromVolume(fixed, spacing);
        const RegistrationImage movingLevel = RegistrationImage::fromVolume(moving, spacing);
        if (level == 0) {
            fixedThreshold = fixedLevel.bodyThreshold();
            movingThreshold = movingLevel.bodyThreshold();
            Eigen::Matrix4d fixedToMoving;
            if (options.initialMovingToFixed) {
                if (!isRigid(*options.initialMovingToFixed, 1e-3)) {
                    throw RegistrationError("the initial transform is not rigid");
                }
                fixedToMoving = rigidInverse(*options.initialMovingToFixed);
            } else {
                fixedToMoving =
                    centroidStart(fixedLevel, fixedThreshold, movingLevel, movingThreshold);
            }
            result.initialMovingToFixed = rigidInverse(fixedToMoving);
            std::optional<Eigen::Vector3d> centre;
            if (region) {
                checkRegion(fixedLevel, movingLevel, fixedToMoving, *region);
                centre = region->centreMm;
            } else {
                centre = bodyCentroid(fixedLevel, fixedThreshold);
            }
            if (!centre) {
                throw RegistrationError(
                    "the fixed image has no voxels above its background threshold");
            }
            state = RigidParameters::from(fixedToMoving, *centre);
        } else {
            state = RigidParameters::from(state.matrix(), state.centre);
        }

        const SampleBox box =
            region ? regionBox(fixedLevel, *region) : bodyBox(fixedLevel, fixedThreshold, 2);
        if (box.empty) {
            throw RegistrationError("the fixed image has no voxels above its background threshold");
        }
        const int wanted =
            options.samplesPerLevel.empty()
                ? 20000
                : options.samplesPerLevel[std::min(level, options.samplesPerLevel.size() - 1)];
        auto samples = drawSamples(fixedLevel, box, std::max(wanted, 100), random, region);
        if (samples.size() < 100) {
            throw RegistrationError("too few fixed-image samples inside the region to register");
        }
        if (level == 0) {
            double sumSquares = 0.0;
            for (const auto& s : samples) {
                sumSquares += (s.fixedMm - state.centre).squaredNorm();
            }
            radiusMm = std::max(20.0, std::sqrt(sumSquares / samples.size()));
        }
        const Eigen::Vector2d fixedRange = fixedLevel.percentileRange(0.001, 0.999);
        const Eigen::Vector2d movingRange = movingLevel.percentileRange(0.001, 0.999);
        const MattesMutualInformation metric(std::move(samples), fixedRange, movingLevel,
                                             movingRange, options.histogramBins);

        std::vector<RigidParameters> starts{state};
        const double searchMm = region ? options.regionSearchMm : options.translationSearchMm;
        if (level == 0 && searchMm > 0.0) {
            // The whole-image search runs one octave coarser than the first level: smoother
            // MI, wider basins, smaller images. A region is small: it searches at the first
            // level, a few mm and degrees around the start (multi-start where MI is flat).
            const double searchSpacing = region ? spacing : 2 * spacing;
            const RegistrationImage fixedSearch =
                RegistrationImage::fromVolume(fixed, searchSpacing);
            const RegistrationImage movingSearch =
                RegistrationImage::fromVolume(moving, searchSpacing);
            const SampleBox searchBox =
                region ? regionBox(fixedSearch, *region) : bodyBox(fixedSearch, fixedThreshold, 1);
            const MattesMutualInformation searchMetric(
                drawSamples(fixedSearch, searchBox, kSearchSamples, random, region),
                fixedSearch.percentileRange(0.001, 0.999), movingSearch,
                movingSearch.percentileRange(0.001, 0.999), options.histogramBins);
            PoseSearchSettings search;
            search.translationRadiusMm = searchMm;
            search.translationStepMm =
                region ? options.regionSearchStepMm : options.translationSearchStepMm;
            search.rotationDegrees =
                region ? options.regionSearchDegrees : options.rotationSearchDegrees;
            search.keep = options.searchCandidates;
            starts = searchRigidStarts(searchMetric, state, search);
            if (progress.cancelled()) {
                throw Cancelled();
            }
        }
        // Several starts: a short ascent from each, then the best one runs to convergence.
        const double initialStep = level == 0 ? spacing : spacing * 0.5;
        const int candidateIterations =
            starts.size() > 1 ? std::min(kCandidateIterations, options.maxIterationsPerLevel)
                              : options.maxIterationsPerLevel;
        const double progressPerIteration =
            1.0 / (levelCount * static_cast<double>(options.maxIterationsPerLevel +
                                                    candidateIterations * (starts.size() - 1)));
        int levelIterations = 0;
        const auto ascend = [&](const RigidParameters& from, double step, int iterations) {
            const double base =
                level / static_cast<double>(levelCount) + levelIterations * progressPerIteration;
            const auto onIteration = [&](int iteration) {
                if (progress.cancelled()) {
                    throw Cancelled();
                }
                progress(base + iteration * progressPerIteration, stage);
            };
            const RigidAscentResult ascent =
                ascendRigid(metric, from, step, spacing * kMinStepFraction, iterations, radiusMm,
                            kRelaxation, onIteration);
            levelIterations += ascent.iterations;
            return ascent;
        };
        RigidAscentResult best;
        bool found = false;
        for (const RigidParameters& start : starts) {
            try {
                const RigidAscentResult ascent = ascend(start, initialStep, candidateIterations);
                if (!found || ascent.value > best.value) {
                    best = ascent;
                    found = true;
                }
            } catch (const RegistrationError&) {
                // A candidate that slid out of the overlap; the others may still be good.
                if (starts.size() == 1) {
                    throw;
                }
            }
        }
        if (!found) {
            throw RegistrationError("the images hardly overlap; give a closer start (landmarks)");
        }
        bool converged = best.converged;
        if (starts.size() > 1) {
            const RigidAscentResult more =
                ascend(RigidParameters::from(best.parameters.matrix(), best.parameters.centre),
                       initialStep * 0.5, options.maxIterationsPerLevel - candidateIterations);
            converged = more.converged;
            if (more.value >= best.value) {
                best = more;
            }
        }
        state = best.parameters;
        result.levels.push_back(
            {spacing, metric.sampleCount(), levelIterations, best.value, converged});
        result.iterations += levelIterations;
    }
    result.movingToFixed = rigidInverse(state.matrix());
    result.metric = result.levels.back().metric;
    result.ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return result;
}

}  // namespace

RigidMiResult registerRigidMi(const Volume& fixed, const Volume& moving,
                              const RigidMiOptions& options, const Progress& progress) {
    const auto started = std::chrono::steady_clock::now();
    if (options.region && !(options.region->radiusMm >= kMinRegionRadiusMm)) {
        checkRegionRadius(*options.region);  // before any work: it throws
    }
    RigidMiOptions focused = options;
    if (options.refineAtNativeSpacing && !options.levelSpacingsMm.empty()) {
        // The finest level must read both images' own voxels: a level at the smallest voxel
        // size of the two does (no axis of either is averaged there).
        const double native = std::min(fixed.geometry().spacingMm().minCoeff(),
                                       moving.geometry().spacingMm().minCoeff());
        const auto averages = [](const Volume& v, double level) {
            const Eigen::Vector3d spacing = v.geometry().spacingMm();
            return (spacing.array() > 0.0 && (level / spacing.array()).round() > 1.0).any();
        };
        const double last = options.levelSpacingsMm.back();
        if (native > 0.0 && (averages(fixed, last) || averages(moving, last))) {
            focused.levelSpacingsMm.push_back(native);
        }
    }
    double regionShare = 0.0;
    int startIterations = 0;
    if (options.region && !options.initialMovingToFixed && !options.levelSpacingsMm.empty()) {
        // A region has no start of its own: the whole images at the first level give one
        // (the level of interest then lies within a few mm of it).
        RigidMiOptions global = focused;
        global.region.reset();
        global.levelSpacingsMm = {options.levelSpacingsMm.front()};
        regionShare = 0.3;
        const RigidMiResult start =
            registerCore(fixed, moving, global, progress.subRange(0.0, regionShare));
        focused.initialMovingToFixed = start.movingToFixed;
        startIterations = start.iterations;
    }
    RigidMiResult result =
        registerCore(fixed, moving, focused, progress.subRange(regionShare, 0.95));
    progress(0.95, "registration: quality");
    const double finest = focused.levelSpacingsMm.empty() ? 1.0 : focused.levelSpacingsMm.back();
    result.quality =
        assessRegistration(fixed, moving, result.initialMovingToFixed, result.movingToFixed,
                           options.region, std::max(finest, kQualitySpacingMm));
    result.region = options.region;
    result.iterations += startIterations;
    result.ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    progress(1.0, "registration: done");
    return result;
}

}  // namespace crosscheck
