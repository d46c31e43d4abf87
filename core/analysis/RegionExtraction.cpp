#include "core/analysis/RegionExtraction.h"

#include "core/geometry/FrameTransform.h"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>

#include "core/analysis/RegionAttenuation.h"
#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

constexpr std::uint8_t kNone = 255;
// Voxel classes: the DiscrepancyKind values, with large_difference split by the sign of
// CT - sCT.
constexpr std::uint8_t kCtDense = static_cast<std::uint8_t>(DiscrepancyKind::CtDenseSctNot);
constexpr std::uint8_t kSctDense = static_cast<std::uint8_t>(DiscrepancyKind::SctDenseCtNot);
constexpr std::uint8_t kLargePositive = static_cast<std::uint8_t>(DiscrepancyKind::LargeDifference);
constexpr std::uint8_t kLargeNegative = kLargePositive + 1;
// Regions are components of one sign: 0 where the sCT is too low, 1 where too high.
std::uint8_t signGroup(std::uint8_t voxelClass) {
    return (voxelClass == kCtDense || voxelClass == kLargePositive) ? 0 : 1;
}

/// Voxels i in [iBegin, iEnd) of one row, all of one sign group; denseVoxels of them are
/// of the dense-versus-not class (ct_dense_sct_not or sct_dense_ct_not).
struct Run {
    int iBegin = 0;
    int iEnd = 0;
    int row = 0;
    std::uint8_t kind = kNone;  // sign group
    int denseVoxels = 0;
    std::size_t firstVoxel = 0;  // index into CandidateVoxels::voxels()
};

struct Classifier {
    bool withinBoneIgnored, withinAirIgnored;
    int dense, notDense, large, air;
    explicit Classifier(const DiscrepancyThresholds& t)
        : withinBoneIgnored(t.ignoreWithinBone),
          withinAirIgnored(t.ignoreWithinAir),
          dense(static_cast<int>(std::ceil(t.denseHu))),
          notDense(static_cast<int>(std::ceil(t.notDenseHu))),
          large(static_cast<int>(std::ceil(t.largeDifferenceHu))),
          air(static_cast<int>(std::ceil(t.airHu))) {}
    std::uint8_t operator()(const CandidateVoxel& v) const {
        const int ct = v.ctHu, diff = v.differenceHu, sct = ct - diff;
        if (ct >= dense && sct < notDense) {
            return kCtDense;
        }
        if (sct >= dense && ct < notDense) {
            return kSctDense;
        }
        if ((withinBoneIgnored && ct >= dense && sct >= dense) ||
            (withinAirIgnored && ct < air && sct < air)) {
            return kNone;
        }
        // Split by sign: the two sides of an edge blurred differently touch, and would
        // otherwise make one band twice as thick, which erosion no longer removes.
        if (diff >= large) {
            return kLargePositive;
        }
        if (-diff >= large) {
            return kLargeNegative;
        }
        return kNone;
    }
};

int findRoot(std::vector<int>& parent, int a) {
    while (parent[a] != a) {
        parent[a] = parent[parent[a]];
        a = parent[a];
    }
    return a;
}

void unite(std::vector<int>& parent, int a, int b) {
    a = findRoot(parent, a);
    b = findRoot(parent, b);
    if (a != b) {
        // The smaller index stays root, so roots do not depend on the visiting order.
        if (a < b) {
            parent[b] = a;
        } else {
            parent[a] = b;
        }
    }
}

/// Runs and where each row's runs start (rowRuns[r] .. rowRuns[r + 1]).
struct RunTable {
    std::vector<Run> runs;
    std::vector<int> rowRuns;
};

