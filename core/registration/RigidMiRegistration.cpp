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

// Index-space bounding box of the voxels above a threshold, grown by `margin` voxels.
struct Box {
    Eigen::Vector3i low = Eigen::Vector3i::Zero();
    Eigen::Vector3i high = Eigen::Vector3i::Zero();
    bool empty = true;
};

Box bodyBox(const RegistrationImage& image, double threshold, int margin) {
    Box box;
    const Eigen::Vector3i& d = image.dims();
    box.low = d;
    box.high = Eigen::Vector3i::Constant(-1);
    for (int k = 0; k < d[2]; ++k) {
        for (int j = 0; j < d[1]; ++j) {
            for (int i = 0; i < d[0]; ++i) {
                if (image.at(i, j, k) > threshold) {
                    box.low = box.low.cwiseMin(Eigen::Vector3i(i, j, k));
                    box.high = box.high.cwiseMax(Eigen::Vector3i(i, j, k));
                }
            }
        }
    }
    box.empty = (box.high.array() < 0).any();
    if (!box.empty) {
        box.low = (box.low.array() - margin).max(0);
        box.high = (box.high.array() + margin).min(d.array() - 1);
    }
    return box;
}

bool insideGrid(const RegistrationImage& image, const Eigen::Vector3d& patientMm) {
    const Eigen::Vector3d ijk = image.patientToIndex().topLeftCorner<3, 3>() * patientMm +
                                image.patientToIndex().topRightCorner<3, 1>();
    for (int a = 0; a < 3; ++a) {
        if (!(ijk[a] >= -0.5 && ijk[a] <= image.dims()[a] - 0.5)) {
            return false;
        }
    }
    return true;
}

// Centre of mass (patient mm) of the body voxels of `image` whose position, mapped by
// `toOther`, falls inside `other` (the overlap of the two fields of view).
std::optional<Eigen::Vector3d> bodyCentroid(const RegistrationImage& image, double threshold,
                                            const RegistrationImage& other,
                                            const Eigen::Matrix4d& toOther) {
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    double count = 0.0;
    const Eigen::Vector3i& d = image.dims();
    for (int k = 0; k < d[2]; ++k) {
        for (int j = 0; j < d[1]; ++j) {
            for (int i = 0; i < d[0]; ++i) {
                if (image.at(i, j, k) <= threshold) {
                    continue;
                }
                const Eigen::Vector3d p = image.patientOf(i, j, k);
                const Eigen::Vector3d q =
                    toOther.topLeftCorner<3, 3>() * p + toOther.topRightCorner<3, 1>();
                if (insideGrid(other, q)) {
                    sum += p;
                    count += 1.0;
                }
            }
        }
    }
    if (count == 0.0) {
        return std::nullopt;
    }
    return sum / count;
}

// fixed -> moving (patient) that aligns the body centroids, restricted step by step to the
// overlap of the two fields of view so that a longer CT does not pull the MRI off centre.
Eigen::Matrix4d centroidStart(const RegistrationImage& fixed, double fixedThreshold,
                              const RegistrationImage& moving, double movingThreshold) {
    Eigen::Matrix4d fixedToMoving = Eigen::Matrix4d::Identity();
    const Eigen::Matrix4d everywhere = Eigen::Matrix4d::Identity();
    // First pass: whole bodies (a frame offset may leave no overlap at all).
    auto cf = bodyCentroid(fixed, fixedThreshold, fixed, everywhere);
    auto cm = bodyCentroid(moving, movingThreshold, moving, everywhere);
    if (!cf || !cm) {
        throw RegistrationError(
            "an image has no voxels above its background threshold (empty image?)");
    }
    fixedToMoving.topRightCorner<3, 1>() = *cm - *cf;
    for (int pass = 0; pass < 3; ++pass) {
        cf = bodyCentroid(fixed, fixedThreshold, moving, fixedToMoving);
        cm = bodyCentroid(moving, movingThreshold, fixed, rigidInverse(fixedToMoving));
        if (!cf || !cm) {
            break;
        }
        fixedToMoving.topRightCorner<3, 1>() = *cm - *cf;
    }
    return fixedToMoving;
}

