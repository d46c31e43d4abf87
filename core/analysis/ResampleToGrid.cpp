#include "core/analysis/ResampleToGrid.h"

#include <Eigen/LU>
#include <algorithm>
#include <atomic>
#include <cmath>

#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

template <class T>
void resampleSlices(const Volume& source, Volume& target, const Eigen::Matrix4d& targetIndexToSourceIndex,
                    int kBegin, int kEnd, const Progress& progress, std::atomic<int>& slicesDone) {
    const T* in = source.voxels<T>();
    std::int16_t* out = target.voxels<std::int16_t>();
    const Eigen::Vector3i sd = source.geometry().dims();
    const Eigen::Vector3i td = target.geometry().dims();
    const std::ptrdiff_t sx = 1, sy = sd[0], sz = static_cast<std::ptrdiff_t>(sd[0]) * sd[1];
    // Valid continuous indices: within half a voxel of the outer centres.
    const double lo = -0.5;
    const Eigen::Vector3d hi = sd.cast<double>() - Eigen::Vector3d::Constant(0.5);
    const Eigen::Vector3d stepI = targetIndexToSourceIndex.block<3, 1>(0, 0);
    for (int k = kBegin; k < kEnd; ++k) {
        if (progress.cancelled()) {
            throw Cancelled();
        }
        for (int j = 0; j < td[1]; ++j) {
            const Eigen::Vector3d rowStart =
                (targetIndexToSourceIndex * Eigen::Vector4d(0.0, j, k, 1.0)).head<3>();
            std::int16_t* row = out + (static_cast<std::size_t>(k) * td[1] + j) * td[0];
            for (int i = 0; i < td[0]; ++i) {
                const Eigen::Vector3d p = rowStart + static_cast<double>(i) * stepI;
                if (p.x() < lo || p.y() < lo || p.z() < lo || p.x() > hi.x() || p.y() > hi.y() ||
                    p.z() > hi.z()) {
                    row[i] = kNoSampleValue;
                    continue;
                }
                // Clamp to the outer centres, then split into a cell and weights.
                double c[3] = {std::clamp(p.x(), 0.0, sd[0] - 1.0), std::clamp(p.y(), 0.0, sd[1] - 1.0),
                               std::clamp(p.z(), 0.0, sd[2] - 1.0)};
                int base[3];
                double w[3];
                std::ptrdiff_t step[3] = {sx, sy, sz};
                for (int a = 0; a < 3; ++a) {
                    base[a] = std::min(static_cast<int>(c[a]), std::max(sd[a] - 2, 0));
                    w[a] = c[a] - base[a];
                    if (sd[a] == 1) {
                        step[a] = 0;
                        w[a] = 0.0;
                    }
                }
                const T* v = in + base[0] * sx + base[1] * sy + static_cast<std::ptrdiff_t>(base[2]) * sz;
                const double c00 = v[0] + w[0] * (static_cast<double>(v[step[0]]) - v[0]);
                const double c10 = v[step[1]] + w[0] * (static_cast<double>(v[step[1] + step[0]]) - v[step[1]]);
                const double c01 = v[step[2]] + w[0] * (static_cast<double>(v[step[2] + step[0]]) - v[step[2]]);
                const double c11 =
                    v[step[2] + step[1]] +
                    w[0] * (static_cast<double>(v[step[2] + step[1] + step[0]]) - v[step[2] + step[1]]);
                const double c0 = c00 + w[1] * (c10 - c00);
                const double c1 = c01 + w[1] * (c11 - c01);
                const double value = c0 + w[2] * (c1 - c0);
                row[i] = static_cast<std::int16_t>(std::clamp(std::lround(value), -32767L, 32767L));
            }
        }
        const int done = ++slicesDone;
        progress(static_cast<double>(done) / td[2], "resampling");
    }
}

}  // namespace

std::shared_ptr<Volume> resampleToGrid(const Volume& source, const VolumeGeometry& targetGrid,
                                       const Eigen::Matrix4d& targetToSource,
                                       const Progress& progress) {
    auto target = std::make_shared<Volume>(targetGrid, VoxelType::Int16);
    const Eigen::Matrix4d targetIndexToSourceIndex =
        source.geometry().patientToIndex() * targetToSource * targetGrid.indexToPatient();
    std::atomic<int> slicesDone{0};
    parallelFor(targetGrid.dims()[2], [&](int begin, int end) {
        source.visit([&](const auto* voxels) {
            using T = std::remove_const_t<std::remove_pointer_t<decltype(voxels)>>;
            resampleSlices<T>(source, *target, targetIndexToSourceIndex, begin, end, progress,
                              slicesDone);
        });
    });
    return target;
}

}  // namespace crosscheck
