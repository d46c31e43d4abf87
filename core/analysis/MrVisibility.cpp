#include "core/analysis/MrVisibility.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace crosscheck {

namespace {

struct Offset {
    int di, dj, dk;
    float mm;
};

/// Every index offset within `radiusMm` of the origin on this grid.
std::vector<Offset> ballOffsets(const Eigen::Matrix3d& linear, double radiusMm) {
    std::vector<Offset> offsets;
    Eigen::Vector3i reach;
    for (int a = 0; a < 3; ++a) {
        reach[a] = static_cast<int>(std::ceil(radiusMm / linear.col(a).norm()));
    }
    for (int dk = -reach[2]; dk <= reach[2]; ++dk) {
        for (int dj = -reach[1]; dj <= reach[1]; ++dj) {
            for (int di = -reach[0]; di <= reach[0]; ++di) {
                const double mm = (linear * Eigen::Vector3d(di, dj, dk)).norm();
                if (mm <= radiusMm && (di || dj || dk)) {
                    offsets.push_back({di, dj, dk, static_cast<float>(mm)});
                }
            }
        }
    }
    return offsets;
}

struct Accumulator {
    double sum = 0.0, sumSquares = 0.0;
    int count = 0;
    void add(double v) {
        sum += v;
        sumSquares += v * v;
        ++count;
    }
    double mean() const { return count > 0 ? sum / count : 0.0; }
    double sd() const {
        return count > 1 ? std::sqrt(std::max(0.0, (sumSquares - sum * sum / count) / (count - 1)))
                         : 0.0;
    }
};

}  // namespace

void assessMrVisibility(std::vector<DiscrepancyRegion>& regions, const VolumeGeometry& ctGrid,
                        const std::vector<std::uint8_t>& body,
                        const std::vector<MrSeriesView>& series,
                        const MrVisibilityOptions& options) {
    if (series.empty()) {
        return;
    }
    const Eigen::Vector3i dims = ctGrid.dims();
    const Eigen::Matrix4d& toPatient = ctGrid.indexToPatient();
    const Eigen::Matrix3d linear = toPatient.topLeftCorner<3, 3>();
    const double outerMm = options.gapMm + options.shellMm;
    const std::vector<Offset> offsets = ballOffsets(linear, outerMm);
    Eigen::Vector3i margin;
    for (int a = 0; a < 3; ++a) {
        margin[a] = static_cast<int>(std::ceil(outerMm / linear.col(a).norm())) + 1;
    }
    for (DiscrepancyRegion& region : regions) {
        const Eigen::Vector3i lo = (region.indexMin - margin).cwiseMax(Eigen::Vector3i::Zero());
        const Eigen::Vector3i hi =
            (region.indexMax + margin).cwiseMin(dims - Eigen::Vector3i::Ones());
        const Eigen::Vector3i n = hi - lo + Eigen::Vector3i::Ones();
        auto local = [&](int i, int j, int k) {
            return (static_cast<std::size_t>(k - lo.z()) * n.y() + (j - lo.y())) * n.x() +
                   (i - lo.x());
        };
        std::vector<std::uint8_t> inside(static_cast<std::size_t>(n.prod()), 0);
        for (const VoxelRun& run : region.runs) {
            for (int i = run.iBegin; i < run.iEnd; ++i) {
                inside[local(i, run.j, run.k)] = 1;
            }
        }
        std::vector<float> distance(inside.size(), std::numeric_limits<float>::max());
        auto isInside = [&](int i, int j, int k) {
            return i >= lo.x() && j >= lo.y() && k >= lo.z() && i <= hi.x() && j <= hi.y() &&
                   k <= hi.z() && inside[local(i, j, k)];
        };
        for (const VoxelRun& run : region.runs) {
            for (int i = run.iBegin; i < run.iEnd; ++i) {
                const int j = run.j, k = run.k;
                const bool boundary = !isInside(i - 1, j, k) || !isInside(i + 1, j, k) ||
                                      !isInside(i, j - 1, k) || !isInside(i, j + 1, k) ||
                                      !isInside(i, j, k - 1) || !isInside(i, j, k + 1);
                if (!boundary) {
                    continue;
                }
                for (const Offset& o : offsets) {
                    const int ti = i + o.di, tj = j + o.dj, tk = k + o.dk;
                    if (ti < lo.x() || tj < lo.y() || tk < lo.z() || ti > hi.x() || tj > hi.y() ||
                        tk > hi.z()) {
                        continue;
                    }
                    float& d = distance[local(ti, tj, tk)];
                    d = std::min(d, o.mm);
                }
            }
        }
        region.mrContrast.clear();
        bool visible = false;
        for (const MrSeriesView& mr : series) {
            if (mr.volume == nullptr) {
                continue;
            }
            const Eigen::Matrix4d indexToMr = mr.ctToMr.matrix() * toPatient;
            Accumulator in, shell;
            for (int k = lo.z(); k <= hi.z(); ++k) {
                for (int j = lo.y(); j <= hi.y(); ++j) {
                    for (int i = lo.x(); i <= hi.x(); ++i) {
                        const std::size_t l = local(i, j, k);
                        const bool isRegion = inside[l] != 0;
                        const bool isShell =
                            !isRegion && distance[l] > options.gapMm && distance[l] <= outerMm &&
                            body[ctGrid.dims()[0] * (static_cast<std::size_t>(k) * dims[1] + j) +
                                 i];
                        if (!isRegion && !isShell) {
                            continue;
                        }
                        const Eigen::Vector3d p =
                            (indexToMr * Eigen::Vector4d(i, j, k, 1.0)).head<3>();
                        const auto v = mr.volume->sampleLinear(PatientPoint{p});
                        if (!v) {
                            continue;
                        }
                        (isRegion ? in : shell).add(*v);
                    }
                }
            }
            MrContrast c;
            c.role = mr.role;
            c.meanInside = in.mean();
            c.meanShell = shell.mean();
            c.sdShell = shell.sd();
            c.samplesInside = in.count;
            c.samplesShell = shell.count;
            const double delta = std::abs(c.meanInside - c.meanShell);
            c.contrast = c.sdShell > 0.0 ? delta / c.sdShell : (delta > 0.0 ? 1e9 : 0.0);
            if (in.count > 0 && shell.count >= options.minShellSamples &&
                c.contrast >= options.minContrast) {
                visible = true;
            }
            region.mrContrast.push_back(c);
        }
        region.visibleOnMr = visible;
    }
}

}  // namespace crosscheck
