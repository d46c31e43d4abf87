#include "core/roi/BrushPainting.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

namespace crosscheck {

namespace {

struct IndexBox {
    Eigen::Vector3i lo;
    Eigen::Vector3i hi;
};

/// The index box of the grid that a sphere of the radius around the centre can touch. The
/// grid may be sheared; a margin of one voxel keeps the box conservative.
IndexBox sphereBox(const VolumeGeometry& grid, const Eigen::Vector3d& centerMm, double radiusMm) {
    const Eigen::Vector3d c = grid.toIndex(PatientPoint{centerMm}).ijk;
    const Eigen::Vector3d spacing = grid.spacingMm();
    IndexBox box;
    for (int a = 0; a < 3; ++a) {
        const double reach = radiusMm / spacing[a] + 1.0;
        box.lo[a] = static_cast<int>(std::floor(c[a] - reach));
        box.hi[a] = static_cast<int>(std::ceil(c[a] + reach));
    }
    return box;
}

/// The grid of `box` (inclusive indices of `grid`): same axes and voxel size.
VolumeGeometry subGrid(const VolumeGeometry& grid, const IndexBox& box) {
    Eigen::Matrix4d shift = Eigen::Matrix4d::Identity();
    shift.block<3, 1>(0, 3) = box.lo.cast<double>();
    return VolumeGeometry(box.hi - box.lo + Eigen::Vector3i::Ones(), grid.indexToPatient() * shift);
}

}  // namespace

BrushMask brushMaskAround(const VolumeGeometry& seriesGrid, const Eigen::Vector3d& centerMm,
                          double radiusMm, int marginVoxels) {
    IndexBox box = sphereBox(seriesGrid, centerMm, radiusMm);
    const Eigen::Vector3i last = seriesGrid.dims() - Eigen::Vector3i::Ones();
    for (int a = 0; a < 3; ++a) {
        box.lo[a] = std::clamp(box.lo[a] - marginVoxels, 0, last[a]);
        box.hi[a] = std::clamp(box.hi[a] + marginVoxels, 0, last[a]);
    }
    return BrushMask(subGrid(seriesGrid, box));
}

BrushMask withRoomFor(const BrushMask& mask, const Eigen::Vector3d& centerMm, double radiusMm,
                      int marginVoxels) {
    const IndexBox stroke = sphereBox(mask.geometry, centerMm, radiusMm);
    const Eigen::Vector3i dims = mask.geometry.dims();
    if ((stroke.lo.array() >= 0).all() && (stroke.hi.array() < dims.array()).all()) {
        return mask;
    }
    IndexBox grown;
    for (int a = 0; a < 3; ++a) {
        grown.lo[a] = std::min(0, stroke.lo[a] - marginVoxels);
        grown.hi[a] = std::max(dims[a] - 1, stroke.hi[a] + marginVoxels);
    }
    BrushMask bigger(subGrid(mask.geometry, grown));
    const Eigen::Vector3i offset = -grown.lo;
    const Eigen::Vector3i newDims = bigger.geometry.dims();
    for (int k = 0; k < dims[2]; ++k) {
        for (int j = 0; j < dims[1]; ++j) {
            const auto from =
                mask.labels.begin() +
                static_cast<std::ptrdiff_t>((static_cast<std::size_t>(k) * dims[1] + j) * dims[0]);
            const std::size_t to =
                (static_cast<std::size_t>(k + offset[2]) * newDims[1] + (j + offset[1])) *
                    newDims[0] +
                offset[0];
            std::copy(from, from + dims[0],
                      bigger.labels.begin() + static_cast<std::ptrdiff_t>(to));
        }
    }
    return bigger;
}

int paintDisc(BrushMask& mask, const Eigen::Vector3d& centerMm, const Eigen::Vector3d& normal,
              double radiusMm, double halfThicknessMm, std::uint8_t label) {
    const IndexBox box = sphereBox(mask.geometry, centerMm, std::max(radiusMm, halfThicknessMm));
    const Eigen::Vector3i d = mask.geometry.dims();
    const Eigen::Vector3d n = normal.normalized();
    int changed = 0;
    for (int k = std::max(0, box.lo[2]); k <= std::min(d[2] - 1, box.hi[2]); ++k) {
        for (int j = std::max(0, box.lo[1]); j <= std::min(d[1] - 1, box.hi[1]); ++j) {
            for (int i = std::max(0, box.lo[0]); i <= std::min(d[0] - 1, box.hi[0]); ++i) {
                const Eigen::Vector3d offset =
                    mask.geometry.toPatient(VoxelIndex{Eigen::Vector3d(i, j, k)}).mm - centerMm;
                const double along = offset.dot(n);
                if (std::abs(along) > halfThicknessMm || (offset - along * n).norm() > radiusMm) {
                    continue;
                }
                auto& v = mask.labels[(static_cast<std::size_t>(k) * d[1] + j) * d[0] + i];
                if (v != label) {
                    v = label;
                    ++changed;
                }
            }
        }
    }
    return changed;
}

}  // namespace crosscheck
