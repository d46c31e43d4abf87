#include "core/phantom/BodyModel.h"

#include <cmath>

#include "core/phantom/AnalyticShapes.h"
#include "core/phantom/PhantomRandom.h"

namespace crosscheck {

bool BodyModel::outside(const Eigen::Vector3d& p, Tissue& tissue) const {
    const double y = p.y() - m_centerY;
    if (shapes::insideEllipse(p.x(), y, m_semiX, m_semiY)) {
        return false;
    }
    // A carbon-fibre couch 6 mm below the back (posterior = +y), curving up at the sides.
    const double tableTop = m_centerY + m_semiY + 6.0 - p.x() * p.x() / 3000.0;
    tissue = (std::abs(p.x()) < 190.0 && p.y() >= tableTop && p.y() <= tableTop + 9.0)
                 ? Tissue::Table
                 : Tissue::Air;
    return true;
}

Tissue BodyModel::softTissue(const Eigen::Vector3d& p, double spineAxisY) const {
    const double x = p.x(), y = p.y(), z = p.z();
    // The fat layer is thicker at the back and flanks than over the belly.
    const double fat = m_fatThickness * (1.0 + 0.25 * std::abs(x) / m_semiX);
    if (!shapes::insideEllipse(x, y - m_centerY, m_semiX - fat, m_semiY - fat)) {
        return Tissue::Fat;
    }
    const double ys = y - spineAxisY;
    if (shapes::insideEllipse(x - 16.0, ys + 34.0, 11.0, 11.0)) {
        return Tissue::Vessel;  // aorta, left of the midline
    }
    if (shapes::insideEllipse(x + 19.0, ys + 30.0, 12.0, 8.5)) {
        return Tissue::Vessel;  // inferior vena cava, right
    }
    // Psoas muscles grow towards the feet (-z).
    const double psoas = 13.0 + 3.0 * std::clamp(-z / 100.0, -1.0, 1.0);
    if (shapes::insideEllipse(std::abs(x) - 38.0, ys - 2.0, psoas, psoas * 1.1)) {
        return Tissue::Muscle;
    }
    // Kidneys in their perirenal fat, either side of the spine, tilted with the psoas.
    {
        const double kx = std::abs(x) - 70.0, ky = ys - 10.0 + 0.3 * (std::abs(x) - 70.0),
                     kz = z - 12.0;
        const double r =
            (kx * kx) / (20.0 * 20.0) + (ky * ky) / (26.0 * 26.0) + (kz * kz) / (55.0 * 55.0);
        if (r < 1.0) {
            return Tissue::Kidney;
        }
        const double f =
            (kx * kx) / (28.0 * 28.0) + (ky * ky) / (34.0 * 34.0) + (kz * kz) / (64.0 * 64.0);
        if (f < 1.0) {
            return Tissue::Fat;
        }
    }
    // Retroperitoneal fat around the front and sides of the spine; behind the vertebral
    // bodies lie ligaments and the paraspinal muscles instead.
    if (shapes::insideEllipse(x, ys + 8.0, 68.0, 46.0) && !(ys > -4.0 && std::abs(x) < 34.0)) {
        return Tissue::Fat;
    }
    // Bowel loops in mesenteric fat fill the front of the abdomen: blobs of smooth noise.
    if (ys < 8.0 &&
        shapes::insideEllipse(x, y - m_centerY, m_semiX - fat - 12.0, m_semiY - fat - 10.0)) {
        const double n = smoothNoise(p, 16.0, 0xB0E1);
        if (n < -0.62) {
            return Tissue::Air;  // bowel gas
        }
        return n > -0.05 ? Tissue::Muscle : Tissue::Fat;
    }
    // A wedge of fat between the two paraspinal muscle columns, around the spinous processes.
    if (ys > 50.0 && ys < 88.0 && std::abs(x) < 1.5 + 0.12 * (ys - 50.0)) {
        return Tissue::Fat;
    }
    return Tissue::Muscle;
}

}  // namespace crosscheck
