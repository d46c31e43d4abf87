#include "core/analysis/CandidateVoxels.h"

#include <cmath>
#include <cstdlib>

#include "core/util/ParallelFor.h"

namespace crosscheck {

CandidateVoxels CandidateVoxels::fromDifference(const Volume& ct, const Volume& difference,
                                                const std::vector<std::uint8_t>& domain,
                                                double floorHu) {
    const Eigen::Vector3i d = difference.geometry().dims();
    const int nx = d[0], ny = d[1], nz = d[2];
    const int floor = static_cast<int>(std::ceil(floorHu));
    const std::int16_t* diff = difference.voxels<std::int16_t>();
    const std::int16_t* ctv = ct.voxels<std::int16_t>();
    // Per slice first (threads), then concatenated in slice order.
    std::vector<std::vector<CandidateVoxel>> perSlice(static_cast<std::size_t>(nz));
    std::vector<std::uint32_t> rowCounts(static_cast<std::size_t>(ny) * nz);
    parallelFor(nz, [&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            auto& out = perSlice[static_cast<std::size_t>(k)];
            for (int j = 0; j < ny; ++j) {
                const std::size_t rowOffset = (static_cast<std::size_t>(k) * ny + j) * nx;
                const std::size_t before = out.size();
                for (int i = 0; i < nx; ++i) {
                    const std::size_t o = rowOffset + static_cast<std::size_t>(i);
                    if (domain[o] && std::abs(static_cast<int>(diff[o])) >= floor) {
                        out.push_back({i, ctv[o], diff[o]});
                    }
                }
                rowCounts[static_cast<std::size_t>(k) * ny + j] =
                    static_cast<std::uint32_t>(out.size() - before);
            }
        }
    });
    return assemble(floorHu, ny, rowCounts, perSlice);
}

CandidateVoxels CandidateVoxels::assemble(
    double floorHu, int rowsPerSlice, const std::vector<std::uint32_t>& rowCounts,
    const std::vector<std::vector<CandidateVoxel>>& perSlice) {
    CandidateVoxels result;
    result.m_floorHu = floorHu;
    result.m_rowsPerSlice = rowsPerSlice;
    result.m_rowStart.assign(rowCounts.size() + 1, 0);
    for (std::size_t r = 0; r < rowCounts.size(); ++r) {
        result.m_rowStart[r + 1] = result.m_rowStart[r] + rowCounts[r];
    }
    result.m_voxels.reserve(result.m_rowStart.back());
    for (const auto& slice : perSlice) {
        result.m_voxels.insert(result.m_voxels.end(), slice.begin(), slice.end());
    }
    return result;
}

}  // namespace crosscheck