/// The runs of rows [rowBegin, rowEnd), appended to `runs`; rowRuns[r] gets the index (in
/// `runs`) of row r's first run.
void appendRuns(const CandidateVoxels& candidates, const Classifier& classify, int rowBegin,
                int rowEnd, std::vector<Run>& runs, std::vector<int>& rowRuns) {
    const auto& voxels = candidates.voxels();
    for (int r = rowBegin; r < rowEnd; ++r) {
        rowRuns[static_cast<std::size_t>(r)] = static_cast<int>(runs.size());
        const std::size_t end = candidates.rowStart(r + 1);
        Run* open = nullptr;
        for (std::size_t v = candidates.rowStart(r); v < end; ++v) {
            const std::uint8_t voxelClass = classify(voxels[v]);
            if (voxelClass == kNone) {
                open = nullptr;
                continue;
            }
            const int i = voxels[v].i;
            const std::uint8_t group = signGroup(voxelClass);
            const int dense = voxelClass == kCtDense || voxelClass == kSctDense ? 1 : 0;
            if (open != nullptr && open->kind == group && open->iEnd == i) {
                ++open->iEnd;
                open->denseVoxels += dense;
            } else {
                runs.push_back({i, i + 1, r, group, dense, v});
                open = &runs.back();
            }
        }
    }
}

/// Classifies the candidates into runs, slices in parallel (each slice's rows are
/// independent), then concatenated in scan order.
RunTable buildRuns(const CandidateVoxels& candidates, const Classifier& classify) {
    RunTable table;
    const int rows = candidates.rowCount();
    const int perSlice = std::max(1, candidates.rowsPerSlice());
    const int slices = rows / perSlice;
    table.rowRuns.assign(static_cast<std::size_t>(rows) + 1, 0);
    std::vector<std::vector<Run>> sliceRuns(static_cast<std::size_t>(slices));
    parallelFor(slices, [&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            appendRuns(candidates, classify, k * perSlice, (k + 1) * perSlice,
                       sliceRuns[static_cast<std::size_t>(k)], table.rowRuns);
        }
    });
    std::size_t total = 0;
    for (const auto& runs : sliceRuns) {
        total += runs.size();
    }
    table.runs.reserve(total);
    for (int k = 0; k < slices; ++k) {
        const int offset = static_cast<int>(table.runs.size());
        for (int r = k * perSlice; r < (k + 1) * perSlice; ++r) {
            table.rowRuns[static_cast<std::size_t>(r)] += offset;
        }
        const auto& runs = sliceRuns[static_cast<std::size_t>(k)];
        table.runs.insert(table.runs.end(), runs.begin(), runs.end());
    }
    table.rowRuns.back() = static_cast<int>(table.runs.size());
    return table;
}

/// Unites the runs of row `row` with those of `other` (an earlier row) that touch them
/// diagonally or by a face (ranges overlap after widening by one) and share the kind.
void connectRows(const RunTable& t, int row, int other, std::vector<int>& parent) {
    int a = t.rowRuns[static_cast<std::size_t>(row)];
    const int aEnd = t.rowRuns[static_cast<std::size_t>(row) + 1];
    int b = t.rowRuns[static_cast<std::size_t>(other)];
    const int bEnd = t.rowRuns[static_cast<std::size_t>(other) + 1];
    while (a < aEnd && b < bEnd) {
        const Run& ra = t.runs[static_cast<std::size_t>(a)];
        const Run& rb = t.runs[static_cast<std::size_t>(b)];
        if (ra.iBegin <= rb.iEnd && rb.iBegin <= ra.iEnd && ra.kind == rb.kind) {
            unite(parent, a, b);
        }
        if (ra.iEnd < rb.iEnd) {
            ++a;
        } else {
            ++b;
        }
    }
}

/// The voxels of run `index` that keep all six face neighbours in runs of its kind
/// (what survives a one-voxel erosion with the 6-neighbour cross).
int runInteriorCount(const RunTable& t, int index, const Eigen::Vector3i& dims) {
    const Run& run = t.runs[static_cast<std::size_t>(index)];
    // Candidates i with i-1 and i+1 in the run.
    std::vector<std::pair<int, int>> open{{run.iBegin + 1, run.iEnd - 1}};
    if (open[0].first >= open[0].second) {
        return 0;
    }
    const int ny = dims[1], nz = dims[2];
    const int j = run.row % ny, k = run.row / ny;
    const int neighbours[4][2] = {{j - 1, k}, {j + 1, k}, {j, k - 1}, {j, k + 1}};
    std::vector<std::pair<int, int>> next;
    for (const auto& n : neighbours) {
        if (n[0] < 0 || n[0] >= ny || n[1] < 0 || n[1] >= nz) {
            return 0;
        }
        const int row = n[0] + n[1] * ny;
        next.clear();
        std::size_t o = 0;
        for (int b = t.rowRuns[static_cast<std::size_t>(row)];
             b < t.rowRuns[static_cast<std::size_t>(row) + 1] && o < open.size(); ++b) {
            const Run& rb = t.runs[static_cast<std::size_t>(b)];
            if (rb.kind != run.kind) {
                continue;
            }
            while (o < open.size() && open[o].second <= rb.iBegin) {
                ++o;
            }
            for (std::size_t p = o; p < open.size() && open[p].first < rb.iEnd; ++p) {
                const int lo = std::max(open[p].first, rb.iBegin);
                const int hi = std::min(open[p].second, rb.iEnd);
                if (lo < hi) {
                    next.emplace_back(lo, hi);
                }
            }
        }
        open.swap(next);
        if (open.empty()) {
            return 0;
        }
    }
    int count = 0;
    for (const auto& [lo, hi] : open) {
        count += hi - lo;
    }
    return count;
}

