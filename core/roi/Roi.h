#pragma once

#include <Eigen/Core>
#include <Eigen/Geometry>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/roi/BrushMask.h"
#include "core/roi/RoiProvenance.h"

namespace crosscheck {

/// The kinds of region of interest (docs/cli.md, docs/roi-json.md). Freehand outlines
/// are polygons; an eraser edits a brush mask.
enum class RoiShape { Ellipse, Rectangle, Polygon, Ruler, Bidirectional, Point, Sphere, Brush };

/// "ellipse", "rectangle", "polygon", "ruler", "bidirectional", "point", "sphere", "brush".
const char* toString(RoiShape shape);
std::optional<RoiShape> roiShapeFromString(const std::string& text);

/// A plane in patient coordinates: origin and two orthonormal in-plane axes (LPS, mm).
struct RoiPlane {
    Eigen::Vector3d originMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d axisU = Eigen::Vector3d::UnitX();
    Eigen::Vector3d axisV = Eigen::Vector3d::UnitY();

    Eigen::Vector3d normal() const { return axisU.cross(axisV).normalized(); }
    /// In-plane coordinates (mm along axisU, axisV) of the point's projection on the plane.
    Eigen::Vector2d toPlane(const Eigen::Vector3d& pointMm) const;
    Eigen::Vector3d fromPlane(const Eigen::Vector2d& uvMm) const;
    /// Signed distance of the point from the plane along normal(), mm.
    double distance(const Eigen::Vector3d& pointMm) const;
};

/// One region of interest, in the DICOM patient coordinates (LPS, mm) of the frame named
/// by `frameOfReferenceUid` — never in voxel indices, so it measures any series whose
/// transform to that frame is known.
///
/// Which members a shape uses:
/// - ellipse:   centerMm, axisU, axisV (unit, orthogonal), radiiMm (semi-axes along u, v)
/// - rectangle: centerMm, axisU, axisV, sizeMm (full side lengths along u, v)
/// - polygon:   pointsMm (>= 3 vertices, coplanar; freehand outlines are dense polygons)
/// - ruler:     pointsMm (2 end points)
/// - bidirectional: pointsMm = long-axis end points, then short-axis end points (4)
/// - point:     centerMm
/// - sphere:    centerMm, radiusMm
/// - brush:     mask (its own grid, in this frame)
/// Planar shapes (all but sphere, brush and point) lie in plane().
struct Roi {
    RoiShape shape = RoiShape::Ellipse;
    std::string frameOfReferenceUid;
    Eigen::Vector3d centerMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d axisU = Eigen::Vector3d::UnitX();
    Eigen::Vector3d axisV = Eigen::Vector3d::UnitY();
    Eigen::Vector2d radiiMm = Eigen::Vector2d::Zero();
    Eigen::Vector2d sizeMm = Eigen::Vector2d::Zero();
    std::vector<Eigen::Vector3d> pointsMm;
    double radiusMm = 0.0;
    /// Shared so that copies (undo history, measurement threads) stay cheap; replace the
    /// pointer, never edit a mask another copy may hold.
    std::shared_ptr<const BrushMask> mask;
    /// Set for an ROI read from another tool's file (SEG, RTSTRUCT, label map; docs/import.md)
    /// and kept through edits and transforms; empty for an ROI drawn in Crosscheck.
    std::optional<RoiProvenance> importedFrom;

    static Roi ellipse(const std::string& frame, const Eigen::Vector3d& center,
                       const Eigen::Vector3d& axisU, const Eigen::Vector3d& axisV,
                       const Eigen::Vector2d& radiiMm);
    static Roi rectangle(const std::string& frame, const Eigen::Vector3d& center,
                         const Eigen::Vector3d& axisU, const Eigen::Vector3d& axisV,
                         const Eigen::Vector2d& sizeMm);
    static Roi polygon(const std::string& frame, const std::vector<Eigen::Vector3d>& points);
    static Roi ruler(const std::string& frame, const Eigen::Vector3d& a, const Eigen::Vector3d& b);
    static Roi bidirectional(const std::string& frame, const Eigen::Vector3d& longA,
                             const Eigen::Vector3d& longB, const Eigen::Vector3d& shortA,
                             const Eigen::Vector3d& shortB);
    static Roi point(const std::string& frame, const Eigen::Vector3d& p);
    static Roi sphere(const std::string& frame, const Eigen::Vector3d& center, double radiusMm);
    static Roi brush(const std::string& frame, std::shared_ptr<const BrushMask> mask);

    /// True for shapes that lie in a plane and have an area: ellipse, rectangle, polygon.
    bool hasArea() const;
    /// True for ruler and bidirectional (measured along their line segments).
    bool isLinear() const;
    /// The plane of a planar shape: given axes for ellipse and rectangle; for a polygon the
    /// best-fit plane through the vertex centroid (Newell normal, u along the first edge);
    /// for a bidirectional the plane of its two axes; for a ruler any plane containing it.
    RoiPlane plane() const;

    /// The same ROI expressed in another frame: every point and axis mapped by the rigid
    /// `fromThisFrame` (this frame's patient coordinates -> the other's); a brush mask keeps
    /// its voxels and gets the mapped grid. Sets frameOfReferenceUid to `toFrame`.
    Roi transformed(const Eigen::Matrix4d& fromThisFrame, const std::string& toFrame) const;

    /// Checks the members the shape uses (sizes > 0, unit orthogonal axes, point counts,
    /// mask size); returns the problem or an empty string.
    std::string validate() const;

    bool operator==(const Roi& other) const;
    bool operator!=(const Roi& other) const { return !(*this == other); }
};

}  // namespace crosscheck
