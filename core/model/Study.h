#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/dicom/DicomScanner.h"
#include "core/dicom/PictureLoader.h"
#include "core/dicom/SeriesLoader.h"
#include "core/registration/FrameTransforms.h"
#include "core/util/Progress.h"

namespace crosscheck {

/// The loaded series of one comparison and how their frames relate.
///
/// The reference frame is the CT's FrameOfReferenceUID when a CT is loaded, else the
/// first series' (docs/cli.md). `transforms` holds every known link between frames;
/// a series whose frame has no path to the reference is shown unsynchronized.
struct Study {
    std::vector<LoadedSeries> series;
    /// Colour and palette series (secondary captures, dose reports, screenshots): shown as
    /// pictures, never sampled or measured.
    std::vector<LoadedPicture> pictures;
    /// Volumes 1..n-1 of every multi-volume series in `series` (echoes, b-values, time
    /// points, mosaics): what the scan found, `volume` empty until a pane asks for it.
    std::vector<LoadedSeries> otherVolumes;
    /// Files that could not be used and series that failed to load, each with the reason.
    std::vector<ScanProblem> problems;
    std::string referenceFrameUid;
    FrameTransforms transforms;

    /// The first series with this role, or null.
    const LoadedSeries* find(SeriesRole role) const;
    /// The series with this SeriesInstanceUID, or null.
    const LoadedSeries* findByUid(const std::string& seriesInstanceUid) const;
    LoadedSeries* findByUid(const std::string& seriesInstanceUid);
    /// Volume `volumeIndex` of a series (0: the loaded one in `series`, else one of
    /// `otherVolumes`, perhaps not loaded yet), or null.
    const LoadedSeries* findVolume(const std::string& seriesInstanceUid, int volumeIndex) const;
    LoadedSeries* findVolume(const std::string& seriesInstanceUid, int volumeIndex);
    /// The colour picture with this SeriesInstanceUID, or null.
    const LoadedPicture* findPicture(const std::string& seriesInstanceUid) const;
    /// Maps reference patient coordinates to the series' own; empty when no transform is known.
    std::optional<Eigen::Matrix4d> referenceToSeries(const LoadedSeries& series) const;
};

/// The reference frame for a set of series: the first CT's frame, else the first series'.
std::string chooseReferenceFrame(const std::vector<LoadedSeries>& series);

/// Scans the paths and loads every series found. A series that fails to load is reported
/// in `problems` and the others are still loaded. Colour and palette series are loaded as
/// `pictures`. Of a series of several volumes (echoes, b-values, time points) only volume 0
/// is loaded: the others go to `otherVolumes`, loaded when a pane shows them (a 60-volume
/// diffusion series loaded whole would take 60 volumes' memory). Progress runs 0..1 over
/// the scan and the loads; cancel throws Cancelled.
/// "volume 2 of 3 of series 1.2.3 (echo 2) not loaded: ...": what a command that measures
/// only volume 0 says about another volume of a series.
std::string unloadedVolumeNote(const SeriesInfo& info);

Study loadStudy(const std::vector<std::filesystem::path>& paths, const Progress& progress = {});

}  // namespace crosscheck
