#include "core/report/ReportSr.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmsr/cmr/tid1500.h>
#include <dcmtk/dcmsr/codes/dcm.h>
#include <dcmtk/dcmsr/codes/sct.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <unistd.h>
#include <cstdio>
#include <set>
#include <string>

#include "core/analysis/DiscrepancyKind.h"
#include "core/report/DicomDecimal.h"
#include "core/report/ReportDicomFile.h"
#include "core/report/ReportWriteError.h"

namespace crosscheck {

namespace {

using Group = CMR_TID1501_in_TID1500;

/// The SR is built in many small steps; each failure names the step and DCMTK's reason.
class SrBuild {
public:
    explicit SrBuild(std::filesystem::path path) : m_path(std::move(path)) {}
    void check(const OFCondition& condition, const char* step) const {
        if (condition.bad()) {
            throw ReportWriteError(m_path.string() + ": cannot build the DICOM SR (" + step +
                                   "): " + condition.text());
        }
    }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

DSRImageReferenceValue imageReference(const ReportImageRef& ref) {
    DSRImageReferenceValue value(ref.sopClassUid, ref.sopInstanceUid);
    if (ref.frameNumber > 0) {
        value.getFrameList().addItem(static_cast<Sint32>(ref.frameNumber));
    }
    return value;
}

struct Quantity {
    DSRCodedEntryValue concept;
    CMR_CID7181 unit;
};

Quantity intensityQuantity(SeriesRole role) {
    switch (role) {
        case SeriesRole::CT:
        case SeriesRole::sCT:
            return {DSRCodedEntryValue(CODE_DCM_AttenuationCoefficient),
                    CMR_CID7181(CMR_CID7181::HounsfieldUnit)};
        case SeriesRole::T1w:
            return {DSRCodedEntryValue(CODE_DCM_T1WeightedMRSignalIntensity),
                    CMR_CID7181(CMR_CID7181::ArbitraryUnit)};
        case SeriesRole::T2w:
            return {DSRCodedEntryValue(CODE_DCM_T2WeightedMRSignalIntensity),
                    CMR_CID7181(CMR_CID7181::ArbitraryUnit)};
        default:
            return {DSRCodedEntryValue(CODE_DCM_MRSignalIntensity),
                    CMR_CID7181(CMR_CID7181::ArbitraryUnit)};
    }
}

/// Adds one measurement (TID 300) with its derivation and its image reference.
void addMeasurement(const SrBuild& b, Group& group, const DSRCodedEntryValue& concept, double value,
                    const CMR_CID7181& unit, const CMR_CID7464* derivation,
                    const std::optional<ReportImageRef>& image) {
    Group::MeasurementValue number(dicomDecimalString(value), unit);
    b.check(number.setFloatingPointRepresentation(value), "floating point value");
    b.check(group.addMeasurement(CMR_CID7469(concept), number), "measurement");
    auto& measurement = group.getMeasurement();
    if (derivation) {
        b.check(measurement.setDerivation(*derivation), "derivation");
    }
    if (!image) {
        return;
    }
    if (image->graphicType.empty()) {
        b.check(measurement.addImage(CODE_DCM_SourceOfMeasurement, imageReference(*image)),
                "source image");
        return;
    }
    const DSRTypes::E_GraphicType type = image->graphicType == "POINT"    ? DSRTypes::GT_Point
                                         : image->graphicType == "CIRCLE" ? DSRTypes::GT_Circle
                                                                          : DSRTypes::GT_Polyline;
    DSRSpatialCoordinatesValue coordinates(type);
    for (const auto& p : image->outlinePx) {
        coordinates.getGraphicDataList().addItem(static_cast<Float32>(p.x()),
                                                 static_cast<Float32>(p.y()));
    }
    b.check(measurement.addSpatialCoordinates(CODE_DCM_ImageRegion, coordinates,
                                              imageReference(*image)),
            "image region");
}

/// The study's sizes are not the ROI's own axes but the visible object's section in one
/// plane; no standard code says that, so the TID 300 Measurement Method (CID 6147 is
/// extensible) carries a private one, declared in the Coding Scheme Identification.
constexpr const char* kMethodScheme = "99CRSCHK";

enum class SectionPlane { Axial, Sagittal };

DSRCodedEntryValue visibleSectionMethod(SectionPlane plane) {
    return plane == SectionPlane::Axial
               ? DSRCodedEntryValue("VISIBLE-AXIAL", kMethodScheme,
                                    "Visible section above threshold, axial plane")
               : DSRCodedEntryValue("VISIBLE-SAGITTAL", kMethodScheme,
                                    "Visible section above threshold, sagittal plane");
}

/// Long and short axis of the visible section in one plane, when the row has that plane.
void addVisibleSection(const SrBuild& b, Group& group, SectionPlane plane,
                       const std::optional<Eigen::Vector2d>& longShortMm,
                       const std::optional<ReportImageRef>& image) {
    if (!longShortMm) {
        return;
    }
    const CMR_CID7181 mm(CMR_CID7181::Millimeter);
    const CMR_CID7469 axes[] = {CMR_CID7469(CMR_CID7469::LongAxis),
                                CMR_CID7469(CMR_CID7469::ShortAxis)};
    for (int i = 0; i < 2; ++i) {
        addMeasurement(b, group, axes[i], (*longShortMm)[i], mm, nullptr, image);
        b.check(
            group.getMeasurement().setMeasurementMethod(CMR_CID6147(visibleSectionMethod(plane))),
            "visible section method");
    }
}

void addGroup(const SrBuild& b, Group& group, const ReportRoi& roi, const ReportMeasurement& m) {
    const RoiMeasurement& r = m.row.measurement;
    b.check(group.setTrackingIdentifier(roi.label + " in " + toString(m.row.role)),
            "tracking identifier");
    b.check(group.setTrackingUniqueIdentifier(roi.trackingUid), "tracking UID");
    b.check(group.setFinding(DSRCodedEntryValue("52988006", "SCT", "Lesion")), "finding");
    b.check(group.addFindingSite(DSRCodedEntryValue("421060004", "SCT", "Spine")), "finding site");
    const Quantity q = intensityQuantity(m.row.role);
    const std::pair<CMR_CID7464, double> statistics[] = {
        {CMR_CID7464(CMR_CID7464::Mean), r.values.mean},
        {CMR_CID7464(CMR_CID7464::StandardDeviation), r.values.sd},
        {CMR_CID7464(CMR_CID7464::Median), r.values.median},
        {CMR_CID7464(CMR_CID7464::Minimum), r.values.min},
        {CMR_CID7464(CMR_CID7464::Maximum), r.values.max}};
    for (const auto& [derivation, value] : statistics) {
        addMeasurement(b, group, q.concept, value, q.unit, &derivation, m.image);
    }
    const CMR_CID7181 mm(CMR_CID7181::Millimeter);
    if (r.size.longAxisMm > 0.0) {
        addMeasurement(b, group, CMR_CID7469(CMR_CID7469::LongAxis), r.size.longAxisMm, mm, nullptr,
                       m.image);
    }
    if (r.size.shortAxisMm > 0.0) {
        addMeasurement(b, group, CMR_CID7469(CMR_CID7469::ShortAxis), r.size.shortAxisMm, mm,
                       nullptr, m.image);
    }
    if (r.size.volumeMm3) {
        addMeasurement(b, group, DSRCodedEntryValue("118565006", "SCT", "Volume"),
                       *r.size.volumeMm3, CMR_CID7181(CMR_CID7181::CubicMillimeter), nullptr,
                       m.image);
    } else if (r.size.areaMm2 && *r.size.areaMm2 > 0.0) {
        addMeasurement(b, group, DSRCodedEntryValue("42798000", "SCT", "Area"), *r.size.areaMm2,
                       CMR_CID7181(CMR_CID7181::SquareMillimeter), nullptr, m.image);
    }
    addVisibleSection(b, group, SectionPlane::Axial, r.visibleAxialMm, m.image);
    addVisibleSection(b, group, SectionPlane::Sagittal, r.visibleSagittalMm, m.image);
}

/// The synthetic-CT statement for an ROI measured in the sCT, with CT - sCT. A report-level
/// Comment (TID 1500 rows 12-14), not one inside the measurement group: PixelMed's TID 1501
/// (DicomSRValidator -checktemplateid) finds no row for a TEXT Comment there ("Content Item
/// not in template"), so the text names the ROI by label and tracking UID instead.
std::string sctComment(const ReportRoi& roi) {
    std::string note = "ROI \"" + roi.label + "\" (tracking UID " + roi.trackingUid +
                       "), sCT: " + kSyntheticCtStatement;
    if (roi.ctMinusSct) {
        note += " CT - sCT mean " + dicomDecimalString(roi.ctMinusSct->deltaMeanHu) + " HU";
        const std::pair<const char*, const std::optional<Eigen::Vector2d>*> planes[] = {
            {"axial", &roi.ctMinusSct->deltaAxialMm},
            {"sagittal", &roi.ctMinusSct->deltaSagittalMm}};
        for (const auto& [plane, size] : planes) {
            if (*size) {
                note += std::string(", ") + plane + " " + dicomDecimalString((**size)[0]) + " x " +
                        dicomDecimalString((**size)[1]) + " mm";
            }
        }
        if (roi.ctMinusSct->flagged) {
            note += " (flagged)";
        }
    }
    return note;
}

void fillDocument(const SrBuild& b, const ReportModel& report, DSRDocument& doc) {
    b.check(doc.createNewSeriesInStudy(report.study.studyInstanceUid.c_str()), "study");
    doc.setPatientName(report.patient.name.c_str());
    doc.setPatientID(report.patient.id.c_str());
    doc.setPatientBirthDate(report.patient.birthDate.c_str());
    doc.setPatientSex(report.patient.sex.c_str());
    doc.setStudyDate(report.study.studyDate.c_str());
    doc.setStudyTime(report.study.studyTime.c_str());
    doc.setStudyID(report.study.studyId.c_str());
    doc.setAccessionNumber(report.study.accessionNumber.c_str());
    doc.setStudyDescription(report.study.description.c_str());
    b.check(doc.setManufacturer("Crosscheck"), "manufacturer");
    b.check(doc.setManufacturerModelName("crosscheck"), "model name");
    b.check(doc.setSoftwareVersions(
                (report.provenance.version + " (" + report.provenance.gitCommit + ")").c_str()),
            "software versions");
    b.check(doc.setSeriesDescription("Crosscheck measurement report"), "series description");
    b.check(doc.getCodingSchemeIdentification().addItem(
                kMethodScheme, "", "Crosscheck measurement methods", "Crosscheck"),
            "coding scheme identification");
}

/// One discrepancy finding as a sentence, for the report-level qualitative evaluations
/// (TID 1500 row 14): what kind, how big, the CT and sCT means, where (CT frame, LPS mm)
/// and whether MRI shows it. Numbers to one decimal, as the PDF prints them.
std::string findingSentence(const DiscrepancyRegion& f) {
    char text[512];
    std::snprintf(text, sizeof text,
                  "CT versus sCT finding %d (%s): %.1f x %.1f x %.1f mm, %.1f mm3; CT mean "
                  "%.1f HU, sCT mean %.1f HU%s; centroid (%.1f, %.1f, %.1f) mm LPS in the CT "
                  "frame%s",
                  f.rank, toString(f.kind), f.extentMm.x(), f.extentMm.y(), f.extentMm.z(),
                  f.volumeMm3, f.objectCtHu(), f.objectSctHu(),
                  f.attenuation ? " (the object at half maximum)" : "", f.centroidMm.x(),
                  f.centroidMm.y(), f.centroidMm.z(),
                  !f.visibleOnMr   ? ""
                  : *f.visibleOnMr ? "; visible on MRI"
                                   : "; not visible on MRI");
    return text;
}

void addSctComments(const SrBuild& b, TID1500_MeasurementReport& tid, const ReportModel& report) {
    for (const ReportRoi& roi : report.rois) {
        for (const ReportMeasurement& m : roi.measurements) {
            if (m.row.role == SeriesRole::sCT && m.row.measurement.hasNumbers) {
                b.check(tid.addQualitativeEvaluation(DSRCodedEntryValue(CODE_DCM_Comment),
                                                     OFString(sctComment(roi).c_str())),
                        "sCT comment");
                break;  // one comment per ROI
            }
        }
    }
}

void addFindings(const SrBuild& b, TID1500_MeasurementReport& tid, const ReportModel& report) {
    if (!report.discrepancy) {
        return;
    }
    for (const DiscrepancyRegion& f : report.discrepancy->findings) {
        b.check(tid.addQualitativeEvaluation(DSRCodedEntryValue(CODE_DCM_Finding),
                                             OFString(findingSentence(f).c_str())),
                "discrepancy finding");
    }
}

}  // namespace

void writeReportSr(const ReportModel& report, const std::filesystem::path& path) {
    const SrBuild b(path);
    TID1500_MeasurementReport tid(CMR_CID7021::ImagingMeasurementReport);
    b.check(tid.setLanguage(CID5000_Languages::English), "language");
    char uid[100];
    b.check(tid.getObservationContext().addDeviceObserver(
                dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT), "crosscheck",
                "Crosscheck", "crosscheck"),
            "observer");
    b.check(
        tid.addProcedureReported(DSRCodedEntryValue("25045-6", "LN", "CT unspecified body region")),
        "procedure reported");
    b.check(tid.getImageLibrary().createNewImageLibrary(), "image library");
    b.check(tid.getImageLibrary().addImageGroup(), "image group");

