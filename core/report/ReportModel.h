#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/DiscrepancyMetrics.h"
#include "core/analysis/DiscrepancyRegion.h"
#include "core/analysis/DiscrepancyThresholds.h"
#include "core/findings/StructureAgreement.h"
#include "core/registration/FrameLink.h"
#include "core/roi/Roi.h"
#include "core/roi/RoiMeasurement.h"
#include "core/roi/StudyMeasurement.h"
#include "core/vocabulary/SeriesRole.h"

namespace crosscheck {

/// The sentence every report carries next to sCT numbers.
inline constexpr const char* kSyntheticCtStatement =
    "sCT values are synthetic: they are derived from MRI by a model, not measured by X-ray "
    "attenuation; where CT and sCT disagree, the CT is the measurement.";

/// Identifying data of the patient, as read from the series' DICOM headers (empty when
/// the headers do not have it, or after anonymization).
struct ReportPatient {
    std::string name, id, birthDate, sex;
};

/// The study the report belongs to (DICOM values: dates YYYYMMDD, times HHMMSS).
struct ReportStudy {
    std::string studyInstanceUid, studyDate, studyTime, description, accessionNumber, studyId;
};

/// One image a measurement was taken on: the slice of the series nearest the ROI's centre,
/// and the ROI's outline on it in image pixel coordinates (column, row; 0.5, 0.5 is the
/// centre of the top left pixel, as DICOM SCOORD). `graphicType` is "POLYLINE" (closed
/// outline or a line), "CIRCLE" (centre, point on the circle), "POINT", or empty when the
/// ROI does not lie in that slice (oblique to it, or a brush mask): then only the image is
/// referenced.
struct ReportImageRef {
    std::string sopClassUid;
    std::string sopInstanceUid;
    int frameNumber = 0;  ///< 1-based frame of a multi-frame file; 0 for a single-frame file
    int sliceIndex = 0;   ///< k index of the slice in the loaded volume
    std::string graphicType;
    std::vector<Eigen::Vector2d> outlinePx;
};

/// One series as the report lists it, with the basis that joins it to the reference
/// frame ("same frame", "registered: automatic MI", "not registered", ...).
struct ReportSeries {
    SeriesRole role = SeriesRole::Other;
    std::string seriesInstanceUid, studyInstanceUid, frameOfReferenceUid, modality, description;
    std::string syncBasis;
    int imageCount = 0;
};

/// One ROI measured in one series, with how the ROI reached the series' frame
/// (`transform`: FrameTransforms::badge from the ROI's frame to the series';
/// `transformLinks`: the links along the way, each with its name (empty: the pair's global
/// transform), method and region; empty for the same frame or no transform) and the image
/// it was measured on (empty when the series has no numbers or the file is unreadable).
struct ReportMeasurement {
    SeriesMeasurement row;
    std::string transform;
    std::vector<FrameLink> transformLinks;
    std::optional<ReportImageRef> image;
};

/// One ROI of the report: its shape and location (its own frame, LPS mm), its rows, and CT
/// minus sCT (compareCtSct) when both have numbers. `trackingUid` identifies the ROI (the
/// same finding) across the series and in the DICOM SR.
struct ReportRoi {
    std::string id;
    std::string label;
    std::string trackingUid;
    Roi roi;
    Eigen::Vector3d centerMm = Eigen::Vector3d::Zero();
    std::vector<ReportMeasurement> measurements;
    std::optional<CtSctDifference> ctMinusSct;
};

/// The CT-versus-sCT analysis the report includes: which series, how they were joined,
/// the thresholds, the ranked findings (voxel runs dropped) and the global metrics.
/// Positions of the findings are in the CT's patient coordinates (LPS, mm).
struct ReportDiscrepancy {
    std::string ctSeriesInstanceUid;
    std::string sctSeriesInstanceUid;
    std::string transform;  ///< badge of the CT -> sCT link
    DiscrepancyThresholds thresholds;
    std::vector<DiscrepancyRegion> findings;
    DiscrepancyMetrics metrics;
};

/// The table "sCT agreement per structure" (docs/import.md) over the report's imported
/// structures (ROIs with `importedFrom`): per structure the CT and sCT mean HU, MAE and ME
/// inside it (structureAgreement), sorted by MAE, largest first. `rows` is empty and
/// `whyNot` says why when the study has no CT and sCT joined by a known transform.
struct ReportStructureAgreement {
    std::string ctSeriesInstanceUid;
    std::string sctSeriesInstanceUid;
    std::vector<StructureAgreementRow> rows;
    std::string whyNot;
};

/// Where the numbers come from: software, build, time of the export (UTC, ISO 8601) and
/// the measurement parameters.
struct ReportProvenance {
    std::string software = "crosscheck";
    std::string version;
    std::string gitCommit;
    std::string createdAt;  ///< "2026-11-26T08:00:00Z"
    MeasureOptions measureOptions;
};

/// Everything a report says, independent of the format it is written in (CSV, JSON and
/// DICOM SR in core/report, PDF in the viewer). Plain data: build it with buildReport,
/// anonymize it with anonymizeReport, write it with writeReport.
struct ReportModel {
    ReportPatient patient;
    ReportStudy study;
    std::string referenceFrameUid;
    std::vector<ReportSeries> series;
    std::vector<ReportRoi> rois;
    std::optional<ReportDiscrepancy> discrepancy;
    /// Only when an ROI of the report was imported (RoiProvenance).
    std::optional<ReportStructureAgreement> structureAgreement;
    ReportProvenance provenance;
    std::string statement = kSyntheticCtStatement;
    bool anonymized = false;
    std::string deidentificationMethod;  ///< empty unless anonymized

    /// The series with this UID, or null.
    const ReportSeries* findSeries(const std::string& seriesInstanceUid) const;
};

}  // namespace crosscheck
