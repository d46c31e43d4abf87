#include "core/phantom/CanalModel.h"

#include <cmath>

#include "core/phantom/AnalyticShapes.h"
#include "core/phantom/SpineModel.h"

namespace crosscheck {

namespace {
constexpr double kTwoPi = 6.283185307179586;
constexpr double kCordFlattening = 0.75;  // AP semi-axis factor of a displaced cord
constexpr int kBoundarySamples = 48;

double cordWeight(const EllipsoidLesion& lesion, double z) {
    const double sigma = 0.7 * lesion.semiAxesMm.z() + 4.0;
    const double t = (z - lesion.centerMm.z()) / sigma;
    return std::exp(-0.5 * t * t);
}
double wideningWeight(const EllipsoidLesion& lesion, double z) {
    return shapes::plateau(z - lesion.centerMm.z(), lesion.semiAxesMm.z(), 10.0);
}
}  // namespace

CanalModel::CanalModel(const SpineModel& spine) : m_spine(spine) {}

Eigen::Vector2d CanalModel::centerAt(double z) const {
    return {0.0, m_spine.axisY(z) + m_spine.bodySemiY() + 1.5 + m_semiAxes.y()};
}

Eigen::Vector2d CanalModel::semiAxesAt(double z) const {
    double factor = 1.0;
    for (const auto& l : m_lesions) {
        factor += (l.canalWidening - 1.0) * wideningWeight(l, z);
    }
    return m_semiAxes * factor;
}

bool CanalModel::cordFits(const Eigen::Vector2d& cordCenter, const Eigen::Vector2d& cordSemi,
                          const EllipsoidLesion& lesion, const Eigen::Vector2d& lesionOffset,
                          double widening) const {
    const Eigen::Vector2d lesionSemi = lesion.semiAxesMm.head<2>() + Eigen::Vector2d::Constant(0.8);
    const Eigen::Vector2d canalSemi = m_semiAxes * widening - Eigen::Vector2d::Constant(0.5);
    for (int s = 0; s < kBoundarySamples; ++s) {
        const double a = kTwoPi * s / kBoundarySamples;
        const Eigen::Vector2d q =
            cordCenter + cordSemi.cwiseProduct(Eigen::Vector2d(std::cos(a), std::sin(a)));
        if ((q - lesionOffset).cwiseQuotient(lesionSemi).squaredNorm() < 1.0) {
            return false;
        }
        if (q.cwiseQuotient(canalSemi).squaredNorm() > 1.0) {
            return false;
        }
    }
    return true;
}

void CanalModel::placeLesion(EllipsoidLesion& lesion, const Eigen::Vector2d& offsetMm) {
    const Eigen::Vector2d c = centerAt(lesion.centerMm.z());
    lesion.centerMm.head<2>() = c + offsetMm;
    // Widen the sac until it holds the lesion with a millimetre to spare.
    double needed = 0.0;
    const Eigen::Vector2d semi = lesion.semiAxesMm.head<2>() + Eigen::Vector2d::Constant(1.0);
    for (int s = 0; s < kBoundarySamples; ++s) {
        const double a = kTwoPi * s / kBoundarySamples;
        const Eigen::Vector2d q =
            offsetMm + semi.cwiseProduct(Eigen::Vector2d(std::cos(a), std::sin(a)));
        needed = std::max(needed, q.cwiseQuotient(m_semiAxes).norm());
    }
    double widening = std::max(1.06, needed);
    // Push the cord away from the lesion, flattened, until it clears it; widen further if
    // the pushed cord no longer fits in the sac.
    const Eigen::Vector2d away = offsetMm.norm() > 1e-6 ? Eigen::Vector2d(-offsetMm.normalized())
                                                        : Eigen::Vector2d(0.0, -1.0);
    const Eigen::Vector2d flatSemi(m_cordSemi.x(), m_cordSemi.y() * kCordFlattening);
    Eigen::Vector2d push = Eigen::Vector2d::Zero();
    if (!cordFits(m_cordOffset, m_cordSemi, lesion, offsetMm, widening)) {
        bool found = false;
        for (int attempt = 0; attempt < 40 && !found; ++attempt) {
            for (double m = 0.0; m <= 14.0 && !found; m += 0.25) {
                if (cordFits(m_cordOffset + m * away, flatSemi, lesion, offsetMm, widening)) {
                    push = m * away;
                    found = true;
                }
            }
            if (!found) {
                widening += 0.02;
            }
        }
    }
    lesion.canalWidening = widening;
    double total = 1.0;
    for (const auto& l : m_lesions) {
        total += l.canalWidening - 1.0;
    }
    m_maxSemi = m_semiAxes * (total + widening - 1.0);
    lesion.cordPushMm = push;
    m_lesions.push_back(lesion);
}

bool CanalModel::inside(const Eigen::Vector3d& p, Tissue& tissue) const {
    const double z = p.z();
    const Eigen::Vector2d c = centerAt(z);
    const Eigen::Vector2d q = p.head<2>() - c;
    if (std::abs(q.x()) > m_maxSemi.x() || std::abs(q.y()) > m_maxSemi.y()) {
        return false;  // cheap rejection of most of the body
    }
    const Eigen::Vector2d semi = semiAxesAt(z);
    if (q.cwiseQuotient(semi).squaredNorm() > 1.0) {
        return false;
    }
    Eigen::Vector2d cordCenter = m_cordOffset;
    double flatten = 0.0;
    for (const auto& l : m_lesions) {
        const double w = cordWeight(l, z);
        cordCenter += w * l.cordPushMm;
        if (l.cordPushMm.squaredNorm() > 0.0) {
            flatten = std::max(flatten, w);
        }
    }
    const Eigen::Vector2d cordSemi(m_cordSemi.x(),
                                   m_cordSemi.y() * (1.0 - (1.0 - kCordFlattening) * flatten));
    tissue =
        (q - cordCenter).cwiseQuotient(cordSemi).squaredNorm() <= 1.0 ? Tissue::Cord : Tissue::Csf;
    return true;
}

}  // namespace crosscheck
