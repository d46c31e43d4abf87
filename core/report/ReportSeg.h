#pragma once

#include <Eigen/Core>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/VolumeGeometry.h"
#include "core/model/Study.h"
#include "core/report/ReportModel.h"
#include "core/report/UidRemapper.h"

namespace crosscheck {

/// One slice of the reference CT that a segmentation frame lies on: its index k in the
/// loaded volume, the image it came from (SOP UIDs, 1-based frame of a multi-frame file or
/// 0) and its ImagePositionPatient (CT frame, LPS mm). Gap fillers have empty SOP UIDs.
struct ReportSegSlice {
    int k = 0;
    std::string sopClassUid, sopInstanceUid;
    int frameNumber = 0;
    Eigen::Vector3d positionMm = Eigen::Vector3d::Zero();
};

/// One segment: an ROI's voxels on the reference CT grid (i, j, k indices), exactly the
/// voxels the ROI's CT measurement counts (sampleRoi), with the ROI's label and tracking UID.
struct ReportSegment {
    std::string roiId, label, trackingUid;
    std::vector<Eigen::Vector3i> voxels;
};

/// What a DICOM Segmentation of the report's ROIs holds, independent of DCMTK: the reference
/// CT's grid and identity, the CT slices touched by any segment (ascending k) and one
/// segment per ROI with an area or volume (ellipse, rectangle, polygon/freehand, sphere,
/// brush) that covers at least one CT voxel. Rulers, bidirectionals and points have no
/// voxels to segment and are left out.
struct ReportSegmentation {
    std::string ctSeriesInstanceUid, frameOfReferenceUid;
    /// The CT's anatomy, repeated on the SEG (the first touched CT image's header): Body Part
    /// Examined, series Laterality (R or L, else empty) and Image Laterality (R, L, U or B,
    /// else empty). Not identifying: anonymization keeps them.
    std::string bodyPartExamined, laterality, imageLaterality;
    VolumeGeometry grid;
    std::vector<ReportSegSlice> slices;
    std::vector<ReportSegment> segments;
};

/// Rasterizes the report's ROIs on the study's CT (the reference grid) with the same voxel
/// rule as the measurement (sampleRoi through the study's transforms) and reads the SOP UIDs
/// of the touched slices' files (readReportDicomHeader). Call it on the report before
/// anonymizing (the ROI frames must still be the study's). Empty, with the reason in
/// `whyNot`, when the study has no loaded CT or the report is already anonymized; a result
/// without segments means no ROI covers a CT voxel.
std::optional<ReportSegmentation> buildReportSegmentation(const Study& study,
                                                          const ReportModel& report,
                                                          std::string* whyNot = nullptr);

/// The segmentation with every UID (CT series, frame of reference, SOP instances, tracking)
/// replaced through `uids`; pass the remapper anonymizeReport used, so the SEG and the other
/// files of one export name the same new UIDs.
ReportSegmentation anonymizeSegmentation(const ReportSegmentation& segmentation, UidRemapper& uids);

/// Anonymizes an export: the report, and the segmentation when there is one, through one
/// UidRemapper, so that the SR and the SEG of the export name the same new UIDs.
void anonymizeExport(ReportModel& report, std::optional<ReportSegmentation>& segmentation);

/// Writes a binary DICOM Segmentation (SEG) of `segmentation` on the CT grid: one segment per
/// ROI (label = ROI label, tracking ID/UID = the ROI's, category Morphologically Abnormal
/// Structure (49755003, SCT), type Neoplasm (108369006, SCT), algorithm MANUAL), one frame per
/// segment and CT slice where the segment has voxels, each with Plane Position, Frame Content
/// (dimensions: segment number, slice position), Segment Identification and a Derivation Image
/// referencing the CT image; shared Plane Orientation and Pixel Measures. Patient and study come
/// from the report (the CT's header, anonymized when the report is: then PatientIdentityRemoved
/// = YES and DeidentificationMethod are set). A new series in the report's study, in the CT's
/// frame of reference, with the CT's Body Part Examined, its Laterality only when R or L, and
/// Image Laterality from the CT (its Image Laterality, else its Laterality, else U).
/// Segmented property category: CID 7150 gives 49755003 the meaning "Morphologically Abnormal
/// Structure".
///
/// Written atomically (temporary file + rename); throws ReportWriteError naming the file and
/// the reason (also when there is no segment). Does not check for an existing file:
/// writeReport does.
void writeReportSeg(const ReportModel& report, const ReportSegmentation& segmentation,
                    const std::filesystem::path& path);

}  // namespace crosscheck
