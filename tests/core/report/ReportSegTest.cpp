#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmfg/fgplanpo.h>
#include <dcmtk/dcmseg/segdoc.h>
#include <dcmtk/dcmseg/segment.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "core/report/ReportAnonymizer.h"
#include "core/report/ReportDicomHeader.h"
#include "core/report/ReportOutput.h"
#include "core/report/ReportSeg.h"
#include "core/roi/RoiJson.h"
#include "core/roi/RoiSampler.h"
#include "core/roi/StudyMeasurement.h"
#include "tests/core/report/ReportTestSupport.h"

using namespace crosscheck;
using crosscheck::test::readWholeFile;
using crosscheck::test::reportFixture;
using crosscheck::test::ReportTempDir;

namespace {

/// The fixture's ellipse, a brush painted on the CT grid around the tumour (two spheres, so
/// it spans several slices) and a ruler, which has no voxels to segment.
std::vector<ReportRoiInput> segRois() {
    auto& f = reportFixture();
    const LoadedSeries& ct = *f.study.find(SeriesRole::CT);
    auto mask = std::make_shared<BrushMask>(ct.volume->geometry());
    const Eigen::Vector3d c = f.phantom.truth.tumor.centerCtMm;
    mask->paintSphere(c, 3.0, 1);
    mask->paintSphere(c + Eigen::Vector3d(1.0, 0.0, 2.5), 2.5, 1);
    const std::string frame = ct.info.frameOfReferenceUid;
    return {f.rois.front(),
            {"3", "brush on tumour", Roi::brush(frame, mask)},
            {"4", "ruler", Roi::ruler(frame, c, c + Eigen::Vector3d(10.0, 0.0, 0.0))}};
}

/// What the measurement takes on the CT for one ROI: its voxel count and, per slice k, the
/// number of voxels (the independent expectation of one segment).
std::map<int, int> expectedSlices(const Roi& roi, int& count) {
    auto& f = reportFixture();
    const LoadedSeries& ct = *f.study.find(SeriesRole::CT);
    const SeriesMeasurement m = measureInSeries(roi, ct, f.study.transforms);
    count = m.measurement.values.count;
    std::map<int, int> slices;
    for (const SampledVoxel& v : sampleRoi(roi, *ct.volume, 0.0).inside) {
        ++slices[v.ijk.z()];
    }
    return slices;
}

bool haveDciodvfy() {
    return std::system("command -v dciodvfy > /dev/null 2>&1") == 0;
}

/// dciodvfy's output on the file (empty and a warning when dciodvfy is not installed).
std::string dciodvfy(const std::filesystem::path& file, const std::filesystem::path& dir) {
    const auto log = dir / "dciodvfy.log";
    std::system(("dciodvfy '" + file.string() + "' > '" + log.string() + "' 2>&1").c_str());
    return readWholeFile(log);
}

int setPixels(const DcmIODTypes::Frame& frame, std::size_t pixels) {
    int set = 0;
    if (frame.length >= pixels) {  // unpacked: one byte per pixel
        for (std::size_t n = 0; n < pixels; ++n) {
            set += frame.pixData[n] != 0;
        }
    } else {  // packed: one bit per pixel
        for (std::size_t n = 0; n < pixels; ++n) {
            set += (frame.pixData[n / 8] >> (n % 8)) & 1;
        }
    }
    return set;
}

}  // namespace

