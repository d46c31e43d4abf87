#pragma once

#include <array>

#include "core/phantom/Tissue.h"

namespace crosscheck {

/// What one image channel (CT, T1w, T2w, sCT) shows for each tissue: a base value plus
/// the amplitude of the tissue's texture (PhantomAnatomy::texture, in [-1, 1]).
/// CT and sCT values are HU; MR values are signal in arbitrary scanner units (0..~1300),
/// chosen for the usual spine appearance: T1w fat and marrow bright, CSF dark; T2w CSF
/// and disc nucleus bright; the calcified tumour dark on both.
struct PhantomTissueValues {
    std::array<float, kTissueCount> base{};
    std::array<float, kTissueCount> texture{};

    float& operator[](Tissue t) { return base[static_cast<int>(t)]; }

    static PhantomTissueValues ct(double tumorHu);
    /// The synthetic CT: bone about 10 % lower; the tumour as soft tissue (20 HU) unless
    /// `showsTumor`, then at 0.9 times its CT attenuation.
    static PhantomTissueValues sct(double tumorHu, bool showsTumor);
    static PhantomTissueValues t1w();
    static PhantomTissueValues t2w();
};

}  // namespace crosscheck
