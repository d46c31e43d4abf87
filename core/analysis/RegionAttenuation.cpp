#include "core/analysis/RegionAttenuation.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace crosscheck {

namespace {

/// The region's voxels in a box around it (two voxels of margin), for neighbour tests.
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
        m_near = m_inside;
        for (int axis = 0; axis < 3; ++axis) {
            dilateAlong(axis);
        }
    }
    static constexpr int kMargin = 2;
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
    /// Within kMargin voxels (on every axis) of a region voxel.
    bool near(const Eigen::Vector3i& ijk) const { return m_near[offset(ijk)] != 0; }

private:
    std::size_t offset(const Eigen::Vector3i& ijk) const { return localOffset(ijk - m_min); }
    /// Chebyshev dilation by kMargin is separable: one 1D dilation per axis.
    void dilateAlong(int axis) {
        const std::vector<std::uint8_t> before = m_near;
        for (int k = 0; k < m_size[2]; ++k) {
            for (int j = 0; j < m_size[1]; ++j) {
                for (int i = 0; i < m_size[0]; ++i) {
                    const Eigen::Vector3i local(i, j, k);
                    std::uint8_t any = 0;
                    for (int d = -kMargin; d <= kMargin && !any; ++d) {
                        Eigen::Vector3i n = local;
                        n[axis] += d;
                        if (n[axis] >= 0 && n[axis] < m_size[axis]) {
                            any = before[localOffset(n)];
                        }
                    }
                    m_near[localOffset(local)] = any;
                }
            }
        }
    }
    std::size_t localOffset(const Eigen::Vector3i& l) const {
        return (static_cast<std::size_t>(l[2]) * m_size[1] + l[1]) * m_size[0] + l[0];
    }
    Eigen::Vector3i m_min, m_max, m_size;
    std::vector<std::uint8_t> m_inside;
    std::vector<std::uint8_t> m_near;
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

/// The median CT of the non-bone domain voxels near the region but not in it.
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
                if (domain[o] && v < boneHu && !box.contains(ijk) && box.near(ijk)) {
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

}  // namespace

std::optional<RegionAttenuation> regionAttenuation(const DiscrepancyRegion& region,
                                                   const DifferenceVolume& difference,
                                                   double boneHu) {
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
    double sumCt = 0.0, sumSct = 0.0;
    for (const VoxelRun& run : region.runs) {
        for (int i = run.iBegin; i < run.iEnd; ++i) {
            const double v = ct.value(i, run.j, run.k);
            if (v >= a.thresholdHu) {
                sumCt += v;
                sumSct += sct.value(i, run.j, run.k);
                ++a.voxels;
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
