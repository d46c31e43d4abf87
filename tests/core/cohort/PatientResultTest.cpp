// Cohort result files: the JSON round trip, the atomic file in DIR/patients, the CSV row,
// and a study folder without a CT or sCT ending as a failed result with its reason.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "core/cohort/CohortSummary.h"
#include "core/cohort/DatabaseStudies.h"
#include "core/cohort/PatientSession.h"
#include "core/cohort/PatientWork.h"

using namespace crosscheck;

namespace {

std::filesystem::path freshFolder(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("crosscheck-cohort-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

PatientResult sample(const std::string& patient, double ctLong) {
    PatientResult r;
    r.patient = patient;
    r.study = "/data/" + patient;
    r.done = true;
    r.registration = "rigid-mi";
    r.hasFinding = true;
    r.axialLongMm = {ctLong, 0.0};
    r.sagittalLongMm = {ctLong + 1.0, 0.0};
    r.meanHu = {463.6, 20.9};
    r.axialShortMm = {11.6, std::nullopt};
    r.visibleOnCt = true;
    r.warnings = {"CT: gap"};
    r.timingsMs = {120.5, 1400.25, 35.0, 12.75};
    Eigen::Matrix4d ctToSct = Eigen::Matrix4d::Identity();
    ctToSct.block<3, 1>(0, 3) = Eigen::Vector3d(1.5, -2.0, 30.25);
    r.ctToSct = ctToSct;
    r.roiSource = "session";
    r.sessionFile = "/data/" + patient + "/case.crosscheck.json";
    return r;
}

}  // namespace

TEST_CASE("a patient result survives its file unchanged", "[cohort]") {
    const auto dir = freshFolder("roundtrip");
    const PatientResult r = sample("P001", 19.6);
    writePatientResult(dir, r);
    const auto file = patientResultPath(dir, "P001");
    REQUIRE(file == dir / "patients" / "P001.json");
    const PatientResult back = readPatientResult(file);
    CHECK(toJson(back) == toJson(r));
    CHECK(back.axialShortMm.ct == 11.6);
    CHECK_FALSE(back.axialShortMm.sct);
    CHECK(back.timingsMs.registration == 1400.25);
    CHECK(back.timingsMs.measurement == 12.75);
    CHECK(back.roiSource == "session");
    CHECK(back.sessionFile == "/data/P001/case.crosscheck.json");
    CHECK(back.database.empty());
    REQUIRE(back.ctToSct);
    CHECK(*back.ctToSct == *r.ctToSct);
    std::ofstream(dir / "patients" / "broken.json") << "{\"version\": 1}";
    CHECK_THROWS_WITH(readPatientResult(dir / "patients" / "broken.json"),
                      Catch::Contains("broken.json") && Catch::Contains("patient"));
}

TEST_CASE("the summary counts failures and leaves them out of the statistics", "[cohort]") {
    PatientResult failed;
    failed.patient = "P003";
    failed.reason = "no sCT series in /data/P003";
    const CohortSummary s = summarizeCohort({sample("P001", 19.0), sample("P002", 21.0), failed});
    CHECK(s.patients == 3);
    CHECK(s.done == 2);
    REQUIRE(s.failed.size() == 1);
    CHECK(s.failed[0].second == failed.reason);
    CHECK(s.visibleOnCt == 2);
    CHECK(s.visibleOnSct == 0);
    REQUIRE(s.measures.size() == 3);
    CHECK(s.measures[0].name == "axial_long_mm");
    CHECK(s.measures[0].comparison.ct.mean == Approx(20.0));
    CHECK(s.measures[0].comparison.difference.n == 2);
    const std::string csv = patientsCsv({sample("P001", 19.0), failed});
    CHECK(csv.find("P001,done,,1,0,19.0,0.0,11.6,,20.0,0.0,,,463.6,20.9,session\n") !=
          std::string::npos);
    CHECK(csv.find("P003,failed,no sCT series in /data/P003,0,0,,,,,,,,,,,\n") !=
          std::string::npos);
}

TEST_CASE("a study folder without DICOM is a failed patient naming the missing CT", "[cohort]") {
    const auto dir = freshFolder("empty") / "P009";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "notes.txt") << "no images here\n";
    const PatientResult r = runPatient(dir);
    CHECK_FALSE(r.done);
    CHECK(r.patient == "P009");
    CHECK(r.reason.rfind("no CT series in ", 0) == 0);
    CHECK(patientName(dir.string() + "/") == "P009");
}

TEST_CASE("a database study is named by its StudyInstanceUID and fails without its database",
          "[cohort]") {
    const auto dir = freshFolder("nodb");
    const std::string reference = databaseStudyReference("1.2.840.99.7", dir / "none.sqlite");
    CHECK(reference == "db:1.2.840.99.7@" + (dir / "none.sqlite").string());
    CHECK(patientName(reference) == "1.2.840.99.7");
    const DatabaseStudy parsed = parseDatabaseStudy("db:1.2.840.99.7", "/x/studies.sqlite");
    CHECK(parsed.studyInstanceUid == "1.2.840.99.7");
    CHECK(parsed.database == "/x/studies.sqlite");
    CHECK_THROWS_WITH(parseDatabaseStudy("db:@/x.sqlite"), Catch::Contains("no StudyInstanceUID"));
    const PatientResult r = runPatient(reference);
    CHECK_FALSE(r.done);
    CHECK(r.patient == "1.2.840.99.7");
    CHECK(r.study == "db:1.2.840.99.7");
    CHECK(r.database == (dir / "none.sqlite").string());
    CHECK_THAT(r.reason, Catch::Contains("none.sqlite") && Catch::Contains("no study database"));
    CHECK_FALSE(std::filesystem::exists(dir / "none.sqlite"));  // not created by the run
}

TEST_CASE(
    "a study folder's one saved session is found; recovery and temporary files are not "
    "sessions; two sessions are refused",
    "[cohort]") {
    const auto dir = freshFolder("sessions");
    CHECK_FALSE(findPatientSession(dir));
    std::ofstream(dir / "x.recovery.crosscheck.json") << "{}";
    std::ofstream(dir / ".case.crosscheck.json.tmp-AbC123") << "{}";
    std::ofstream(dir / "notes.json") << "{}";
    CHECK_FALSE(findPatientSession(dir));
    std::ofstream(dir / "case.crosscheck.json") << "{}";
    CHECK(findPatientSession(dir) == dir / "case.crosscheck.json");
    std::ofstream(dir / "second.crosscheck.json") << "{}";
    CHECK_THROWS_WITH(findPatientSession(dir), Catch::Contains("2 saved sessions") &&
                                                   Catch::Contains("case.crosscheck.json") &&
                                                   Catch::Contains("second.crosscheck.json"));
}

TEST_CASE("a result file of an earlier build without timings or transform still reads",
          "[cohort]") {
    nlohmann::json j = toJson(sample("P002", 18.0));
    j.erase("timings_ms");
    j.erase("ct_to_sct");
    j.erase("roi_source");
    j.erase("session");
    j.erase("database");
    const PatientResult back = patientResultFromJson(j);
    CHECK(back.roiSource.empty());
    CHECK(back.timingsMs.load == 0.0);
    CHECK_FALSE(back.ctToSct);
    CHECK(back.axialLongMm.ct == 18.0);
}
