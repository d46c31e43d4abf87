#include "core/report/ReportImageLocator.h"

#include <cmath>

#include "core/report/ReportDicomHeader.h"
#include "core/roi/RoiDrawing.h"

namespace crosscheck {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kEllipseVertices = 36;

/// The outline of a planar or linear ROI in its frame (closed: first point repeated).
std::vector<Eigen::Vector3d> outlineMm(const Roi& roi) {
    std::vector<Eigen::Vector3d> points;
    switch (roi.shape) {
        case RoiShape::Ellipse:
            for (int n = 0; n <= kEllipseVertices; ++n) {
                const double t = 2.0 * kPi * n / kEllipseVertices;
                points.push_back(roi.centerMm + roi.radiiMm.x() * std::cos(t) * roi.axisU +
                                 roi.radiiMm.y() * std::sin(t) * roi.axisV);
            }
            break;
        case RoiShape::Rectangle: {
            const Eigen::Vector3d u = 0.5 * roi.sizeMm.x() * roi.axisU;
            const Eigen::Vector3d v = 0.5 * roi.sizeMm.y() * roi.axisV;
            points = {roi.centerMm - u - v, roi.centerMm + u - v, roi.centerMm + u + v,
                      roi.centerMm - u + v, roi.centerMm - u - v};
            break;
        }
        case RoiShape::Polygon:
            points = roi.pointsMm;
            if (!points.empty()) {
                points.push_back(points.front());
            }
            break;
        case RoiShape::Ruler:
        case RoiShape::Bidirectional:
            // The (long) axis: the line the length is measured along.
            if (roi.pointsMm.size() >= 2) {
                points = {roi.pointsMm[0], roi.pointsMm[1]};
            }
            break;
        default:
            break;
    }
    return points;
}

}  // namespace

std::optional<ReportImageRef> locateReportImage(const Roi& roi, const LoadedSeries& series) {
    if (!series.volume) {
        return std::nullopt;
    }
    const VolumeGeometry& g = series.volume->geometry();
    const Eigen::Vector3d centre = g.toIndex(PatientPoint{roiAnchorMm(roi)}).ijk;
    const int k = static_cast<int>(std::lround(centre.z()));
    if (k < 0 || k >= g.dims().z() || k >= static_cast<int>(series.info.slices.size())) {
        return std::nullopt;
    }
    const SliceRef& slice = series.info.slices[static_cast<std::size_t>(k)];
    if (slice.missing || slice.file.empty()) {
        return std::nullopt;
    }
    const auto header = readReportDicomHeader(slice.file);
    if (!header) {
        return std::nullopt;
    }
    ReportImageRef ref;
    ref.sopClassUid = header->sopClassUid;
    ref.sopInstanceUid = header->sopInstanceUid;
    ref.frameNumber = series.info.numberOfFrames > 1 ? slice.frame + 1 : 0;
    ref.sliceIndex = k;

    auto toPixel = [&](const Eigen::Vector3d& p, double& offSlice) {
        const Eigen::Vector3d ijk = g.toIndex(PatientPoint{p}).ijk;
        offSlice = std::max(offSlice, std::abs(ijk.z() - k));
        // SCOORD: (0, 0) is the top left corner of the top left pixel.
        return Eigen::Vector2d(ijk.x() + 0.5, ijk.y() + 0.5);
    };
    double offSlice = 0.0;
    if (roi.shape == RoiShape::Point) {
        ref.graphicType = "POINT";
        ref.outlinePx = {toPixel(roi.centerMm, offSlice)};
    } else if (roi.shape == RoiShape::Sphere) {
        // The circle where the slice's plane cuts the sphere.
        const Eigen::Vector3d onSlice =
            g.toPatient(VoxelIndex{Eigen::Vector3d(centre.x(), centre.y(), k)}).mm;
        const double d = (onSlice - roi.centerMm).norm();
        if (d < roi.radiusMm) {
            const double r = std::sqrt(roi.radiusMm * roi.radiusMm - d * d);
            const Eigen::Vector3d rowDirection = g.indexToPatient().block<3, 1>(0, 0).normalized();
            ref.graphicType = "CIRCLE";
            ref.outlinePx = {toPixel(onSlice, offSlice),
                             toPixel(onSlice + r * rowDirection, offSlice)};
        }
    } else {
        for (const auto& p : outlineMm(roi)) {
            ref.outlinePx.push_back(toPixel(p, offSlice));
        }
        if (!ref.outlinePx.empty()) {
            ref.graphicType = "POLYLINE";
        }
    }
    if (offSlice > 0.5 + 1e-6) {
        // The ROI is oblique to this series' slices: an outline on one image would misstate it.
        ref.graphicType.clear();
        ref.outlinePx.clear();
    }
    return ref;
}

}  // namespace crosscheck