std::vector<MattesMutualInformation::Sample> drawSamples(const RegistrationImage& fixed,
                                                         const Box& box, int count,
                                                         std::mt19937& random) {
    std::vector<MattesMutualInformation::Sample> samples;
    samples.reserve(static_cast<std::size_t>(count));
    std::uniform_real_distribution<double> u[3] = {
        std::uniform_real_distribution<double>(box.low[0], box.high[0]),
        std::uniform_real_distribution<double>(box.low[1], box.high[1]),
        std::uniform_real_distribution<double>(box.low[2], box.high[2])};
    Eigen::Vector3d unusedGradient;
    // Off-grid positions avoid the interpolation artefacts of two aligned grids.
    while (static_cast<int>(samples.size()) < count) {
        const Eigen::Vector3d ijk(u[0](random), u[1](random), u[2](random));
        float value = 0.0f;
        if (!fixed.sampleWithGradient(ijk, value, unusedGradient)) {
            continue;
        }
        const Eigen::Vector3d mm = fixed.indexToPatient().topLeftCorner<3, 3>() * ijk +
                                   fixed.indexToPatient().topRightCorner<3, 1>();
        samples.push_back({mm, value});
    }
    // In slice, row, column order, so that neighbouring samples read neighbouring memory of
    // both images (the moving positions follow the fixed ones under a rigid map).
    const Eigen::Matrix4d toIndex = fixed.patientToIndex();
    const auto key = [&](const MattesMutualInformation::Sample& s) {
        const Eigen::Vector3d ijk =
            toIndex.topLeftCorner<3, 3>() * s.fixedMm + toIndex.topRightCorner<3, 1>();
        return (std::lround(ijk.z()) * fixed.dims()[1] + std::lround(ijk.y())) * fixed.dims()[0] +
               std::lround(ijk.x());
    };
    std::sort(samples.begin(), samples.end(),
              [&](const auto& l, const auto& r) { return key(l) < key(r); });
    return samples;
}

std::string levelStage(double spacingMm) {
    char text[64];
    std::snprintf(text, sizeof text, "registration: %g mm level", spacingMm);
    return text;
}

}  // namespace

RigidMiResult registerRigidMi(const Volume& fixed, const Volume& moving,
                              const RigidMiOptions& options, const Progress& progress) {
    const auto started = std::chrono::steady_clock::now();
    if (options.levelSpacingsMm.empty()) {
        throw RegistrationError("rigid registration needs at least one pyramid level");
    }
    if (fixed.geometry().voxelCount() == 0 || moving.geometry().voxelCount() == 0) {
        throw RegistrationError("an image to register has no voxels");
    }
    const std::size_t levelCount = options.levelSpacingsMm.size();
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
            const auto centre =
                bodyCentroid(fixedLevel, fixedThreshold, fixedLevel, Eigen::Matrix4d::Identity());
            if (!centre) {
                throw RegistrationError(
                    "the fixed image has no voxels above its background threshold");
            }
            state = RigidParameters::from(fixedToMoving, *centre);
        } else {
            state = RigidParameters::from(state.matrix(), state.centre);
        }

        const Box box = bodyBox(fixedLevel, fixedThreshold, 2);
        if (box.empty) {
            throw RegistrationError("the fixed image has no voxels above its background threshold");
        }
        const int wanted =
            options.samplesPerLevel.empty()
                ? 20000
                : options.samplesPerLevel[std::min(level, options.samplesPerLevel.size() - 1)];
        auto samples = drawSamples(fixedLevel, box, std::max(wanted, 100), random);
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
        if (level == 0 && options.translationSearchMm > 0.0) {
            // The search runs one octave coarser than the first level: smoother MI, wider
            // basins, smaller images.
            const RegistrationImage fixedSearch = RegistrationImage::fromVolume(fixed, 2 * spacing);
            const RegistrationImage movingSearch =
                RegistrationImage::fromVolume(moving, 2 * spacing);
            const MattesMutualInformation searchMetric(
                drawSamples(fixedSearch, bodyBox(fixedSearch, fixedThreshold, 1), kSearchSamples,
                            random),
                fixedSearch.percentileRange(0.001, 0.999), movingSearch,
                movingSearch.percentileRange(0.001, 0.999), options.histogramBins);
            PoseSearchSettings search;
            search.translationRadiusMm = options.translationSearchMm;
            search.translationStepMm = options.translationSearchStepMm;
            search.rotationDegrees = options.rotationSearchDegrees;
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
        if (starts.size() > 1) {
            const RigidAscentResult more =
                ascend(RigidParameters::from(best.parameters.matrix(), best.parameters.centre),
                       initialStep * 0.5, options.maxIterationsPerLevel - candidateIterations);
            if (more.value >= best.value) {
                best = more;
            }
        }
        state = best.parameters;
        result.levels.push_back({spacing, metric.sampleCount(), levelIterations, best.value});
        result.iterations += levelIterations;
    }
    result.movingToFixed = rigidInverse(state.matrix());
    result.metric = result.levels.back().metric;
    result.ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    progress(1.0, "registration: done");
    return result;
}

}  // namespace crosscheck
