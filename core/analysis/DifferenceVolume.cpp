#include "core/analysis/DifferenceVolume.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

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

/// Exact integer sums of one slice; added up in slice order so the result does not
/// depend on the thread count.
struct SliceSums {
    long long count = 0, sum = 0, sumAbs = 0, sumSquares = 0;
    long long sumSquaresClipped = 0;  // both clipped to [-1024, 3000] HU (PSNR)
    long long classCount[3] = {0, 0, 0}, classAbs[3] = {0, 0, 0};  // bone, soft, air
    long long ctBone = 0, sctBone = 0, bothBone = 0;

    void add(const SliceSums& o) {
        count += o.count;
        sum += o.sum;
        sumAbs += o.sumAbs;
        sumSquares += o.sumSquares;
        sumSquaresClipped += o.sumSquaresClipped;
        for (int c = 0; c < 3; ++c) {
            classCount[c] += o.classCount[c];
            classAbs[c] += o.classAbs[c];
        }
        ctBone += o.ctBone;
        sctBone += o.sctBone;
        bothBone += o.bothBone;
    }
};

using P = AgreementParameters;
constexpr int kBoneHu = static_cast<int>(P::kBoneThresholdHu);
constexpr int kAirHu = -200;
constexpr int kClipLow = static_cast<int>(P::kClipLowHu);
constexpr int kClipHigh = static_cast<int>(P::kClipHighHu);

DiscrepancyMetrics metricsFrom(const SliceSums& s) {
    DiscrepancyMetrics m;
    m.voxels = s.count;
    if (s.count > 0) {
        const double n = static_cast<double>(s.count);
        m.maeHu = s.sumAbs / n;
        m.meHu = s.sum / n;
        m.rmseHu = std::sqrt(s.sumSquares / n);
    }
    // SynthRAD's PSNR: MSE of the clipped images, peak = their data range.
    const double mseClipped =
        s.count > 0 ? static_cast<double>(s.sumSquaresClipped) / static_cast<double>(s.count) : 0.0;
    m.psnrDb = mseClipped > 0.0 ? 10.0 * std::log10(P::kDataRange * P::kDataRange / mseClipped)
                                : std::numeric_limits<double>::infinity();
    m.boneDice = s.ctBone + s.sctBone > 0
                     ? 2.0 * s.bothBone / static_cast<double>(s.ctBone + s.sctBone)
                     : 1.0;
    TissueError* classes[3] = {&m.bone, &m.softTissue, &m.air};
    for (int c = 0; c < 3; ++c) {
        classes[c]->voxels = s.classCount[c];
        classes[c]->maeHu =
            s.classCount[c] > 0 ? static_cast<double>(s.classAbs[c]) / s.classCount[c] : 0.0;
    }
    return m;
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
    std::vector<SliceSums> sums(static_cast<std::size_t>(d[2]));
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
            SliceSums& acc = sums[static_cast<std::size_t>(k)];
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
                const int absDiff = diff < 0 ? -diff : diff;
                if (absDiff >= floor) {
                    const std::size_t inSlice = o - first;
                    sliceCandidates.push_back({static_cast<std::int32_t>(inSlice % d[0]),
                                               static_cast<std::int16_t>(ctHu), out[o]});
                    ++rowCounts[static_cast<std::size_t>(k) * d[1] + inSlice / d[0]];
                }
                ++acc.count;
                acc.sum += diff;
                acc.sumAbs += absDiff;
                acc.sumSquares += static_cast<long long>(diff) * diff;
                const int clippedDiff =
                    std::clamp(ctHu, kClipLow, kClipHigh) - std::clamp(sctHu, kClipLow, kClipHigh);
                acc.sumSquaresClipped += static_cast<long long>(clippedDiff) * clippedDiff;
                const int cls = ctHu >= kBoneHu ? 0 : ctHu >= kAirHu ? 1 : 2;
                ++acc.classCount[cls];
                acc.classAbs[cls] += absDiff;
                const bool ctBone = ctHu >= kBoneHu, sctBone = sctHu >= kBoneHu;
                acc.ctBone += ctBone;
                acc.sctBone += sctBone;
                acc.bothBone += ctBone && sctBone;
            }
        }
    });
    SliceSums total;
    for (const SliceSums& sliceSums : sums) {
        total.add(sliceSums);
    }
    if (total.count == 0) {
        throw std::runtime_error(
            "the sCT covers none of the CT's body: nothing to compare (is the transform right?)");
    }
    result->m_metrics = metricsFrom(total);
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
