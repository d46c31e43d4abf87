#include "core/roi/VisibleExtent.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

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
            for (int i = 1; i < static_cast<int>(pts.size()); ++i) {
                const double s = pts[static_cast<std::size_t>(i)].dot(dir);
                if (s < pts[static_cast<std::size_t>(lo)].dot(dir)) {
                    lo = i;
                }
                if (s > pts[static_cast<std::size_t>(hi)].dot(dir)) {
                    hi = i;
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
    auto f = [&](double t) { return v.sampleLinear(PatientPoint{p + t * dir}); };
    const auto f0 = f(0.0);
    if (!f0) {
        return 0.0;
    }
    if (*f0 >= threshold) {
        double prev = *f0;
        for (double t = stepMm; t <= reachMm + 1e-9; t += stepMm) {
            const auto ft = f(t);
            if (!ft) {
                return t - 0.5 * stepMm;
            }
            if (*ft < threshold) {
                return t - stepMm + stepMm * (prev - threshold) / (prev - *ft);
            }
            prev = *ft;
        }
        return reachMm;
    }
    double next = *f0;
    for (double t = -stepMm; t >= -reachMm - 1e-9; t -= stepMm) {
        const auto ft = f(t);
        if (!ft) {
            return 0.0;
        }
        if (*ft >= threshold) {
            return t + stepMm * (*ft - threshold) / (*ft - next);
        }
        next = *ft;
    }
    return 0.0;
}

/// The largest 26-connected group of voxels at or above the threshold.
std::vector<const SampledVoxel*> largestRegion(const std::vector<SampledVoxel>& voxels,
                                               double threshold) {
    // Neighbours of edge voxels reach index -1: shift by one so the key stays unsigned.
    auto key = [](const Eigen::Vector3i& v) {
        return (static_cast<std::uint64_t>(v.z() + 1) << 42) |
               (static_cast<std::uint64_t>(v.y() + 1) << 21) |
               static_cast<std::uint64_t>(v.x() + 1);
    };
    std::unordered_map<std::uint64_t, int> index;
    for (int i = 0; i < static_cast<int>(voxels.size()); ++i) {
        if (voxels[static_cast<std::size_t>(i)].value >= threshold) {
            index.emplace(key(voxels[static_cast<std::size_t>(i)].ijk), i);
        }
    }
    std::vector<int> label(voxels.size(), -1);
    std::vector<const SampledVoxel*> best, current;
    std::vector<int> stack;
    int next = 0;
    for (const auto& [k, start] : index) {
        (void)k;
        if (label[static_cast<std::size_t>(start)] >= 0) {
            continue;
        }
        current.clear();
        stack.assign(1, start);
        label[static_cast<std::size_t>(start)] = next;
        while (!stack.empty()) {
            const int at = stack.back();
            stack.pop_back();
            const SampledVoxel& v = voxels[static_cast<std::size_t>(at)];
            current.push_back(&v);
            for (int dz = -1; dz <= 1; ++dz) {
                for (int dy = -1; dy <= 1; ++dy) {
                    for (int dx = -1; dx <= 1; ++dx) {
                        const auto it = index.find(key(v.ijk + Eigen::Vector3i(dx, dy, dz)));
                        if (it != index.end() && label[static_cast<std::size_t>(it->second)] < 0) {
                            label[static_cast<std::size_t>(it->second)] = next;
                            stack.push_back(it->second);
                        }
                    }
                }
            }
        }
        ++next;
        // Ties go to the region holding the lowest voxel offset, so the answer does not
        // depend on hash order.
        auto lowest = [](const std::vector<const SampledVoxel*>& r) {
            return std::min_element(r.begin(), r.end(), [](auto a, auto b) { return a < b; });
        };
        if (current.size() > best.size() ||
            (current.size() == best.size() && !best.empty() && *lowest(current) < *lowest(best))) {
            best = current;
        }
    }
    return best;
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
    const std::vector<const SampledVoxel*> region = largestRegion(inside, threshold);
    if (region.empty()) {
        return out;
    }
    const bool planar = roi.hasArea();
    const RoiPlane plane = planar ? roi.plane() : RoiPlane{};
    std::vector<Eigen::Vector3d> pts;
    for (const SampledVoxel* v : region) {
        pts.push_back(planar ? plane.fromPlane(plane.toPlane(v->positionMm)) : v->positionMm);
    }
    const auto [ia, ib] = farthestPointPair(pts);
    const Eigen::Vector3d a = pts[static_cast<std::size_t>(ia)];
    const Eigen::Vector3d b = pts[static_cast<std::size_t>(ib)];
    Eigen::Vector3d dir = b - a;
    if (dir.norm() < 1e-9) {
        dir = planar ? plane.axisU : Eigen::Vector3d::UnitX();
    }
    dir.normalize();
    const double reach = 1.5 * spacing.maxCoeff();
    const double offA = edgeOffset(volume, a, -dir, threshold, reach, step);
    const double offB = edgeOffset(volume, b, dir, threshold, reach, step);
    out.startMm = a - offA * dir;
    out.endMm = b + offB * dir;
    out.lengthMm = std::max(0.0, (b - a).norm() + offA + offB);
    out.voxelCount = static_cast<int>(region.size());
    return out;
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
