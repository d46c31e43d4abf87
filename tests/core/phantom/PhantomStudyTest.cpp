#include <atomic>
#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/phantom/PhantomStudy.h"
#include "core/phantom/PhantomWriter.h"
#include "tests/core/phantom/PhantomTestSupport.h"

using namespace crosscheck;
using crosscheck::test::TempDir;

namespace {
PhantomOptions smallOptions() {
    PhantomOptions o;
    o.size = PhantomSize::Small;
    return o;
}

/// The small default study, written once per test process and shared by its sections.
struct WrittenStudy {
    TempDir dir;
    std::filesystem::path study;
    nlohmann::json truth;
    nlohmann::json check;
};
WrittenStudy& writtenDefaultStudy() {
    static std::unique_ptr<WrittenStudy> w;
    if (!w) {
        w = std::make_unique<WrittenStudy>();
        w->study = w->dir.path() / "study";
        writePhantomStudy(w->study, smallOptions());
        std::ifstream in(w->study / "ground_truth.json");
        w->truth = nlohmann::json::parse(in);
        w->check = crosscheck::test::pydicomCheck(w->study);
    }
    return *w;
}
}  // namespace

TEST_CASE("the same seed gives byte-identical voxels, serial or threaded; another seed does not",
          "[phantom]") {
    PhantomOptions serial = smallOptions();
    serial.threads = 1;
    const PhantomStudy a = generatePhantomStudy(serial);
    const PhantomStudy b = generatePhantomStudy(smallOptions());
    REQUIRE(a.series.size() == 4);
    for (std::size_t s = 0; s < a.series.size(); ++s) {
        const Volume& va = *a.series[s].volume;
        const Volume& vb = *b.series[s].volume;
        REQUIRE(va.byteCount() == vb.byteCount());
        CHECK(std::memcmp(va.data(), vb.data(), va.byteCount()) == 0);
    }
    PhantomOptions other = smallOptions();
    other.seed = 2;
    const PhantomStudy c = generatePhantomStudy(other);
    const Volume& ct = *a.byRole(SeriesRole::CT).volume;
    CHECK(std::memcmp(ct.data(), c.byRole(SeriesRole::CT).volume->data(), ct.byteCount()) != 0);
    CHECK(a.truth.ctFrameUid != c.truth.ctFrameUid);
}

TEST_CASE("the written phantom study matches its ground truth, checked with pydicom and dciodvfy",
          "[phantom]") {
    WrittenStudy& w = writtenDefaultStudy();
    const auto& truth = w.truth;
    const auto& check = w.check;

    SECTION("tumour and lesion means equal the means recomputed from the DICOM files") {
        const auto& tumor = check["lesions"][0];
        CHECK(truth["tumor"]["ct_voxel_count"].get<int>() == tumor["ct_voxel_count"].get<int>());
        CHECK(truth["tumor"]["sct_voxel_count"].get<int>() == tumor["sct_voxel_count"].get<int>());
        CHECK(truth["tumor"]["ct_mean_hu"].get<double>() ==
              Approx(tumor["ct_mean_hu"].get<double>()).margin(1e-6));
        CHECK(truth["tumor"]["sct_mean_hu"].get<double>() ==
              Approx(tumor["sct_mean_hu"].get<double>()).margin(1e-6));
        const auto& lesion = check["lesions"][1];
        CHECK(truth["lesions"][0]["ct_mean_hu"].get<double>() ==
              Approx(lesion["ct_mean_hu"].get<double>()).margin(1e-6));
        CHECK(truth["lesions"][0]["sct_mean_hu"].get<double>() ==
              Approx(lesion["sct_mean_hu"].get<double>()).margin(1e-6));
        // The finding this product exists for: dense on CT, soft tissue on the sCT.
        CHECK(tumor["ct_mean_hu"].get<double>() > 300.0);
        CHECK(tumor["sct_mean_hu"].get<double>() < 60.0);
        // The second lesion is soft tissue on both.
        CHECK(std::abs(lesion["ct_mean_hu"].get<double>() - lesion["sct_mean_hu"].get<double>()) <
              30.0);
    }
    SECTION(
        "the tumour centre mapped with ct_to_mr lands on the tumour: bright on CT, dark on T1w") {
        const auto mapped = check["tumor_center_mr_from_ct_mm"];
        for (int a = 0; a < 3; ++a) {
            CHECK(mapped[a].get<double>() ==
                  Approx(truth["tumor"]["center_mr_mm"][a].get<double>()).margin(1e-3));
        }
        CHECK(check["ct_at_tumor_center"].get<double>() > 300.0);
        CHECK(check["t1_at_mapped_tumor_center"].get<double>() <
              0.6 * check["t1_body_median"].get<double>());
    }
    SECTION("the MR series and the sCT share a frame; the CT has its own, moved by 10 to 30 mm") {
        const auto& frames = check["frame_uid"];
        CHECK(frames["T1w"] == truth["mr_frame_uid"]);
        CHECK(frames["T2w"] == truth["mr_frame_uid"]);
        CHECK(frames["sCT"] == truth["mr_frame_uid"]);
        CHECK(frames["CT"] == truth["ct_frame_uid"]);
        CHECK(truth["ct_frame_uid"] != truth["mr_frame_uid"]);
        for (int a = 0; a < 3; ++a) {
            const double shift = std::abs(truth["ct_to_mr"][a][3].get<double>());
            CHECK(shift >= 10.0);
            CHECK(shift <= 30.0);
        }
    }
    SECTION("dciodvfy reports no error on one file of each series") {
        for (const char* dir : {"CT", "T1w", "T2w", "sCT"}) {
            const auto first = *std::filesystem::directory_iterator(w.study / dir);
            const std::string out =
                crosscheck::test::runCommand("dciodvfy '" + first.path().string() + "' 2>&1");
            INFO(dir << ":\n" << out);
            CHECK(out.find("Error") == std::string::npos);
        }
    }
}