/// Exact sums over one region's voxels (index space).
struct Moments {
    double n = 0.0;
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    Eigen::Matrix3d outer = Eigen::Matrix3d::Zero();
    double ctSum = 0.0, diffSum = 0.0, absDiffSum = 0.0, denseVoxels = 0.0;
    Eigen::Vector3i lo = Eigen::Vector3i::Constant(std::numeric_limits<int>::max());
    Eigen::Vector3i hi = Eigen::Vector3i::Constant(std::numeric_limits<int>::min());
};

void addRun(Moments& m, const Run& run, int j, int k, const CandidateVoxels& candidates) {
    const double n = run.iEnd - run.iBegin;
    const double a = run.iBegin, b = run.iEnd - 1.0;
    const double si = n * (a + b) / 2.0;
    auto squares = [](double x) { return x * (x + 1.0) * (2.0 * x + 1.0) / 6.0; };
    const double sii = squares(b) - squares(a - 1.0);
    const double jd = j, kd = k;
    m.n += n;
    m.denseVoxels += run.denseVoxels;
    m.sum += Eigen::Vector3d(si, n * jd, n * kd);
    Eigen::Matrix3d o;
    o << sii, si * jd, si * kd, si * jd, n * jd * jd, n * jd * kd, si * kd, n * jd * kd,
        n * kd * kd;
    m.outer += o;
    m.lo = m.lo.cwiseMin(Eigen::Vector3i(run.iBegin, j, k));
    m.hi = m.hi.cwiseMax(Eigen::Vector3i(run.iEnd - 1, j, k));
    const auto& voxels = candidates.voxels();
    for (std::size_t v = run.firstVoxel; v < run.firstVoxel + static_cast<std::size_t>(n); ++v) {
        const int diff = voxels[v].differenceHu;
        m.ctSum += voxels[v].ctHu;
        m.diffSum += diff;
        m.absDiffSum += diff < 0 ? -diff : diff;
    }
}

