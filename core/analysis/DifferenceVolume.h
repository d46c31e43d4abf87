#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/analysis/CandidateVoxels.h"
#include "core/analysis/DiscrepancyMetrics.h"
#include "core/util/Progress.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// Settings of DifferenceVolume::compute.
struct DifferenceOptions {
    /// CT threshold of the body mask (bodyMask), HU.
    double bodyThresholdHu = -300.0;
    /// |CT - sCT| kept in the candidate list (CandidateVoxels); thresholds whose
    /// smallestDifferenceHu() is below it rebuild the list from the difference volume.
    double candidateFloorHu = 100.0;
};

/// Wall times of the steps of DifferenceVolume::compute, ms.
struct DifferenceTimings {
    double resampleMs = 0.0;
    double bodyMaskMs = 0.0;
    double differenceMs = 0.0;
    double ssimMs = 0.0;
    double candidatesMs = 0.0;
};

/// The CT and the sCT compared voxel by voxel on the CT's grid: the expensive part of the
/// discrepancy analysis, computed once and then reused by every threshold change
/// (extractRegions) and by the viewer's overlay.
///
/// compute() resamples the sCT into the CT grid (resampleToGrid, trilinear, `ctToSct`
/// maps CT patient coordinates to sCT patient coordinates, LPS mm), builds the CT body
/// mask (bodyMask), and keeps:
/// - sctOnCtGrid(): int16 HU inside the CT body; kNoSampleValue where the CT voxel lies
///   outside the sCT or outside the body (not resampled: the body is a fraction of the grid);
/// - difference(): int16 CT - sCT in HU on the CT grid, 0 outside the domain, so it can be
///   shown directly as a diverging overlay on the CT;
/// - domain(): one byte per CT voxel, 1 where the body mask holds and the sCT has a
///   value: the only voxels metrics and regions look at;
/// - metrics() (DiscrepancyMetrics) and candidates() (CandidateVoxels).
/// Both volumes must be int16 HU (CT, sCT); other types throw std::invalid_argument. An sCT
/// that covers none of the CT body (a wrong transform) throws std::runtime_error rather
/// than report perfect metrics over zero voxels.
/// Memory: three int16 volumes and one byte mask the size of the CT (about 370 MB for
/// 512 x 512 x 200), no float copies. Immutable once computed, so it may be read from
/// several threads.
class DifferenceVolume {
public:
    static std::shared_ptr<const DifferenceVolume> compute(std::shared_ptr<const Volume> ct,
                                                           const Volume& sct,
                                                           const Eigen::Matrix4d& ctToSct,
                                                           const DifferenceOptions& options = {},
                                                           const Progress& progress = {});

    const Volume& ct() const { return *m_ct; }
    const std::shared_ptr<const Volume>& ctVolume() const { return m_ct; }
    const Volume& sctOnCtGrid() const { return *m_sct; }
    const std::shared_ptr<const Volume>& sctOnCtGridVolume() const { return m_sct; }
    const Volume& difference() const { return *m_difference; }
    const std::shared_ptr<const Volume>& differenceVolume() const { return m_difference; }
    const std::vector<std::uint8_t>& domain() const { return m_domain; }
    const Eigen::Matrix4d& ctToSct() const { return m_ctToSct; }
    const DiscrepancyMetrics& metrics() const { return m_metrics; }
    const CandidateVoxels& candidates() const { return m_candidates; }
    const DifferenceTimings& timings() const { return m_timings; }

private:
    DifferenceVolume() = default;

    std::shared_ptr<const Volume> m_ct;
    std::shared_ptr<const Volume> m_sct;
    std::shared_ptr<const Volume> m_difference;
    std::vector<std::uint8_t> m_domain;
    Eigen::Matrix4d m_ctToSct = Eigen::Matrix4d::Identity();
    DiscrepancyMetrics m_metrics;
    CandidateVoxels m_candidates;
    DifferenceTimings m_timings;
};

}  // namespace crosscheck
