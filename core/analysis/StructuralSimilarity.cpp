#include "core/analysis/StructuralSimilarity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/analysis/DiscrepancyMetrics.h"
#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

using P = AgreementParameters;
constexpr int kHalf = P::kSsimWindow / 2;
constexpr std::int64_t kWindowVoxels =
    static_cast<std::int64_t>(P::kSsimWindow) * P::kSsimWindow * P::kSsimWindow;
constexpr double kC1 = (P::kSsimK1 * P::kDataRange) * (P::kSsimK1 * P::kDataRange);
constexpr double kC2 = (P::kSsimK2 * P::kDataRange) * (P::kSsimK2 * P::kDataRange);

/// Clipped to [-1024, 3000] and shifted by +1024: 0..4024.
std::int64_t shifted(std::int16_t hu) {
    const int low = static_cast<int>(P::kClipLowHu), high = static_cast<int>(P::kClipHighHu);
    return std::clamp(static_cast<int>(hu), low, high) - low;
}

/// The five window sums, structure of arrays over one plane: x, y, x^2, y^2, xy.
struct Planes {
    std::array<std::vector<std::int64_t>, 5> q;
    explicit Planes(std::size_t size) {
        for (auto& v : q) {
            v.assign(size, 0);
        }
    }
};

double ssimOf(std::int64_t sx, std::int64_t sy, std::int64_t sxx, std::int64_t syy,
              std::int64_t sxy) {
    // Exact integer numerators: N sxx - sx^2 = N (N - 1) * sample variance.
    const double n = static_cast<double>(kWindowVoxels);
    const double norm = n * (n - 1.0);
    const double ux = sx / n, uy = sy / n;
    const double vx = static_cast<double>(kWindowVoxels * sxx - sx * sx) / norm;
    const double vy = static_cast<double>(kWindowVoxels * syy - sy * sy) / norm;
    const double vxy = static_cast<double>(kWindowVoxels * sxy - sx * sy) / norm;
    return ((2.0 * ux * uy + kC1) * (2.0 * vxy + kC2)) /
           ((ux * ux + uy * uy + kC1) * (vx + vy + kC2));
}

struct Box {
    int lo[3] = {std::numeric_limits<int>::max(), std::numeric_limits<int>::max(),
                 std::numeric_limits<int>::max()};
    int hi[3] = {-1, -1, -1};
};

Box maskBox(const std::vector<std::uint8_t>& mask, const Eigen::Vector3i& d) {
    std::vector<Box> perSlice(static_cast<std::size_t>(d[2]));
    parallelFor(d[2], [&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            Box& b = perSlice[static_cast<std::size_t>(k)];
            const std::uint8_t* m = mask.data() + static_cast<std::size_t>(k) * d[0] * d[1];
            for (int j = 0; j < d[1]; ++j, m += d[0]) {
                for (int i = 0; i < d[0]; ++i) {
                    if (m[i]) {
                        b.lo[0] = std::min(b.lo[0], i);
                        b.hi[0] = std::max(b.hi[0], i);
                        b.lo[1] = std::min(b.lo[1], j);
                        b.hi[1] = j;
                        b.lo[2] = std::min(b.lo[2], k);
                        b.hi[2] = k;
                    }
                }
            }
        }
    });
    Box all;
    for (const Box& b : perSlice) {
        for (int a = 0; a < 3; ++a) {
            all.lo[a] = std::min(all.lo[a], b.lo[a]);
            all.hi[a] = std::max(all.hi[a], b.hi[a]);
        }
    }
    return all;
}

}  // namespace

