#pragma once

#include <Eigen/Core>

#include <optional>
#include <string>
#include <utility>

#include "core/geometry/PatientPoint.h"
#include "core/geometry/VolumeGeometry.h"

namespace crosscheck {

enum class ViewOrientation { Axial, Coronal, Sagittal };
const char* toString(ViewOrientation orientation);
/// "axial", "coronal", "sagittal"; empty for anything else.
std::optional<ViewOrientation> viewOrientationFromString(const std::string& text);

/// The screen axes of a standard radiological view, as unit vectors in patient space
/// (LPS). `right` points to the screen's right, `up` to its top, `normal` = right x up
/// points out of the screen towards the viewer.
///
/// Conventions (docs/domain.md): axial is seen from the feet (patient's right on the screen's
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

    /// The rectangle (lowest and highest plane coordinates, mm) that the whole voxel grid
    /// covers when projected on this plane; `gridToFrame` maps the grid's patient
    /// coordinates into the frame the plane lives in.
    std::pair<Eigen::Vector2d, Eigen::Vector2d> projectedBounds(
        const VolumeGeometry& grid, const Eigen::Matrix4d& gridToFrame) const;
};

}  // namespace crosscheck
