#include "core/findings/RoiAgreement.h"

#include <cstdint>
#include <vector>

#include "core/analysis/MaskedMetrics.h"
#include "core/roi/RoiSampler.h"

namespace crosscheck {

DiscrepancyMetrics agreementInRoi(const DifferenceVolume& difference, const Roi& roiInCtFrame,
                                  const std::string& maskName) {
    const Volume& ct = difference.ct();
    const Eigen::Vector3i d = ct.geometry().dims();
    std::vector<std::uint8_t> mask(static_cast<std::size_t>(d[0]) * d[1] * d[2], 0);
    for (const SampledVoxel& v : sampleRoi(roiInCtFrame, ct, 0.0).inside) {
        mask[(static_cast<std::size_t>(v.ijk[2]) * d[1] + v.ijk[1]) * d[0] + v.ijk[0]] = 1;
    }
    return metricsInMask(difference, mask, maskName.empty() ? "roi" : maskName);
}

std::optional<DiscrepancyMetrics> agreementInRoi(const DifferenceVolume& difference, const Roi& roi,
                                                 const FrameTransforms& transforms,
                                                 const std::string& ctFrameUid,
                                                 const std::string& maskName) {
    const std::optional<Eigen::Matrix4d> toCt =
        transforms.transform(roi.frameOfReferenceUid, ctFrameUid);
    if (!toCt) {
        return std::nullopt;
    }
    return agreementInRoi(difference, roi.transformed(*toCt, ctFrameUid), maskName);
}

}  // namespace crosscheck
