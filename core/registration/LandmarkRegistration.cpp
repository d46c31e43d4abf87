#include "core/registration/LandmarkRegistration.h"

#include <Eigen/Geometry>
#include <Eigen/SVD>
#include <cmath>

#include "core/registration/RegistrationError.h"

namespace crosscheck {

namespace {

// The spread of a point set across its second principal direction: the RMS distance of
// the points from their best-fit line (mm). Zero for collinear points.
double distanceFromBestLine(const Eigen::Matrix3Xd& points) {
    const Eigen::Vector3d mean = points.rowwise().mean();
    const Eigen::Matrix3Xd centred = points.colwise() - mean;
    const Eigen::JacobiSVD<Eigen::Matrix3Xd> svd(centred);
    const Eigen::Vector3d s = svd.singularValues();
    const double n = static_cast<double>(points.cols());
    return std::sqrt((s(1) * s(1) + s(2) * s(2)) / n);
}

}  // namespace

LandmarkRegistrationResult registerLandmarks(const std::vector<LandmarkPair>& pairs,
                                             double collinearToleranceMm) {
    const auto n = static_cast<Eigen::Index>(pairs.size());
    if (n < 3) {
        throw RegistrationError("landmark registration needs at least 3 landmark pairs, got " +
                                std::to_string(n));
    }
    Eigen::Matrix3Xd moving(3, n);
    Eigen::Matrix3Xd fixed(3, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto& p = pairs[static_cast<std::size_t>(i)];
        if (!p.moving.mm.allFinite() || !p.fixed.mm.allFinite()) {
            throw RegistrationError("landmark " + std::to_string(i + 1) +
                                    " has a non-finite coordinate");
        }
        moving.col(i) = p.moving.mm;
        fixed.col(i) = p.fixed.mm;
    }
    if (distanceFromBestLine(moving) < collinearToleranceMm ||
        distanceFromBestLine(fixed) < collinearToleranceMm) {
        throw RegistrationError(
            "the landmarks lie on a line (or on one point); pick at least 3 points that span a "
            "plane");
    }
    LandmarkRegistrationResult result;
    result.movingToFixed = Eigen::umeyama(moving, fixed, false);
    double sumSquares = 0.0;
    result.residualsMm.reserve(pairs.size());
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Vector3d mapped = result.movingToFixed.topLeftCorner<3, 3>() * moving.col(i) +
                                       result.movingToFixed.topRightCorner<3, 1>();
        const double r = (mapped - fixed.col(i)).norm();
        result.residualsMm.push_back(r);
        sumSquares += r * r;
    }
    result.rmsMm = std::sqrt(sumSquares / static_cast<double>(n));
    return result;
}

}  // namespace crosscheck
