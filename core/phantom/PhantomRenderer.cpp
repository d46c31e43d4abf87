#include "core/phantom/PhantomRenderer.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>

#include "core/phantom/PhantomAnatomy.h"
#include "core/phantom/PostureModel.h"
#include "core/util/ParallelFor.h"

namespace crosscheck {

void phantomParallelFor(int count, int threads, const std::function<void(int, int)>& body) {
    if (threads == 1) {
        body(0, count);
    } else {
        parallelFor(count, body);
    }
}

PhantomRenderer::PhantomRenderer(const PhantomAnatomy& anatomy, const VolumeGeometry& grid,
                                 const Eigen::Matrix4d& gridToAnatomy, int threads,
                                 const PostureModel* posture)
    : m_anatomy(anatomy),
      m_grid(grid),
      m_indexToAnatomy(gridToAnatomy * grid.indexToPatient()),
      m_threads(threads),
      m_posture(posture && posture->active() ? posture : nullptr) {}

void PhantomRenderer::render(std::vector<Channel>& channels, const Progress& progress, double from,
                             double to) const {
    const int nx = m_grid.dims()[0], ny = m_grid.dims()[1], nz = m_grid.dims()[2];
    const std::size_t sliceSize = static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
    const Eigen::Vector3d stepI = m_indexToAnatomy.block<3, 1>(0, 0);
    const Eigen::Vector3d stepJ = m_indexToAnatomy.block<3, 1>(0, 1);
    const Eigen::Vector3d stepK = m_indexToAnatomy.block<3, 1>(0, 2);
    const Eigen::Vector3d origin = m_indexToAnatomy.block<3, 1>(0, 3);
    const auto bend = [this](const Eigen::Vector3d& p) {
        return m_posture ? m_posture->toAnatomy(p) : p;
    };

    // Pass 1: the tissue at every voxel centre.
    std::vector<std::uint8_t> labels(sliceSize * static_cast<std::size_t>(nz));
    std::atomic<int> done{0};
    const int totalSteps = 2 * nz;
    auto tick = [&](const char* stage) {
        if (progress.cancelled()) {
            throw Cancelled();
        }
        const int d = ++done;
        progress(from + (to - from) * d / totalSteps, stage);
    };
    phantomParallelFor(nz, m_threads, [&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            std::uint8_t* out = labels.data() + sliceSize * static_cast<std::size_t>(k);
            for (int j = 0; j < ny; ++j) {
                Eigen::Vector3d p = origin + stepK * k + stepJ * j;
                for (int i = 0; i < nx; ++i, p += stepI) {
                    *out++ = static_cast<std::uint8_t>(m_anatomy.classify(bend(p)));
                }
            }
            tick("classifying");
        }
    });

    // Sub-samples per axis: enough that each is at most about 0.6 mm apart.
    const Eigen::Vector3d spacing = m_grid.spacingMm();
    int sub[3];
    for (int a = 0; a < 3; ++a) {
        sub[a] = std::clamp(static_cast<int>(std::ceil(spacing[a] / 0.6)), 2, 3);
    }
    const float subWeight = 1.0f / static_cast<float>(sub[0] * sub[1] * sub[2]);
    const std::size_t channelCount = channels.size();

    // Pass 2: values, with partial volume at tissue boundaries.
    phantomParallelFor(nz, m_threads, [&](int begin, int end) {
        std::vector<std::vector<float>> slices(channelCount, std::vector<float>(sliceSize));
        std::vector<float> acc(channelCount);
        for (int k = begin; k < end; ++k) {
            const std::uint8_t* lab = labels.data() + sliceSize * static_cast<std::size_t>(k);
            const std::uint8_t* below = k > 0 ? lab - sliceSize : nullptr;
            const std::uint8_t* above = k + 1 < nz ? lab + sliceSize : nullptr;
            for (int j = 0; j < ny; ++j) {
                for (int i = 0; i < nx; ++i) {
                    const std::size_t o = static_cast<std::size_t>(j) * nx + i;
                    const std::uint8_t t = lab[o];
                    const bool boundary =
                        (i > 0 && lab[o - 1] != t) || (i + 1 < nx && lab[o + 1] != t) ||
                        (j > 0 && lab[o - nx] != t) || (j + 1 < ny && lab[o + nx] != t) ||
                        (below && below[o] != t) || (above && above[o] != t);
                    const Eigen::Vector3d centre = origin + stepK * k + stepJ * j + stepI * i;
                    const Eigen::Vector3d centreAnatomy = bend(centre);
                    if (!boundary) {
                        const auto tissue = static_cast<Tissue>(t);
                        const double tex = PhantomAnatomy::hasTexture(tissue)
                                               ? m_anatomy.texture(tissue, centreAnatomy)
                                               : 0.0;
                        for (std::size_t c = 0; c < channelCount; ++c) {
                            slices[c][o] = channels[c].values.base[t] +
                                           channels[c].values.texture[t] * static_cast<float>(tex);
                        }
                        continue;
                    }
                    std::fill(acc.begin(), acc.end(), 0.0f);
                    for (int sk = 0; sk < sub[2]; ++sk) {
                        const double fk = (sk + 0.5) / sub[2] - 0.5;
                        for (int sj = 0; sj < sub[1]; ++sj) {
                            const double fj = (sj + 0.5) / sub[1] - 0.5;
                            for (int si = 0; si < sub[0]; ++si) {
                                const double fi = (si + 0.5) / sub[0] - 0.5;
                                const Eigen::Vector3d p =
                                    bend(centre + stepI * fi + stepJ * fj + stepK * fk);
                                const Tissue tissue = m_anatomy.classify(p);
                                const int ti = static_cast<int>(tissue);
                                const double tex = PhantomAnatomy::hasTexture(tissue)
                                                       ? m_anatomy.texture(tissue, p)
                                                       : 0.0;
                                for (std::size_t c = 0; c < channelCount; ++c) {
                                    acc[c] +=
                                        channels[c].values.base[ti] +
                                        channels[c].values.texture[ti] * static_cast<float>(tex);
                                }
                            }
                        }
                    }
                    for (std::size_t c = 0; c < channelCount; ++c) {
                        slices[c][o] = acc[c] * subWeight;
                    }
                }
            }
            for (std::size_t c = 0; c < channelCount; ++c) {
                channels[c].store(k, slices[c].data());
            }
            tick("rendering");
        }
    });
}

}  // namespace crosscheck
