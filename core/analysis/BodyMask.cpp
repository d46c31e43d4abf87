#include "core/analysis/BodyMask.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

/// Pixels [begin, end) of one row of a slice.
struct Span {
    int row = 0;
    int begin = 0;
    int end = 0;
};

/// The spans of a slice and, per row, where its spans start (rowFirst[j] .. rowFirst[j+1]).
struct SpanTable {
    std::vector<Span> spans;
    std::vector<int> rowFirst;
    std::vector<int> parent;

    int root(int a) {
        while (parent[a] != a) {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        return a;
    }
    /// 4-connected components: spans of neighbouring rows that share a column.
    void connect(int rows) {
        parent.resize(spans.size());
        std::iota(parent.begin(), parent.end(), 0);
        for (int j = 1; j < rows; ++j) {
            int a = rowFirst[j], b = rowFirst[j - 1];
            while (a < rowFirst[j + 1] && b < rowFirst[j]) {
                if (spans[a].begin < spans[b].end && spans[b].begin < spans[a].end) {
                    const int ra = root(a), rb = root(b);
                    if (ra != rb) {
                        parent[std::max(ra, rb)] = std::min(ra, rb);
                    }
                }
                if (spans[a].end < spans[b].end) {
                    ++a;
                } else {
                    ++b;
                }
            }
        }
        for (std::size_t s = 0; s < spans.size(); ++s) {
            parent[s] = root(static_cast<int>(s));
        }
    }
};

/// Spans where `inside(value)` holds, row by row.
template <class Pred>
void collectSpans(SpanTable& t, int nx, int ny, Pred&& inside) {
    t.spans.clear();
    t.rowFirst.assign(static_cast<std::size_t>(ny) + 1, 0);
    for (int j = 0; j < ny; ++j) {
        t.rowFirst[j] = static_cast<int>(t.spans.size());
        int i = 0;
        while (i < nx) {
            while (i < nx && !inside(i, j)) {
                ++i;
            }
            if (i == nx) {
                break;
            }
            const int begin = i;
            while (i < nx && inside(i, j)) {
                ++i;
            }
            t.spans.push_back({j, begin, i});
        }
    }
    t.rowFirst[ny] = static_cast<int>(t.spans.size());
}

template <class T>
void maskSlice(const T* v, std::uint8_t* m, int nx, int ny, double thresholdHu, SpanTable& body,
               SpanTable& background, std::vector<long long>& area,
               std::vector<std::uint8_t>& flag) {
    // Components of the thresholded slice, by spans.
    collectSpans(body, nx, ny, [&](int i, int j) {
        return static_cast<double>(v[static_cast<std::size_t>(j) * nx + i]) > thresholdHu;
    });
    std::memset(m, 0, static_cast<std::size_t>(nx) * ny);
    if (body.spans.empty()) {
        return;
    }
    body.connect(ny);
    area.assign(body.spans.size(), 0);
    for (std::size_t s = 0; s < body.spans.size(); ++s) {
        area[body.parent[s]] += body.spans[s].end - body.spans[s].begin;
    }
    const long long largest = *std::max_element(area.begin(), area.end());
    for (std::size_t s = 0; s < body.spans.size(); ++s) {
        if (area[body.parent[s]] * 10 >= largest) {
            const Span& span = body.spans[s];
            std::memset(m + static_cast<std::size_t>(span.row) * nx + span.begin, 1,
                        static_cast<std::size_t>(span.end - span.begin));
        }
    }
    // Holes: background components that do not reach the slice border.
    collectSpans(background, nx, ny,
                 [&](int i, int j) { return m[static_cast<std::size_t>(j) * nx + i] == 0; });
    background.connect(ny);
    flag.assign(background.spans.size(), 0);
    for (std::size_t s = 0; s < background.spans.size(); ++s) {
        const Span& span = background.spans[s];
        if (span.row == 0 || span.row == ny - 1 || span.begin == 0 || span.end == nx) {
            flag[background.parent[s]] = 1;
        }
    }
    for (std::size_t s = 0; s < background.spans.size(); ++s) {
        if (!flag[background.parent[s]]) {
            const Span& span = background.spans[s];
            std::memset(m + static_cast<std::size_t>(span.row) * nx + span.begin, 1,
                        static_cast<std::size_t>(span.end - span.begin));
        }
    }
}

}  // namespace

std::vector<std::uint8_t> bodyMask(const Volume& ct, double thresholdHu, const Progress& progress) {
    const Eigen::Vector3i d = ct.geometry().dims();
    const int nx = d[0], ny = d[1];
    const std::size_t sliceSize = static_cast<std::size_t>(nx) * ny;
    std::vector<std::uint8_t> mask(ct.geometry().voxelCount());
    parallelFor(d[2], [&](int begin, int end) {
        SpanTable body, background;
        std::vector<long long> area;
        std::vector<std::uint8_t> flag;
        for (int k = begin; k < end; ++k) {
            if (progress.cancelled()) {
                throw Cancelled();
            }
            ct.visit([&](const auto* voxels) {
                maskSlice(voxels + k * sliceSize, mask.data() + k * sliceSize, nx, ny, thresholdHu,
                          body, background, area, flag);
            });
        }
    });
    return mask;
}

}  // namespace crosscheck
