#include "core/report/ReportSeg.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmfg/fgderimg.h>
#include <dcmtk/dcmfg/fgfracon.h>
#include <dcmtk/dcmfg/fgpixmsr.h>
#include <dcmtk/dcmfg/fgplanor.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmiod/iodmacro.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>

#include <unistd.h>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "core/report/DicomDecimal.h"
#include "core/report/ReportAnonymizer.h"
#include "core/report/ReportDicomFile.h"
#include "core/report/ReportDicomHeader.h"
#include "core/report/ReportWriteError.h"
#include "core/roi/RoiSampler.h"

namespace crosscheck {

namespace {

/// Shapes with an area or a volume: the ones whose voxels make a segment.
bool hasVoxels(RoiShape shape) {
    switch (shape) {
        case RoiShape::Ellipse:
        case RoiShape::Rectangle:
        case RoiShape::Polygon:
        case RoiShape::Sphere:
        case RoiShape::Brush:
            return true;
        case RoiShape::Ruler:
        case RoiShape::Bidirectional:
        case RoiShape::Point:
            return false;
    }
    return false;
}

/// The SEG is built in many small steps; each failure names the step and DCMTK's reason.
class SegBuild {
public:
    explicit SegBuild(std::filesystem::path path) : m_path(std::move(path)) {}
    void check(const OFCondition& condition, const char* step) const {
        if (condition.bad()) {
            fail(std::string(step) + ": " + condition.text());
        }
    }
    [[noreturn]] void fail(const std::string& reason) const {
        throw ReportWriteError(m_path.string() + ": cannot build the DICOM SEG (" + reason + ")");
    }

private:
    std::filesystem::path m_path;
};

/// LO: at most 64 characters, no backslash (the value separator).
OFString longString(std::string text) {
    for (char& c : text) {
        if (c == '\\' || c == '\n' || c == '\r') {
            c = '/';
        }
    }
    return text.substr(0, 64).c_str();
}

void setPatientAndStudy(const SegBuild& b, const ReportModel& report, DcmSegmentation& seg) {
    // Empty values are allowed (type 2); checking them would refuse the anonymized ones.
    b.check(seg.getPatient().setPatientName(report.patient.name.c_str(), OFFalse), "patient name");
    b.check(seg.getPatient().setPatientID(report.patient.id.c_str(), OFFalse), "patient ID");
    b.check(seg.getPatient().setPatientBirthDate(report.patient.birthDate.c_str(), OFFalse),
            "birth date");
    b.check(seg.getPatient().setPatientSex(report.patient.sex.c_str(), OFFalse), "sex");
    IODGeneralStudyModule& study = seg.getStudy();
    b.check(study.setStudyInstanceUID(report.study.studyInstanceUid.c_str()), "study UID");
    b.check(study.setStudyDate(report.study.studyDate.c_str(), OFFalse), "study date");
    b.check(study.setStudyTime(report.study.studyTime.c_str(), OFFalse), "study time");
    b.check(study.setStudyID(report.study.studyId.c_str(), OFFalse), "study ID");
    b.check(study.setAccessionNumber(report.study.accessionNumber.c_str(), OFFalse),
            "accession number");
    b.check(study.setStudyDescription(report.study.description.c_str(), OFFalse),
            "study description");
}

void setSharedGroups(const SegBuild& b, const ReportSegmentation& s, DcmSegmentation& seg) {
    const Eigen::Vector3d row = s.grid.axisDirection(0), column = s.grid.axisDirection(1);
    std::unique_ptr<FGPlaneOrientationPatient> orientation(FGPlaneOrientationPatient::createMinimal(
        dicomDecimalString(row.x()).c_str(), dicomDecimalString(row.y()).c_str(),
        dicomDecimalString(row.z()).c_str(), dicomDecimalString(column.x()).c_str(),
        dicomDecimalString(column.y()).c_str(), dicomDecimalString(column.z()).c_str()));
    if (!orientation) {
        b.fail("plane orientation");
    }
    b.check(seg.addForAllFrames(*orientation), "plane orientation");
    // PixelSpacing is row spacing (along a column, j) then column spacing (along a row, i).
    const Eigen::Vector3d spacing = s.grid.spacingMm();
    FGPixelMeasures measures;
    b.check(measures.setPixelSpacing(
                (dicomDecimalString(spacing.y()) + "\\" + dicomDecimalString(spacing.x())).c_str()),
            "pixel spacing");
    b.check(measures.setSliceThickness(dicomDecimalString(spacing.z()).c_str()), "slice thickness");
    b.check(measures.setSpacingBetweenSlices(dicomDecimalString(spacing.z()).c_str()),
            "spacing between slices");
    b.check(seg.addForAllFrames(measures), "pixel measures");
}

/// Adds the segments (numbered 1.. in order) and returns their numbers.
std::vector<Uint16> addSegments(const SegBuild& b, const ReportSegmentation& s,
                                DcmSegmentation& seg) {
    // CID 7150 names 49755003 "Morphologically Abnormal Structure" (SNOMED's older
    // "Morphologically altered structure" is the meaning some tools still write).
    const CodeSequenceMacro category("49755003", "SCT", "Morphologically Abnormal Structure");
    const CodeSequenceMacro type("108369006", "SCT", "Neoplasm");
    std::vector<Uint16> numbers;
    for (const ReportSegment& r : s.segments) {
        DcmSegment* segment = nullptr;
        const OFString label = longString(r.label.empty() ? "ROI " + r.roiId : r.label);
        b.check(DcmSegment::create(segment, label, category, type, DcmSegTypes::SAT_MANUAL),
                "segment");
        std::unique_ptr<DcmSegment> owned(segment);
        if (!r.trackingUid.empty()) {
            b.check(segment->setTrackingID(label), "tracking ID");
            b.check(segment->setTrackingUID(r.trackingUid.c_str()), "tracking UID");
        }
        Uint16 number = 0;
        b.check(seg.addSegment(segment, number), "segment");
        owned.release();  // the segmentation owns it now
        numbers.push_back(number);
    }
    return numbers;
}

/// One frame per segment and slice with voxels; per-frame groups: plane position, frame
/// content (segment number, slice index) and the CT image it was derived from.
void addFrames(const SegBuild& b, const ReportSegmentation& s, const std::vector<Uint16>& numbers,
               DcmSegmentation& seg) {
    const int columns = s.grid.dims().x(), rows = s.grid.dims().y();
    std::map<int, const ReportSegSlice*> slices;
    for (const ReportSegSlice& slice : s.slices) {
        slices[slice.k] = &slice;
    }
    for (std::size_t n = 0; n < s.segments.size(); ++n) {
        std::map<int, std::vector<Uint8>> frames;  // by k: ordered by slice
        for (const Eigen::Vector3i& v : s.segments[n].voxels) {
            auto& frame = frames[v.z()];
            frame.resize(static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows), 0);
            frame[static_cast<std::size_t>(v.y()) * static_cast<std::size_t>(columns) +
                  static_cast<std::size_t>(v.x())] = 1;
        }
        for (auto& [k, pixels] : frames) {
            const auto found = slices.find(k);
            if (found == slices.end()) {
                b.fail("slice " + std::to_string(k) + " of a segment is not listed");
            }
            const ReportSegSlice& slice = *found->second;
            const Eigen::Vector3d& p = slice.positionMm;
            std::unique_ptr<FGPlanePosPatient> position(FGPlanePosPatient::createMinimal(
                dicomDecimalString(p.x()).c_str(), dicomDecimalString(p.y()).c_str(),
                dicomDecimalString(p.z()).c_str()));
            if (!position) {
                b.fail("plane position");
            }
            FGFrameContent content;
            b.check(content.setDimensionIndexValues(numbers[n], 0), "dimension index");
            b.check(content.setDimensionIndexValues(static_cast<Uint32>(k + 1), 1),
                    "dimension index");
            OFVector<FGBase*> groups{position.get(), &content};
            std::unique_ptr<FGDerivationImage> derivation;
            if (!slice.sopInstanceUid.empty()) {
                OFVector<ImageSOPInstanceReferenceMacro> images(1);
                b.check(images[0].setReferencedSOPClassUID(slice.sopClassUid.c_str()),
                        "source image class");
                b.check(images[0].setReferencedSOPInstanceUID(slice.sopInstanceUid.c_str()),
                        "source image");
                if (slice.frameNumber > 0) {
                    b.check(
                        images[0].addReferencedFrameNumber(static_cast<Uint16>(slice.frameNumber)),
                        "source frame");
                }
                derivation.reset(DcmSegmentation::createDerivationImageFG(
                    images, "Region of interest drawn by a user in Crosscheck"));
                if (!derivation) {
                    b.fail("derivation image");
                }
                groups.push_back(derivation.get());
            }
            b.check(seg.addFrame(pixels.data(), numbers[n], groups), "frame");
        }
    }
}

/// Lists every referenced CT image in the Common Instance Reference module (required when
/// the frames reference other instances).
void addReferencedSeries(const ReportSegmentation& s, DcmSegmentation& seg) {
    auto* series = new IODSeriesAndInstanceReferenceMacro::ReferencedSeriesItem;
    seg.getCommonInstanceReference().getReferencedSeriesItems().push_back(series);
    series->setSeriesInstanceUID(s.ctSeriesInstanceUid.c_str());
    for (const ReportSegSlice& slice : s.slices) {
        if (slice.sopInstanceUid.empty()) {
            continue;
        }
        auto* instance = new SOPInstanceReferenceMacro;
        instance->setReferencedSOPClassUID(slice.sopClassUid.c_str());
        instance->setReferencedSOPInstanceUID(slice.sopInstanceUid.c_str());
        series->getReferencedInstanceItems().push_back(instance);
    }
}

/// The CT's anatomy as the SEG repeats it; values outside the enumerated ones are dropped.
void readAnatomy(const ReportDicomHeader& ct, ReportSegmentation& s) {
    s.bodyPartExamined = ct.bodyPartExamined;
    s.laterality = ct.laterality == "R" || ct.laterality == "L" ? ct.laterality : "";
    const std::string& image = ct.imageLaterality;
    s.imageLaterality = image == "R" || image == "L" || image == "U" || image == "B" ? image : "";
}

/// General Series and General Image anatomy. PixelMed requires Laterality (type 2C) when there
/// is no Image Laterality, and an empty Laterality would claim a paired structure of unknown
/// side; so Laterality is written only when the CT's is R or L, and Image Laterality always:
/// the CT's, else its Laterality, else U (unpaired: the spine).
void writeAnatomy(const SegBuild& b, const ReportSegmentation& s, DcmSegmentation& seg) {
    if (!s.bodyPartExamined.empty()) {
        // A CT's value that is not a valid CS (too long, lower case) is left out rather than
        // failing the export: the SEG is still correct without it.
        static_cast<void>(seg.getSeries().setBodyPartExamined(s.bodyPartExamined.c_str()));
    }
    if (s.laterality == "R" || s.laterality == "L") {
        b.check(seg.getSeries().setLaterality(s.laterality == "R" ? DcmIODTypes::LATERALITY_R
                                                                  : DcmIODTypes::LATERALITY_L),
                "laterality");
    }
}

std::string imageLaterality(const ReportSegmentation& s) {
    if (!s.imageLaterality.empty()) {
        return s.imageLaterality;
    }
    return s.laterality.empty() ? "U" : s.laterality;
}

}  // namespace

