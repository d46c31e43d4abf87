#pragma once

#include <Eigen/Core>
#include <string>

namespace crosscheck {

/// The orientation letters of a direction in patient space (LPS): "L", "R", "P", "A",
/// "S", "I". A direction more than 10 degrees off a patient axis gets its dominant
/// letters in order of weight ("LA" for a direction mostly left, partly anterior),
/// at most two, as workstations show on oblique planes.
std::string orientationLabel(const Eigen::Vector3d& direction);

}  // namespace crosscheck
