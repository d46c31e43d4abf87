#include "core/phantom/PhantomTissueValues.h"

#include <initializer_list>
#include <utility>

namespace crosscheck {

namespace {
PhantomTissueValues make(std::initializer_list<std::pair<Tissue, float>> base,
                         std::initializer_list<std::pair<Tissue, float>> texture) {
    PhantomTissueValues v;
    for (const auto& [t, value] : base) {
        v.base[static_cast<int>(t)] = value;
    }
    for (const auto& [t, amplitude] : texture) {
        v.texture[static_cast<int>(t)] = amplitude;
    }
    return v;
}
}  // namespace

PhantomTissueValues PhantomTissueValues::ct(double tumorHu) {
    const auto hu = static_cast<float>(tumorHu);
    return make({{Tissue::Air, -1000},
                 {Tissue::Table, -350},
                 {Tissue::Fat, -100},
                 {Tissue::Muscle, 40},
                 {Tissue::Vessel, 38},
                 {Tissue::Kidney, 32},
                 {Tissue::Cortical, 1000},
                 {Tissue::Cancellous, 250},
                 {Tissue::Annulus, 80},
                 {Tissue::Nucleus, 85},
                 {Tissue::Csf, 5},
                 {Tissue::Cord, 35},
                 {Tissue::Tumor, hu},
                 {Tissue::Lesion, 45}},
                {{Tissue::Cortical, 120}, {Tissue::Cancellous, 70}, {Tissue::Tumor, 0.35f * hu}});
}

PhantomTissueValues PhantomTissueValues::sct(double tumorHu, bool showsTumor) {
    const auto hu = static_cast<float>(0.9 * tumorHu);
    return make({{Tissue::Air, -1000},
                 {Tissue::Table, -1000},
                 {Tissue::Fat, -95},
                 {Tissue::Muscle, 42},
                 {Tissue::Vessel, 36},
                 {Tissue::Kidney, 34},
                 {Tissue::Cortical, 900},
                 {Tissue::Cancellous, 225},
                 {Tissue::Annulus, 75},
                 {Tissue::Nucleus, 78},
                 {Tissue::Csf, 10},
                 {Tissue::Cord, 30},
                 {Tissue::Tumor, showsTumor ? hu : 20.0f},
                 {Tissue::Lesion, 45}},
                {{Tissue::Cortical, 60},
                 {Tissue::Cancellous, 40},
                 {Tissue::Tumor, showsTumor ? 0.3f * hu : 0.0f}});
}

PhantomTissueValues PhantomTissueValues::t1w() {
    return make({{Tissue::Fat, 950},
                 {Tissue::Muscle, 330},
                 {Tissue::Vessel, 60},
                 {Tissue::Kidney, 420},
                 {Tissue::Cortical, 40},
                 {Tissue::Cancellous, 620},
                 {Tissue::Annulus, 250},
                 {Tissue::Nucleus, 300},
                 {Tissue::Csf, 60},
                 {Tissue::Cord, 470},
                 {Tissue::Tumor, 170},
                 {Tissue::Lesion, 360}},
                {{Tissue::Cancellous, 70}, {Tissue::Tumor, 30}});
}

PhantomTissueValues PhantomTissueValues::t2w() {
    return make({{Tissue::Fat, 750},
                 {Tissue::Muscle, 230},
                 {Tissue::Vessel, 40},
                 {Tissue::Kidney, 650},
                 {Tissue::Cortical, 30},
                 {Tissue::Cancellous, 430},
                 {Tissue::Annulus, 220},
                 {Tissue::Nucleus, 1000},
                 {Tissue::Csf, 1300},
                 {Tissue::Cord, 520},
                 {Tissue::Tumor, 110},
                 {Tissue::Lesion, 850}},
                {{Tissue::Cancellous, 50}, {Tissue::Tumor, 25}});
}

}  // namespace crosscheck