TEST_CASE(
    "the report's DICOM SEG holds one segment per ROI with its measured CT voxels on CT slices",
    "[report][seg]") {
    auto& f = reportFixture();
    const std::vector<ReportRoiInput> rois = segRois();
    const ReportModel report = buildReport(f.study, rois);
    std::string whyNot;
    const auto segmentation = buildReportSegmentation(f.study, report, &whyNot);
    INFO(whyNot);
    REQUIRE(segmentation);
    ReportTempDir out("seg");
    const auto written =
        writeReport(report, out.path(), {ReportFormat::Seg}, false, &*segmentation);
    REQUIRE(written.size() == 1);
    const auto path = out.path() / "report_seg.dcm";
    CHECK(written.front() == path);

    if (haveDciodvfy()) {
        const std::string validation = dciodvfy(path, out.path());
        INFO(validation);
        CHECK(validation.find("Error") == std::string::npos);
    } else {
        WARN("dciodvfy is not installed: the SEG was not validated");
    }

    DcmSegmentation* loaded = nullptr;
    REQUIRE(DcmSegmentation::loadFile(path.c_str(), loaded).good());
    const std::unique_ptr<DcmSegmentation> seg(loaded);
    REQUIRE(seg->getNumberOfSegments() == 2);  // the ruler has no voxels
    OFString modality;
    seg->getModality(modality);
    CHECK(modality == "SEG");
    // The CT's anatomy (the phantom: TSPINE, no laterality): Body Part Examined copied, no
    // series Laterality (only R or L is copied), Image Laterality U (unpaired).
    {
        DcmFileFormat file;
        REQUIRE(file.loadFile(path.c_str()).good());
        DcmDataset& d = *file.getDataset();
        OFString bodyPart, imageLaterality;
        CHECK(d.findAndGetOFString(DCM_BodyPartExamined, bodyPart).good());
        CHECK(bodyPart == "TSPINE");
        CHECK(d.findAndGetOFString(DCM_ImageLaterality, imageLaterality).good());
        CHECK(imageLaterality == "U");
        CHECK_FALSE(d.tagExists(DCM_Laterality));
    }
    {
        DcmSegment* first = seg->getSegment(1);
        REQUIRE(first);
        OFString value, meaning;
        first->getSegmentedPropertyCategoryCode().getCodeValue(value);
        first->getSegmentedPropertyCategoryCode().getCodeMeaning(meaning);
        CHECK(value == "49755003");
        CHECK(meaning == "Morphologically Abnormal Structure");
    }

    const LoadedSeries& ct = *f.study.find(SeriesRole::CT);
    const int columns = ct.volume->geometry().dims().x(), rows = ct.volume->geometry().dims().y();
    std::size_t expectedFrames = 0;
    for (std::size_t s = 0; s < 2; ++s) {
        const ReportRoiInput& input = rois[s];
        INFO(input.label);
        int count = 0;
        const std::map<int, int> slices = expectedSlices(input.roi, count);
        REQUIRE(count > 0);
        expectedFrames += slices.size();

        DcmSegment* segment = seg->getSegment(s + 1);
        REQUIRE(segment);
        OFString label;
        segment->getSegmentLabel(label);
        CHECK(label == input.label.c_str());

        OFVector<size_t> frames;
        seg->getFramesForSegment(s + 1, frames);
        CHECK(frames.size() == slices.size());
        int total = 0;
        std::set<int> framesAtSlice;
        for (size_t frameNo : frames) {
            const DcmIODTypes::Frame* frame = seg->getFrame(frameNo);
            REQUIRE(frame);
            const int set = setPixels(*frame, static_cast<std::size_t>(rows * columns));
            total += set;
            // The frame lies on the CT slice whose voxels it holds: same IPP as that image.
            auto* position = dynamic_cast<FGPlanePosPatient*>(seg->getFunctionalGroups().get(
                static_cast<Uint32>(frameNo), DcmFGTypes::EFG_PLANEPOSPATIENT));
            REQUIRE(position);
            Float64 x = 0, y = 0, z = 0;
            REQUIRE(position->getImagePositionPatient(x, y, z).good());
            const Eigen::Vector3d ipp(x, y, z);
            int matched = -1;
            for (const auto& [k, n] : slices) {
                if ((ct.info.slices[static_cast<std::size_t>(k)].positionMm - ipp).norm() < 1e-3) {
                    matched = k;
                    CHECK(set == n);
                }
            }
            CHECK(matched >= 0);
            framesAtSlice.insert(matched);
        }
        CHECK(framesAtSlice.size() == slices.size());
        CHECK(total == count);
    }
    CHECK(seg->getNumberOfFrames() == expectedFrames);
    // The brush spans several slices; the ellipse lies in one.
    CHECK(expectedFrames >= 3);
}

TEST_CASE("an anonymized report's DICOM SEG names no patient and uses the export's new UIDs",
          "[report][seg][anonymize]") {
    auto& f = reportFixture();
    const std::vector<ReportRoiInput> rois = segRois();
    const ReportModel original = buildReport(f.study, rois);
    const auto segmentation = buildReportSegmentation(f.study, original);
    REQUIRE(segmentation);
    UidRemapper uids;
    const ReportModel report = anonymizeReport(original, uids);
    const ReportSegmentation anonymous = anonymizeSegmentation(*segmentation, uids);
    ReportTempDir out("seg-anon");
    REQUIRE(
        writeReport(report, out.path(), {ReportFormat::Sr, ReportFormat::Seg}, false, &anonymous)
            .size() == 2);
    const auto path = out.path() / "report_seg.dcm";
    const std::string bytes = readWholeFile(path);

    const LoadedSeries& ct = *f.study.find(SeriesRole::CT);
    const auto header = readReportDicomHeader(ct.info.files.front());
    REQUIRE(header);
    std::set<std::string> identifying{header->patientName, header->patientId,
                                      header->studyInstanceUid, ct.info.seriesInstanceUid,
                                      ct.info.frameOfReferenceUid};
    for (const ReportSegSlice& slice : segmentation->slices) {
        identifying.insert(slice.sopInstanceUid);
    }
    for (const auto& value : identifying) {
        REQUIRE(!value.empty());
        INFO("the SEG holds " << value);
        CHECK(bytes.find(value) == std::string::npos);
    }
    DcmFileFormat file;
    REQUIRE(file.loadFile(path.c_str()).good());
    OFString name, id, removed, frame;
    file.getDataset()->findAndGetOFString(DCM_PatientName, name);
    file.getDataset()->findAndGetOFString(DCM_PatientID, id);
    file.getDataset()->findAndGetOFString(DCM_PatientIdentityRemoved, removed);
    file.getDataset()->findAndGetOFString(DCM_FrameOfReferenceUID, frame);
    CHECK(name == "ANONYMIZED^PATIENT");
    CHECK(id == "ANONYMIZED");
    CHECK(removed == "YES");
    // The same new UIDs as the SR of the same export.
    CHECK(frame == uids.map(ct.info.frameOfReferenceUid).c_str());
    const std::string newCt = uids.map(ct.info.seriesInstanceUid);
    CHECK(bytes.find(newCt) != std::string::npos);
    CHECK(readWholeFile(out.path() / "report_sr.dcm").find(newCt) != std::string::npos);
    if (haveDciodvfy()) {
        const std::string validation = dciodvfy(path, out.path());
        INFO(validation);
        CHECK(validation.find("Error") == std::string::npos);
    }
}

