#include "core/analysis/BodyMask.h"

#include <algorithm>

#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

/// Labels the 4-connected components of `mask` (value 1) in one slice; returns their
/// areas (label l has area areas[l - 1]). `labels` gets 0 for background.
std::vector<int> labelComponents(const std::uint8_t* mask, int nx, int ny, std::vector<int>& labels,
                                 std::vector<int>& stack) {
    std::fill(labels.begin(), labels.end(), 0);
    std::vector<int> areas;
    const int n = nx * ny;
    for (int seed = 0; seed < n; ++seed) {
        if (!mask[seed] || labels[seed] != 0) {
            continue;
        }
        const int label = static_cast<int>(areas.size()) + 1;
        int area = 0;
        stack.clear();
        stack.push_back(seed);
        labels[seed] = label;
        while (!stack.empty()) {
            const int p = stack.back();
            stack.pop_back();
            ++area;
            const int x = p % nx, y = p / nx;
            const int neighbours[4] = {x > 0 ? p - 1 : -1, x + 1 < nx ? p + 1 : -1,
                                       y > 0 ? p - nx : -1, y + 1 < ny ? p + nx : -1};
            for (int q : neighbours) {
                if (q >= 0 && mask[q] && labels[q] == 0) {
                    labels[q] = label;
                    stack.push_back(q);
                }
            }
        }
        areas.push_back(area);
    }
    return areas;
}

/// Sets to 1 every background pixel not reachable from the slice border (4-connected).
void fillHoles(std::uint8_t* mask, int nx, int ny, std::vector<int>& stack) {
    // 2 marks background reached from the border.
    stack.clear();
    auto push = [&](int p) {
        if (mask[p] == 0) {
            mask[p] = 2;
            stack.push_back(p);
        }
    };
    for (int x = 0; x < nx; ++x) {
        push(x);
        push((ny - 1) * nx + x);
    }
    for (int y = 0; y < ny; ++y) {
        push(y * nx);
        push(y * nx + nx - 1);
    }
    while (!stack.empty()) {
        const int p = stack.back();
        stack.pop_back();
        const int x = p % nx, y = p / nx;
        if (x > 0) push(p - 1);
        if (x + 1 < nx) push(p + 1);
        if (y > 0) push(p - nx);
        if (y + 1 < ny) push(p + nx);
    }
    for (int p = 0; p < nx * ny; ++p) {
        mask[p] = mask[p] == 2 ? 0 : 1;
    }
}

}  // namespace

std::vector<std::uint8_t> bodyMask(const Volume& ct, double thresholdHu, const Progress& progress) {
    const Eigen::Vector3i d = ct.geometry().dims();
    const int nx = d[0], ny = d[1];
    const std::size_t sliceSize = static_cast<std::size_t>(nx) * ny;
    std::vector<std::uint8_t> mask(ct.geometry().voxelCount());
    parallelFor(d[2], [&](int begin, int end) {
        std::vector<int> labels(sliceSize), stack;
        stack.reserve(sliceSize / 4);
        for (int k = begin; k < end; ++k) {
            if (progress.cancelled()) {
                throw Cancelled();
            }
            std::uint8_t* m = mask.data() + k * sliceSize;
            ct.visit([&](const auto* voxels) {
                const auto* v = voxels + k * sliceSize;
                for (std::size_t p = 0; p < sliceSize; ++p) {
                    m[p] = static_cast<double>(v[p]) > thresholdHu ? 1 : 0;
                }
            });
            const std::vector<int> areas = labelComponents(m, nx, ny, labels, stack);
            if (areas.empty()) {
                continue;
            }
            const int largest = *std::max_element(areas.begin(), areas.end());
            for (std::size_t p = 0; p < sliceSize; ++p) {
                m[p] = labels[p] != 0 && areas[labels[p] - 1] * 10 >= largest ? 1 : 0;
            }
            fillHoles(m, nx, ny, stack);
        }
    });
    return mask;
}

}  // namespace crosscheck
