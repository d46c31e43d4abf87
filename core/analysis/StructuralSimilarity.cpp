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

double structuralSimilarity(const Volume& a, const Volume& b,
                            const std::vector<std::uint8_t>& domain, int window) {
    const Eigen::Vector3i d = a.geometry().dims();
    const int nx = d[0], ny = d[1], nz = d[2];
    const int half = window / 2;
    std::vector<double> sliceSums(static_cast<std::size_t>(nz), 0.0);
    std::vector<long long> sliceCounts(static_cast<std::size_t>(nz), 0);
    const std::int16_t* va = a.voxels<std::int16_t>();
    const std::int16_t* vb = b.voxels<std::int16_t>();
    parallelFor(nz, [&](int begin, int end) {
        // Running window sums: per column, the vertical window sums of n, x, y, x^2, y^2,
        // xy (exact integers in double), updated as the window moves down a row; the
        // horizontal window runs over those column sums. Memory: six rows.
        std::vector<std::array<double, 6>> column(static_cast<std::size_t>(nx));
        for (int k = begin; k < end; ++k) {
            const std::size_t sliceOffset = static_cast<std::size_t>(k) * nx * ny;
            // The rows and columns holding domain voxels, widened by the window.
            int rowLo = ny, rowHi = -1, colLo = nx, colHi = -1;
            for (int j = 0; j < ny; ++j) {
                const std::uint8_t* m =
                    domain.data() + sliceOffset + static_cast<std::size_t>(j) * nx;
                for (int i = 0; i < nx; ++i) {
                    if (m[i]) {
                        rowLo = std::min(rowLo, j);
                        rowHi = j;
                        colLo = std::min(colLo, i);
                        colHi = std::max(colHi, i);
                    }
                }
            }
            if (rowHi < 0) {
                continue;
            }
            const int c0 = std::max(0, colLo - half), c1 = std::min(nx - 1, colHi + half);
            for (int i = c0; i <= c1; ++i) {
                column[static_cast<std::size_t>(i)].fill(0.0);
            }
            auto addRow = [&](int j, double sign) {
                if (j < 0 || j >= ny) {
                    return;
                }
                const std::size_t rowOffset = sliceOffset + static_cast<std::size_t>(j) * nx;
                for (int i = c0; i <= c1; ++i) {
                    const std::size_t o = rowOffset + static_cast<std::size_t>(i);
                    if (!domain[o]) {
                        continue;
                    }
                    const double x = shifted(va[o]), y = shifted(vb[o]);
                    auto& c = column[static_cast<std::size_t>(i)];
                    c[0] += sign;
                    c[1] += sign * x;
                    c[2] += sign * y;
                    c[3] += sign * x * x;
                    c[4] += sign * y * y;
                    c[5] += sign * x * y;
                }
            };
            for (int j = rowLo - half; j < rowLo + half; ++j) {
                addRow(j, 1.0);
            }
            double sum = 0.0;
            long long count = 0;
            for (int j = rowLo; j <= rowHi; ++j) {
                addRow(j + half, 1.0);
                std::array<double, 6> s{};
                for (int i = c0; i <= std::min(c1, colLo + half - 1); ++i) {
                    for (int c = 0; c < 6; ++c) {
                        s[c] += column[static_cast<std::size_t>(i)][c];
                    }
                }
                const std::uint8_t* m =
                    domain.data() + sliceOffset + static_cast<std::size_t>(j) * nx;
                for (int i = colLo; i <= colHi; ++i) {
                    // Window [i - half, i + half] over the column sums.
                    if (i + half <= c1) {
                        for (int c = 0; c < 6; ++c) {
                            s[c] += column[static_cast<std::size_t>(i + half)][c];
                        }
                    }
                    if (i - half - 1 >= c0) {
                        for (int c = 0; c < 6; ++c) {
                            s[c] -= column[static_cast<std::size_t>(i - half - 1)][c];
                        }
                    }
                    if (!m[i]) {
                        continue;
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
                addRow(j - half, -1.0);
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
