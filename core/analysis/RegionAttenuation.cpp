#include "core/analysis/RegionAttenuation.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace crosscheck {

namespace {

/// The region's voxels in a box around it, and the shell where its background is read:
/// voxels 2 to kMargin voxels (Chebyshev) away. The first ring is left out: it still holds
/// the object's partial-volume rim below the region's own threshold, which would raise the
/// background and so the half-maximum threshold.
class RegionBox {
public:
    RegionBox(const DiscrepancyRegion& region, const Eigen::Vector3i& dims) {
        m_min = (region.indexMin.array() - kMargin).max(0).matrix();
        m_max = (region.indexMax.array() + kMargin).min(dims.array() - 1).matrix();
        m_size = m_max - m_min + Eigen::Vector3i::Ones();
        m_inside.assign(static_cast<std::size_t>(m_size.prod()), 0);
        for (const VoxelRun& run : region.runs) {
            for (int i = run.iBegin; i < run.iEnd; ++i) {
                m_inside[offset({i, run.j, run.k})] = 1;
            }
        }
        m_ring = dilated(m_inside, 1);
        m_shell = dilated(m_inside, kMargin);
    }
    static constexpr int kMargin = 3;
    const Eigen::Vector3i& min() const { return m_min; }
    const Eigen::Vector3i& max() const { return m_max; }
    bool contains(const Eigen::Vector3i& ijk) const {
        return (ijk.array() >= m_min.array()).all() && (ijk.array() <= m_max.array()).all() &&
               m_inside[offset(ijk)];
    }
    bool interior(const Eigen::Vector3i& ijk) const {
        for (int axis = 0; axis < 3; ++axis) {
            for (int step : {-1, 1}) {
                Eigen::Vector3i n = ijk;
                n[axis] += step;
                if (!contains(n)) {
                    return false;
                }
            }
        }
        return true;
    }
    /// The first ring around the region (one voxel, on the farthest axis).
    bool inRing(const Eigen::Vector3i& ijk) const {
        return m_ring[offset(ijk)] != 0 && !m_inside[offset(ijk)];
    }
    /// Background shell: 2 to kMargin voxels (on the farthest axis) from the region.
    bool inShell(const Eigen::Vector3i& ijk) const {
        return m_shell[offset(ijk)] != 0 && m_ring[offset(ijk)] == 0;
    }

private:
    std::size_t offset(const Eigen::Vector3i& ijk) const { return localOffset(ijk - m_min); }
    /// Chebyshev dilation is separable: one 1D dilation per axis.
    std::vector<std::uint8_t> dilated(std::vector<std::uint8_t> mask, int radius) const {
        for (int axis = 0; axis < 3; ++axis) {
            mask = dilatedAlong(mask, axis, radius);
        }
        return mask;
    }
    std::vector<std::uint8_t> dilatedAlong(const std::vector<std::uint8_t>& before, int axis,
                                           int radius) const {
        std::vector<std::uint8_t> after(before.size(), 0);
        for (int k = 0; k < m_size[2]; ++k) {
            for (int j = 0; j < m_size[1]; ++j) {
                for (int i = 0; i < m_size[0]; ++i) {
                    const Eigen::Vector3i local(i, j, k);
                    std::uint8_t any = 0;
                    for (int d = -radius; d <= radius && !any; ++d) {
                        Eigen::Vector3i n = local;
                        n[axis] += d;
                        if (n[axis] >= 0 && n[axis] < m_size[axis]) {
                            any = before[localOffset(n)];
                        }
                    }
                    after[localOffset(local)] = any;
                }
            }
        }
        return after;
    }
    std::size_t localOffset(const Eigen::Vector3i& l) const {
        return (static_cast<std::size_t>(l[2]) * m_size[1] + l[1]) * m_size[0] + l[0];
    }
    Eigen::Vector3i m_min, m_max, m_size;
    std::vector<std::uint8_t> m_inside;
    std::vector<std::uint8_t> m_ring;
    std::vector<std::uint8_t> m_shell;
};

double median(std::vector<double> values) {
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

double percentile(std::vector<double> values, double fraction) {
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(fraction * (values.size() - 1));
    std::nth_element(values.begin(), at, values.end());
    return *at;
}

/// The median CT of the non-bone domain voxels in the region's background shell.
std::optional<double> backgroundLevel(const RegionBox& box, const DifferenceVolume& difference,
                                      double boneHu) {
    const Volume& ct = difference.ct();
    const Eigen::Vector3i dims = ct.geometry().dims();
    const std::vector<std::uint8_t>& domain = difference.domain();
    std::vector<double> values;
    for (int k = box.min()[2]; k <= box.max()[2]; ++k) {
        for (int j = box.min()[1]; j <= box.max()[1]; ++j) {
            for (int i = box.min()[0]; i <= box.max()[0]; ++i) {
                const Eigen::Vector3i ijk(i, j, k);
                const std::size_t o = (static_cast<std::size_t>(k) * dims[1] + j) * dims[0] + i;
                const double v = ct.value(i, j, k);
                if (domain[o] && v < boneHu && box.inShell(ijk)) {
                    values.push_back(v);
                }
            }
        }
    }
    if (values.empty()) {
        return std::nullopt;
    }
    return median(std::move(values));
}

/// The plateau next to a rim voxel: the mean CT of the region's interior voxels among its
/// 26 neighbours (a calcified tumour is clumpy, so the level a rim voxel is half of is the
/// local one), or `fallback` when there are none.
constexpr int kLocal = 1;
double localLevel(const RegionBox& box, const Volume& ct, const Eigen::Vector3i& ijk,
                  double fallback) {
    double sum = 0.0;
    int count = 0;
    for (int dk = -kLocal; dk <= kLocal; ++dk) {
        for (int dj = -kLocal; dj <= kLocal; ++dj) {
            for (int di = -kLocal; di <= kLocal; ++di) {
                const Eigen::Vector3i n = ijk + Eigen::Vector3i(di, dj, dk);
                if (box.contains(n) && box.interior(n)) {
                    sum += ct.value(n[0], n[1], n[2]);
                    ++count;
                }
            }
        }
    }
    return count > 0 ? sum / count : fallback;
}

}  // namespace

std::optional<RegionAttenuation> regionAttenuation(const DiscrepancyRegion& region,
                                                   const DifferenceVolume& difference,
                                                   const DiscrepancyThresholds& thresholds) {
    const double boneHu = thresholds.denseHu;
    if (region.meanDifferenceHu <= 0.0 || region.runs.empty()) {
        return std::nullopt;  // the sCT is the denser one: no CT object to delimit
    }
    const Volume& ct = difference.ct();
    const Volume& sct = difference.sctOnCtGrid();
    const RegionBox box(region, ct.geometry().dims());
    std::vector<double> all, interior;
    for (const VoxelRun& run : region.runs) {
        for (int i = run.iBegin; i < run.iEnd; ++i) {
            const double v = ct.value(i, run.j, run.k);
            all.push_back(v);
            if (box.interior({i, run.j, run.k})) {
                interior.push_back(v);
            }
        }
    }
    const std::optional<double> background = backgroundLevel(box, difference, boneHu);
    if (all.empty() || !background) {
        return std::nullopt;
    }
    RegionAttenuation a;
    a.levelHu = interior.empty() ? percentile(all, 0.9) : median(std::move(interior));
    a.backgroundHu = *background;
    a.thresholdHu = 0.5 * (a.levelHu + a.backgroundHu);
    // The object: the region's interior, and the voxels of its rim and of the ring just
    // outside it (partial volume below the region's own threshold) at or above their local
    // half maximum. A ring voxel counts only where the sCT is not dense either: a bone the
    // region touches is dense on both and is not the object.
    const std::vector<std::uint8_t>& domain = difference.domain();
    const Eigen::Vector3i dims = ct.geometry().dims();
    double sumCt = 0.0, sumSct = 0.0;
    for (int k = box.min()[2]; k <= box.max()[2]; ++k) {
        for (int j = box.min()[1]; j <= box.max()[1]; ++j) {
            for (int i = box.min()[0]; i <= box.max()[0]; ++i) {
                const Eigen::Vector3i ijk(i, j, k);
                const bool inRegion = box.contains(ijk);
                const std::size_t o = (static_cast<std::size_t>(k) * dims[1] + j) * dims[0] + i;
                if (!domain[o] || (!inRegion && !box.inRing(ijk))) {
                    continue;
                }
                const double v = ct.value(i, j, k);
                const double s = sct.value(i, j, k);
                const bool object =
                    inRegion
                        ? box.interior(ijk) ||
                              v >= 0.5 * (localLevel(box, ct, ijk, a.levelHu) + a.backgroundHu)
                        : s < thresholds.notDenseHu &&
                              v >= 0.5 * (localLevel(box, ct, ijk, a.levelHu) + a.backgroundHu);
                if (object) {
                    sumCt += v;
                    sumSct += s;
                    ++a.voxels;
                }
            }
        }
    }
    if (a.voxels == 0) {
        return std::nullopt;
    }
    a.ctMeanHu = sumCt / a.voxels;
    a.sctMeanHu = sumSct / a.voxels;
    return a;
}

}  // namespace crosscheck
