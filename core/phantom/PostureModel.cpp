#include "core/phantom/PostureModel.h"

#include <algorithm>
#include <cmath>

#include "core/geometry/RigidTransform.h"
#include "core/phantom/PhantomRandom.h"
#include "core/phantom/SpineModel.h"

namespace crosscheck {

namespace {
constexpr double kDegree = 3.14159265358979323846 / 180.0;
// Levels -4 .. 4 cover the MRI field of view (z within +-128 mm) and the CT's.
constexpr int kLevelsEachSide = 4;
// Half the thickness of the blend across a disc's mid-plane (the disc is 9 mm thick and
// the bodies must stay rigid).
constexpr double kBlendHalfMm = 3.0;
}  // namespace

PostureModel::PostureModel(const SpineModel& spine, const PhantomOptions& options)
    : m_spine(spine), m_active(options.postureDegrees > 0.0), m_first(-kLevelsEachSide) {
    const int count = 2 * kLevelsEachSide + 1;
    const double maxDeg = std::max(0.0, options.postureDegrees);
    PhantomRandom random(options.seed, 0x905E, static_cast<std::uint64_t>(options.patientNumber));
    m_degrees.assign(count, Eigen::Vector3d::Zero());
    for (int i = 0; i < count; ++i) {
        const int level = m_first + i;
        // A change of lordosis: the bend grows away from the middle level, each level with
        // its own jitter; small turns about the other two axes.
        // The full bend is reached two levels from the middle.
        const double ramp = std::clamp(static_cast<double>(level) / 2.0, -1.0, 1.0);
        const double jitter = 2.0 * random.uniform() - 1.0;
        const double x = std::clamp(0.8 * ramp + 0.2 * jitter, -1.0, 1.0) * maxDeg;
        const double y = 0.2 * (2.0 * random.uniform() - 1.0) * maxDeg;
        const double z = 0.2 * (2.0 * random.uniform() - 1.0) * maxDeg;
        m_degrees[static_cast<std::size_t>(i)] = Eigen::Vector3d(x, y, z);
    }
    // Each level turns about its own body centre; the centres follow the bent column: the
    // segment from one centre to the next turns by the mean of the two levels' turns.
    std::vector<Eigen::Vector3d> posedCentre(count);
    const int middle = kLevelsEachSide;
    posedCentre[static_cast<std::size_t>(middle)] = levelCentre(0);
    for (int i = middle + 1; i < count; ++i) {
        const Eigen::Vector3d mean = 0.5 * (m_degrees[static_cast<std::size_t>(i - 1)] +
                                            m_degrees[static_cast<std::size_t>(i)]);
        posedCentre[static_cast<std::size_t>(i)] =
            posedCentre[static_cast<std::size_t>(i - 1)] +
            rotationFromEuler(mean * kDegree) *
                (levelCentre(m_first + i) - levelCentre(m_first + i - 1));
    }
    for (int i = middle - 1; i >= 0; --i) {
        const Eigen::Vector3d mean = 0.5 * (m_degrees[static_cast<std::size_t>(i + 1)] +
                                            m_degrees[static_cast<std::size_t>(i)]);
        posedCentre[static_cast<std::size_t>(i)] =
            posedCentre[static_cast<std::size_t>(i + 1)] +
            rotationFromEuler(mean * kDegree) *
                (levelCentre(m_first + i) - levelCentre(m_first + i + 1));
    }
    for (int i = 0; i < count; ++i) {
        const Eigen::Vector3d c = levelCentre(m_first + i);
        const Eigen::Matrix4d toPosed =
            rigidFromEuler(m_degrees[static_cast<std::size_t>(i)] * kDegree,
                           posedCentre[static_cast<std::size_t>(i)] - c, c);
        m_toPosed.push_back(m_active ? toPosed : Eigen::Matrix4d::Identity());
        m_toAnatomy.push_back(rigidInverse(m_toPosed.back()));
        if (!m_active) {
            m_degrees[static_cast<std::size_t>(i)].setZero();
        }
    }
}

int PostureModel::clampLevel(int level) const {
    return std::clamp(level, firstLevel(), lastLevel());
}

const Eigen::Matrix4d& PostureModel::levelToPosed(int level) const {
    return m_toPosed[static_cast<std::size_t>(clampLevel(level) - m_first)];
}

const Eigen::Vector3d& PostureModel::levelRotationDegrees(int level) const {
    return m_degrees[static_cast<std::size_t>(clampLevel(level) - m_first)];
}

Eigen::Vector3d PostureModel::levelCentre(int level) const {
    const double z = m_spine.levelZ(level);
    return Eigen::Vector3d(0.0, m_spine.axisY(z), z);
}

int PostureModel::levelAt(const Eigen::Vector3d& anatomyMm) const {
    return clampLevel(m_spine.nearestLevel(anatomyMm.z()));
}

Eigen::Vector3d PostureModel::toAnatomy(const Eigen::Vector3d& posedMm) const {
    if (!m_active) {
        return posedMm;
    }
    const auto back = [&](int i) -> Eigen::Vector3d {
        const Eigen::Matrix4d& m = m_toAnatomy[static_cast<std::size_t>(i)];
        return m.topLeftCorner<3, 3>() * posedMm + m.topRightCorner<3, 1>();
    };
    // The level whose own inverse puts the point nearest its body's mid-height.
    const int count = static_cast<int>(m_toAnatomy.size());
    int best = 0;
    double bestDistance = 1e30;
    Eigen::Vector3d bestPoint = posedMm;
    for (int i = 0; i < count; ++i) {
        const Eigen::Vector3d q = back(i);
        const double d = std::abs(q.z() - m_spine.levelZ(m_first + i));
        if (d < bestDistance) {
            bestDistance = d;
            best = i;
            bestPoint = q;
        }
    }
    const double dz = bestPoint.z() - m_spine.levelZ(m_first + best);
    const int a = dz >= 0.0 ? best : best - 1;  // the pair (a, a + 1) around the nearer disc
    if (a < 0 || a + 1 >= count) {
        return bestPoint;
    }
    const Eigen::Vector3d qa = back(a), qb = back(a + 1);
    const double discMid = m_spine.levelZ(m_first + a) + 0.5 * m_spine.periodMm();
    const double s = 0.5 * (qa.z() + qb.z()) - discMid;
    const double t = std::clamp((s + kBlendHalfMm) / (2.0 * kBlendHalfMm), 0.0, 1.0);
    const double w = t * t * (3.0 - 2.0 * t);
    return (1.0 - w) * qa + w * qb;
}

}  // namespace crosscheck
