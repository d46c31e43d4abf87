#include "core/roi/RoiFootprint.h"

#include <cmath>
#include <stdexcept>

#include "core/roi/PlanarShape.h"

namespace crosscheck {

namespace {

Eigen::Vector3d brushCentroid(const BrushMask& mask) {
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    long long n = 0;
    const auto& d = mask.geometry.dims();
    for (int k = 0; k < d[2]; ++k) {
        for (int j = 0; j < d[1]; ++j) {
            for (int i = 0; i < d[0]; ++i) {
                if (mask.at(i, j, k) != 0) {
                    sum += mask.geometry.toPatient(VoxelIndex{Eigen::Vector3d(i, j, k)}).mm;
                    ++n;
                }
            }
        }
    }
    return n ? Eigen::Vector3d(sum / static_cast<double>(n)) : sum;
}

}  // namespace

RoiFootprint::RoiFootprint(const Roi& roi, const Volume& volume, double bandMm)
    : m_volume(volume), m_roi(roi) {
    m_spacingMm = spacingFor(roi, volume);
    if (roi.hasArea()) {
        m_planar = true;
        m_shape = std::make_unique<PlanarShape>(roi);
        m_plane = m_shape->plane();
        if (roi.shape == RoiShape::Polygon) {
            for (const auto& p : roi.pointsMm) {
                m_centerMm += p / static_cast<double>(roi.pointsMm.size());
            }
            m_centerMm = m_plane.fromPlane(m_plane.toPlane(m_centerMm));
        } else {
            m_centerMm = roi.centerMm;
        }
    } else if (roi.shape == RoiShape::Sphere || roi.shape == RoiShape::Brush) {
        m_centerMm = roi.shape == RoiShape::Sphere
                         ? roi.centerMm
                         : (roi.mask ? brushCentroid(*roi.mask) : Eigen::Vector3d::Zero());
        m_plane.originMm = m_centerMm;
    } else {
        throw std::invalid_argument("RoiFootprint: the ROI has no area or volume");
    }
    if (roi.shape == RoiShape::Brush && roi.mask && roi.mask->hasOrthogonalAxes()) {
        const BrushMask& mask = *roi.mask;
        // A cell as wide as the farthest candidate that can still beat bandMm.
        m_surfaceCellMm = bandMm + 0.5 * mask.geometry.spacingMm().minCoeff();
        for (const Eigen::Vector3i& v : mask.surfaceVoxels()) {
            const Eigen::Vector3d q = mask.geometry.toPatient(VoxelIndex{v.cast<double>()}).mm;
            m_surface[cellKey(q, m_surfaceCellMm, 0, 0, 0)].push_back(q);
        }
    }
    const RoiSamples samples = sampleRoi(roi, volume, bandMm);
    m_voxels.reserve(samples.inside.size() + samples.ring.size());
    for (const auto& v : samples.inside) {
        m_voxels.push_back({v, 0.0});
    }
    for (const auto& v : samples.ring) {
        // A ring voxel always counts as outside, even when rounding puts it on the outline.
        m_voxels.push_back({v, std::max(1e-6, outsideDistance(v.positionMm, bandMm))});
    }
    for (int i = 0; i < static_cast<int>(m_voxels.size()); ++i) {
        m_index.emplace(key(m_voxels[static_cast<std::size_t>(i)].voxel.ijk), i);
    }
}

RoiFootprint::~RoiFootprint() = default;

double RoiFootprint::spacingFor(const Roi& roi, const Volume& volume) {
    const VolumeGeometry& g = volume.geometry();
    if (!roi.hasArea()) {
        return g.spacingMm().maxCoeff();
    }
    const Eigen::Matrix3d steps = g.indexToPatient().topLeftCorner<3, 3>();
    const Eigen::Vector3d n = roi.plane().normal();
    double spacing = 0.0;
    for (int a = 0; a < 3; ++a) {
        const Eigen::Vector3d s = steps.col(a);
        spacing = std::max(spacing, (s - s.dot(n) * n).norm());
    }
    return spacing;
}

long long RoiFootprint::key(const Eigen::Vector3i& ijk) const {
    const auto& d = m_volume.geometry().dims();
    return (static_cast<long long>(ijk.z()) * d[1] + ijk.y()) * d[0] + ijk.x();
}

long long RoiFootprint::cellKey(const Eigen::Vector3d& p, double cellMm, int dx, int dy, int dz) {
    // 21 bits per axis: cells of a few mm cover +-2 km, far beyond any patient.
    const long long x = static_cast<long long>(std::floor(p.x() / cellMm)) + dx + (1 << 20);
    const long long y = static_cast<long long>(std::floor(p.y() / cellMm)) + dy + (1 << 20);
    const long long z = static_cast<long long>(std::floor(p.z() / cellMm)) + dz + (1 << 20);
    return (z << 42) | (y << 21) | x;
}

int RoiFootprint::find(const Eigen::Vector3i& ijk) const {
    const auto& d = m_volume.geometry().dims();
    if ((ijk.array() < 0).any() || (ijk.array() >= d.array()).any()) {
        return -1;
    }
    const auto it = m_index.find(key(ijk));
    return it == m_index.end() ? -1 : it->second;
}

std::vector<int> RoiFootprint::neighbours(int index) const {
    std::vector<int> out;
    const Eigen::Vector3i c = m_voxels[static_cast<std::size_t>(index)].voxel.ijk;
    for (int dz = -1; dz <= 1; ++dz) {
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                if (dx || dy || dz) {
                    const int n = find(c + Eigen::Vector3i(dx, dy, dz));
                    if (n >= 0) {
                        out.push_back(n);
                    }
                }
            }
        }
    }
    return out;
}

