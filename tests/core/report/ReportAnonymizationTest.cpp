#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <regex>
#include <set>

#include "core/report/ReportAnonymizer.h"
#include "core/report/ReportDicomHeader.h"
#include "core/report/ReportOutput.h"
#include "tests/core/report/ReportTestSupport.h"

using namespace crosscheck;
using crosscheck::test::readWholeFile;
using crosscheck::test::reportFixture;
using crosscheck::test::ReportTempDir;

TEST_CASE("UIDs are remapped consistently to fresh valid UIDs", "[report][anonymize]") {
    UidRemapper uids;
    const std::string a = uids.map("1.2.3.4"), b = uids.map("1.2.3.5");
    CHECK(uids.map("1.2.3.4") == a);
    CHECK(a != b);
    CHECK(uids.map("").empty());
    for (const auto& uid : {a, b}) {
        CHECK(uid.size() <= 64);
        CHECK(std::regex_match(uid, std::regex("2\\.25\\.[1-9][0-9]*")));
    }
    UidRemapper other;
    CHECK(other.map("1.2.3.4") != a);  // nothing of the old UID, nor of another export
}

TEST_CASE("anonymized outputs contain none of the phantom's identifying values",
          "[report][anonymize]") {
    auto& f = reportFixture();
    const ReportModel original = buildReport(f.study, f.rois);
    UidRemapper uids;
    const ReportModel anonymized = anonymizeReport(original, uids);
    ReportTempDir out("anon");
    const auto files = writeReport(
        anonymized, out.path(), {ReportFormat::Csv, ReportFormat::Json, ReportFormat::Sr}, false);
    REQUIRE(files.size() == 3);

    // What identifies the patient, read from the phantom's own DICOM header.
    const auto header = readReportDicomHeader(f.study.series.front().info.files.front());
    REQUIRE(header);
    std::set<std::string> identifying{header->patientName,      header->patientId,
                                      header->patientBirthDate, header->studyDate,
                                      header->accessionNumber,  header->studyInstanceUid};
    for (const auto& s : f.study.series) {
        identifying.insert(s.info.seriesInstanceUid);
        identifying.insert(s.info.frameOfReferenceUid);
    }
    for (const auto& roi : original.rois) {
        identifying.insert(roi.trackingUid);
        for (const auto& m : roi.measurements) {
            if (m.image) {
                identifying.insert(m.image->sopInstanceUid);
            }
        }
    }
    REQUIRE(identifying.count("PHANTOM^CROSSCHECK^P001") == 1);
    REQUIRE(identifying.count("") == 0);
    for (const auto& file : files) {
        const std::string bytes = readWholeFile(file);
        REQUIRE(bytes.size() > 100);
        for (const auto& value : identifying) {
            INFO(file.string() << " holds " << value);
            CHECK(bytes.find(value) == std::string::npos);
        }
    }
    // The same new UID stands for the CT series in every file.
    const std::string newCt = uids.map(f.study.find(SeriesRole::CT)->info.seriesInstanceUid);
    for (const auto& file : files) {
        CHECK(readWholeFile(file).find(newCt) != std::string::npos);
    }
    const auto log = out.path() / "dciodvfy.log";
    const int status = std::system(
        ("dciodvfy '" + (out.path() / "report_sr.dcm").string() + "' > '" + log.string() + "' 2>&1")
            .c_str());
    CHECK(status == 0);
    CHECK(readWholeFile(log).find("Error") == std::string::npos);
    std::filesystem::remove(log);
    DcmFileFormat sr;
    REQUIRE(sr.loadFile((out.path() / "report_sr.dcm").c_str()).good());
    OFString removed, method, name;
    sr.getDataset()->findAndGetOFString(DCM_PatientIdentityRemoved, removed);
    sr.getDataset()->findAndGetOFStringArray(DCM_DeidentificationMethod, method);
    sr.getDataset()->findAndGetOFString(DCM_PatientName, name);
    CHECK(removed == "YES");
    CHECK_FALSE(method.empty());
    CHECK(name == "ANONYMIZED^PATIENT");
    const auto json = nlohmann::json::parse(readWholeFile(out.path() / "report.json"));
    CHECK(json["anonymized"] == true);
    CHECK(json["deidentification_method"] == kReportDeidentificationMethod);
    // The numbers are untouched.
    CHECK(json["rois"][0]["measurements"][0]["mean"] ==
          original.rois[0].measurements[0].row.measurement.values.mean);
}
