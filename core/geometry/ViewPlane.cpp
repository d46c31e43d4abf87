#include "core/geometry/ViewPlane.h"

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

}  // namespace crosscheck
