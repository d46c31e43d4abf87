#include "core/phantom/PhantomAnatomy.h"

#include <algorithm>
#include <cmath>

#include "core/phantom/PhantomRandom.h"

namespace crosscheck {

PhantomAnatomy::PhantomAnatomy(const PhantomOptions& options)
    : m_canal(m_spine),
      m_textureSeed(PhantomRandom::hash(options.seed, 0x7E47, options.patientNumber)) {
    PhantomRandom random(options.seed, 0xA7A7, static_cast<std::uint64_t>(options.patientNumber));
    // Level -1, 0 or +1 around the middle of the fields of view; the tumour sits a few
    // millimetres above its vertebra's mid-height, on the right or the left.
    const int level = static_cast<int>(random.next() % 3) - 1;
    const double side = (random.next() & 1) ? 1.0 : -1.0;
    const Eigen::Vector3d d = options.tumorDiametersMm.cwiseMax(2.0);  // SI, AP, LR
    m_tumor.semiAxesMm = Eigen::Vector3d(d[2], d[1], d[0]) * 0.5;
    m_tumor.centerMm.z() = m_spine.levelZ(level) + 2.0 + 4.0 * random.uniform();
    m_canal.placeLesion(m_tumor, Eigen::Vector2d(side * -0.3 * m_tumor.semiAxesMm.x(),
                                                 0.3 * m_tumor.semiAxesMm.y()));
    // The second lesion: small, posterior on the other side, two levels away.
    m_lesion.semiAxesMm = Eigen::Vector3d(4.0, 3.5, 5.5);
    const double lesionZ = m_tumor.centerMm.z() + (level >= 0 ? -2.0 : 2.0) * m_spine.periodMm();
    m_lesion.centerMm.z() = lesionZ;
    m_canal.placeLesion(m_lesion, Eigen::Vector2d(side * 2.5, 3.0));
}

Tissue PhantomAnatomy::classify(const Eigen::Vector3d& p) const {
    Tissue tissue = Tissue::Air;
    if (m_body.outside(p, tissue)) {
        return tissue;
    }
    if (m_tumor.contains(p)) {
        return Tissue::Tumor;
    }
    if (m_lesion.contains(p)) {
        return Tissue::Lesion;
    }
    if (m_canal.inside(p, tissue)) {
        return tissue;
    }
    if (auto bone = m_spine.classify(p, m_canal)) {
        return *bone;
    }
    return m_body.softTissue(p, m_spine.axisY(p.z()));
}

double PhantomAnatomy::texture(Tissue tissue, const Eigen::Vector3d& p) const {
    switch (tissue) {
        case Tissue::Cancellous:
            return std::clamp(1.6 * smoothNoise(p, 2.2, m_textureSeed ^ 0x1), -1.0, 1.0);
        case Tissue::Cortical:
            return smoothNoise(p, 5.0, m_textureSeed ^ 0x2);
        case Tissue::Tumor:
            // Clumpy calcification: coarse lumps with finer grain.
            return std::clamp(1.3 * smoothNoise(p, 3.0, m_textureSeed ^ 0x3) +
                                  0.5 * smoothNoise(p, 1.2, m_textureSeed ^ 0x4),
                              -1.0, 1.0);
        default:
            return 0.0;
    }
}

}  // namespace crosscheck
