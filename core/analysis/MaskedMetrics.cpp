#include "core/analysis/MaskedMetrics.h"

#include <stdexcept>

#include "core/analysis/AgreementSums.h"
#include "core/analysis/StructuralSimilarity.h"
#include "core/util/ParallelFor.h"

namespace crosscheck {

DiscrepancyMetrics metricsInMask(const DifferenceVolume& difference,
                                 const std::vector<std::uint8_t>& mask,
                                 const std::string& maskName) {
    const Eigen::Vector3i d = difference.ct().geometry().dims();
    const std::size_t sliceSize = static_cast<std::size_t>(d[0]) * d[1];
    if (mask.size() != sliceSize * static_cast<std::size_t>(d[2])) {
        throw std::invalid_argument("the metrics mask does not have the CT grid's size");
    }
    std::vector<std::uint8_t> inside(mask.size(), 0);
    std::vector<AgreementSums> sums(static_cast<std::size_t>(d[2]));
    const std::int16_t* ct = difference.ct().voxels<std::int16_t>();
    const std::int16_t* sct = difference.sctOnCtGrid().voxels<std::int16_t>();
    const std::vector<std::uint8_t>& domain = difference.domain();
    parallelFor(d[2], [&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            AgreementSums& acc = sums[static_cast<std::size_t>(k)];
            const std::size_t first = static_cast<std::size_t>(k) * sliceSize;
            for (std::size_t o = first; o < first + sliceSize; ++o) {
                if (mask[o] && domain[o]) {
                    inside[o] = 1;
                    acc.addVoxel(ct[o], sct[o]);
                }
            }
        }
    });
    AgreementSums total;
    for (const AgreementSums& slice : sums) {
        total.add(slice);
    }
    DiscrepancyMetrics m = total.metrics();
    m.bodyThresholdHu = difference.metrics().bodyThresholdHu;
    m.mask = maskName;
    const MaskedSsim ssim = structuralSimilarity(difference.ct(), difference.sctOnCtGrid(), inside);
    m.ssim = ssim.ssim;
    m.ssimVoxels = ssim.voxels;
    return m;
}

}  // namespace crosscheck
