#include "core/roi/RoiMeasurement.h"

#include <cmath>

#include "core/roi/PlanarShape.h"
#include "core/roi/RoiSampler.h"

namespace crosscheck {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Longest distance between the points, and the largest width perpendicular to it.
std::pair<double, double> feretAxes(const std::vector<Eigen::Vector3d>& pts) {
    if (pts.size() < 2) {
        return {0.0, 0.0};
    }
    const auto [a, b] = farthestPointPair(pts);
    const Eigen::Vector3d pa = pts[static_cast<std::size_t>(a)];
    const Eigen::Vector3d axis = pts[static_cast<std::size_t>(b)] - pa;
    const double length = axis.norm();
    if (length <= 0.0) {
        return {0.0, 0.0};
    }
    const Eigen::Vector3d dir = axis / length;
    std::vector<Eigen::Vector3d> across;
    for (const auto& p : pts) {
        const Eigen::Vector3d d = p - pa;
        across.push_back(d - d.dot(dir) * dir);
    }
    const auto [c, e] = farthestPointPair(across);
    return {length,
            (across[static_cast<std::size_t>(c)] - across[static_cast<std::size_t>(e)]).norm()};
}

}  // namespace

const char* measurementUnit(SeriesRole role) {
    return isHounsfield(role) ? "HU" : "intensity";
}

RoiSizeMeaning roiSizeMeaning(const Roi& roi) {
    switch (roi.shape) {
        case RoiShape::Ruler:
            return {false, true, false};
        case RoiShape::Point:
            return {false, false, false};
        case RoiShape::Bidirectional:
        case RoiShape::Sphere:
        case RoiShape::Brush:
            return {false, true, true};
        default:
            return {roi.hasArea(), true, true};
    }
}

RoiSize measureRoiSize(const Roi& roi) {
    RoiSize s;
    switch (roi.shape) {
        case RoiShape::Ellipse:
            s.areaMm2 = kPi * roi.radiiMm.x() * roi.radiiMm.y();
            s.longAxisMm = 2.0 * roi.radiiMm.maxCoeff();
            s.shortAxisMm = 2.0 * roi.radiiMm.minCoeff();
            break;
        case RoiShape::Rectangle:
            s.areaMm2 = roi.sizeMm.x() * roi.sizeMm.y();
            s.longAxisMm = roi.sizeMm.maxCoeff();
            s.shortAxisMm = roi.sizeMm.minCoeff();
            break;
        case RoiShape::Polygon: {
            s.areaMm2 = PlanarShape(roi).areaMm2();
            const auto [l, w] = feretAxes(roi.pointsMm);
            s.longAxisMm = l;
            s.shortAxisMm = w;
            break;
        }
        case RoiShape::Ruler:
            s.areaMm2 = 0.0;
            s.longAxisMm =
                roi.pointsMm.size() == 2 ? (roi.pointsMm[1] - roi.pointsMm[0]).norm() : 0.0;
            break;
        case RoiShape::Bidirectional:
            s.areaMm2 = 0.0;
            if (roi.pointsMm.size() == 4) {
                s.longAxisMm = (roi.pointsMm[1] - roi.pointsMm[0]).norm();
                s.shortAxisMm = (roi.pointsMm[3] - roi.pointsMm[2]).norm();
            }
            break;
        case RoiShape::Point:
            s.areaMm2 = 0.0;
            break;
        case RoiShape::Sphere:
            s.volumeMm3 = 4.0 / 3.0 * kPi * std::pow(roi.radiusMm, 3);
            s.longAxisMm = s.shortAxisMm = 2.0 * roi.radiusMm;
            break;
        case RoiShape::Brush: {
            if (!roi.mask || !roi.mask->isValid()) {
                s.volumeMm3 = 0.0;
                break;
            }
            const BrushMask& m = *roi.mask;
            s.volumeMm3 = static_cast<double>(m.labelledCount()) * m.voxelVolumeMm3();
            // The farthest pair, and the widest extent across it, are vertices of the convex
            // hull: never a voxel between two labelled ones of its row, so only the first
            // and the last labelled voxel of each row count (an organ-sized mask has a few
            // percent of its voxels there).
            std::vector<Eigen::Vector3d> pts;
            const auto& d = m.geometry.dims();
            for (int k = 0; k < d[2]; ++k) {
                for (int j = 0; j < d[1]; ++j) {
                    int first = -1, last = -1;
                    for (int i = 0; i < d[0]; ++i) {
                        if (m.at(i, j, k) != 0) {
                            first = first < 0 ? i : first;
                            last = i;
                        }
                    }
                    if (first < 0) {
                        continue;
                    }
                    pts.push_back(
                        m.geometry.toPatient(VoxelIndex{Eigen::Vector3d(first, j, k)}).mm);
                    if (last != first) {
                        pts.push_back(
                            m.geometry.toPatient(VoxelIndex{Eigen::Vector3d(last, j, k)}).mm);
                    }
                }
            }
            const auto [l, w] = feretAxes(pts);
            s.longAxisMm = l;
            s.shortAxisMm = w;
            break;
        }
    }
    return s;
}

RoiMeasurement measureRoi(const Roi& roi, const Volume& volume, SeriesRole role,
                          const MeasureOptions& options) {
    RoiMeasurement m;
    m.unit = measurementUnit(role);
    m.size = measureRoiSize(roi);
    if (role == SeriesRole::sCT) {
        m.warnings.push_back("synthetic: derived from MRI");
    }
    const std::string problem = roi.validate();
    if (!problem.empty()) {
        m.warnings.push_back("invalid ROI: " + problem);
        return m;
    }
    const RoiSamples samples = sampleRoi(roi, volume, options.ringWidthMm);
    if (samples.inside.empty()) {
        m.warnings.push_back("outside the series");
        return m;
    }
    m.hasNumbers = true;
    std::vector<double> values;
    values.reserve(samples.inside.size());
    for (const auto& v : samples.inside) {
        values.push_back(v.value);
    }
    m.values = summarizeValues(std::move(values));
    m.ringCount = static_cast<int>(samples.ring.size());
    if (!samples.ring.empty()) {
        double sum = 0.0;
        for (const auto& v : samples.ring) {
            sum += v.value;
        }
        m.ringMean = sum / static_cast<double>(samples.ring.size());
        m.contrast = m.values.mean - *m.ringMean;
    }
    m.visibleThreshold = isHounsfield(role) ? std::optional<double>(options.visibleThresholdHu)
                                            : options.visibleThresholdIntensity;
    if (m.visibleThreshold) {
        m.visibleExtent = measureVisibleExtent(roi, volume, samples.inside, *m.visibleThreshold);
        m.visibleExtentMm = m.visibleExtent.lengthMm;
        m.visibleAxialMm = m.visibleExtent.axialMm;
        m.visibleSagittalMm = m.visibleExtent.sagittalMm;
        if (m.visibleExtent.onlyCrossing) {
            m.warnings.push_back(kOnlyCrossingWarning);
        }
    }
    return m;
}

}  // namespace crosscheck
