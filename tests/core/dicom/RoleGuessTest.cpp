// Role guesses from the tags docs/domain.md lists, one known case each.
#include <catch2/catch.hpp>

#include "core/dicom/RoleGuess.h"

using namespace crosscheck;

namespace {

SeriesInfo series(const std::string& modality, const std::string& description) {
    SeriesInfo s;
    s.modality = modality;
    s.description = description;
    return s;
}

SeriesInfo mr(std::optional<double> tr, std::optional<double> te,
              const std::string& description = "") {
    SeriesInfo s = series("MR", description);
    s.repetitionTimeMs = tr;
    s.echoTimeMs = te;
    return s;
}

}  // namespace

TEST_CASE("a plain CT is CT and a CT that names a synthetic or MR-derived origin is sCT",
          "[dicom][role]") {
    CHECK(guessRole(series("CT", "Spine 1.0 Bone")) == SeriesRole::CT);
    CHECK(guessRole(series("CT", "sCT synthetic CT (MRI-derived)")) == SeriesRole::sCT);
    CHECK(guessRole(series("CT", "BoneMRI")) == SeriesRole::sCT);
    CHECK(guessRole(series("CT", "pseudo-CT head")) == SeriesRole::sCT);
    SeriesInfo byVendor = series("CT", "pelvis");
    byVendor.manufacturerModelName = "MRCAT";
    CHECK(guessRole(byVendor) == SeriesRole::sCT);
    SeriesInfo derived = series("CT", "MPR sagittal");
    derived.imageType = {"DERIVED", "SECONDARY", "MPR"};
    CHECK(guessRole(derived) == SeriesRole::CT);  // a reformat is not an sCT
}

TEST_CASE("MR weighting comes from the description first, then from TR and TE", "[dicom][role]") {
    CHECK(guessRole(series("MR", "t1_mprage_sag")) == SeriesRole::T1w);
    CHECK(guessRole(series("MR", "T2W_TSE")) == SeriesRole::T2w);
    CHECK(guessRole(series("MR", "sag T2 space")) == SeriesRole::T2w);
    CHECK(guessRole(mr(500.0, 15.0)) == SeriesRole::T1w);
    CHECK(guessRole(mr(4000.0, 100.0)) == SeriesRole::T2w);
    CHECK(guessRole(mr(5000.0, 60.0, "ep2d_diff")) == SeriesRole::Other);
    CHECK(guessRole(mr(std::nullopt, std::nullopt, "localizer")) == SeriesRole::Other);
}

TEST_CASE("other modalities are Other", "[dicom][role]") {
    CHECK(guessRole(series("PT", "FDG")) == SeriesRole::Other);
    CHECK(guessRole(series("RTDOSE", "")) == SeriesRole::Other);
}
