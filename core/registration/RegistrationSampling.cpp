#include "core/registration/RegistrationSampling.h"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/geometry/RigidTransform.h"
#include "core/registration/RegistrationError.h"

namespace crosscheck {

namespace {

Eigen::Vector3d apply(const Eigen::Matrix4d& m, const Eigen::Vector3d& p) {
    return m.topLeftCorner<3, 3>() * p + m.topRightCorner<3, 1>();
}

// Centre of mass of the voxels above `threshold` whose position, mapped by `toOther`,
// falls inside `other` (the overlap of the two fields of view).
std::optional<Eigen::Vector3d> overlapCentroid(const RegistrationImage& image, double threshold,
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
                if (insideGrid(other, apply(toOther, p))) {
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

// Robust spread (2nd to 98th percentile) of a set of values.
double spread(std::vector<float> values) {
    if (values.size() < 10) {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return values[n * 98 / 100] - values[n * 2 / 100];
}

std::string describe(const RegistrationRegion& region) {
    char text[128];
    std::snprintf(text, sizeof text, "the region at (%.1f, %.1f, %.1f) mm, radius %.1f mm",
                  region.centreMm.x(), region.centreMm.y(), region.centreMm.z(), region.radiusMm);
    return text;
}

}  // namespace

SampleBox bodyBox(const RegistrationImage& image, double threshold, int margin) {
    SampleBox box;
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

SampleBox regionBox(const RegistrationImage& image, const RegistrationRegion& region) {
    SampleBox box;
    Eigen::Vector3d low = Eigen::Vector3d::Constant(1e30), high = -low;
    for (int c = 0; c < 8; ++c) {
        const Eigen::Vector3d corner =
            region.centreMm +
            region.radiusMm * Eigen::Vector3d((c & 1) ? 1 : -1, (c & 2) ? 1 : -1, (c & 4) ? 1 : -1);
        const Eigen::Vector3d ijk = apply(image.patientToIndex(), corner);
        low = low.cwiseMin(ijk);
        high = high.cwiseMax(ijk);
    }
    const Eigen::Vector3i& d = image.dims();
    for (int a = 0; a < 3; ++a) {
        box.low[a] = std::max(0, static_cast<int>(std::floor(low[a])));
        box.high[a] = std::min(d[a] - 1, static_cast<int>(std::ceil(high[a])));
    }
    box.empty = (box.high.array() < box.low.array()).any();
    return box;
}

bool insideGrid(const RegistrationImage& image, const Eigen::Vector3d& patientMm) {
    const Eigen::Vector3d ijk = apply(image.patientToIndex(), patientMm);
    for (int a = 0; a < 3; ++a) {
        if (!(ijk[a] >= -0.5 && ijk[a] <= image.dims()[a] - 0.5)) {
            return false;
        }
    }
    return true;
}

std::optional<Eigen::Vector3d> bodyCentroid(const RegistrationImage& image, double threshold) {
    return overlapCentroid(image, threshold, image, Eigen::Matrix4d::Identity());
}

Eigen::Matrix4d centroidStart(const RegistrationImage& fixed, double fixedThreshold,
                              const RegistrationImage& moving, double movingThreshold) {
    Eigen::Matrix4d fixedToMoving = Eigen::Matrix4d::Identity();
    // First pass: whole bodies (a frame offset may leave no overlap at all).
    auto cf = bodyCentroid(fixed, fixedThreshold);
    auto cm = bodyCentroid(moving, movingThreshold);
    if (!cf || !cm) {
        throw RegistrationError(
            "an image has no voxels above its background threshold (empty image?)");
    }
    fixedToMoving.topRightCorner<3, 1>() = *cm - *cf;
    // Then restricted step by step to the overlap, so that a longer CT does not pull the
    // MRI off centre.
    for (int pass = 0; pass < 3; ++pass) {
        cf = overlapCentroid(fixed, fixedThreshold, moving, fixedToMoving);
        cm = overlapCentroid(moving, movingThreshold, fixed, rigidInverse(fixedToMoving));
        if (!cf || !cm) {
            break;
        }
        fixedToMoving.topRightCorner<3, 1>() = *cm - *cf;
    }
    return fixedToMoving;
}

std::vector<MattesMutualInformation::Sample> drawSamples(const RegistrationImage& fixed,
                                                         const SampleBox& box, int count,
                                                         std::mt19937& random,
                                                         const RegistrationRegion* region) {
    std::vector<MattesMutualInformation::Sample> samples;
    samples.reserve(static_cast<std::size_t>(count));
    std::uniform_real_distribution<double> u[3] = {
        std::uniform_real_distribution<double>(box.low[0], box.high[0]),
        std::uniform_real_distribution<double>(box.low[1], box.high[1]),
        std::uniform_real_distribution<double>(box.low[2], box.high[2])};
    std::uniform_real_distribution<double> accept(0.0, 1.0);
    Eigen::Vector3d unusedGradient;
    // Off-grid positions avoid the interpolation artefacts of two aligned grids. The
    // attempts are bounded: a region that barely meets the grid gives fewer samples.
    const long long maxAttempts = 50LL * count + 1000;
    for (long long attempt = 0; attempt < maxAttempts && static_cast<int>(samples.size()) < count;
         ++attempt) {
        const Eigen::Vector3d ijk(u[0](random), u[1](random), u[2](random));
        const Eigen::Vector3d mm = apply(fixed.indexToPatient(), ijk);
        if (region && !region->contains(mm)) {
            continue;
        }
        // Most of a sphere's volume is near its surface, where the neighbouring levels are:
        // the density of samples falls from the middle of the radius to a quarter at the
        // surface, so the level at the centre decides the fit.
        if (region) {
            const double r = (mm - region->centreMm).norm() / region->radiusMm;
            const double keep = r <= 0.5 ? 1.0 : 1.0 - 1.5 * (r - 0.5);
            if (accept(random) > keep) {
                continue;
            }
        }
        float value = 0.0f;
        if (!fixed.sampleWithGradient(ijk, value, unusedGradient)) {
            continue;
        }
        samples.push_back({mm, value});
    }
    // In slice, row, column order, so that neighbouring samples read neighbouring memory of
    // both images (the moving positions follow the fixed ones under a rigid map).
    const Eigen::Matrix4d toIndex = fixed.patientToIndex();
    const auto key = [&](const MattesMutualInformation::Sample& s) {
        const Eigen::Vector3d ijk = apply(toIndex, s.fixedMm);
        return (std::lround(ijk.z()) * fixed.dims()[1] + std::lround(ijk.y())) * fixed.dims()[0] +
               std::lround(ijk.x());
    };
    std::sort(samples.begin(), samples.end(),
              [&](const auto& l, const auto& r) { return key(l) < key(r); });
    return samples;
}

void checkRegionRadius(const RegistrationRegion& region) {
    if (!(region.radiusMm >= kMinRegionRadiusMm)) {
        char text[160];
        std::snprintf(text, sizeof text,
                      "the region's radius %.1f mm is too small to register (at least %.0f mm)",
                      region.radiusMm, kMinRegionRadiusMm);
        throw RegistrationError(text);
    }
}

void checkRegion(const RegistrationImage& fixed, const RegistrationImage& moving,
                 const Eigen::Matrix4d& fixedToMoving, const RegistrationRegion& region) {
    checkRegionRadius(region);
    // A fixed lattice of points through the sphere: what share lies in both images, and
    // whether either image varies there.
    constexpr int kSteps = 12;
    int inSphere = 0, inBoth = 0;
    std::vector<float> fixedValues, movingValues;
    Eigen::Vector3d gradient;
    for (int a = 0; a <= kSteps; ++a) {
        for (int b = 0; b <= kSteps; ++b) {
            for (int c = 0; c <= kSteps; ++c) {
                const Eigen::Vector3d offset =
                    (Eigen::Vector3d(a, b, c) * 2.0 / kSteps - Eigen::Vector3d::Ones()) *
                    region.radiusMm;
                if (offset.squaredNorm() > region.radiusMm * region.radiusMm) {
                    continue;
                }
                ++inSphere;
                const Eigen::Vector3d p = region.centreMm + offset;
                float fv = 0.0f, mv = 0.0f;
                if (fixed.sampleWithGradient(apply(fixed.patientToIndex(), p), fv, gradient) &&
                    moving.sampleWithGradient(
                        apply(moving.patientToIndex(), apply(fixedToMoving, p)), mv, gradient)) {
                    ++inBoth;
                    fixedValues.push_back(fv);
                    movingValues.push_back(mv);
                }
            }
        }
    }
    if (inBoth * 2 < inSphere) {
        char text[64];
        std::snprintf(text, sizeof text, " (%d %% of it is in both)", 100 * inBoth / inSphere);
        throw RegistrationError(describe(region) + " lies outside the overlap of the two series" +
                                text);
    }
    // Flat: the spread inside the region is under 2 % of the image's own spread.
    const Eigen::Vector2d fixedRange = fixed.percentileRange(0.01, 0.99);
    const Eigen::Vector2d movingRange = moving.percentileRange(0.01, 0.99);
    if (spread(fixedValues) <= 0.02 * (fixedRange[1] - fixedRange[0])) {
        throw RegistrationError("the fixed image is flat inside " + describe(region) +
                                ": nothing there to register");
    }
    if (spread(movingValues) <= 0.02 * (movingRange[1] - movingRange[0])) {
        throw RegistrationError("the moving image is flat inside " + describe(region) +
                                ": nothing there to register");
    }
}

}  // namespace crosscheck
