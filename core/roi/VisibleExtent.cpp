#include "core/roi/VisibleExtent.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

#include "core/roi/RoiFootprint.h"
#include "core/roi/ThresholdCrossing.h"
#include "core/roi/VisibleRegion.h"
#include "core/roi/VisibleSection.h"

namespace crosscheck {

std::pair<int, int> farthestPointPair(const std::vector<Eigen::Vector3d>& pts) {
    if (pts.empty()) {
        return {0, 0};
    }
    std::vector<int> candidates;
    if (pts.size() <= 2500) {
        for (int i = 0; i < static_cast<int>(pts.size()); ++i) {
            candidates.push_back(i);
        }
    } else {
        constexpr int kDirections = 256;
        const double golden = 3.14159265358979323846 * (3.0 - std::sqrt(5.0));
        for (int d = 0; d < kDirections; ++d) {
            const double z = 1.0 - 2.0 * (d + 0.5) / kDirections;
            const double r = std::sqrt(1.0 - z * z);
            const Eigen::Vector3d dir(r * std::cos(golden * d), r * std::sin(golden * d), z);
            int lo = 0, hi = 0;
            double loS = pts.front().dot(dir), hiS = loS;
            for (int i = 1; i < static_cast<int>(pts.size()); ++i) {
                const double s = pts[static_cast<std::size_t>(i)].dot(dir);
                if (s < loS) {
                    lo = i;
                    loS = s;
                }
                if (s > hiS) {
                    hi = i;
                    hiS = s;
                }
            }
            candidates.push_back(lo);
            candidates.push_back(hi);
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    }
    std::pair<int, int> best{candidates.front(), candidates.front()};
    double bestD = -1.0;
    for (std::size_t a = 0; a < candidates.size(); ++a) {
        for (std::size_t b = a + 1; b < candidates.size(); ++b) {
            const double d = (pts[static_cast<std::size_t>(candidates[a])] -
                              pts[static_cast<std::size_t>(candidates[b])])
                                 .squaredNorm();
            if (d > bestD) {
                bestD = d;
                best = {candidates[a], candidates[b]};
            }
        }
    }
    return best;
}

namespace {

/// How far beyond p along the unit dir the trilinear profile crosses the threshold (mm);
/// negative when the value at p is already below it.
double edgeOffset(const Volume& v, const Eigen::Vector3d& p, const Eigen::Vector3d& dir,
                  double threshold, double reachMm, double stepMm) {
    return thresholdCrossingMm([&](double t) { return v.sampleLinear(PatientPoint{p + t * dir}); },
                               threshold, reachMm, stepMm);
}

/// The longest run of the profile a -> b at or above the threshold: {start, end} distances.
std::pair<double, double> longestRun(const Volume& v, const Eigen::Vector3d& a,
                                     const Eigen::Vector3d& b, double threshold, double stepMm) {
    const double length = (b - a).norm();
    if (length <= 0.0) {
        return {0.0, 0.0};
    }
    const Eigen::Vector3d dir = (b - a) / length;
    const int n = std::max(1, static_cast<int>(std::ceil(length / stepMm)));
    const double step = length / n;
    std::pair<double, double> best{0.0, 0.0};
    std::optional<double> runStart;
    std::optional<double> prev;
    for (int s = 0; s <= n; ++s) {
        const double t = s * step;
        const auto ft = v.sampleLinear(PatientPoint{a + t * dir});
        const bool above = ft && *ft >= threshold;
        if (above && !runStart) {
            runStart = (s > 0 && prev) ? t - step + step * (threshold - *prev) / (*ft - *prev) : t;
        }
        if (!above && runStart) {
            const double end =
                (ft && prev) ? t - step + step * (*prev - threshold) / (*prev - *ft) : t - step;
            if (end - *runStart > best.second - best.first) {
                best = {*runStart, end};
            }
            runStart.reset();
        }
        prev = ft;
    }
    if (runStart && length - *runStart > best.second - best.first) {
        best = {*runStart, length};
    }
    return best;
}

enum class PlaneKind { Axial, Sagittal, Other };

/// Axial or sagittal by the largest component of the normal (patient z, x).
PlaneKind planeKind(const Eigen::Vector3d& normal) {
    const Eigen::Vector3d a = normal.cwiseAbs();
    if (a.z() >= a.x() && a.z() >= a.y()) {
        return PlaneKind::Axial;
    }
    return a.x() >= a.y() ? PlaneKind::Sagittal : PlaneKind::Other;
}

Eigen::Vector2d sizes(const VisibleSection& s) {
    return {s.longMm, s.shortMm};
}

VisibleExtent measureRegionExtent(const Roi& roi, const Volume& volume, double threshold) {
    VisibleExtent out;
    // The band must reach past the crossing distance to see a structure go on beyond it.
    const RoiFootprint fp(roi, volume,
                          (kCrossingSpacings + 1.5) * RoiFootprint::spacingFor(roi, volume));
    const VisibleRegion region = findVisibleRegion(fp, threshold);
    out.onlyCrossing = region.onlyCrossing;
    const bool planar = roi.hasArea();
    const VisibleSection own =
        measureVisibleSection(fp, region, planar ? &fp.plane() : nullptr, threshold);
    out.lengthMm = own.longMm;
    out.startMm = own.longStartMm;
    out.endMm = own.longEndMm;
    out.voxelCount = own.voxelCount;
    if (planar) {
        switch (planeKind(fp.plane().normal())) {
            case PlaneKind::Axial:
                out.axialMm = sizes(own);
                break;
            case PlaneKind::Sagittal:
                out.sagittalMm = sizes(own);
                break;
            case PlaneKind::Other:
                break;
        }
        return out;
    }
    // A volume ROI: both planes through the centroid of the region's voxels inside it.
    Eigen::Vector3d centroid = Eigen::Vector3d::Zero();
    int n = 0;
    for (int i : region.voxels) {
        const FootprintVoxel& v = fp.voxels()[static_cast<std::size_t>(i)];
        if (v.inside()) {
            centroid += v.voxel.positionMm;
            ++n;
        }
    }
    if (n == 0) {
        out.axialMm = out.sagittalMm = Eigen::Vector2d::Zero();
        return out;
    }
    centroid /= n;
    const RoiPlane axial{centroid, Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY()};
    const RoiPlane sagittal{centroid, Eigen::Vector3d::UnitY(), Eigen::Vector3d::UnitZ()};
    out.axialMm = sizes(measureVisibleSection(fp, region, &axial, threshold));
    out.sagittalMm = sizes(measureVisibleSection(fp, region, &sagittal, threshold));
    return out;
}

}  // namespace

VisibleExtent measureVisibleExtent(const Roi& roi, const Volume& volume,
                                   const std::vector<SampledVoxel>& inside, double threshold) {
    VisibleExtent out;
    const Eigen::Vector3d spacing = volume.geometry().spacingMm();
    const double step = 0.05 * spacing.minCoeff();
    if (roi.shape == RoiShape::Point) {
        return out;
    }
    if (roi.isLinear()) {
        for (std::size_t s = 0; s + 1 < roi.pointsMm.size(); s += 2) {
            const Eigen::Vector3d a = roi.pointsMm[s], b = roi.pointsMm[s + 1];
            const auto [t0, t1] = longestRun(volume, a, b, threshold, step);
            if (t1 - t0 > out.lengthMm) {
                const Eigen::Vector3d dir = (b - a).normalized();
                out.lengthMm = t1 - t0;
                out.startMm = a + t0 * dir;
                out.endMm = a + t1 * dir;
                out.voxelCount = 1;
            }
        }
        return out;
    }
    (void)inside;
    if (!roi.hasArea() && roi.shape != RoiShape::Sphere && roi.shape != RoiShape::Brush) {
        return out;
    }
    return measureRegionExtent(roi, volume, threshold);
}

std::optional<Roi> fitBidirectional(const Roi& searchRoi, const Volume& volume, double threshold) {
    if (!searchRoi.hasArea()) {
        return std::nullopt;
    }
    const RoiSamples samples = sampleRoi(searchRoi, volume, 0.0);
    const VisibleExtent longAxis =
        measureVisibleExtent(searchRoi, volume, samples.inside, threshold);
    if (longAxis.voxelCount == 0 || longAxis.lengthMm <= 0.0) {
        return std::nullopt;
    }
    const RoiPlane plane = searchRoi.plane();
    const Eigen::Vector3d dir = (longAxis.endMm - longAxis.startMm).normalized();
    const Eigen::Vector3d across = plane.normal().cross(dir).normalized();
    const double step = 0.05 * volume.geometry().spacingMm().minCoeff();
    double bestWidth = 0.0;
    Eigen::Vector3d s0 = longAxis.startMm, s1 = longAxis.startMm;
    for (double t = 0.0; t <= longAxis.lengthMm; t += 0.1) {
        const Eigen::Vector3d q = longAxis.startMm + t * dir;
        const auto fq = volume.sampleLinear(PatientPoint{q});
        if (!fq || *fq < threshold) {
            continue;
        }
        const double w0 = edgeOffset(volume, q, -across, threshold, longAxis.lengthMm, step);
        const double w1 = edgeOffset(volume, q, across, threshold, longAxis.lengthMm, step);
        if (w0 + w1 > bestWidth) {
            bestWidth = w0 + w1;
            s0 = q - w0 * across;
            s1 = q + w1 * across;
        }
    }
    return Roi::bidirectional(searchRoi.frameOfReferenceUid, longAxis.startMm, longAxis.endMm, s0,
                              s1);
}

}  // namespace crosscheck
