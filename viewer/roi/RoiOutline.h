#pragma once

#include <Eigen/Core>
#include <vector>

#include "core/roi/Roi.h"

namespace crosscheck::viewer {

/// Where an ROI meets a view plane (reference frame, LPS mm): its whole outline when it
/// lies in the plane (within `toleranceMm`), else the segment where its area crosses the
/// plane, else nothing. Lines of a ruler or bidirectional are returned as pairs of points.
struct RoiOnPlane {
    std::vector<Eigen::Vector3d> outline;                            ///< closed polygon
    std::vector<std::pair<Eigen::Vector3d, Eigen::Vector3d>> lines;  ///< segments
};

RoiOnPlane roiOnPlane(const Roi& roi, const Eigen::Vector3d& planePoint,
                      const Eigen::Vector3d& planeNormal, double toleranceMm);

}  // namespace crosscheck::viewer