    // Images referenced, each listed once in the library and the evidence.
    struct Evidence {
        std::string series, sopClass, sopInstance;
    };
    std::vector<Evidence> evidence;
    std::set<std::string> seen;
    bool first = true;
    for (const ReportRoi& roi : report.rois) {
        for (const ReportMeasurement& m : roi.measurements) {
            if (!m.row.measurement.hasNumbers) {
                continue;
            }
            if (!first) {
                b.check(tid.addIndividualMeasurements(), "measurement group");
            }
            first = false;
            addGroup(b, tid.getIndividualMeasurements(), roi, m);
            if (m.image && seen.insert(m.image->sopInstanceUid).second) {
                evidence.push_back(
                    {m.row.seriesInstanceUid, m.image->sopClassUid, m.image->sopInstanceUid});
                DcmItem item;
                item.putAndInsertString(DCM_SOPClassUID, m.image->sopClassUid.c_str());
                item.putAndInsertString(DCM_SOPInstanceUID, m.image->sopInstanceUid.c_str());
                const ReportSeries* s = report.findSeries(m.row.seriesInstanceUid);
                item.putAndInsertString(DCM_Modality, s ? s->modality.c_str() : "");
                b.check(tid.getImageLibrary().addImageEntry(
                            item, TID1600_ImageLibrary::withoutDescriptors),
                        "image library entry");
            }
        }
    }
    if (first) {
        throw ReportWriteError(path.string() +
                               ": no ROI was measured in any series; a DICOM SR needs at least "
                               "one measurement");
    }
    addSctComments(b, tid, report);
    addFindings(b, tid, report);
    if (!tid.isValid()) {
        throw ReportWriteError(path.string() + ": the TID 1500 tree is not valid");
    }
    DSRDocument doc;
    b.check(doc.setTreeFromRootTemplate(tid, OFTrue), "document tree");
    fillDocument(b, report, doc);
    for (const Evidence& e : evidence) {
        b.check(doc.getCurrentRequestedProcedureEvidence().addItem(
                    report.study.studyInstanceUid.c_str(), e.series.c_str(), e.sopClass.c_str(),
                    e.sopInstance.c_str()),
                "evidence");
    }
    DcmFileFormat file;
    DcmDataset& dataset = *file.getDataset();
    b.check(doc.write(dataset), "write");
    if (report.anonymized) {
        markDeidentified(dataset, path);
    }
    saveDicomAtomically(file, path);
}

}  // namespace crosscheck
