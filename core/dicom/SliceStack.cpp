#include "core/dicom/SliceStack.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

namespace crosscheck {

namespace {

constexpr double kPi = 3.14159265358979323846;
// Positions closer than this along the normal are the same slice position (mm).
constexpr double kDuplicateMm = 0.01;
// A stack whose step leans less than this, or whose last slice is shifted sideways by less
// than kShearMm, is straight: the lean is rounding in the stored positions.
constexpr double kTiltDegrees = 0.05;
constexpr double kShearMm = 0.1;

std::string fmt(double v, int decimals = 2) {
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.*f", decimals, v);
    return buffer;
}

Eigen::Vector3d rowDir(const FrameHeader& f) {
    return f.rowDirection.value_or(Eigen::Vector3d::UnitX());
}
Eigen::Vector3d colDir(const FrameHeader& f) {
    return f.columnDirection.value_or(Eigen::Vector3d::UnitY());
}
Eigen::Vector3d normalOf(const FrameHeader& f) {
    return rowDir(f).cross(colDir(f)).normalized();
}

bool byInstance(const FrameHeader* a, const FrameHeader* b) {
    return std::tie(a->instanceNumber, a->file, a->frameIndex) <
           std::tie(b->instanceNumber, b->file, b->frameIndex);
}

SliceRef sliceRef(const FrameHeader& f, const Eigen::Vector3d& position) {
    SliceRef r;
    r.file = f.file;
    r.sopInstanceUid = f.sopInstanceUid;
    r.frame = f.frameIndex;
    r.positionMm = position;
    r.rescaleSlope = f.rescaleSlope;
    r.rescaleIntercept = f.rescaleIntercept;
    r.pixelDataOffset = f.pixelDataOffset;
    r.fileSize = f.fileSize;
    r.mosaicTile = f.mosaicTile;
    r.storedRows = f.storedRows;
    r.storedColumns = f.storedColumns;
    return r;
}

}  // namespace

void buildSliceStack(std::vector<const FrameHeader*> frames, SeriesInfo& s) {
    const FrameHeader& first = *frames.front();
    const Eigen::Vector3d row = rowDir(first), col = colDir(first), normal = normalOf(first);
    const bool havePositions = std::all_of(
        frames.begin(), frames.end(), [](const FrameHeader* f) { return f->position.has_value(); });
    s.hasGeometry = first.rowDirection.has_value() && havePositions;
    if (!s.hasGeometry) {
        s.warn("no geometry",
               "ImagePositionPatient or ImageOrientationPatient missing: slices ordered by "
               "InstanceNumber, identity orientation and 1 mm steps assumed");
    }
    Eigen::Vector2d pixelSpacing(1.0, 1.0);
    if (first.pixelSpacingRowCol) {
        pixelSpacing = *first.pixelSpacingRowCol;
    } else {
        s.warn("no pixel spacing", "PixelSpacing missing: 1 mm assumed");
    }
    std::vector<Eigen::Vector3d> positions;
    std::sort(frames.begin(), frames.end(), byInstance);
    if (havePositions) {
        std::stable_sort(frames.begin(), frames.end(),
                         [&](const FrameHeader* a, const FrameHeader* b) {
                             return a->position->dot(normal) < b->position->dot(normal);
                         });
        // Duplicates: keep the first of each position (lowest InstanceNumber, stable sort).
        std::vector<const FrameHeader*> kept;
        int duplicates = 0;
        for (const FrameHeader* f : frames) {
            if (!kept.empty() &&
                std::abs((f->position.value() - kept.back()->position.value()).dot(normal)) <
                    kDuplicateMm) {
                ++duplicates;
                continue;
            }
            kept.push_back(f);
        }
        if (duplicates > 0) {
            s.warn("duplicate positions",
                   std::to_string(duplicates) + " of " + std::to_string(frames.size()) +
                       " slices repeat the position of another; the first of each is kept");
        }
        frames = kept;
        for (const FrameHeader* f : frames) {
            positions.push_back(*f->position);
        }
    } else {
        for (std::size_t k = 0; k < frames.size(); ++k) {
            positions.push_back(first.position.value_or(Eigen::Vector3d::Zero()) +
                                normal * static_cast<double>(k));
        }
    }

    // Steps along the normal between neighbours; gaps are whole multiples of the usual step.
    std::vector<SliceRef> slices;
    const std::size_t n = frames.size();
    double medianStep = 0.0;
    if (n > 1) {
        std::vector<double> steps;
        for (std::size_t i = 0; i + 1 < n; ++i) {
            steps.push_back((positions[i + 1] - positions[i]).dot(normal));
        }
        std::vector<double> sorted = steps;
        std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2),
                         sorted.end());
        medianStep = sorted[sorted.size() / 2];
        // A step that is a whole multiple of the usual one means missing slices. They are
        // filled with blank slices, unless there would be more blanks than slices: such a
        // stack is not one volume with holes, and is reported as unevenly spaced instead.
        std::vector<long> multiples(n - 1, 1);
        long missingTotal = 0;
        for (std::size_t i = 0; i + 1 < n; ++i) {
            const long multiple = std::lround(steps[i] / medianStep);
            if (multiple >= 2 && std::abs(steps[i] - static_cast<double>(multiple) * medianStep) <=
                                     0.1 * medianStep) {
                multiples[i] = multiple;
                missingTotal += multiple - 1;
            }
        }
        const bool fill = missingTotal <= std::max<long>(static_cast<long>(n), 10);
        double minStep = steps.front(), maxStep = steps.front();
        std::string gapDetail;
        for (std::size_t i = 0; i < n; ++i) {
            slices.push_back(sliceRef(*frames[i], positions[i]));
            if (i + 1 == n) {
                break;
            }
            const long multiple = multiples[i];
            if (multiple >= 2) {
                gapDetail += (gapDetail.empty() ? "" : "; ") + std::to_string(multiple - 1) +
                             " missing between slices at " + fmt(positions[i].dot(normal)) +
                             " and " + fmt(positions[i + 1].dot(normal)) + " mm";
            }
            if (multiple >= 2 && fill) {
                for (long j = 1; j < multiple; ++j) {
                    const double t = static_cast<double>(j) / static_cast<double>(multiple);
                    SliceRef gap;
                    gap.positionMm = positions[i] + t * (positions[i + 1] - positions[i]);
                    gap.missing = true;
                    slices.push_back(gap);
                }
            } else {
                minStep = std::min(minStep, steps[i]);
                maxStep = std::max(maxStep, steps[i]);
            }
        }
        if (missingTotal > 0) {
            s.warn(
                "gap",
                std::to_string(missingTotal) + " missing slice(s), step " + fmt(medianStep) +
                    " mm (" + gapDetail + "); " +
                    (fill ? "filled with " + fmt(s.gapFillValue, 0)
                          : "too many to fill: the slices are kept as an unevenly spaced stack"));
        }
        if (maxStep - minStep > std::max(0.01, 0.01 * std::abs(medianStep))) {
            s.warn("uneven spacing",
                   "slice steps range from " + fmt(minStep, 3) + " to " + fmt(maxStep, 3) +
                       " mm (median " + fmt(medianStep, 3) +
                       "); the volume uses the mean step, slices may be off by up to " +
                       fmt((maxStep - minStep) / 2, 3) + " mm");
        }
    } else {
        slices.push_back(sliceRef(*frames[0], positions[0]));
    }

    const std::size_t total = slices.size();
    Eigen::Vector3d step = Eigen::Vector3d::Zero();
    if (total > 1) {
        step =
            (slices.back().positionMm - slices.front().positionMm) / static_cast<double>(total - 1);
        const double along = step.dot(normal);
        const Eigen::Vector3d sideways = step - along * normal;
        const double angle = std::atan2(sideways.norm(), std::abs(along)) * 180.0 / kPi;
        const double shift = sideways.norm() * static_cast<double>(total - 1);
        if (angle > kTiltDegrees && shift > kShearMm) {
            s.warn("tilted", "slices are sheared by " + fmt(angle) +
                                 " degrees from their normal (GantryDetectorTilt " +
                                 fmt(first.gantryTiltDegrees, 1) +
                                 "); the volume keeps the shear, the last slice is " + fmt(shift) +
                                 " mm sideways of the first");
        } else {
            step = along * normal;
        }
        double worst = 0.0;
        for (std::size_t k = 0; k < total; ++k) {
            const Eigen::Vector3d expected =
                slices.front().positionMm + static_cast<double>(k) * step;
            worst = std::max(worst, (slices[k].positionMm - expected).norm());
        }
        if (worst > 0.5 * std::min(pixelSpacing[0], pixelSpacing[1]) &&
            !s.hasWarning("uneven spacing")) {
            s.warn("irregular positions",
                   "a slice lies " + fmt(worst) + " mm from where a regular stack puts it");
        }
    }
    s.dims = Eigen::Vector3i(first.columns, first.rows, static_cast<int>(total));
    s.geometry =
        VolumeGeometry::fromDicom(s.dims, row, col, pixelSpacing, slices.front().positionMm, step);
    s.spacingMm = s.geometry.spacingMm();
    s.orientation = s.geometry.orientation();
    std::set<std::string> seen;
    for (const SliceRef& r : slices) {
        if (!r.missing && seen.insert(r.file).second) {
            s.files.push_back(r.file);
        }
    }
    s.slices = std::move(slices);
}

}  // namespace crosscheck
