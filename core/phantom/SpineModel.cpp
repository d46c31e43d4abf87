#include "core/phantom/SpineModel.h"

#include <cmath>

#include "core/phantom/AnalyticShapes.h"
#include "core/phantom/CanalModel.h"

namespace crosscheck {

using shapes::boxDistance;
using shapes::ellipseDistance;

double SpineModel::axisY(double z) const {
    // A mild thoracolumbar curve: the spine bows backwards away from z = 0.
    const double t = z / 120.0;
    return m_axisY + 7.0 * t * t;
}

int SpineModel::nearestLevel(double z) const {
    return static_cast<int>(std::floor((z - m_levelOffsetZ) / periodMm() + 0.5));
}

std::optional<Tissue> SpineModel::classify(const Eigen::Vector3d& p,
                                           const CanalModel& canal) const {
    const double x = p.x(), z = p.z();
    const double y = p.y() - axisY(z);
    if (std::abs(x) > 60.0 || y < -m_bodySemiY - 4.0 || y > 110.0) {
        return std::nullopt;
    }
    const int level = nearestLevel(z);
    const double dz = z - levelZ(level);
    const double halfHeight = 0.5 * m_bodyHeight;
    if (std::abs(dz) < halfHeight) {
        const double t = dz / halfHeight;
        const double waist = 1.0 - 0.07 * (1.0 - t * t);
        // The posterior wall is flat to slightly concave (a bean, not an oval).
        const double u = std::min(1.0, x * x / (m_bodySemiX * m_bodySemiX));
        const double yBean = y > 0.0 ? y + 3.5 * (1.0 - u) * std::min(1.0, y / 6.0) : y;
        const double d =
            std::max(ellipseDistance(x, yBean, m_bodySemiX * waist, m_bodySemiY * waist),
                     std::abs(dz) - halfHeight);
        if (d < 0.0) {
            return d > -m_cortexMm ? Tissue::Cortical : Tissue::Cancellous;
        }
    } else {
        const double dd = std::abs(dz) - 0.5 * periodMm();  // from the disc's mid-plane
        const double t = dd / (0.5 * m_discHeight);
        const double bulge = 1.02 + 0.04 * std::max(0.0, 1.0 - t * t);
        if (shapes::insideEllipse(x, y, m_bodySemiX * bulge, m_bodySemiY * bulge)) {
            const double nx = x / (0.55 * m_bodySemiX), ny = (y - 2.0) / (0.5 * m_bodySemiY),
                         nz = dd / (0.36 * m_discHeight);
            return nx * nx + ny * ny + nz * nz < 1.0 ? Tissue::Nucleus : Tissue::Annulus;
        }
    }
    // The spinous process slopes towards the feet, into the z range of the level below,
    // so a point may belong to its own level's arch or to the one above.
    if (auto t = classifyPosterior(p, level, canal)) {
        return t;
    }
    return classifyPosterior(p, level + 1, canal);
}

std::optional<Tissue> SpineModel::classifyPosterior(const Eigen::Vector3d& p, int level,
                                                    const CanalModel& canal) const {
    const double zc = levelZ(level);
    const double x = p.x(), z = p.z();
    const Eigen::Vector2d c = canal.centerAt(z);
    const Eigen::Vector2d r = canal.semiAxesAt(z);
    const double y = p.y() - c.y();  // relative to the canal centre
    if (y > r.y() + 47.0 || y < -30.0 || std::abs(x) > r.x() + 36.0 ||
        std::abs(z - zc + 8.0) > 30.0) {
        return std::nullopt;  // beyond every posterior element of this level
    }
    const double bodyToCanal = c.y() - axisY(z);

    // Laminae: a ring around the posterior two thirds of the canal.
    double d = std::max(ellipseDistance(x, y, r.x() + 6.5, r.y() + 5.0),
                        -ellipseDistance(x, y, r.x(), r.y()));
    d = std::max(d, -(y + 0.3 * r.y()));
    d = std::max(d, std::abs(z - zc - 1.0) - 9.5);
    // Pedicles: from the back of the body to the ring, either side of the canal.
    const double pedicleFront = bodyToCanal - 0.35 * m_bodySemiY;  // from inside the body
    d = std::min(d, boxDistance(std::abs(x) - (r.x() + 2.5), y + 0.5 * pedicleFront, z - zc - 2.0,
                                3.0, 0.5 * pedicleFront, 5.5));
    // Spinous process: midline, sloping down by half a millimetre per millimetre back.
    const double v = y - (r.y() + 3.0);
    if (v > -4.0 && v < 42.0) {
        const double zs = z - (zc + 3.0 - 0.5 * std::max(v, 0.0));
        d = std::min(d, boxDistance(x, v - 18.0, zs, 3.2, 19.0, 6.5 - 0.05 * std::max(v, 0.0)));
    }
    // Transverse processes, pointing sideways and slightly back.
    d = std::min(d,
                 boxDistance(std::abs(x) - (r.x() + 19.0), y - 1.0 - 0.15 * (std::abs(x) - r.x()),
                             z - zc - 2.0, 15.0, 4.5, 5.5));
    // Articular processes: short columns behind the pedicles (the facet joints).
    d = std::min(
        d, boxDistance(std::abs(x) - (r.x() + 5.5), y - 0.5 * r.y(), z - zc - 1.0, 4.0, 4.0, 13.0));
    if (d >= 0.0) {
        return std::nullopt;
    }
    // The thin posterior elements are mostly compact bone.
    return d > -1.6 * m_cortexMm ? Tissue::Cortical : Tissue::Cancellous;
}

}  // namespace crosscheck