MaskedSsim structuralSimilarity(const Volume& a, const Volume& b,
                                const std::vector<std::uint8_t>& mask) {
    const Eigen::Vector3i d = a.geometry().dims();
    if (b.geometry().dims() != d || mask.size() != a.geometry().voxelCount() ||
        a.voxelType() != VoxelType::Int16 || b.voxelType() != VoxelType::Int16) {
        throw std::invalid_argument(
            "structuralSimilarity: two int16 volumes and a mask on one grid");
    }
    MaskedSsim result;
    result.ssim = std::numeric_limits<double>::quiet_NaN();
    // The output voxels: the mask's bounding box, at least kHalf from every edge. Voxels
    // outside the mask are 0 after the shift, so window sums need only the box widened by
    // kHalf.
    const Box box = maskBox(mask, d);
    int outLo[3], outHi[3];
    for (int a3 = 0; a3 < 3; ++a3) {
        outLo[a3] = std::max(box.lo[a3], kHalf);
        outHi[a3] = std::min(box.hi[a3], d[a3] - 1 - kHalf);
        if (outLo[a3] > outHi[a3]) {
            return result;
        }
    }
    const int outW = outHi[0] - outLo[0] + 1, outH = outHi[1] - outLo[1] + 1;
    const int extW = outW + 2 * kHalf, extH = outH + 2 * kHalf;
    const int extI0 = outLo[0] - kHalf, extJ0 = outLo[1] - kHalf;
    const int slices = outHi[2] - outLo[2] + 1;
    const std::int16_t* va = a.voxels<std::int16_t>();
    const std::int16_t* vb = b.voxels<std::int16_t>();
    const std::size_t sliceSize = static_cast<std::size_t>(d[0]) * d[1];
    std::vector<double> sliceSums(static_cast<std::size_t>(slices), 0.0);
    std::vector<long long> sliceCounts(static_cast<std::size_t>(slices), 0);

    parallelFor(slices, [&](int begin, int end) {
        // z: sums over the 7 slices of the window, per in-plane voxel of the widened box,
        // kept running as the window moves along k. h: z summed along rows; v: h summed
        // along columns, for the current output row.
        Planes z(static_cast<std::size_t>(extW) * extH);
        Planes h(static_cast<std::size_t>(outW) * extH);
        Planes v(static_cast<std::size_t>(outW));
        auto addSlice = [&](int k, std::int64_t sign) {
            for (int j = 0; j < extH; ++j) {
                const std::size_t o0 = static_cast<std::size_t>(k) * sliceSize +
                                       static_cast<std::size_t>(extJ0 + j) * d[0] +
                                       static_cast<std::size_t>(extI0);
                const std::size_t z0 = static_cast<std::size_t>(j) * extW;
                for (int i = 0; i < extW; ++i) {
                    const std::size_t o = o0 + static_cast<std::size_t>(i);
                    if (!mask[o]) {
                        continue;
                    }
                    const std::int64_t x = shifted(va[o]), y = shifted(vb[o]);
                    const std::size_t zi = z0 + static_cast<std::size_t>(i);
                    z.q[0][zi] += sign * x;
                    z.q[1][zi] += sign * y;
                    z.q[2][zi] += sign * x * x;
                    z.q[3][zi] += sign * y * y;
                    z.q[4][zi] += sign * x * y;
                }
            }
        };
        const int kFirst = outLo[2] + begin;
        for (int k = kFirst - kHalf; k < kFirst + kHalf; ++k) {
            addSlice(k, 1);
        }
        for (int s = begin; s < end; ++s) {
            const int k = outLo[2] + s;
            addSlice(k + kHalf, 1);
            // Along rows: h(i', j) = sum of z(i' .. i' + 6, j).
            for (int c = 0; c < 5; ++c) {
                const std::int64_t* zq = z.q[c].data();
                std::int64_t* hq = h.q[c].data();
                for (int j = 0; j < extH; ++j) {
                    const std::int64_t* zr = zq + static_cast<std::size_t>(j) * extW;
                    std::int64_t* hr = hq + static_cast<std::size_t>(j) * outW;
                    std::int64_t run = 0;
                    for (int i = 0; i < 2 * kHalf; ++i) {
                        run += zr[i];
                    }
                    for (int i = 0; i < outW; ++i) {
                        run += zr[i + 2 * kHalf];
                        hr[i] = run;
                        run -= zr[i];
                    }
                }
            }
            // Along columns, row by row of the output.
            for (int c = 0; c < 5; ++c) {
                std::fill(v.q[c].begin(), v.q[c].end(), 0);
                for (int j = 0; j < 2 * kHalf; ++j) {
                    const std::int64_t* hr = h.q[c].data() + static_cast<std::size_t>(j) * outW;
                    for (int i = 0; i < outW; ++i) {
                        v.q[c][static_cast<std::size_t>(i)] += hr[i];
                    }
                }
            }
            double sum = 0.0;
            long long count = 0;
            for (int jo = 0; jo < outH; ++jo) {
                for (int c = 0; c < 5; ++c) {
                    const std::int64_t* hr =
                        h.q[c].data() + static_cast<std::size_t>(jo + 2 * kHalf) * outW;
                    for (int i = 0; i < outW; ++i) {
                        v.q[c][static_cast<std::size_t>(i)] += hr[i];
                    }
                }
                const std::uint8_t* m = mask.data() + static_cast<std::size_t>(k) * sliceSize +
                                        static_cast<std::size_t>(outLo[1] + jo) * d[0] +
                                        static_cast<std::size_t>(outLo[0]);
                for (int i = 0; i < outW; ++i) {
                    if (!m[i]) {
                        continue;
                    }
                    const auto ii = static_cast<std::size_t>(i);
                    sum += ssimOf(v.q[0][ii], v.q[1][ii], v.q[2][ii], v.q[3][ii], v.q[4][ii]);
                    ++count;
                }
                for (int c = 0; c < 5; ++c) {
                    const std::int64_t* hr = h.q[c].data() + static_cast<std::size_t>(jo) * outW;
                    for (int i = 0; i < outW; ++i) {
                        v.q[c][static_cast<std::size_t>(i)] -= hr[i];
                    }
                }
            }
            sliceSums[static_cast<std::size_t>(s)] = sum;
            sliceCounts[static_cast<std::size_t>(s)] = count;
            addSlice(k - kHalf, -1);
        }
    });
    double sum = 0.0;
    long long count = 0;
    for (int s = 0; s < slices; ++s) {
        sum += sliceSums[static_cast<std::size_t>(s)];
        count += sliceCounts[static_cast<std::size_t>(s)];
    }
    result.voxels = count;
    if (count > 0) {
        result.ssim = sum / static_cast<double>(count);
    }
    return result;
}

}  // namespace crosscheck
