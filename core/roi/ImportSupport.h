#pragma once

#include <Eigen/Core>
#include <limits>
#include <memory>
#include <set>
#include <string>

#include "core/model/Study.h"
#include "core/roi/BrushMask.h"

namespace crosscheck {

/// The grid of `grid` restricted to the index box lo..hi (inclusive), as an empty mask:
/// the same voxel steps, the origin moved to voxel lo. Importers build each structure's
/// mask on its own box so that many structures of a large grid stay small.
BrushMask croppedMask(const VolumeGeometry& grid, const Eigen::Vector3i& lo,
                      const Eigen::Vector3i& hi);

/// An inclusive index box grown voxel by voxel (empty until the first add).
struct IndexBounds {
    Eigen::Vector3i lo = Eigen::Vector3i::Constant(std::numeric_limits<int>::max());
    Eigen::Vector3i hi = Eigen::Vector3i::Constant(std::numeric_limits<int>::min());
    void add(int i, int j, int k) {
        lo = lo.cwiseMin(Eigen::Vector3i(i, j, k));
        hi = hi.cwiseMax(Eigen::Vector3i(i, j, k));
    }
    bool empty() const { return (hi.array() < lo.array()).any(); }
};

/// The first loaded series in the frame of reference, a CT before any other; null when no
/// loaded series has that frame.
const LoadedSeries* loadedSeriesInFrame(const Study& study, const std::string& frameUid);

/// The SOP Instance UIDs of every loaded slice of the study.
std::set<std::string> loadedSopInstances(const Study& study);

}  // namespace crosscheck
