// Finding a saved session's series again on disk (core/session/SessionStudy.h), on the
// small phantom written as DICOM.
#include <catch2/catch.hpp>

#include "core/phantom/PhantomWriter.h"
#include "core/session/SessionFile.h"
#include "core/session/SessionStudy.h"
#include "tests/core/phantom/PhantomTestSupport.h"

using namespace crosscheck;
using crosscheck::test::TempDir;

namespace {

PhantomGroundTruth writeSmall(const std::filesystem::path& dir) {
    PhantomOptions options;
    options.size = PhantomSize::Small;
    options.seed = 11;
    return writePhantomStudy(dir, options).front();
}

}  // namespace

TEST_CASE("a saved session's series are found again by UID with their roles and transforms",
          "[session]") {
    TempDir dir;
    const std::filesystem::path studyDir = dir.path() / "study";
    const PhantomGroundTruth truth = writeSmall(studyDir);
    Study study = loadStudy({studyDir});
    REQUIRE(study.series.size() == 4);
    study.transforms.set(truth.ctFrameUid, truth.mrFrameUid, truth.ctToMr,
                         TransformProvenance{TransformBasis::Landmarks, 0.7});
    // The user corrected one role: the session must bring the correction back.
    LoadedSeries* t2 = nullptr;
    for (auto& s : study.series) {
        if (s.info.role == SeriesRole::T2w) {
            t2 = &s;
        }
    }
    REQUIRE(t2 != nullptr);
    t2->info.role = SeriesRole::Other;

    SessionDocument saved;
    fillSessionStudy(saved, study, {studyDir});
    REQUIRE(saved.series.size() == 4);
    for (const SessionSeries& s : saved.series) {
        CHECK(s.path == std::filesystem::absolute(studyDir).lexically_normal().string());
    }
    CHECK(saved.referenceFrameUid == truth.ctFrameUid);
    REQUIRE(saved.transforms.size() == 1);
    const std::filesystem::path file = dir.path() / "case.crosscheck.json";
    saveSession(saved, file);

    const SessionStudy found = loadSessionStudy(loadSession(file).document, file);
    CHECK(found.missingSeriesUids.empty());
    REQUIRE(found.study.series.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(found.study.series[i].info.seriesInstanceUid == saved.series[i].seriesInstanceUid);
        CHECK(found.study.series[i].info.role == saved.series[i].role);
    }
    CHECK(found.study.find(SeriesRole::T2w) == nullptr);
    CHECK(found.study.referenceFrameUid == truth.ctFrameUid);
    const auto ctToMr = found.study.transforms.transform(truth.ctFrameUid, truth.mrFrameUid);
    REQUIRE(ctToMr);
    CHECK((*ctToMr - truth.ctToMr).cwiseAbs().maxCoeff() < 1e-12);
    CHECK(found.study.transforms.links().front().provenance.rmsMm == 0.7);

    // Filling a document from what was found gives the saved one back.
    SessionDocument again;
    fillSessionStudy(again, found.study, found.paths);
    CHECK(again == saved);
}

TEST_CASE("a session series missing from its path is reported and the others load", "[session]") {
    TempDir dir;
    const std::filesystem::path studyDir = dir.path() / "study";
    writeSmall(studyDir);
    SessionDocument doc;
    fillSessionStudy(doc, loadStudy({studyDir}), {studyDir});
    doc.series.push_back({"1.2.826.0.1.3680043.999", "", studyDir.string(), SeriesRole::CT});
    const SessionStudy found = loadSessionStudy(doc, dir.path() / "case.crosscheck.json");
    CHECK(found.study.series.size() == 4);
    CHECK(found.missingSeriesUids == std::vector<std::string>{"1.2.826.0.1.3680043.999"});
    CHECK(found.paths.size() == 1);
}

TEST_CASE("a relative series path is resolved against the session file's folder", "[session]") {
    const SessionSeries s{"1.2.3", "", "no-such-folder-here/CT", SeriesRole::CT};
    CHECK(resolveSeriesPath(s, "/cases/p1/case.crosscheck.json") ==
          std::filesystem::path("/cases/p1/no-such-folder-here/CT"));
    const SessionSeries absolute{"1.2.3", "", "/data/CT", SeriesRole::CT};
    CHECK(resolveSeriesPath(absolute, "/cases/p1/case.crosscheck.json") ==
          std::filesystem::path("/data/CT"));
}

TEST_CASE("a series' opened path is the opened folder that holds its first file", "[session]") {
    SeriesInfo info;
    info.files = {"/data/ab/CT/0001.dcm", "/data/ab/CT/0002.dcm"};
    // "/data/a" is a prefix of the text but not a folder holding the file.
    CHECK(openedPathOf(info, {"/data/a", "/data/ab/"}) == std::filesystem::path("/data/ab"));
    CHECK(openedPathOf(info, {"/data/ab/CT/0001.dcm"}) ==
          std::filesystem::path("/data/ab/CT/0001.dcm"));
    // Not under any opened path: the folder of its first file.
    CHECK(openedPathOf(info, {"/elsewhere"}) == std::filesystem::path("/data/ab/CT"));
}

TEST_CASE("a session whose transform is not rigid is refused naming the file", "[session]") {
    SessionDocument doc;
    FrameLink link;
    link.fromFrame = "1.2.3.ct";
    link.toFrame = "1.2.3.mr";
    link.fromToTo(0, 0) = 2.0;  // a scaling
    doc.transforms.push_back(link);
    try {
        loadSessionStudy(doc, "/cases/p1/bad.crosscheck.json");
        FAIL("no error");
    } catch (const SessionFormatError& e) {
        CHECK(std::string(e.what()).find("/cases/p1/bad.crosscheck.json: transforms[0]") !=
              std::string::npos);
    }
}

TEST_CASE("a study finds a series by its SeriesInstanceUID", "[session]") {
    TempDir dir;
    const std::filesystem::path studyDir = dir.path() / "study";
    writeSmall(studyDir);
    const Study study = loadStudy({studyDir});
    REQUIRE(study.series.size() == 4);
    for (const auto& s : study.series) {
        CHECK(study.findByUid(s.info.seriesInstanceUid) == &s);
    }
    CHECK(study.findByUid("1.2.3.not.a.series") == nullptr);
    CHECK(study.findByUid("") == nullptr);
}
