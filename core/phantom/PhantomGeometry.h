#pragma once

#include <Eigen/Core>

#include "core/geometry/VolumeGeometry.h"
#include "core/phantom/PhantomOptions.h"

namespace crosscheck {

/// The voxel grids and frames of the phantom study.
///
/// The anatomy is defined in MR patient coordinates (LPS, mm). The T1w (3D, isotropic)
/// and T2w (2D, thick slices, finer pixels) are sagittal, anterior on the left and
/// superior at the top; the sCT uses the T1w grid. The CT is axial, in its own frame:
/// ctToMr is a rigid transform (a few degrees about each axis, 10 to 30 mm along each)
/// drawn from the seed, or the identity with sameFrame. The CT grid is centred on the
/// anatomy as seen from the CT frame. Positions are rounded to 0.01 mm so that what the
/// DICOM headers say is exactly the grid.
namespace phantom_geometry {

Eigen::Matrix4d ctToMr(const PhantomOptions& options);
VolumeGeometry ctGrid(const PhantomOptions& options, const Eigen::Matrix4d& ctToMr);
VolumeGeometry t1Grid(const PhantomOptions& options);
VolumeGeometry t2Grid(const PhantomOptions& options);
/// Slice thickness of the T2w (thinner than its spacing: a 10 % gap, as 2D TSE has), mm.
double t2SliceThicknessMm(const PhantomOptions& options);

}  // namespace phantom_geometry
}  // namespace crosscheck