DiscrepancyRegion makeRegion(std::uint8_t kind, const Moments& m, std::vector<VoxelRun> runs,
                             const VolumeGeometry& grid) {
    DiscrepancyRegion r;
    // The kind of most of its voxels: a clumpy calcification is one region even where
    // some voxels fall short of denseHu and count only as a large difference.
    if (2.0 * m.denseVoxels >= m.n) {
        r.kind = kind == 0 ? DiscrepancyKind::CtDenseSctNot : DiscrepancyKind::SctDenseCtNot;
    } else {
        r.kind = DiscrepancyKind::LargeDifference;
    }
    const Eigen::Matrix4d& toPatient = grid.indexToPatient();
    const Eigen::Matrix3d linear = toPatient.topLeftCorner<3, 3>();
    const double voxelMm3 = std::abs(linear.determinant());
    r.voxelCount = static_cast<int>(m.n);
    r.volumeMm3 = m.n * voxelMm3;
    const Eigen::Vector3d meanIndex = m.sum / m.n;
    r.centroidMm = applyAffine(toPatient, meanIndex);
    r.indexMin = m.lo;
    r.indexMax = m.hi;
    r.bboxMinMm = Eigen::Vector3d::Constant(std::numeric_limits<double>::max());
    r.bboxMaxMm = Eigen::Vector3d::Constant(std::numeric_limits<double>::lowest());
    for (int c = 0; c < 8; ++c) {
        const Eigen::Vector3d corner((c & 1) ? m.hi.x() + 0.5 : m.lo.x() - 0.5,
                                     (c & 2) ? m.hi.y() + 0.5 : m.lo.y() - 0.5,
                                     (c & 4) ? m.hi.z() + 0.5 : m.lo.z() - 0.5);
        const Eigen::Vector3d p = applyAffine(toPatient, corner);
        r.bboxMinMm = r.bboxMinMm.cwiseMin(p);
        r.bboxMaxMm = r.bboxMaxMm.cwiseMax(p);
    }
    const Eigen::Matrix3d covIndex = m.outer / m.n - meanIndex * meanIndex.transpose();
    const Eigen::Matrix3d covPatient = linear * covIndex * linear.transpose();
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eigen(covPatient);
    for (int a = 0; a < 3; ++a) {
        // Eigenvalues come in increasing order; the rows go largest first.
        r.principalAxes.row(a) = eigen.eigenvectors().col(2 - a).transpose();
    }
    for (int a = 0; a < 3; ++a) {
        const Eigen::Vector3d u = r.principalAxes.row(a).transpose();
        double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
        for (const VoxelRun& run : runs) {
            for (int i : {run.iBegin, run.iEnd - 1}) {
                const double t =
                    u.dot((toPatient * Eigen::Vector4d(i, run.j, run.k, 1.0)).head<3>());
                lo = std::min(lo, t);
                hi = std::max(hi, t);
            }
        }
        const double footprint = (linear.transpose() * u).cwiseAbs().sum();
        r.extentMm[a] = hi - lo + footprint;
    }
    // The principal axes are ordered by variance; report the extents largest first.
    std::sort(r.extentMm.data(), r.extentMm.data() + 3, std::greater<double>());
    r.ctMeanHu = m.ctSum / m.n;
    r.meanDifferenceHu = m.diffSum / m.n;
    r.sctMeanHu = r.ctMeanHu - r.meanDifferenceHu;
    r.meanAbsDifferenceHu = m.absDiffSum / m.n;
    r.score = r.volumeMm3 * r.meanAbsDifferenceHu;
    r.runs = std::move(runs);
    return r;
}

}  // namespace

