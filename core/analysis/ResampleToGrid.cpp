#include "core/analysis/ResampleToGrid.h"

#include <Eigen/LU>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <stdexcept>

#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

template <class T>
void resampleSlices(const Volume& source, Volume& target,
                    const Eigen::Matrix4d& targetIndexToSourceIndex, int kBegin, int kEnd,
                    const Progress& progress, std::atomic<int>& slicesDone,
                    const std::uint8_t* mask) {
    const T* in = source.voxels<T>();
    std::int16_t* out = target.voxels<std::int16_t>();
    const Eigen::Vector3i sd = source.geometry().dims();
    const Eigen::Vector3i td = target.geometry().dims();
    const std::ptrdiff_t sx = 1, sy = sd[0], sz = static_cast<std::ptrdiff_t>(sd[0]) * sd[1];
    // Valid continuous indices: within half a voxel of the outer centres.
    const double lo = -0.5;
    const Eigen::Vector3d hi = sd.cast<double>() - Eigen::Vector3d::Constant(0.5);
    const Eigen::Vector3d stepI = targetIndexToSourceIndex.block<3, 1>(0, 0);
    // Per axis: the voxel stride, the step to the next voxel for interpolation (0 along an
    // axis of one voxel) and the last cell start.
    const std::ptrdiff_t stride[3] = {sx, sy, sz};
    std::ptrdiff_t step[3];
    int cellMax[3];
    for (int a = 0; a < 3; ++a) {
        step[a] = sd[a] > 1 ? stride[a] : 0;
        cellMax[a] = std::max(sd[a] - 2, 0);
    }
    for (int k = kBegin; k < kEnd; ++k) {
        if (progress.cancelled()) {
            throw Cancelled();
        }
        for (int j = 0; j < td[1]; ++j) {
            const Eigen::Vector3d rowStart =
                (targetIndexToSourceIndex * Eigen::Vector4d(0.0, j, k, 1.0)).head<3>();
            const std::size_t rowOffset = (static_cast<std::size_t>(k) * td[1] + j) * td[0];
            std::int16_t* row = out + rowOffset;
            const std::uint8_t* rowMask = mask != nullptr ? mask + rowOffset : nullptr;
            // The columns whose centres map inside the source: per axis, where
            // lo <= start + i * step <= hi. Everything else is outside without a test.
            double first = 0.0, last = td[0] - 1.0;
            for (int a = 0; a < 3; ++a) {
                const double r = rowStart[a], st = stepI[a];
                if (std::abs(st) < 1e-12) {
                    if (r < lo || r > hi[a]) {
                        first = 1.0;
                        last = 0.0;
                    }
                    continue;
                }
                const double t0 = (lo - r) / st, t1 = (hi[a] - r) / st;
                first = std::max(first, std::min(t0, t1));
                last = std::min(last, std::max(t0, t1));
            }
            // Rounding inwards, then re-checked per voxel at the two ends only.
            const int iFirst = static_cast<int>(std::ceil(first - 1e-9));
            const int iLast = static_cast<int>(std::floor(last + 1e-9));
            for (int i = 0; i < td[0]; ++i) {
                if (i < iFirst || i > iLast || (rowMask != nullptr && rowMask[i] == 0)) {
                    row[i] = kNoSampleValue;
                    continue;
                }
                double c[3] = {rowStart[0] + i * stepI[0], rowStart[1] + i * stepI[1],
                               rowStart[2] + i * stepI[2]};
                std::ptrdiff_t offset = 0;
                double w[3];
                for (int a = 0; a < 3; ++a) {
                    // Clamp to the outer centres, then split into a cell and a weight.
                    const double v = std::min(std::max(c[a], 0.0), sd[a] - 1.0);
                    const int base = std::min(static_cast<int>(v), cellMax[a]);
                    w[a] = v - base;
                    offset += base * stride[a];
                }
                const T* v = in + offset;
                const double c00 = v[0] + w[0] * (static_cast<double>(v[step[0]]) - v[0]);
                const double c10 =
                    v[step[1]] + w[0] * (static_cast<double>(v[step[1] + step[0]]) - v[step[1]]);
                const double c01 =
                    v[step[2]] + w[0] * (static_cast<double>(v[step[2] + step[0]]) - v[step[2]]);
                const double c11 = v[step[2] + step[1]] +
                                   w[0] * (static_cast<double>(v[step[2] + step[1] + step[0]]) -
                                           v[step[2] + step[1]]);
                const double c0 = c00 + w[1] * (c10 - c00);
                const double c1 = c01 + w[1] * (c11 - c01);
                const double value = std::min(std::max(c0 + w[2] * (c1 - c0), -32767.0), 32767.0);
                row[i] = static_cast<std::int16_t>(value >= 0.0 ? value + 0.5 : value - 0.5);
            }
        }
        const int done = ++slicesDone;
        progress(static_cast<double>(done) / td[2], "resampling");
    }
}

}  // namespace

std::shared_ptr<Volume> resampleToGrid(const Volume& source, const VolumeGeometry& targetGrid,
                                       const Eigen::Matrix4d& targetToSource,
                                       const Progress& progress,
                                       const std::vector<std::uint8_t>* targetMask) {
    if (targetMask != nullptr && targetMask->size() != targetGrid.voxelCount()) {
        throw std::invalid_argument("resampleToGrid: the mask does not match the target grid");
    }
    auto target = std::make_shared<Volume>(targetGrid, VoxelType::Int16);
    const Eigen::Matrix4d targetIndexToSourceIndex =
        source.geometry().patientToIndex() * targetToSource * targetGrid.indexToPatient();
    std::atomic<int> slicesDone{0};
    parallelFor(targetGrid.dims()[2], [&](int begin, int end) {
        source.visit([&](const auto* voxels) {
            using T = std::remove_const_t<std::remove_pointer_t<decltype(voxels)>>;
            resampleSlices<T>(source, *target, targetIndexToSourceIndex, begin, end, progress,
                              slicesDone, targetMask != nullptr ? targetMask->data() : nullptr);
        });
    });
    return target;
}

}  // namespace crosscheck
