#include "core/analysis/AgreementMethods.h"

#include <cstdio>

namespace crosscheck {

namespace {
std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}
}  // namespace

std::string agreementMethods(const DiscrepancyMetrics& m) {
    using P = AgreementParameters;
    const std::string clip = "[" + number(P::kClipLowHu) + ", " + number(P::kClipHighHu) + "] HU";
    const std::string range = number(P::kDataRange);
    const std::string window = std::to_string(P::kSsimWindow);
    const std::string body = "the CT body above " + number(m.bodyThresholdHu) +
                             " HU with holes filled, where the resampled sCT has a value";
    const std::string where =
        m.mask == kBodyMaskName ? body : "inside " + m.mask + ", within " + body;
    return "Metrics as defined by SynthRAD, over the mask " + m.mask + " (" + where + "; " +
           std::to_string(m.voxels) +
           " voxels): MAE, ME (CT - sCT) and RMSE in unclipped HU; PSNR = 10 log10(" + range +
           "^2 / MSE) with both images clipped to " + clip + "; SSIM with both images clipped to " +
           clip + ", set to " + number(P::kClipLowHu) + " outside the mask and shifted by +" +
           number(-P::kClipLowHu) + ", a " + window + "x" + window + "x" + window +
           " uniform window, sample covariance, K1 " + number(P::kSsimK1) + ", K2 " +
           number(P::kSsimK2) + ", data range " + range + ", averaged over the " +
           std::to_string(m.ssimVoxels) + " mask voxels at least " +
           std::to_string(P::kSsimEdgeCropVoxels) +
           " voxels from every edge of the volume; bone Dice of CT >= " +
           number(P::kBoneThresholdHu) + " HU and sCT >= " + number(P::kBoneThresholdHu) + " HU.";
}

}  // namespace crosscheck
