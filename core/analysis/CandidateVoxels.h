#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/volume/Volume.h"

namespace crosscheck {

/// One voxel that may belong to a discrepancy region: its column i (the row is implied
/// by where it is stored), its CT value and CT - sCT (HU).
struct CandidateVoxel {
    std::int32_t i = 0;
    std::int16_t ctHu = 0;
    std::int16_t differenceHu = 0;
};

/// The voxels of the analysis domain whose |CT - sCT| is at least `floorHu`, grouped by
/// CT-grid row (j, k) in scan order: a compact copy of the part of the difference volume
/// that region extraction ever looks at.
///
/// Why: a threshold change must answer within a frame (30 ms on the full-size phantom),
/// and reading the whole difference, CT and mask (about 260 MB at 512 x 512 x 200) does
/// not fit in that; on real data only a few per cent of the voxels differ by 100 HU or
/// more. Any threshold set whose smallestDifferenceHu() is at least floorHu can use it;
/// lower thresholds need a new one (built from the difference volume, not from the sCT).
class CandidateVoxels {
public:
    CandidateVoxels() = default;

    /// Collects the candidates from the CT, the difference volume (same grid) and the
    /// domain mask (1 = analysed), on workerCount() threads.
    static CandidateVoxels fromDifference(const Volume& ct, const Volume& difference,
                                          const std::vector<std::uint8_t>& domain, double floorHu);

    /// Assembles the list from per-slice parts: perSlice[k] holds slice k's candidates in
    /// scan order, rowCounts[j + k * rowsPerSlice] how many of them lie in row j.
    static CandidateVoxels assemble(double floorHu, int rowsPerSlice,
                                    const std::vector<std::uint32_t>& rowCounts,
                                    const std::vector<std::vector<CandidateVoxel>>& perSlice);

    double floorHu() const { return m_floorHu; }
    /// Rows are numbered j + k * rows; row r's voxels are voxels()[rowStart(r) .. rowStart(r+1)).
    int rowCount() const { return static_cast<int>(m_rowStart.size()) - 1; }
    int rowsPerSlice() const { return m_rowsPerSlice; }
    std::size_t rowStart(int row) const { return m_rowStart[static_cast<std::size_t>(row)]; }
    const std::vector<CandidateVoxel>& voxels() const { return m_voxels; }

private:
    double m_floorHu = 0.0;
    int m_rowsPerSlice = 0;
    std::vector<std::size_t> m_rowStart{0};
    std::vector<CandidateVoxel> m_voxels;
};

}  // namespace crosscheck