std::optional<ReportSegmentation> buildReportSegmentation(const Study& study,
                                                          const ReportModel& report,
                                                          std::string* whyNot) {
    auto fail = [whyNot](const std::string& reason) {
        if (whyNot) {
            *whyNot = reason;
        }
        return std::nullopt;
    };
    if (report.anonymized) {
        return fail("the report is already anonymized: build the segmentation before");
    }
    const LoadedSeries* ct = study.find(SeriesRole::CT);
    if (!ct || !ct->volume) {
        return fail("the study has no loaded CT to segment on");
    }
    ReportSegmentation s;
    s.ctSeriesInstanceUid = ct->info.seriesInstanceUid;
    s.frameOfReferenceUid = ct->info.frameOfReferenceUid;
    s.grid = ct->volume->geometry();
    std::set<int> touched;
    for (const ReportRoi& r : report.rois) {
        if (!hasVoxels(r.roi.shape) || !r.roi.validate().empty()) {
            continue;
        }
        const auto toCt =
            study.transforms.transform(r.roi.frameOfReferenceUid, ct->info.frameOfReferenceUid);
        if (!toCt) {
            continue;
        }
        // The measurement's own voxel rule: the segment is what the CT numbers were taken on.
        const RoiSamples samples =
            sampleRoi(r.roi.transformed(*toCt, ct->info.frameOfReferenceUid), *ct->volume, 0.0);
        if (samples.inside.empty()) {
            continue;
        }
        ReportSegment segment{r.id, r.label, r.trackingUid, {}};
        for (const SampledVoxel& v : samples.inside) {
            segment.voxels.push_back(v.ijk);
            touched.insert(v.ijk.z());
        }
        s.segments.push_back(std::move(segment));
    }
    bool anatomyRead = false;
    for (int k : touched) {
        ReportSegSlice slice;
        slice.k = k;
        slice.positionMm = s.grid.toPatient(VoxelIndex{Eigen::Vector3d(0, 0, k)}).mm;
        if (k < static_cast<int>(ct->info.slices.size())) {
            const SliceRef& ref = ct->info.slices[static_cast<std::size_t>(k)];
            if (!ref.missing && !ref.file.empty()) {
                slice.positionMm = ref.positionMm;
                if (const auto header = readReportDicomHeader(ref.file)) {
                    if (!anatomyRead) {
                        readAnatomy(*header, s);
                        anatomyRead = true;
                    }
                    slice.sopClassUid = header->sopClassUid;
                    slice.sopInstanceUid = header->sopInstanceUid;
                    slice.frameNumber = ct->info.numberOfFrames > 1 ? ref.frame + 1 : 0;
                }
            }
        }
        s.slices.push_back(slice);
    }
    return s;
}

