#include "core/geometry/ViewPlane.h"
#include "core/geometry/FrameTransform.h"

#include <Eigen/Geometry>

namespace crosscheck {

const char* toString(ViewOrientation orientation) {
    switch (orientation) {
        case ViewOrientation::Axial:
            return "axial";
        case ViewOrientation::Coronal:
            return "coronal";
        case ViewOrientation::Sagittal:
            return "sagittal";
    }
    return "axial";
}

std::optional<ViewOrientation> viewOrientationFromString(const std::string& text) {
    for (ViewOrientation o :
         {ViewOrientation::Axial, ViewOrientation::Coronal, ViewOrientation::Sagittal}) {
        if (text == toString(o)) {
            return o;
        }
    }
    return std::nullopt;
}

ViewPlane ViewPlane::standard(ViewOrientation orientation) {
    const Eigen::Vector3d left(1, 0, 0);
    const Eigen::Vector3d posterior(0, 1, 0);
    const Eigen::Vector3d superior(0, 0, 1);
    ViewPlane p;
    switch (orientation) {
        case ViewOrientation::Axial:
            p.right = left;
            p.up = -posterior;
            break;
        case ViewOrientation::Coronal:
            p.right = left;
            p.up = superior;
            break;
        case ViewOrientation::Sagittal:
            p.right = posterior;
            p.up = superior;
            break;
    }
    p.normal = p.right.cross(p.up);
    return p;
}

Eigen::Matrix4d ViewPlane::planeToPatient(const PatientPoint& cursor) const {
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m.block<3, 1>(0, 0) = right;
    m.block<3, 1>(0, 1) = up;
    m.block<3, 1>(0, 2) = normal;
    m.block<3, 1>(0, 3) = normal * normal.dot(cursor.mm);
    return m;
}

std::pair<Eigen::Vector2d, Eigen::Vector2d> ViewPlane::projectedBounds(
    const VolumeGeometry& grid, const Eigen::Matrix4d& gridToFrame) const {
    Eigen::Vector2d lo(1e300, 1e300);
    Eigen::Vector2d hi(-1e300, -1e300);
    const auto& d = grid.dims();
    for (int corner = 0; corner < 8; ++corner) {
        // Outer faces of the grid: half a voxel beyond the outer voxel centres.
        const Eigen::Vector3d ijk((corner & 1) ? d[0] - 0.5 : -0.5,
                                  (corner & 2) ? d[1] - 0.5 : -0.5,
                                  (corner & 4) ? d[2] - 0.5 : -0.5);
        const Eigen::Vector3d p = applyAffine(gridToFrame * grid.indexToPatient(), ijk);
        const Eigen::Vector2d uv(right.dot(p), up.dot(p));
        lo = lo.cwiseMin(uv);
        hi = hi.cwiseMax(uv);
    }
    return {lo, hi};
}

}  // namespace crosscheck
