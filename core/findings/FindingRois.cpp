#include "core/findings/FindingRois.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <cmath>

namespace crosscheck {

namespace {

/// A plane through the region's centroid: its normal and two in-plane axes (LPS).
struct PlaneFrame {
    Eigen::Vector3d normal;
    Eigen::Vector3d u;
    Eigen::Vector3d v;
};

PlaneFrame planeFrame(FindingPlane plane) {
    if (plane == FindingPlane::Axial) {
        return {Eigen::Vector3d::UnitZ(), Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY()};
    }
    return {Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(), Eigen::Vector3d::UnitZ()};
}

/// Half of one voxel's footprint along a direction: how far a voxel reaches from its centre.
double halfFootprint(const VolumeGeometry& grid, const Eigen::Vector3d& direction) {
    const Eigen::Matrix3d steps = grid.indexToPatient().topLeftCorner<3, 3>();
    return 0.5 * (steps.transpose() * direction).cwiseAbs().sum();
}

std::vector<Eigen::Vector3d> voxelCentres(const DiscrepancyRegion& region,
                                          const VolumeGeometry& grid) {
    std::vector<Eigen::Vector3d> centres;
    centres.reserve(static_cast<std::size_t>(region.voxelCount));
    const Eigen::Matrix4d& m = grid.indexToPatient();
    for (const VoxelRun& run : region.runs) {
        for (int i = run.iBegin; i < run.iEnd; ++i) {
            centres.push_back((m * Eigen::Vector4d(i, run.j, run.k, 1.0)).head<3>());
        }
    }
    return centres;
}

/// The section's voxel centres in plane coordinates (u, v) relative to the centroid; the
/// whole region projected when no centre lies within half a voxel of the plane.
std::vector<Eigen::Vector2d> sectionInPlane(const std::vector<Eigen::Vector3d>& centres,
                                            const Eigen::Vector3d& centroid,
                                            const PlaneFrame& frame, double halfThickness) {
    std::vector<Eigen::Vector2d> section;
    std::vector<Eigen::Vector2d> projection;
    for (const Eigen::Vector3d& p : centres) {
        const Eigen::Vector3d d = p - centroid;
        const Eigen::Vector2d q(d.dot(frame.u), d.dot(frame.v));
        projection.push_back(q);
        if (std::abs(d.dot(frame.normal)) <= halfThickness + 1e-9) {
            section.push_back(q);
        }
    }
    return section.empty() ? projection : section;
}

/// The principal directions of 2D points, largest spread first (columns).
Eigen::Matrix2d principalDirections(const std::vector<Eigen::Vector2d>& points) {
    Eigen::Vector2d mean = Eigen::Vector2d::Zero();
    for (const auto& q : points) {
        mean += q;
    }
    mean /= static_cast<double>(points.size());
    Eigen::Matrix2d covariance = Eigen::Matrix2d::Zero();
    for (const auto& q : points) {
        covariance += (q - mean) * (q - mean).transpose();
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(covariance);
    Eigen::Matrix2d axes;
    axes.col(0) = solver.eigenvectors().col(1);  // eigenvalues ascend
    axes.col(1) = solver.eigenvectors().col(0);
    return axes;
}

FindingRoi fitInPlane(const std::vector<Eigen::Vector3d>& centres, const DiscrepancyRegion& region,
                      const VolumeGeometry& grid, const std::string& frameUid, FindingPlane plane,
                      double marginMm) {
    const PlaneFrame frame = planeFrame(plane);
    const std::vector<Eigen::Vector2d> section =
        sectionInPlane(centres, region.centroidMm, frame, halfFootprint(grid, frame.normal));
    const Eigen::Matrix2d axes = principalDirections(section);
    std::array<Eigen::Vector3d, 2> axes3d;
    std::array<double, 2> pad{};
    for (int a = 0; a < 2; ++a) {
        axes3d[a] = (axes(0, a) * frame.u + axes(1, a) * frame.v).normalized();
        pad[a] = halfFootprint(grid, axes3d[a]);
    }
    // The section's box along its principal directions, each voxel's footprint included.
    Eigen::Vector2d lo = Eigen::Vector2d::Constant(1e300);
    Eigen::Vector2d hi = Eigen::Vector2d::Constant(-1e300);
    for (const auto& q : section) {
        const Eigen::Vector2d r = axes.transpose() * q;
        lo = lo.cwiseMin(r);
        hi = hi.cwiseMax(r);
    }
    const Eigen::Vector2d middle = 0.5 * (lo + hi);
    const Eigen::Vector2d half = 0.5 * (hi - lo) + Eigen::Vector2d(pad[0], pad[1]);
    // Scale the box's inscribed ellipse until every voxel's footprint corner is inside it.
    double scale = 1.0;
    for (const auto& q : section) {
        const Eigen::Vector2d r = axes.transpose() * q - middle;
        for (const double su : {-1.0, 1.0}) {
            for (const double sv : {-1.0, 1.0}) {
                const double x = (std::abs(r.x()) + pad[0] * su) / half.x();
                const double y = (std::abs(r.y()) + pad[1] * sv) / half.y();
                scale = std::max(scale, std::hypot(x, y));
            }
        }
    }
    const Eigen::Vector3d centre =
        region.centroidMm + axes3d[0] * middle.x() + axes3d[1] * middle.y();
    const Eigen::Vector2d radii = scale * half + Eigen::Vector2d::Constant(marginMm);
    return {plane, Roi::ellipse(frameUid, centre, axes3d[0], axes3d[1], radii)};
}

}  // namespace

const char* toString(FindingPlane plane) {
    return plane == FindingPlane::Axial ? "axial" : "sagittal";
}

std::vector<FindingRoi> fitFindingRois(const DiscrepancyRegion& region,
                                       const VolumeGeometry& ctGrid, const std::string& ctFrameUid,
                                       double marginMm) {
    const std::vector<Eigen::Vector3d> centres = voxelCentres(region, ctGrid);
    if (centres.empty()) {
        return {};
    }
    return {fitInPlane(centres, region, ctGrid, ctFrameUid, FindingPlane::Axial, marginMm),
            fitInPlane(centres, region, ctGrid, ctFrameUid, FindingPlane::Sagittal, marginMm)};
}

}  // namespace crosscheck
