#pragma once

#include <Eigen/Core>
#include <optional>

namespace crosscheck::viewer {

/// The six standard views of a 3D rendering, named for where the viewer stands: an anterior
/// view looks at the patient's face. Directions are in the reference frame (LPS): anterior
/// is -y, left +x, superior +z. Side views keep the head up; the superior and inferior views
/// keep anterior up, as axial slices do.
enum class StandardView { Anterior, Posterior, Left, Right, Superior, Inferior };

struct ViewDirections {
    Eigen::Vector3d towardsViewer;  ///< unit, from the focal point towards the camera
    Eigen::Vector3d viewUp;         ///< unit, up on the screen
};

ViewDirections standardViewDirections(StandardView view);
/// "anterior", "posterior", ...
const char* toString(StandardView view);
/// The view a key names (A, P, L, R, S, I), empty for any other key code.
std::optional<StandardView> standardViewForKey(int qtKey);

}  // namespace crosscheck::viewer
