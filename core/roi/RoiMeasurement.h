#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/roi/Roi.h"
#include "core/roi/ValueSummary.h"
#include "core/roi/VisibleExtent.h"
#include "core/vocabulary/SeriesRole.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// What a measurement is asked to do beyond the ROI itself.
struct MeasureOptions {
    /// Width of the ring around the ROI whose mean the contrast is taken against, mm.
    double ringWidthMm = 3.0;
    /// Visible-extent threshold for CT and sCT (HU): value >= threshold is visible.
    double visibleThresholdHu = 200.0;
    /// Visible-extent threshold for MR series (intensity); none by default, because MR has
    /// no absolute scale: then visibleExtentMm stays empty for MR.
    std::optional<double> visibleThresholdIntensity;
};

/// The size of an ROI's shape, independent of any series (mm, mm^2, mm^3).
///
/// Ellipse: 2 x the semi-axes; rectangle: the sides; polygon: the longest vertex-to-vertex
/// distance and the polygon's width perpendicular to it (in its plane); ruler: its length
/// and 0; bidirectional: its two axes; point: 0; sphere: the diameter twice; brush: the
/// longest distance between labelled voxel centres and the largest width perpendicular to
/// it. Area for ellipse, rectangle, polygon (the shape's exact area, not a voxel count) and
/// 0 for ruler, bidirectional and point; volume for sphere (4/3 pi r^3) and brush
/// (labelled voxels x mask voxel volume).
struct RoiSize {
    std::optional<double> areaMm2;
    std::optional<double> volumeMm3;
    double longAxisMm = 0.0;
    double shortAxisMm = 0.0;
};

RoiSize measureRoiSize(const Roi& roi);

/// Which of RoiSize's numbers mean something for this shape: a ruler has a length but no
/// area or short axis, a point has none of them (their 0 is "not applicable", not a
/// measured zero). Tables and reports show a dash for the others.
struct RoiSizeMeaning {
    bool area = false;
    bool longAxis = false;
    bool shortAxis = false;
};
RoiSizeMeaning roiSizeMeaning(const Roi& roi);

/// One ROI measured in one series, on that series' own voxels (see sampleRoi for which
/// voxels count). Values are HU for CT and sCT ("HU"), scanner intensity for MR
/// ("intensity").
///
/// `hasNumbers` is false when the series could not be measured (no transform from the ROI's
/// frame, or no voxel of the series under the ROI); `warnings` then says why and the
/// numbers are meaningless. Numbers from an sCT carry the warning
/// "synthetic: derived from MRI". `visibleExtentMm` is 0 when nothing the ROI was drawn
/// around reaches the threshold (with the warning kOnlyCrossingWarning when only structures
/// crossing the ROI border do) and empty when there is no threshold (MR by default). `contrast` =
/// mean - ringMean, empty when the ROI has no ring (lines, points) or the ring holds no voxel.
struct RoiMeasurement {
    std::string unit;
    bool hasNumbers = false;
    ValueSummary values;
    RoiSize size;
    std::optional<double> visibleThreshold;
    std::optional<double> visibleExtentMm;
    /// [long, short] of the visible region's section in the axial / sagittal plane, mm
    /// (VisibleExtent): [0, 0] when nothing is visible; empty without a threshold and for
    /// the plane a planar ROI does not lie in.
    std::optional<Eigen::Vector2d> visibleAxialMm;
    std::optional<Eigen::Vector2d> visibleSagittalMm;
    VisibleExtent visibleExtent;  ///< ends in the series' patient coordinates
    int ringCount = 0;
    std::optional<double> ringMean;
    std::optional<double> contrast;
    std::vector<std::string> warnings;
};

/// "HU" for CT and sCT, "intensity" otherwise.
const char* measurementUnit(SeriesRole role);

/// Measures an ROI already expressed in the volume's frame (Roi::transformed).
RoiMeasurement measureRoi(const Roi& roiInVolumeFrame, const Volume& volume, SeriesRole role,
                          const MeasureOptions& options = {});

}  // namespace crosscheck