ReportSegmentation anonymizeSegmentation(const ReportSegmentation& segmentation,
                                         UidRemapper& uids) {
    ReportSegmentation out = segmentation;
    out.ctSeriesInstanceUid = uids.map(out.ctSeriesInstanceUid);
    out.frameOfReferenceUid = uids.map(out.frameOfReferenceUid);
    for (ReportSegSlice& slice : out.slices) {
        slice.sopInstanceUid = uids.map(slice.sopInstanceUid);
    }
    for (ReportSegment& segment : out.segments) {
        segment.trackingUid = uids.map(segment.trackingUid);
    }
    return out;
}

void anonymizeExport(ReportModel& report, std::optional<ReportSegmentation>& segmentation) {
    UidRemapper uids;
    report = anonymizeReport(report, uids);
    if (segmentation) {
        segmentation = anonymizeSegmentation(*segmentation, uids);
    }
}

void writeReportSeg(const ReportModel& report, const ReportSegmentation& segmentation,
                    const std::filesystem::path& path) {
    const SegBuild b(path);
    if (segmentation.segments.empty()) {
        b.fail("no ROI covers a voxel of the CT");
    }
    const Eigen::Vector3i& dims = segmentation.grid.dims();
    if (dims.x() <= 0 || dims.y() <= 0 || dims.x() > 65535 || dims.y() > 65535) {
        b.fail("the CT grid has no valid image size");
    }
    const std::string software =
        report.provenance.version + " (" + report.provenance.gitCommit + ")";
    const IODGeneralEquipmentModule::EquipmentInfo equipment("Crosscheck", "crosscheck", "1",
                                                             longString(software));
    // PN with a component separator: dciodvfy warns on the retired single-string form.
    const ContentIdentificationMacro content("1", "CROSSCHECK_ROIS", "Crosscheck report ROIs",
                                             "Crosscheck^");
    DcmSegmentation* created = nullptr;
    b.check(DcmSegmentation::createBinarySegmentation(created, static_cast<Uint16>(dims.y()),
                                                      static_cast<Uint16>(dims.x()), equipment,
                                                      content),
            "segmentation");
    const std::unique_ptr<DcmSegmentation> seg(created);
    setPatientAndStudy(b, report, *seg);
    b.check(
        seg->getFrameOfReference().setFrameOfReferenceUID(segmentation.frameOfReferenceUid.c_str()),
        "frame of reference");
    b.check(seg->getSeries().setSeriesNumber("901"), "series number");
    b.check(seg->getSeries().setSeriesDescription("Crosscheck ROI segmentation"),
            "series description");

    char organization[100];
    dcmGenerateUniqueIdentifier(organization, SITE_INSTANCE_UID_ROOT);
    IODMultiframeDimensionModule& dimensions = seg->getDimensions();
    b.check(
        dimensions.addDimensionIndex(DCM_ReferencedSegmentNumber, organization,
                                     DCM_SegmentIdentificationSequence, "ReferencedSegmentNumber"),
        "segment dimension");
    b.check(dimensions.addDimensionIndex(DCM_ImagePositionPatient, organization,
                                         DCM_PlanePositionSequence, "ImagePositionPatient"),
            "position dimension");

    writeAnatomy(b, segmentation, *seg);
    setSharedGroups(b, segmentation, *seg);
    const std::vector<Uint16> numbers = addSegments(b, segmentation, *seg);
    addFrames(b, segmentation, numbers, *seg);
    addReferencedSeries(segmentation, *seg);

    DcmFileFormat file;
    DcmDataset& dataset = *file.getDataset();
    b.check(seg->writeDataset(dataset), "write");
    // General Image's Image Laterality (type 3): DCMTK's module has no setter for it.
    b.check(dataset.putAndInsertString(DCM_ImageLaterality, imageLaterality(segmentation).c_str()),
            "image laterality");
    if (report.anonymized) {
        markDeidentified(dataset, path);
    }
    saveDicomAtomically(file, path);
}

}  // namespace crosscheck
