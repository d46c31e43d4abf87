#pragma once

#include <Eigen/Core>

#include "core/geometry/PatientPoint.h"

namespace crosscheck {

enum class ViewOrientation { Axial, Coronal, Sagittal };
const char* toString(ViewOrientation orientation);

/// The screen axes of a standard radiological view, as unit vectors in patient space
/// (LPS). `right` points to the screen's right, `up` to its top, `normal` = right x up
/// points out of the screen towards the viewer.
///
/// Conventions (DOMAIN.md): axial is seen from the feet (patient's right on the screen's
/// left, anterior at the top); coronal from the front (right on the left, superior at
/// the top); sagittal with anterior on the left and superior at the top.
struct ViewPlane {
    Eigen::Vector3d right;
    Eigen::Vector3d up;
    Eigen::Vector3d normal;

    static ViewPlane standard(ViewOrientation orientation);

    /// Maps plane coordinates (x along right, y along up, both mm) of the plane through
    /// `cursor` to patient space: a 4x4 whose columns are right, up, normal and the point
    /// of the plane nearest the patient origin. In-plane coordinates are thus absolute,
    /// so moving the cursor within the plane does not move the image.
    Eigen::Matrix4d planeToPatient(const PatientPoint& cursor) const;
};

}  // namespace crosscheck
