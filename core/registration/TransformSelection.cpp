#include "core/registration/TransformSelection.h"

#include <Eigen/Geometry>
#include <limits>

namespace crosscheck {

int nearestLocalRegistration(const std::vector<FrameLink>& locals, const TransformFocus& focus) {
    int best = -1;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < locals.size(); ++i) {
        const FrameLink& l = locals[i];
        if (!l.provenance.regionCentreMm) {
            continue;
        }
        Eigen::Vector3d point;
        if (focus.frame == l.toFrame) {
            point = focus.pointMm;
        } else if (focus.frame == l.fromFrame) {
            // The region was drawn in the fixed (to-) frame: carry the point there.
            point = (l.fromToTo * focus.pointMm.homogeneous()).head<3>();
        } else {
            continue;
        }
        const double distance = (point - *l.provenance.regionCentreMm).norm();
        if (distance <= l.provenance.regionRadiusMm && distance < bestDistance) {
            best = static_cast<int>(i);
            bestDistance = distance;
        }
    }
    return best;
}

}  // namespace crosscheck