TEST_CASE(
    "with --sct-shows-tumor the sCT shows the tumour; with --same-frame the CT shares the MRI "
    "frame",
    "[phantom]") {
    TempDir dir;
    PhantomOptions o = smallOptions();
    o.sctShowsTumor = true;
    o.sameFrame = true;
    writePhantomStudy(dir.path(), o);
    std::ifstream in(dir.path() / "ground_truth.json");
    const auto truth = nlohmann::json::parse(in);
    const auto check = crosscheck::test::pydicomCheck(dir.path());
    const double ctMean = check["lesions"][0]["ct_mean_hu"].get<double>();
    const double sctMean = check["lesions"][0]["sct_mean_hu"].get<double>();
    CHECK(sctMean > 250.0);
    CHECK(sctMean == Approx(0.9 * ctMean).epsilon(0.2));
    CHECK(truth["tumor"]["visible_on_sct"].get<bool>());
    CHECK(truth["ct_frame_uid"] == truth["mr_frame_uid"]);
    CHECK(check["frame_uid"]["CT"] == check["frame_uid"]["T1w"]);
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            CHECK(truth["ct_to_mr"][r][c].get<double>() == (r == c ? 1.0 : 0.0));
        }
    }
    for (int a = 0; a < 3; ++a) {
        CHECK(truth["tumor"]["center_ct_mm"][a].get<double>() ==
              Approx(truth["tumor"]["center_mr_mm"][a].get<double>()));
    }
}

TEST_CASE("the phantom refuses to write into a non-empty series folder and leaves it untouched",
          "[phantom]") {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "T2w");
    std::ofstream(dir.path() / "T2w" / "existing.dcm") << "x";
    CHECK_THROWS_AS(writePhantomStudy(dir.path(), smallOptions()), PhantomOutputError);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "CT"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "ground_truth.json"));
    CHECK(std::filesystem::exists(dir.path() / "T2w" / "existing.dcm"));
}

TEST_CASE("a phantom write cancelled while writing files leaves no half study behind",
          "[phantom]") {
    TempDir dir;
    const auto study = dir.path() / "study";
    std::atomic<bool> cancel{false};
    Progress progress;
    progress.cancel = &cancel;
    // Generation is the first 70 %; cancel once the DICOM files are being written.
    progress.report = [&cancel](double fraction, const std::string&) {
        if (fraction > 0.85) {
            cancel = true;
        }
    };
    CHECK_THROWS_AS(writePhantomStudy(study, smallOptions(), progress), Cancelled);
    CHECK(cancel.load());
    CHECK_FALSE(std::filesystem::exists(study));
}
