#include "core/roi/RoiSampler.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_set>

#include "core/roi/PlanarShape.h"

namespace crosscheck {

namespace {

/// Index box (inclusive) of a volume covering a set of patient points, one voxel of margin.
struct IndexBox {
    Eigen::Vector3i lo = Eigen::Vector3i::Zero();
    Eigen::Vector3i hi = -Eigen::Vector3i::Ones();

    bool empty() const { return (hi.array() < lo.array()).any(); }
};

IndexBox boxAround(const VolumeGeometry& g, const std::vector<Eigen::Vector3d>& pointsMm) {
    Eigen::Vector3d lo = Eigen::Vector3d::Constant(1e300), hi = Eigen::Vector3d::Constant(-1e300);
    for (const auto& p : pointsMm) {
        const Eigen::Vector3d ijk = g.toIndex(PatientPoint{p}).ijk;
        lo = lo.cwiseMin(ijk);
        hi = hi.cwiseMax(ijk);
    }
    IndexBox box;
    for (int a = 0; a < 3; ++a) {
        box.lo[a] = std::max(0, static_cast<int>(std::floor(lo[a])) - 1);
        box.hi[a] = std::min(g.dims()[a] - 1, static_cast<int>(std::ceil(hi[a])) + 1);
    }
    return box;
}

/// The 8 corners of an axis-aligned box in plane coordinates lifted by +-h along the normal.
std::vector<Eigen::Vector3d> slabCorners(const RoiPlane& plane, const Eigen::Vector2d& lo,
                                         const Eigen::Vector2d& hi, double h) {
    std::vector<Eigen::Vector3d> out;
    const Eigen::Vector3d n = plane.normal();
    for (int c = 0; c < 8; ++c) {
        const Eigen::Vector2d uv((c & 1) ? hi.x() : lo.x(), (c & 2) ? hi.y() : lo.y());
        out.push_back(plane.fromPlane(uv) + ((c & 4) ? h : -h) * n);
    }
    return out;
}

template <class F>
void forEachVoxel(const IndexBox& box, F&& f) {
    for (int k = box.lo[2]; k <= box.hi[2]; ++k) {
        for (int j = box.lo[1]; j <= box.hi[1]; ++j) {
            for (int i = box.lo[0]; i <= box.hi[0]; ++i) {
                f(i, j, k);
            }
        }
    }
}

SampledVoxel voxelAt(const Volume& v, int i, int j, int k) {
    SampledVoxel s;
    s.ijk = {i, j, k};
    s.positionMm = v.geometry().toPatient(VoxelIndex{Eigen::Vector3d(i, j, k)}).mm;
    s.value = v.value(i, j, k);
    return s;
}

void samplePlanar(const Roi& roi, const Volume& volume, double ringMm, RoiSamples& out) {
    const PlanarShape shape(roi);
    const RoiPlane& plane = shape.plane();
    const VolumeGeometry& g = volume.geometry();
    const Eigen::Vector3d n = plane.normal();
    const Eigen::Matrix3d steps = g.indexToPatient().topLeftCorner<3, 3>();
    const double h = 0.5 * (std::abs(steps.col(0).dot(n)) + std::abs(steps.col(1).dot(n)) +
                            std::abs(steps.col(2).dot(n)));
    const Eigen::Vector2d margin = Eigen::Vector2d::Constant(ringMm);
    const Eigen::Vector2d lo = shape.boundsMin() - margin, hi = shape.boundsMax() + margin;
    const IndexBox box = boxAround(g, slabCorners(plane, lo, hi, h));
    if (box.empty()) {
        return;
    }
    forEachVoxel(box, [&](int i, int j, int k) {
        const Eigen::Vector3d p = g.toPatient(VoxelIndex{Eigen::Vector3d(i, j, k)}).mm;
        const double d = plane.distance(p);
        if (!(d >= -h && d < h)) {
            return;
        }
        const Eigen::Vector2d uv = plane.toPlane(p);
        if ((uv.array() < lo.array()).any() || (uv.array() > hi.array()).any()) {
            return;
        }
        if (shape.contains(uv)) {
            out.inside.push_back(voxelAt(volume, i, j, k));
        } else if (ringMm > 0.0 && shape.distanceOutside(uv) <= ringMm) {
            out.ring.push_back(voxelAt(volume, i, j, k));
        }
    });
}

void sampleSegments(const Roi& roi, const Volume& volume, RoiSamples& out) {
    const VolumeGeometry& g = volume.geometry();
    const double step = 0.1 * g.spacingMm().minCoeff();
    std::unordered_set<long long> seen;
    for (std::size_t s = 0; s + 1 < roi.pointsMm.size(); s += 2) {
        const Eigen::Vector3d a = roi.pointsMm[s], b = roi.pointsMm[s + 1];
        const int n = std::max(1, static_cast<int>(std::ceil((b - a).norm() / step)));
        for (int t = 0; t <= n; ++t) {
            const Eigen::Vector3d p = a + (b - a) * (static_cast<double>(t) / n);
            const Eigen::Vector3d ijk = g.toIndex(PatientPoint{p}).ijk;
            const Eigen::Vector3i r(static_cast<int>(std::lround(ijk.x())),
                                    static_cast<int>(std::lround(ijk.y())),
                                    static_cast<int>(std::lround(ijk.z())));
            if ((r.array() < 0).any() || (r.array() >= g.dims().array()).any()) {
                continue;
            }
            const long long key =
                (static_cast<long long>(r.z()) * g.dims()[1] + r.y()) * g.dims()[0] + r.x();
            if (seen.insert(key).second) {
                out.inside.push_back(voxelAt(volume, r.x(), r.y(), r.z()));
            }
        }
    }
}

void sampleSphere(const Roi& roi, const Volume& volume, double ringMm, RoiSamples& out) {
    const VolumeGeometry& g = volume.geometry();
    const double reach = roi.radiusMm + std::max(0.0, ringMm);
    std::vector<Eigen::Vector3d> corners;
    for (int c = 0; c < 8; ++c) {
        corners.push_back(roi.centerMm + reach * Eigen::Vector3d((c & 1) ? 1 : -1, (c & 2) ? 1 : -1,
                                                                 (c & 4) ? 1 : -1));
    }
    forEachVoxel(boxAround(g, corners), [&](int i, int j, int k) {
        const Eigen::Vector3d p = g.toPatient(VoxelIndex{Eigen::Vector3d(i, j, k)}).mm;
        const double r = (p - roi.centerMm).norm();
        if (r <= roi.radiusMm) {
            out.inside.push_back(voxelAt(volume, i, j, k));
        } else if (ringMm > 0.0 && r <= reach) {
            out.ring.push_back(voxelAt(volume, i, j, k));
        }
    });
}

/// True when a labelled mask voxel centre lies within `reachMm` of p.
bool nearMask(const BrushMask& mask, const Eigen::Vector3d& p, double reachMm) {
    const VolumeGeometry& mg = mask.geometry;
    const Eigen::Vector3d c = mg.toIndex(PatientPoint{p}).ijk;
    const Eigen::Vector3d spacing = mg.spacingMm();
    int lo[3], hi[3];
    for (int a = 0; a < 3; ++a) {
        lo[a] = std::max(0, static_cast<int>(std::floor(c[a] - reachMm / spacing[a])) - 1);
        hi[a] = std::min(mg.dims()[a] - 1,
                         static_cast<int>(std::ceil(c[a] + reachMm / spacing[a])) + 1);
    }
    for (int k = lo[2]; k <= hi[2]; ++k) {
        for (int j = lo[1]; j <= hi[1]; ++j) {
            for (int i = lo[0]; i <= hi[0]; ++i) {
                if (mask.at(i, j, k) != 0 &&
                    (mg.toPatient(VoxelIndex{Eigen::Vector3d(i, j, k)}).mm - p).norm() <= reachMm) {
                    return true;
                }
            }
        }
    }
    return false;
}

std::size_t boxOffset(const IndexBox& box, const Eigen::Vector3i& extent, int i, int j, int k) {
    return (static_cast<std::size_t>(k - box.lo[2]) * extent[1] + (j - box.lo[1])) * extent[0] +
           (i - box.lo[0]);
}

/// nearMask for every voxel of `box` at once: 1 where a labelled mask voxel centre lies within
/// ringMm of the voxel's centre. Only surface voxels (labelled, with an unlabelled or missing
/// 6-neighbour) are stamped: on a grid with orthogonal axes the nearest labelled centre to a
/// point whose own mask voxel is unlabelled is always one (stepping from an inner voxel
/// towards the point never moves away from it), so the ring is the same as nearMask's,
/// at a cost of the surface times a ball instead of the box times a ball.
std::vector<std::uint8_t> ringStamps(const BrushMask& mask, const VolumeGeometry& g,
                                     const IndexBox& box, double ringMm) {
    const Eigen::Vector3i extent = box.hi - box.lo + Eigen::Vector3i::Ones();
    std::vector<std::uint8_t> stamps(static_cast<std::size_t>(extent.prod()), 0);
    const VolumeGeometry& mg = mask.geometry;
    // The ball's voxels as index offsets from the series voxel nearest a surface voxel's
    // centre, found once and sorted by length: an organ-sized structure has tens of
    // thousands of surface voxels, each with a ball of hundreds of voxels, and only the
    // shell whose length is within the centre's offset of ringMm needs a distance.
    const Eigen::Matrix3d steps = g.indexToPatient().topLeftCorner<3, 3>();
    const double halfDiagonal =
        0.5 * (steps.col(0).norm() + steps.col(1).norm() + steps.col(2).norm());
    Eigen::Vector3i span;
    for (int a = 0; a < 3; ++a) {
        span[a] = static_cast<int>(std::ceil((ringMm + halfDiagonal) *
                                             g.patientToIndex().block<1, 3>(a, 0).norm())) +
                  1;
    }
    struct Offset {
        double mm;
        Eigen::Vector3i step;
    };
    std::vector<Offset> ball;
    for (int dk = -span[2]; dk <= span[2]; ++dk) {
        for (int dj = -span[1]; dj <= span[1]; ++dj) {
            for (int di = -span[0]; di <= span[0]; ++di) {
                const double r = (steps * Eigen::Vector3d(di, dj, dk)).norm();
                if (r <= ringMm + halfDiagonal) {
                    ball.push_back({r, Eigen::Vector3i(di, dj, dk)});
                }
            }
        }
    }
    std::sort(ball.begin(), ball.end(),
              [](const Offset& a, const Offset& b) { return a.mm < b.mm; });
    for (const Eigen::Vector3i& v : mask.surfaceVoxels()) {
        const Eigen::Vector3d q = mg.toPatient(VoxelIndex{v.cast<double>()}).mm;
        const Eigen::Vector3i centre = g.toIndex(PatientPoint{q}).ijk.array().round().cast<int>();
        // q lies `off` from the centre's voxel centre (0 on the series' own grid): offsets
        // within ringMm - off are in the ball, beyond ringMm + off are not.
        const double off = (g.toPatient(VoxelIndex{centre.cast<double>()}).mm - q).norm();
        for (const Offset& o : ball) {
            if (o.mm > ringMm + off) {
                break;
            }
            const Eigen::Vector3i at = centre + o.step;
            if ((at.array() < box.lo.array()).any() || (at.array() > box.hi.array()).any()) {
                continue;
            }
            std::uint8_t& stamp = stamps[boxOffset(box, extent, at.x(), at.y(), at.z())];
            if (stamp == 0 &&
                (o.mm <= ringMm - off ||
                 (g.toPatient(VoxelIndex{at.cast<double>()}).mm - q).norm() <= ringMm)) {
                stamp = 1;
            }
        }
    }
    return stamps;
}

void sampleBrush(const Roi& roi, const Volume& volume, double ringMm, RoiSamples& out) {
    if (!roi.mask || !roi.mask->isValid()) {
        return;
    }
    const BrushMask& mask = *roi.mask;
    const VolumeGeometry& mg = mask.geometry;
    const auto& md = mg.dims();
    Eigen::Vector3i lo = md, hi = -Eigen::Vector3i::Ones();
    for (int k = 0; k < md[2]; ++k) {
        for (int j = 0; j < md[1]; ++j) {
            for (int i = 0; i < md[0]; ++i) {
                if (mask.at(i, j, k) != 0) {
                    lo = lo.cwiseMin(Eigen::Vector3i(i, j, k));
                    hi = hi.cwiseMax(Eigen::Vector3i(i, j, k));
                }
            }
        }
    }
    if ((hi.array() < lo.array()).any()) {
        return;
    }
    // Corners of the labelled box, grown by half a mask voxel and the ring.
    const double grow = std::max(0.0, ringMm) / mg.spacingMm().minCoeff() + 0.5;
    std::vector<Eigen::Vector3d> corners;
    for (int c = 0; c < 8; ++c) {
        const Eigen::Vector3d ijk((c & 1) ? hi.x() + grow : lo.x() - grow,
                                  (c & 2) ? hi.y() + grow : lo.y() - grow,
                                  (c & 4) ? hi.z() + grow : lo.z() - grow);
        corners.push_back(mg.toPatient(VoxelIndex{ijk}).mm);
    }
    const VolumeGeometry& g = volume.geometry();
    const IndexBox box = boxAround(g, corners);
    if (box.empty()) {
        return;  // the ROI lies outside this series
    }
    const std::vector<std::uint8_t> ring = ringMm > 0.0 && mask.hasOrthogonalAxes()
                                               ? ringStamps(mask, g, box, ringMm)
                                               : std::vector<std::uint8_t>{};
    const Eigen::Vector3i extent = box.hi - box.lo + Eigen::Vector3i::Ones();
    // Series index -> mask index in one affine, stepped along each row: labelAt's rule
    // (the mask voxel containing the series voxel's centre) without two matrix products per
    // voxel, which on an organ-sized structure measured in four series is most of the time.
    const Eigen::Matrix4d toMask = mg.patientToIndex() * g.indexToPatient();
    const Eigen::Vector3d rowStep = toMask.block<3, 1>(0, 0);
    Eigen::Vector3d rowStart = Eigen::Vector3d::Zero();
    auto labelled = [&](int i) {
        const Eigen::Vector3d m = rowStart + static_cast<double>(i) * rowStep;
        int idx[3];
        for (int a = 0; a < 3; ++a) {
            idx[a] = static_cast<int>(std::lround(m[a]));
            if (idx[a] < 0 || idx[a] >= md[a]) {
                return false;
            }
        }
        return mask.at(idx[0], idx[1], idx[2]) != 0;
    };
    forEachVoxel(box, [&](int i, int j, int k) {
        if (i == box.lo[0]) {
            rowStart =
                toMask.block<3, 3>(0, 0) * Eigen::Vector3d(0.0, j, k) + toMask.block<3, 1>(0, 3);
        }
        if (labelled(i)) {
            out.inside.push_back(voxelAt(volume, i, j, k));
        } else if (ringMm > 0.0 &&
                   (ring.empty()
                        ? nearMask(mask, g.toPatient(VoxelIndex{Eigen::Vector3d(i, j, k)}).mm,
                                   ringMm)
                        : ring[boxOffset(box, extent, i, j, k)] != 0)) {
            out.ring.push_back(voxelAt(volume, i, j, k));
        }
    });
}

}  // namespace

RoiSamples sampleRoi(const Roi& roi, const Volume& volume, double ringWidthMm) {
    RoiSamples out;
    switch (roi.shape) {
        case RoiShape::Ellipse:
        case RoiShape::Rectangle:
        case RoiShape::Polygon:
            samplePlanar(roi, volume, ringWidthMm, out);
            break;
        case RoiShape::Ruler:
        case RoiShape::Bidirectional:
            sampleSegments(roi, volume, out);
            break;
        case RoiShape::Point: {
            const auto ijk = volume.geometry().toIndex(PatientPoint{roi.centerMm}).ijk;
            const Eigen::Vector3i r(static_cast<int>(std::lround(ijk.x())),
                                    static_cast<int>(std::lround(ijk.y())),
                                    static_cast<int>(std::lround(ijk.z())));
            if ((r.array() >= 0).all() && (r.array() < volume.geometry().dims().array()).all()) {
                out.inside.push_back(voxelAt(volume, r.x(), r.y(), r.z()));
            }
            break;
        }
        case RoiShape::Sphere:
            sampleSphere(roi, volume, ringWidthMm, out);
            break;
        case RoiShape::Brush:
            sampleBrush(roi, volume, ringWidthMm, out);
            break;
    }
    return out;
}

}  // namespace crosscheck
