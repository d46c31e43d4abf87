#pragma once

#include <cstdint>

namespace crosscheck {

/// The tissue classes of the phantom's analytic anatomy. Every modality maps each class
/// to a value (HU for CT and sCT, signal for MR); see PhantomTissueValues.
enum class Tissue : std::uint8_t {
    Air,
    Table,       ///< CT couch below the patient (CT only; no MR signal, not in the sCT)
    Fat,         ///< subcutaneous and paraspinal fat
    Muscle,      ///< muscle and other soft tissue
    Vessel,      ///< aorta and vena cava (unenhanced blood; flow void on MR)
    Kidney,      ///< renal parenchyma
    Cortical,    ///< cortical bone shell and thin posterior elements
    Cancellous,  ///< trabecular bone with marrow
    Annulus,     ///< intervertebral disc, outer annulus fibrosus
    Nucleus,     ///< intervertebral disc, nucleus pulposus
    Csf,         ///< cerebrospinal fluid in the dural sac
    Cord,        ///< spinal cord
    Tumor,       ///< the calcified intradural tumour (the finding)
    Lesion,      ///< the second, non-calcified intradural lesion (must not be flagged)
    Count
};

constexpr int kTissueCount = static_cast<int>(Tissue::Count);

}  // namespace crosscheck
