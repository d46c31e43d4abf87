#include "core/roi/SegGrid.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

namespace crosscheck {

namespace {

constexpr double kSamePositionMm = 0.01;
constexpr double kSliceTolerance = 0.05;  ///< of the slice step

std::optional<SegGrid> refuse(std::string* problem, const std::string& why) {
    if (problem) {
        *problem = why;
    }
    return std::nullopt;
}

}  // namespace

std::optional<SegGrid> segGrid(const std::vector<SegFrameGeometry>& frames, int columns, int rows,
                               std::string* problem) {
    if (frames.empty() || columns <= 0 || rows <= 0) {
        return refuse(problem, "has no frame with an image size");
    }
    const SegFrameGeometry& first = frames.front();
    for (const SegFrameGeometry& f : frames) {
        if ((f.rowDirection - first.rowDirection).norm() > 1e-4 ||
            (f.columnDirection - first.columnDirection).norm() > 1e-4 ||
            (f.pixelSpacingRowCol - first.pixelSpacingRowCol).norm() > 1e-4) {
            return refuse(problem, "has frames of different orientations or pixel spacings");
        }
    }
    if (!(first.pixelSpacingRowCol.minCoeff() > 0) ||
        std::abs(first.rowDirection.norm() - 1.0) > 1e-3 ||
        std::abs(first.columnDirection.norm() - 1.0) > 1e-3) {
        return refuse(problem, "has no valid plane orientation or pixel spacing");
    }
    const Eigen::Vector3d normal = first.rowDirection.cross(first.columnDirection).normalized();
    std::vector<double> along;
    for (const SegFrameGeometry& f : frames) {
        along.push_back(f.positionMm.dot(normal));
    }
    std::vector<double> distinct = along;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(
        std::unique(distinct.begin(), distinct.end(),
                    [](double a, double b) { return std::abs(a - b) < kSamePositionMm; }),
        distinct.end());
    const std::size_t lowest =
        static_cast<std::size_t>(std::min_element(along.begin(), along.end()) - along.begin());
    const std::size_t highest =
        static_cast<std::size_t>(std::max_element(along.begin(), along.end()) - along.begin());

    // The step along the normal: Spacing Between Slices when every frame lies on a multiple
    // of it, else the largest step (the smallest gap divided by 1, 2, ...) that they all do.
    auto onMultiples = [&](double unit) {
        for (double d : along) {
            const double m = (d - distinct.front()) / unit;
            if (std::abs(m - std::round(m)) > kSliceTolerance) {
                return false;
            }
        }
        return true;
    };
    std::optional<double> unit;
    if (first.spacingBetweenSlicesMm && onMultiples(*first.spacingBetweenSlicesMm)) {
        unit = *first.spacingBetweenSlicesMm;
    } else if (distinct.size() == 1) {
        unit = first.spacingBetweenSlicesMm.value_or(1.0);
    } else {
        double gap = distinct[1] - distinct[0];
        for (std::size_t i = 2; i < distinct.size(); ++i) {
            gap = std::min(gap, distinct[i] - distinct[i - 1]);
        }
        for (int n = 1; n <= 8 && !unit; ++n) {
            if (onMultiples(gap / n)) {
                unit = gap / n;
            }
        }
    }
    if (!unit) {
        return refuse(problem, "has frames that do not lie on one regular grid of slices");
    }
    SegGrid grid;
    int slices = 1;
    for (double d : along) {
        grid.sliceOfFrame.push_back(static_cast<int>(std::lround((d - distinct.front()) / *unit)));
        slices = std::max(slices, grid.sliceOfFrame.back() + 1);
    }
    if (slices > 20000) {
        return refuse(problem, "has frames spread over more than 20000 slices");
    }
    const Eigen::Vector3d origin = frames[lowest].positionMm;
    const int top = grid.sliceOfFrame[highest];
    const Eigen::Vector3d step =
        top > 0 ? Eigen::Vector3d((frames[highest].positionMm - origin) / top) : normal * *unit;
    const double tolerance = 0.1 * first.pixelSpacingRowCol.minCoeff();
    for (std::size_t f = 0; f < frames.size(); ++f) {
        if ((frames[f].positionMm - (origin + grid.sliceOfFrame[f] * step)).norm() > tolerance) {
            return refuse(problem, "has frames that are not stacked on one grid (frame " +
                                       std::to_string(f + 1) + " is off it)");
        }
    }
    Eigen::Matrix4d indexToPatient = Eigen::Matrix4d::Identity();
    indexToPatient.block<3, 1>(0, 0) = first.rowDirection * first.pixelSpacingRowCol.y();
    indexToPatient.block<3, 1>(0, 1) = first.columnDirection * first.pixelSpacingRowCol.x();
    indexToPatient.block<3, 1>(0, 2) = step;
    indexToPatient.block<3, 1>(0, 3) = origin;
    grid.geometry = VolumeGeometry(Eigen::Vector3i(columns, rows, slices), indexToPatient);
    return grid;
}

}  // namespace crosscheck
