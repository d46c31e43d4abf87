#pragma once

#include <Eigen/Core>
#include <functional>
#include <vector>

#include "core/geometry/VolumeGeometry.h"
#include "core/phantom/PhantomTissueValues.h"
#include "core/util/Progress.h"

namespace crosscheck {

class PhantomAnatomy;
class PostureModel;

/// Renders the analytic anatomy onto a voxel grid, for one or more channels at once
/// (the T1w and the sCT share a grid, so their anatomy is classified once).
///
/// Pass 1 classifies every voxel centre; pass 2 gives each voxel its channel values,
/// averaging n x n x n sub-samples (partial volume) only where a face neighbour has another
/// tissue, which keeps the cost near one evaluation per voxel. Each finished slice is
/// handed to the channel's `store` callback (as float values, slice k, i fastest), which
/// adds noise and converts it. Slices run in parallel; the result does not depend on the
/// thread count as long as `store` seeds its noise by slice.
class PhantomRenderer {
public:
    struct Channel {
        PhantomTissueValues values;
        std::function<void(int k, const float* slice)> store;
    };

    /// gridToAnatomy maps the grid's patient coordinates to the anatomy frame (MR patient
    /// coordinates). threads: 0 = all workers, 1 = serial. `posture` (may be null, must
    /// outlive the renderer) bends the anatomy after gridToAnatomy: a grid point p shows
    /// the anatomy at posture->toAnatomy(gridToAnatomy p).
    PhantomRenderer(const PhantomAnatomy& anatomy, const VolumeGeometry& grid,
                    const Eigen::Matrix4d& gridToAnatomy, int threads,
                    const PostureModel* posture = nullptr);

    /// Renders; progress goes from `from` to `to`. Throws Cancelled when cancelled.
    void render(std::vector<Channel>& channels, const Progress& progress, double from,
                double to) const;

private:
    const PhantomAnatomy& m_anatomy;
    VolumeGeometry m_grid;
    Eigen::Matrix4d m_indexToAnatomy;
    int m_threads;
    const PostureModel* m_posture;
};

/// Runs body(begin, end) over [0, count) on `threads` threads (0 = all, 1 = serial).
void phantomParallelFor(int count, int threads, const std::function<void(int, int)>& body);

}  // namespace crosscheck
