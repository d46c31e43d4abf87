#include "core/analysis/AgreementSums.h"

#include <cmath>
#include <limits>

namespace crosscheck {

void AgreementSums::add(const AgreementSums& o) {
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

DiscrepancyMetrics AgreementSums::metrics() const {
    using P = AgreementParameters;
    DiscrepancyMetrics m;
    m.voxels = count;
    if (count > 0) {
        const double n = static_cast<double>(count);
        m.maeHu = sumAbs / n;
        m.meHu = sum / n;
        m.rmseHu = std::sqrt(sumSquares / n);
    }
    // SynthRAD's PSNR: MSE of the clipped images, peak = their data range.
    const double mseClipped =
        count > 0 ? static_cast<double>(sumSquaresClipped) / static_cast<double>(count) : 0.0;
    m.psnrDb = mseClipped > 0.0 ? 10.0 * std::log10(P::kDataRange * P::kDataRange / mseClipped)
                                : std::numeric_limits<double>::infinity();
    m.boneDice =
        ctBone + sctBone > 0 ? 2.0 * bothBone / static_cast<double>(ctBone + sctBone) : 1.0;
    TissueError* classes[3] = {&m.bone, &m.softTissue, &m.air};
    for (int c = 0; c < 3; ++c) {
        classes[c]->voxels = classCount[c];
        classes[c]->maeHu =
            classCount[c] > 0 ? static_cast<double>(classAbs[c]) / classCount[c] : 0.0;
    }
    return m;
}

}  // namespace crosscheck
