#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/dicom/DicomSeriesWriter.h"
#include "core/phantom/PhantomGroundTruth.h"
#include "core/phantom/PhantomOptions.h"
#include "core/util/Progress.h"
#include "core/vocabulary/SeriesRole.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// One generated series: its voxels (int16 HU for CT and sCT, uint16 signal for MR) with
/// geometry in its own patient coordinates, and the DICOM metadata it is written with.
struct PhantomSeries {
    SeriesRole role = SeriesRole::Other;
    std::string dir;  ///< "CT", "T1w", "T2w" or "sCT"
    std::shared_ptr<Volume> volume;
    DicomSeriesMetadata metadata;
};

/// A whole synthetic patient in memory: CT, T1w, T2w and sCT (in that order) and the
/// ground truth, before anything is written.
struct PhantomStudy {
    PhantomOptions options;
    std::vector<PhantomSeries> series;
    PhantomGroundTruth truth;

    const PhantomSeries& byRole(SeriesRole role) const;
};

/// Generates the study: renders the analytic anatomy (PhantomAnatomy) into the four
/// grids (PhantomGeometry), adds noise (CT: spatially correlated, about 10 HU; MR: Rician
/// with a mild bias field; sCT: slightly smoothed), and measures the ground truth means
/// on the voxels produced. Deterministic for given options whatever the thread count.
/// Full size takes a few seconds on two cores. Throws Cancelled when cancelled.
PhantomStudy generatePhantomStudy(const PhantomOptions& options, const Progress& progress = {});

}  // namespace crosscheck
