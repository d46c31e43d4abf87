#pragma once

#include <Eigen/Core>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/roi/Roi.h"
#include "core/roi/RoiSampler.h"
#include "core/volume/Volume.h"

namespace crosscheck {

class PlanarShape;

/// One voxel of a footprint: the sampled voxel and how far its centre lies outside the ROI
/// outline (mm, in the ROI plane for planar shapes, in 3D otherwise; 0 inside).
struct FootprintVoxel {
    SampledVoxel voxel;
    double outsideMm = 0.0;
    bool inside() const { return outsideMm <= 0.0; }
};

/// The voxels of one series an area or volume ROI covers (sampleRoi's rule) plus a band of
/// `bandMm` around its outline, on the series' own grid.
///
/// The band is what lets a measurement tell an object the ROI was drawn around from bone
/// the ROI merely grazes: the latter goes on beyond the outline. Positions are the series'
/// patient coordinates (LPS, mm); the ROI must already be in the volume's frame. Voxels are
/// 26-neighbours when their indices differ by at most one on every axis.
class RoiFootprint {
public:
    /// Throws std::invalid_argument for shapes without area or volume (lines, points).
    RoiFootprint(const Roi& roiInVolumeFrame, const Volume& volume, double bandMm);
    ~RoiFootprint();
    RoiFootprint(const RoiFootprint&) = delete;
    RoiFootprint& operator=(const RoiFootprint&) = delete;

    /// The largest grid step (mm) of the volume seen in a planar ROI's plane; for a volume
    /// ROI the largest spacing. What "beyond the outline" is measured in.
    static double spacingFor(const Roi& roiInVolumeFrame, const Volume& volume);

    const std::vector<FootprintVoxel>& voxels() const { return m_voxels; }
    /// Footprint indices of the 26-neighbours of voxel `index` that are in the footprint.
    std::vector<int> neighbours(int index) const;
    /// The footprint index of a grid voxel, or -1.
    int find(const Eigen::Vector3i& ijk) const;

    const Volume& volume() const { return m_volume; }
    bool planar() const { return m_planar; }
    /// The ROI plane (planar shapes); for a volume ROI the axial plane through its centre.
    const RoiPlane& plane() const { return m_plane; }
    /// The ROI's centre (mm): ellipse/rectangle/sphere centre, polygon vertex mean, brush
    /// centroid of the labelled voxels.
    const Eigen::Vector3d& centerMm() const { return m_centerMm; }
    /// The largest grid step seen in the ROI plane (3D: the largest spacing), mm.
    double spacingMm() const { return m_spacingMm; }
    /// True when the point lies inside the ROI (planar: its projection on the plane).
    bool contains(const Eigen::Vector3d& pointMm) const;
    /// How far (mm) from a point inside the ROI one can go along the unit `dir` before
    /// leaving it, searched up to `reachMm` (returns reachMm when still inside).
    double insideAlong(const Eigen::Vector3d& pointMm, const Eigen::Vector3d& dir,
                       double reachMm) const;

private:
    const Volume& m_volume;
    Roi m_roi;
    bool m_planar = false;
    std::unique_ptr<PlanarShape> m_shape;
    RoiPlane m_plane;
    Eigen::Vector3d m_centerMm = Eigen::Vector3d::Zero();
    double m_spacingMm = 1.0;
    std::vector<FootprintVoxel> m_voxels;
    std::unordered_map<long long, int> m_index;
    /// Brush on a grid with orthogonal axes: the surface voxel centres (BrushMask::
    /// surfaceVoxels) bucketed in cubes of m_surfaceCellMm, so that outsideDistance looks at
    /// the few near a point instead of every mask voxel within the band.
    std::unordered_map<long long, std::vector<Eigen::Vector3d>> m_surface;
    double m_surfaceCellMm = 0.0;

    long long key(const Eigen::Vector3i& ijk) const;
    static long long cellKey(const Eigen::Vector3d& pointMm, double cellMm, int dx, int dy, int dz);
    double outsideDistance(const Eigen::Vector3d& pointMm, double bandMm) const;
};

}  // namespace crosscheck
