#pragma once

#include <Eigen/Core>
#include <cstdint>

#include "core/phantom/BodyModel.h"
#include "core/phantom/CanalModel.h"
#include "core/phantom/EllipsoidLesion.h"
#include "core/phantom/PhantomOptions.h"
#include "core/phantom/SpineModel.h"
#include "core/phantom/Tissue.h"

namespace crosscheck {

/// The phantom patient, defined analytically: which tissue is at any point. Composes
/// the body, the spine and the canal, and places the calcified tumour (intradural,
/// dorsolateral in the canal, displacing the cord) and a second non-calcified lesion two
/// levels away. Tumour level and side follow from the seed and the patient number.
///
/// Anatomy frame = MR patient coordinates (LPS, mm). Not copyable (the canal refers to
/// the spine).
class PhantomAnatomy {
public:
    explicit PhantomAnatomy(const PhantomOptions& options);
    PhantomAnatomy(const PhantomAnatomy&) = delete;
    PhantomAnatomy& operator=(const PhantomAnatomy&) = delete;

    Tissue classify(const Eigen::Vector3d& p) const;
    /// Smooth texture in [-1, 1] of the tissues that have one (bone, tumour), else 0.
    double texture(Tissue tissue, const Eigen::Vector3d& p) const;
    static bool hasTexture(Tissue tissue) {
        return tissue == Tissue::Cortical || tissue == Tissue::Cancellous ||
               tissue == Tissue::Tumor;
    }

    const EllipsoidLesion& tumor() const { return m_tumor; }
    const EllipsoidLesion& lesion() const { return m_lesion; }
    const SpineModel& spine() const { return m_spine; }

private:
    SpineModel m_spine;
    CanalModel m_canal;
    BodyModel m_body;
    EllipsoidLesion m_tumor;
    EllipsoidLesion m_lesion;
    std::uint64_t m_textureSeed;
};

}  // namespace crosscheck
