#include "core/analysis/StructuralSimilarity.h"

#include <algorithm>
#include <array>

#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {
constexpr double kRange = 4095.0;
constexpr double kC1 = (0.01 * kRange) * (0.01 * kRange);
constexpr double kC2 = (0.03 * kRange) * (0.03 * kRange);

double shifted(std::int16_t hu) {
    return std::clamp(static_cast<double>(hu) + 1024.0, 0.0, kRange);
}
}  // namespace

double structuralSimilarity(const Volume& a, const Volume& b, const std::vector<std::uint8_t>& domain,
                            int window) {
    const Eigen::Vector3i d = a.geometry().dims();
    const int nx = d[0], ny = d[1], nz = d[2];
    const int half = window / 2;
    std::vector<double> sliceSums(static_cast<std::size_t>(nz), 0.0);
    std::vector<long long> sliceCounts(static_cast<std::size_t>(nz), 0);
    const std::int16_t* va = a.voxels<std::int16_t>();
    const std::int16_t* vb = b.voxels<std::int16_t>();
    parallelFor(nz, [&](int begin, int end) {
        // Summed-area tables of n, x, y, x^2, y^2, xy (all exact integers in double).
        const std::size_t w = static_cast<std::size_t>(nx) + 1;
        std::vector<std::array<double, 6>> table(w * (static_cast<std::size_t>(ny) + 1));
        for (int k = begin; k < end; ++k) {
            const std::size_t sliceOffset = static_cast<std::size_t>(k) * nx * ny;
            for (std::size_t x = 0; x < w; ++x) {
                table[x].fill(0.0);
            }
            for (int j = 0; j < ny; ++j) {
                std::array<double, 6> row{};
                table[(j + 1) * w].fill(0.0);
                for (int i = 0; i < nx; ++i) {
                    const std::size_t o = sliceOffset + static_cast<std::size_t>(j) * nx + i;
                    if (domain[o]) {
                        const double x = shifted(va[o]), y = shifted(vb[o]);
                        row[0] += 1.0;
                        row[1] += x;
                        row[2] += y;
                        row[3] += x * x;
                        row[4] += y * y;
                        row[5] += x * y;
                    }
                    auto& cell = table[(j + 1) * w + i + 1];
                    const auto& above = table[j * w + i + 1];
                    for (int c = 0; c < 6; ++c) {
                        cell[c] = above[c] + row[c];
                    }
                }
            }
            double sum = 0.0;
            long long count = 0;
            for (int j = 0; j < ny; ++j) {
                const int j0 = std::max(0, j - half), j1 = std::min(ny, j + half + 1);
                for (int i = 0; i < nx; ++i) {
                    if (!domain[sliceOffset + static_cast<std::size_t>(j) * nx + i]) {
                        continue;
                    }
                    const int i0 = std::max(0, i - half), i1 = std::min(nx, i + half + 1);
                    std::array<double, 6> s;
                    for (int c = 0; c < 6; ++c) {
                        s[c] = table[j1 * w + i1][c] - table[j0 * w + i1][c] -
                               table[j1 * w + i0][c] + table[j0 * w + i0][c];
                    }
                    const double n = s[0];
                    const double mx = s[1] / n, my = s[2] / n;
                    const double vx = std::max(0.0, s[3] / n - mx * mx);
                    const double vy = std::max(0.0, s[4] / n - my * my);
                    const double cxy = s[5] / n - mx * my;
                    sum += ((2.0 * mx * my + kC1) * (2.0 * cxy + kC2)) /
                           ((mx * mx + my * my + kC1) * (vx + vy + kC2));
                    ++count;
                }
            }
            sliceSums[static_cast<std::size_t>(k)] = sum;
            sliceCounts[static_cast<std::size_t>(k)] = count;
        }
    });
    double sum = 0.0;
    long long count = 0;
    for (int k = 0; k < nz; ++k) {
        sum += sliceSums[static_cast<std::size_t>(k)];
        count += sliceCounts[static_cast<std::size_t>(k)];
    }
    return count > 0 ? sum / count : 1.0;
}

}  // namespace crosscheck
