#include "core/roi/VisibleSection.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/roi/ThresholdCrossing.h"
#include "core/roi/VisibleExtent.h"  // farthestPointPair

namespace crosscheck {

namespace {

/// Trilinear values of the series in which the voxels of other above-threshold structures
/// read as background: the profile of the chosen region alone.
class RegionProfile {
public:
    RegionProfile(const RoiFootprint& fp, const VisibleRegion& region, double threshold)
        : m_fp(fp), m_region(region), m_background(threshold - 1.0) {
        std::vector<double> below;
        for (const auto& v : fp.voxels()) {
            if (v.voxel.value < threshold) {
                below.push_back(v.voxel.value);
            }
        }
        if (!below.empty()) {
            auto mid = below.begin() + static_cast<long>(below.size() / 2);
            std::nth_element(below.begin(), mid, below.end());
            m_background = *mid;
        }
    }

    std::optional<double> at(const Eigen::Vector3d& p) const {
        const Volume& v = m_fp.volume();
        const Eigen::Vector3d x = v.geometry().toIndex(PatientPoint{p}).ijk;
        const auto& d = v.geometry().dims();
        Eigen::Vector3i lo;
        Eigen::Vector3d f;
        for (int a = 0; a < 3; ++a) {
            // Half a voxel beyond the outer centres is clamped, as Volume::sampleLinear does.
            const double c = std::clamp(x[a], 0.0, static_cast<double>(d[a] - 1));
            if (x[a] < -0.5 || x[a] > d[a] - 0.5) {
                return std::nullopt;
            }
            lo[a] = std::min(static_cast<int>(std::floor(c)), std::max(0, d[a] - 2));
            f[a] = d[a] > 1 ? c - lo[a] : 0.0;
        }
        double sum = 0.0;
        for (int corner = 0; corner < 8; ++corner) {
            const Eigen::Vector3i o((corner & 1) ? 1 : 0, (corner & 2) ? 1 : 0,
                                    (corner & 4) ? 1 : 0);
            double w = 1.0;
            for (int a = 0; a < 3; ++a) {
                w *= o[a] ? f[a] : 1.0 - f[a];
            }
            if (w == 0.0) {
                continue;
            }
            const Eigen::Vector3i ijk = (lo + o).cwiseMin(d - Eigen::Vector3i::Ones());
            const int idx = m_fp.find(ijk);
            const bool foreign = idx >= 0 && m_region.foreign[static_cast<std::size_t>(idx)];
            sum += w * (foreign ? m_background : v.value(ijk.x(), ijk.y(), ijk.z()));
        }
        return sum;
    }

private:
    const RoiFootprint& m_fp;
    const VisibleRegion& m_region;
    double m_background;
};

/// How far beyond p along the unit dir the profile crosses the threshold (negative when
/// the value at p is already below), limited to `limitMm` (the ROI outline).
double edgeOffset(const RegionProfile& profile, const Eigen::Vector3d& p,
                  const Eigen::Vector3d& dir, double threshold, double reachMm, double stepMm,
                  double limitMm) {
    return thresholdCrossingMm([&](double t) { return profile.at(p + t * dir); }, threshold,
                               reachMm, stepMm, limitMm);
}

}  // namespace

VisibleSection measureVisibleSection(const RoiFootprint& fp, const VisibleRegion& region,
                                     const RoiPlane* plane, double threshold) {
    VisibleSection out;
    const Eigen::Vector3d n = plane ? plane->normal() : Eigen::Vector3d::UnitZ();
    const Eigen::Matrix3d steps = fp.volume().geometry().indexToPatient().topLeftCorner<3, 3>();
    const double h = 0.5 * (std::abs(steps.col(0).dot(n)) + std::abs(steps.col(1).dot(n)) +
                            std::abs(steps.col(2).dot(n)));
    std::vector<Eigen::Vector3d> pts;
    for (int i : region.voxels) {
        const FootprintVoxel& v = fp.voxels()[static_cast<std::size_t>(i)];
        if (!v.inside()) {
            continue;
        }
        if (!plane) {
            pts.push_back(v.voxel.positionMm);
            continue;
        }
        const double d = plane->distance(v.voxel.positionMm);
        if (d >= -h && d < h) {
            pts.push_back(plane->fromPlane(plane->toPlane(v.voxel.positionMm)));
        }
    }
    out.voxelCount = static_cast<int>(pts.size());
    if (pts.empty()) {
        return out;
    }
    const RegionProfile profile(fp, region, threshold);
    const double spacing = fp.spacingMm();
    const double reach = 1.5 * spacing;
    const double step = 0.02 * spacing;
    // Each end moves out from a voxel centre along `dir`: by the profile's crossing, but
    // never past the ROI outline.
    auto end = [&](const Eigen::Vector3d& p, const Eigen::Vector3d& dir) {
        const double limit = fp.insideAlong(p, dir, reach);
        return p + edgeOffset(profile, p, dir, threshold, reach, step, limit) * dir;
    };
    // The caliper along dir: the outermost refined end among the voxels near each extreme
    // (the extreme voxel centre need not be where the object reaches farthest).
    auto caliper = [&](const Eigen::Vector3d& dir, Eigen::Vector3d& first, Eigen::Vector3d& last) {
        double lo = pts.front().dot(dir), hi = lo;
        for (const auto& p : pts) {
            lo = std::min(lo, p.dot(dir));
            hi = std::max(hi, p.dot(dir));
        }
        double bestLo = lo, bestHi = hi;
        first = last = pts.front();
        for (const auto& p : pts) {
            const double t = p.dot(dir);
            if (t <= lo + 0.75 * spacing) {
                const Eigen::Vector3d e = end(p, -dir);
                if (e.dot(dir) <= bestLo) {
                    bestLo = e.dot(dir);
                    first = e;
                }
            }
            if (t >= hi - 0.75 * spacing) {
                const Eigen::Vector3d e = end(p, dir);
                if (e.dot(dir) >= bestHi) {
                    bestHi = e.dot(dir);
                    last = e;
                }
            }
        }
        return std::max(0.0, bestHi - bestLo);
    };

    if (!plane) {
        // A volume: the direction of the farthest voxel pair, measured by the caliper. The
        // pair are hull vertices, never the midpoint of two region voxels along a row: only
        // the ends of each row are searched (an organ has a few percent of its voxels there).
        std::vector<std::uint8_t> member(fp.voxels().size(), 0);
        for (int i : region.voxels) {
            member[static_cast<std::size_t>(i)] = fp.voxels()[static_cast<std::size_t>(i)].inside();
        }
        auto isMember = [&](const Eigen::Vector3i& ijk) {
            const int at = fp.find(ijk);
            return at >= 0 && member[static_cast<std::size_t>(at)] != 0;
        };
        std::vector<Eigen::Vector3d> ends;
        for (int i : region.voxels) {
            const SampledVoxel& v = fp.voxels()[static_cast<std::size_t>(i)].voxel;
            if (member[static_cast<std::size_t>(i)] &&
                !(isMember(v.ijk - Eigen::Vector3i::UnitX()) &&
                  isMember(v.ijk + Eigen::Vector3i::UnitX()))) {
                ends.push_back(v.positionMm);
            }
        }
        const auto [ia, ib] = farthestPointPair(ends);
        Eigen::Vector3d dir =
            ends[static_cast<std::size_t>(ib)] - ends[static_cast<std::size_t>(ia)];
        dir = dir.norm() > 1e-9 ? Eigen::Vector3d(dir.normalized()) : Eigen::Vector3d::UnitX();
        out.longMm = caliper(dir, out.longStartMm, out.longEndMm);
        return out;  // a volume has no single "across"; its planes give the widths
    }
    // In a plane: the longest caliper over directions every 2 degrees (the Feret diameter
    // with sub-voxel ends) and the shortest (the minimum Feret diameter). For an elliptic
    // section the shortest is the caliper across the longest; taking it directly does not
    // inherit the error of the long axis' direction, which on a section a few voxels wide
    // is poorly defined (up to 1.7 mm wider than the truth on 2.8 mm voxels, against 1.4).
    constexpr int kDirections = 90;
    out.shortMm = std::numeric_limits<double>::infinity();
    for (int d = 0; d < kDirections; ++d) {
        const double a = d * 3.14159265358979323846 / kDirections;
        const Eigen::Vector3d dir = std::cos(a) * plane->axisU + std::sin(a) * plane->axisV;
        Eigen::Vector3d first = Eigen::Vector3d::Zero(), last = Eigen::Vector3d::Zero();
        const double length = caliper(dir, first, last);
        if (length > out.longMm) {
            out.longMm = length;
            out.longStartMm = first;
            out.longEndMm = last;
        }
        if (length < out.shortMm) {
            out.shortMm = length;
            out.shortStartMm = first;
            out.shortEndMm = last;
        }
    }
    return out;
}

}  // namespace crosscheck
