#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/dicom/SeriesLoader.h"
#include "core/model/Study.h"
#include "core/registration/FrameTransforms.h"
#include "core/roi/LineProfile.h"
#include "core/roi/RoiMeasurement.h"

namespace crosscheck {

/// One ROI measured in one loaded series (a row of the measurement table).
struct SeriesMeasurement {
    SeriesRole role = SeriesRole::Other;
    std::string seriesInstanceUid;
    std::string frameOfReferenceUid;
    RoiMeasurement measurement;
};

/// The transforms an ROI is measured through: where a frame pair's pick is "nearest", the
/// local registration nearest the ROI's centre (badges then say "nearest to the ROI").
FrameTransforms roiTransforms(const Roi& roi, const FrameTransforms& transforms);

/// Measures an ROI (in its own frame) in one series: the ROI is carried to the series'
/// frame through `transforms` as roiTransforms picks them (identity for the same frame).
/// With no known transform the result has no numbers and the warning "no transform".
SeriesMeasurement measureInSeries(const Roi& roi, const LoadedSeries& series,
                                  const FrameTransforms& transforms,
                                  const MeasureOptions& options = {});

/// measureInSeries for every series of the study, in the study's order.
std::vector<SeriesMeasurement> measureInStudy(const Roi& roi, const Study& study,
                                              const MeasureOptions& options = {});

/// The values of the voxels an ROI takes in one series (for its histogram, with
/// makeHistogram); empty when no transform joins the frames or the series is not loaded.
std::optional<std::vector<double>> valuesInSeries(const Roi& roi, const LoadedSeries& series,
                                                  const FrameTransforms& transforms);

/// The profile of a ruler (its two points; or the long axis of a bidirectional) in one
/// series, every stepMm, distances in the ROI's frame; empty without a transform.
std::optional<std::vector<ProfileSample>> profileInSeries(const Roi& ruler,
                                                          const LoadedSeries& series,
                                                          const FrameTransforms& transforms,
                                                          double stepMm = 0.5);

/// One row as `crosscheck-cli measure --json` prints it (docs/cli.md): role,
/// series_instance_uid, unit, mean, sd, median, min, max, p5, p95, count, area_mm2 or
/// volume_mm3, long_axis_mm, short_axis_mm, visible_extent_mm, visible_axial_mm and
/// visible_sagittal_mm ([long, short] or null), warnings; plus
/// frame_of_reference_uid, mean_ring, contrast, ring_width_mm and visible_threshold. Numbers
/// are null when the series has none.
nlohmann::json toJson(const SeriesMeasurement& row, const MeasureOptions& options = {});

/// CT minus sCT for one ROI: the difference of the means (HU) and of the visible extents
/// (mm), flagged when |delta mean| >= 100 HU or |delta extent| >= 3 mm (the published sCT
/// failure: a 460 HU, 20 mm calcified tumour rendered as 20 HU soft tissue).
struct CtSctDifference {
    double deltaMeanHu = 0.0;
    std::optional<double> deltaExtentMm;
    /// CT minus sCT of the visible [long, short] in the axial / sagittal plane (mm): the
    /// study's table; empty when either series has no size in that plane.
    std::optional<Eigen::Vector2d> deltaAxialMm;
    std::optional<Eigen::Vector2d> deltaSagittalMm;
    bool flagged = false;
    std::vector<std::string> reasons;  ///< "mean differs by 437 HU", "extent differs by 15 mm"
};

inline constexpr double kCtSctMeanFlagHu = 100.0;
inline constexpr double kCtSctExtentFlagMm = 3.0;

/// Empty unless both measurements have numbers.
std::optional<CtSctDifference> compareCtSct(const RoiMeasurement& ct, const RoiMeasurement& sct);
/// The first CT and first sCT row with numbers, compared; empty when either is missing.
std::optional<CtSctDifference> compareCtSct(const std::vector<SeriesMeasurement>& rows);

nlohmann::json toJson(const CtSctDifference& difference);

}  // namespace crosscheck