bool RoiFootprint::contains(const Eigen::Vector3d& p) const {
    if (m_planar) {
        return m_shape->contains(m_plane.toPlane(p));
    }
    if (m_roi.shape == RoiShape::Sphere) {
        return (p - m_roi.centerMm).norm() <= m_roi.radiusMm;
    }
    return m_roi.mask && m_roi.mask->labelAt(p) != 0;
}

double RoiFootprint::insideAlong(const Eigen::Vector3d& p, const Eigen::Vector3d& dir,
                                 double reachMm) const {
    // Steps of 1/50 voxel are finer than any partial-volume edge the ends are measured on.
    const double step = 0.02 * m_spacingMm;
    double t = 0.0;
    while (t + step <= reachMm) {
        if (!contains(p + (t + step) * dir)) {
            return t;
        }
        t += step;
    }
    return reachMm;
}

double RoiFootprint::outsideDistance(const Eigen::Vector3d& p, double bandMm) const {
    if (m_planar) {
        return m_shape->distanceOutside(m_plane.toPlane(p));
    }
    if (m_roi.shape == RoiShape::Sphere) {
        return std::max(0.0, (p - m_roi.centerMm).norm() - m_roi.radiusMm);
    }
    // Brush: distance to the nearest labelled mask voxel centre, less half a mask voxel.
    const BrushMask& mask = *m_roi.mask;
    if (m_surfaceCellMm > 0.0) {
        // Called for ring voxels only (outside the mask): the nearest labelled centre is a
        // surface voxel, and any centre nearer than bandMm + half a voxel lies in the 27
        // cells around the point. The same terms as the full search below, so the same value.
        const double half = 0.5 * mask.geometry.spacingMm().minCoeff();
        double best = bandMm;
        for (int dz = -1; dz <= 1; ++dz) {
            for (int dy = -1; dy <= 1; ++dy) {
                for (int dx = -1; dx <= 1; ++dx) {
                    const auto cell = m_surface.find(cellKey(p, m_surfaceCellMm, dx, dy, dz));
                    if (cell == m_surface.end()) {
                        continue;
                    }
                    for (const Eigen::Vector3d& q : cell->second) {
                        best = std::min(best, std::max(0.0, (q - p).norm() - half));
                    }
                }
            }
        }
        return best;
    }
    const VolumeGeometry& mg = mask.geometry;
    const Eigen::Vector3d c = mg.toIndex(PatientPoint{p}).ijk;
    const Eigen::Vector3d spacing = mg.spacingMm();
    double best = bandMm;
    int lo[3], hi[3];
    for (int a = 0; a < 3; ++a) {
        lo[a] = std::max(0, static_cast<int>(std::floor(c[a] - bandMm / spacing[a])) - 1);
        hi[a] =
            std::min(mg.dims()[a] - 1, static_cast<int>(std::ceil(c[a] + bandMm / spacing[a])) + 1);
    }
    for (int k = lo[2]; k <= hi[2]; ++k) {
        for (int j = lo[1]; j <= hi[1]; ++j) {
            for (int i = lo[0]; i <= hi[0]; ++i) {
                if (mask.at(i, j, k) != 0) {
                    const double d =
                        (mg.toPatient(VoxelIndex{Eigen::Vector3d(i, j, k)}).mm - p).norm() -
                        0.5 * spacing.minCoeff();
                    best = std::min(best, std::max(0.0, d));
                }
            }
        }
    }
    return best;
}

}  // namespace crosscheck