TEST_CASE("a report without ROI voxels writes no SEG, and a SEG needs the voxels",
          "[report][seg]") {
    auto& f = reportFixture();
    const std::vector<ReportRoiInput> rois = segRois();
    const ReportModel rulerOnly = buildReport(f.study, {rois.back()});
    const auto segmentation = buildReportSegmentation(f.study, rulerOnly);
    REQUIRE(segmentation);
    CHECK(segmentation->segments.empty());
    ReportTempDir out("seg-empty");
    CHECK(writeReport(rulerOnly, out.path(), {ReportFormat::Seg}, false, &*segmentation).empty());
    CHECK_FALSE(std::filesystem::exists(out.path() / "report_seg.dcm"));
    CHECK_THROWS_AS(writeReport(rulerOnly, out.path(), {ReportFormat::Seg}, false),
                    ReportWriteError);
    CHECK(reportFormatFromString("SEG") == ReportFormat::Seg);
    CHECK(reportFileName(ReportFormat::Seg) == "report_seg.dcm");
}

TEST_CASE("crosscheck-cli report --formats seg writes the SEG, or says why not", "[report][cli]") {
    auto& f = reportFixture();
    const std::string cli = std::string(CROSSCHECK_BINARY_DIR) + "/bin/crosscheck-cli";
    ReportTempDir out("seg-cli");
    const std::vector<ReportRoiInput> rois = segRois();
    const auto ellipse = out.path() / "ellipse.json", ruler = out.path() / "ruler.json";
    std::ofstream(ellipse) << toJson(rois.front().roi).dump();
    std::ofstream(ruler) << toJson(rois.back().roi).dump();
    const std::string study = "'" + (f.dir.path() / "study").string() + "'";
    auto run = [&](const std::string& args) {
        const int status = std::system((cli + " report " + study + " " + args + " > '" +
                                        (out.path() / "stdout").string() + "' 2> '" +
                                        (out.path() / "stderr").string() + "'")
                                           .c_str());
        return WEXITSTATUS(status);
    };
    const auto seg = out.path() / "r" / "report_seg.dcm";
    CHECK(run("--roi '" + ellipse.string() + "' --roi '" + ruler.string() + "' --out '" +
              (out.path() / "r").string() + "' --formats seg,csv --anonymize") == 0);
    INFO(readWholeFile(out.path() / "stderr"));
    CHECK(readWholeFile(out.path() / "stdout").find(seg.string()) != std::string::npos);
    REQUIRE(std::filesystem::exists(seg));
    CHECK(std::filesystem::exists(out.path() / "r" / "measurements.csv"));
    DcmSegmentation* loaded = nullptr;
    REQUIRE(DcmSegmentation::loadFile(seg.c_str(), loaded).good());
    const std::unique_ptr<DcmSegmentation> document(loaded);
    CHECK(document->getNumberOfSegments() == 1);
    CHECK(document->getNumberOfFrames() == 1);  // the ellipse lies in one CT slice

    // Not overwritten without --force.
    CHECK(run("--roi '" + ellipse.string() + "' --out '" + (out.path() / "r").string() +
              "' --formats seg") == 1);
    CHECK(readWholeFile(out.path() / "stderr").find("already exists") != std::string::npos);

    // Only a ruler: nothing to segment, said on stderr, exit 0, no file.
    const auto none = out.path() / "none";
    CHECK(run("--roi '" + ruler.string() + "' --out '" + none.string() + "' --formats seg") == 0);
    CHECK(readWholeFile(out.path() / "stderr").find("report_seg.dcm not written") !=
          std::string::npos);
    CHECK_FALSE(std::filesystem::exists(none / "report_seg.dcm"));
}
