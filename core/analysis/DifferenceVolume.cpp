#include "core/analysis/DifferenceVolume.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/analysis/AgreementSums.h"
#include "core/analysis/BodyMask.h"
#include "core/analysis/ResampleToGrid.h"
#include "core/analysis/StructuralSimilarity.h"
#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

std::shared_ptr<const DifferenceVolume> DifferenceVolume::compute(std::shared_ptr<const Volume> ct,
                                                                  const Volume& sct,
                                                                  const Eigen::Matrix4d& ctToSct,
                                                                  const DifferenceOptions& options,
                                                                  const Progress& progress) {
    if (!ct || ct->voxelType() != VoxelType::Int16 || sct.voxelType() != VoxelType::Int16) {
        throw std::invalid_argument("the discrepancy analysis needs int16 HU volumes (CT and sCT)");
    }
    std::shared_ptr<DifferenceVolume> result(new DifferenceVolume());
    result->m_ct = ct;
    result->m_ctToSct = ctToSct;
    DifferenceTimings& t = result->m_timings;

    // Body first, so that only body voxels are resampled.
    auto start = Clock::now();
    progress(0.0, "body mask");
    result->m_domain = bodyMask(*ct, options.bodyThresholdHu, progress);
    t.bodyMaskMs = msSince(start);

    start = Clock::now();
    const Progress resampleProgress = progress.subRange(0.1, 0.6);
    std::shared_ptr<Volume> sctOnCt =
        resampleToGrid(sct, ct->geometry(), ctToSct, resampleProgress, &result->m_domain);
    result->m_sct = sctOnCt;
    t.resampleMs = msSince(start);

    start = Clock::now();
    progress(0.7, "difference");
    auto difference = std::make_shared<Volume>(ct->geometry(), VoxelType::Int16);
    const Eigen::Vector3i d = ct->geometry().dims();
    const std::size_t sliceSize = static_cast<std::size_t>(d[0]) * d[1];
    std::vector<AgreementSums> sums(static_cast<std::size_t>(d[2]));
    // The candidate list is collected in the same pass (CandidateVoxels).
    const int floor = static_cast<int>(std::ceil(options.candidateFloorHu));
    std::vector<std::vector<CandidateVoxel>> candidates(static_cast<std::size_t>(d[2]));
    std::vector<std::uint32_t> rowCounts(static_cast<std::size_t>(d[1]) * d[2], 0);
    const std::int16_t* c = ct->voxels<std::int16_t>();
    const std::int16_t* s = sctOnCt->voxels<std::int16_t>();
    std::int16_t* out = difference->voxels<std::int16_t>();
    std::uint8_t* domain = result->m_domain.data();
    parallelFor(d[2], [&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            if (progress.cancelled()) {
                throw Cancelled();
            }
            AgreementSums& acc = sums[static_cast<std::size_t>(k)];
            const std::size_t first = static_cast<std::size_t>(k) * sliceSize;
            auto& sliceCandidates = candidates[static_cast<std::size_t>(k)];
            for (std::size_t o = first; o < first + sliceSize; ++o) {
                if (!domain[o] || s[o] == kNoSampleValue) {
                    domain[o] = 0;
                    out[o] = 0;
                    continue;
                }
                const int ctHu = c[o], sctHu = s[o];
                const int diff = ctHu - sctHu;
                // CT and sCT within int16 but their difference may not be: clamp.
                out[o] = static_cast<std::int16_t>(diff < -32767  ? -32767
                                                   : diff > 32767 ? 32767
                                                                  : diff);
                const int absDiff = acc.addVoxel(ctHu, sctHu);
                if (absDiff >= floor) {
                    const std::size_t inSlice = o - first;
                    sliceCandidates.push_back({static_cast<std::int32_t>(inSlice % d[0]),
                                               static_cast<std::int16_t>(ctHu), out[o]});
                    ++rowCounts[static_cast<std::size_t>(k) * d[1] + inSlice / d[0]];
                }
            }
        }
    });
    AgreementSums total;
    for (const AgreementSums& sliceSums : sums) {
        total.add(sliceSums);
    }
    if (total.count == 0) {
        throw std::runtime_error(
            "the sCT covers none of the CT's body: nothing to compare (is the transform right?)");
    }
    result->m_metrics = total.metrics();
    result->m_metrics.bodyThresholdHu = options.bodyThresholdHu;
    result->m_difference = difference;
    t.differenceMs = msSince(start);

    start = Clock::now();
    progress(0.8, "structural similarity");
    const MaskedSsim ssim = structuralSimilarity(*ct, *sctOnCt, result->m_domain);
    result->m_metrics.ssim = ssim.ssim;
    result->m_metrics.ssimVoxels = ssim.voxels;
    t.ssimMs = msSince(start);

    start = Clock::now();
    result->m_candidates =
        CandidateVoxels::assemble(options.candidateFloorHu, d[1], rowCounts, candidates);
    t.candidatesMs = msSince(start);
    progress(1.0, "difference done");
    return result;
}

}  // namespace crosscheck
