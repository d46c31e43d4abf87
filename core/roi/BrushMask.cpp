#include "core/roi/BrushMask.h"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>

namespace crosscheck {

BrushMask::BrushMask(const VolumeGeometry& grid) : geometry(grid), labels(grid.voxelCount(), 0) {}

std::uint8_t BrushMask::at(int i, int j, int k) const {
    const auto& d = geometry.dims();
    return labels[(static_cast<std::size_t>(k) * d[1] + j) * d[0] + i];
}

std::uint8_t BrushMask::labelAt(const Eigen::Vector3d& pointMm) const {
    const Eigen::Vector3d ijk = geometry.toIndex(PatientPoint{pointMm}).ijk;
    const auto& d = geometry.dims();
    int idx[3];
    for (int a = 0; a < 3; ++a) {
        idx[a] = static_cast<int>(std::lround(ijk[a]));
        if (idx[a] < 0 || idx[a] >= d[a]) {
            return 0;
        }
    }
    return at(idx[0], idx[1], idx[2]);
}

int BrushMask::paintSphere(const Eigen::Vector3d& centerMm, double radiusMm, std::uint8_t label) {
    const Eigen::Vector3d c = geometry.toIndex(PatientPoint{centerMm}).ijk;
    const Eigen::Vector3d spacing = geometry.spacingMm();
    const auto& d = geometry.dims();
    int lo[3], hi[3];
    for (int a = 0; a < 3; ++a) {
        // The grid may be sheared; a margin of one voxel keeps the box conservative.
        const double reach = radiusMm / spacing[a] + 1.0;
        lo[a] = std::max(0, static_cast<int>(std::floor(c[a] - reach)));
        hi[a] = std::min(d[a] - 1, static_cast<int>(std::ceil(c[a] + reach)));
    }
    int changed = 0;
    for (int k = lo[2]; k <= hi[2]; ++k) {
        for (int j = lo[1]; j <= hi[1]; ++j) {
            for (int i = lo[0]; i <= hi[0]; ++i) {
                const Eigen::Vector3d p =
                    geometry.toPatient(VoxelIndex{Eigen::Vector3d(i, j, k)}).mm;
                if ((p - centerMm).norm() <= radiusMm) {
                    auto& v = labels[(static_cast<std::size_t>(k) * d[1] + j) * d[0] + i];
                    if (v != label) {
                        v = label;
                        ++changed;
                    }
                }
            }
        }
    }
    return changed;
}

std::size_t BrushMask::labelledCount() const {
    return static_cast<std::size_t>(
        std::count_if(labels.begin(), labels.end(), [](std::uint8_t v) { return v != 0; }));
}

double BrushMask::voxelVolumeMm3() const {
    return std::abs(geometry.indexToPatient().topLeftCorner<3, 3>().determinant());
}

std::vector<Eigen::Vector3i> BrushMask::surfaceVoxels() const {
    const auto& d = geometry.dims();
    auto labelled = [&](int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < d[0] && j < d[1] && k < d[2] && at(i, j, k) != 0;
    };
    std::vector<Eigen::Vector3i> out;
    for (int k = 0; k < d[2]; ++k) {
        for (int j = 0; j < d[1]; ++j) {
            for (int i = 0; i < d[0]; ++i) {
                if (at(i, j, k) != 0 &&
                    !(labelled(i - 1, j, k) && labelled(i + 1, j, k) && labelled(i, j - 1, k) &&
                      labelled(i, j + 1, k) && labelled(i, j, k - 1) && labelled(i, j, k + 1))) {
                    out.emplace_back(i, j, k);
                }
            }
        }
    }
    return out;
}

bool BrushMask::hasOrthogonalAxes() const {
    const Eigen::Matrix3d m = geometry.indexToPatient().topLeftCorner<3, 3>();
    for (int a = 0; a < 3; ++a) {
        for (int b = a + 1; b < 3; ++b) {
            if (std::abs(m.col(a).dot(m.col(b))) > 1e-9 * m.col(a).norm() * m.col(b).norm()) {
                return false;
            }
        }
    }
    return true;
}

bool BrushMask::operator==(const BrushMask& other) const {
    return geometry.dims() == other.geometry.dims() &&
           geometry.indexToPatient().isApprox(other.geometry.indexToPatient(), 1e-12) &&
           labels == other.labels;
}

}  // namespace crosscheck