std::vector<DiscrepancyRegion> extractRegions(const CandidateVoxels& candidates,
                                              const VolumeGeometry& ctGrid,
                                              const DiscrepancyThresholds& thresholds) {
    const Eigen::Vector3i dims = ctGrid.dims();
    const int ny = dims[1];
    const RunTable table = buildRuns(candidates, Classifier(thresholds));
    const int runCount = static_cast<int>(table.runs.size());
    std::vector<int> parent(static_cast<std::size_t>(runCount));
    std::iota(parent.begin(), parent.end(), 0);
    // 26-connectivity: the rows before this one in scan order that can touch it.
    for (int row = 0; row < candidates.rowCount(); ++row) {
        if (table.rowRuns[static_cast<std::size_t>(row)] ==
            table.rowRuns[static_cast<std::size_t>(row) + 1]) {
            continue;
        }
        const int j = row % ny, k = row / ny;
        if (j > 0) {
            connectRows(table, row, row - 1, parent);
        }
        if (k > 0) {
            for (int dj = -1; dj <= 1; ++dj) {
                if (j + dj >= 0 && j + dj < ny) {
                    connectRows(table, row, row - ny + dj, parent);
                }
            }
        }
    }
    // Flatten: parent[r] is r's root from here on (roots are the smallest run index).
    for (int r = 0; r < runCount; ++r) {
        parent[static_cast<std::size_t>(r)] = findRoot(parent, r);
    }
    std::vector<double> voxelsPerRoot(static_cast<std::size_t>(runCount), 0.0);
    for (int r = 0; r < runCount; ++r) {
        const Run& run = table.runs[static_cast<std::size_t>(r)];
        voxelsPerRoot[static_cast<std::size_t>(parent[static_cast<std::size_t>(r)])] +=
            run.iEnd - run.iBegin;
    }
    const double voxelMm3 = std::abs(ctGrid.indexToPatient().topLeftCorner<3, 3>().determinant());
    // 0 dropped, 1 kept pending the erosion test, 2 kept.
    std::vector<std::uint8_t> keep(static_cast<std::size_t>(runCount), 0);
    for (int r = 0; r < runCount; ++r) {
        if (parent[static_cast<std::size_t>(r)] == r &&
            voxelsPerRoot[static_cast<std::size_t>(r)] * voxelMm3 >= thresholds.minVolumeMm3) {
            keep[static_cast<std::size_t>(r)] = thresholds.dropSlivers ? 1 : 2;
        }
    }
    // Erosion cores, counted in full for the regions that passed the volume test.
    std::vector<int> corePerRoot(static_cast<std::size_t>(runCount), 0);
    for (int r = 0; r < runCount; ++r) {
        const int root = parent[static_cast<std::size_t>(r)];
        if (keep[static_cast<std::size_t>(root)] != 0) {
            corePerRoot[static_cast<std::size_t>(root)] += runInteriorCount(table, r, dims);
        }
    }
    for (int r = 0; r < runCount; ++r) {
        const double core = corePerRoot[static_cast<std::size_t>(r)];
        if (keep[static_cast<std::size_t>(r)] == 1 && core > 0 &&
            core >= thresholds.minCoreFraction * voxelsPerRoot[static_cast<std::size_t>(r)]) {
            keep[static_cast<std::size_t>(r)] = 2;
        }
    }
    std::vector<int> regionOfRoot(static_cast<std::size_t>(runCount), -1);
    std::vector<Moments> moments;
    std::vector<std::vector<VoxelRun>> regionRuns;
    std::vector<std::uint8_t> kinds;
    std::vector<int> coreOfRegion;
    for (int r = 0; r < runCount; ++r) {
        const int root = parent[static_cast<std::size_t>(r)];
        if (keep[static_cast<std::size_t>(root)] != 2) {
            continue;
        }
        int& region = regionOfRoot[static_cast<std::size_t>(root)];
        if (region < 0) {
            region = static_cast<int>(moments.size());
            moments.emplace_back();
            regionRuns.emplace_back();
            kinds.push_back(table.runs[static_cast<std::size_t>(root)].kind);
            coreOfRegion.push_back(corePerRoot[static_cast<std::size_t>(root)]);
        }
        const Run& run = table.runs[static_cast<std::size_t>(r)];
        const int j = run.row % ny, k = run.row / ny;
        addRun(moments[static_cast<std::size_t>(region)], run, j, k, candidates);
        regionRuns[static_cast<std::size_t>(region)].push_back({j, k, run.iBegin, run.iEnd});
    }
    std::vector<DiscrepancyRegion> regions;
    regions.reserve(moments.size());
    for (std::size_t g = 0; g < moments.size(); ++g) {
        regions.push_back(makeRegion(kinds[g], moments[g], std::move(regionRuns[g]), ctGrid));
        regions.back().coreVoxelCount = coreOfRegion[g];
    }
    std::stable_sort(
        regions.begin(), regions.end(),
        [](const DiscrepancyRegion& a, const DiscrepancyRegion& b) { return a.score > b.score; });
    for (std::size_t g = 0; g < regions.size(); ++g) {
        regions[g].rank = static_cast<int>(g) + 1;
    }
    return regions;
}

std::vector<DiscrepancyRegion> extractRegions(const DifferenceVolume& difference,
                                              const DiscrepancyThresholds& thresholds) {
    const CandidateVoxels& cached = difference.candidates();
    std::vector<DiscrepancyRegion> regions;
    if (thresholds.smallestDifferenceHu() >= cached.floorHu()) {
        regions = extractRegions(cached, difference.ct().geometry(), thresholds);
    } else {
        const CandidateVoxels wider = CandidateVoxels::fromDifference(
            difference.ct(), difference.difference(), difference.domain(),
            std::max(0.0, thresholds.smallestDifferenceHu()));
        regions = extractRegions(wider, difference.ct().geometry(), thresholds);
    }
    for (DiscrepancyRegion& region : regions) {
        region.attenuation = regionAttenuation(region, difference, thresholds);
    }
    return regions;
}

}  // namespace crosscheck
