#include <catch2/catch.hpp>
#include <set>

#include "core/phantom/PhantomCohort.h"
#include "core/phantom/PhantomWriter.h"
#include "tests/core/phantom/PhantomTestSupport.h"

using namespace crosscheck;

TEST_CASE("a cohort of 5 has distinct deterministic tumours around the published means",
          "[phantom]") {
    PhantomOptions base;
    base.seed = 7;
    double sumLong = 0, sumShort = 0, sumHu = 0;
    int dense = 0;
    std::set<double> longAxes;
    for (int p = 1; p <= 5; ++p) {
        const PhantomOptions o = cohortPatientOptions(base, p, 5);
        const PhantomOptions again = cohortPatientOptions(base, p, 5);
        CHECK(o.tumorDiametersMm == again.tumorDiametersMm);
        CHECK(o.tumorHu == again.tumorHu);
        CHECK(o.patientNumber == p);
        sumLong += o.tumorDiametersMm[0];
        sumShort += o.tumorDiametersMm[1];
        sumHu += o.tumorHu;
        dense += o.tumorHu >= 300.0 ? 1 : 0;
        CHECK(o.tumorHu >= 130.0);  // every tumour is calcified, visible on CT
        longAxes.insert(o.tumorDiametersMm[0]);
    }
    CHECK(longAxes.size() == 5);
    CHECK(sumLong / 5 == Approx(19.6));
    CHECK(sumShort / 5 == Approx(11.6));
    CHECK(sumHu / 5 == Approx(463.6));
    CHECK(dense == 4);
    CHECK(cohortPatientFolder(3) == "P003");
}

TEST_CASE("the published cohort (--published) has every tumour densely calcified, same means",
          "[phantom]") {
    PhantomOptions base;
    base.seed = 7;
    base.published = true;
    double sumLong = 0, sumShort = 0, sumHu = 0;
    for (int p = 1; p <= 5; ++p) {
        const PhantomOptions o = cohortPatientOptions(base, p, 5);
        INFO("patient " << p << ": " << o.tumorHu << " HU");
        CHECK(o.tumorHu >= 300.0);  // well above the 200 HU visibility threshold
        sumLong += o.tumorDiametersMm[0];
        sumShort += o.tumorDiametersMm[1];
        sumHu += o.tumorHu;
    }
    CHECK(sumLong / 5 == Approx(19.6));
    CHECK(sumShort / 5 == Approx(11.6));
    CHECK(sumHu / 5 == Approx(463.6));
    // The plain cohort of the same seed keeps its faint fifth tumour.
    base.published = false;
    CHECK(cohortPatientOptions(base, 5, 5).tumorHu < 300.0);
}

TEST_CASE("a cohort of 2 (--patients 2) writes P001 and P002 with distinct patients and tumours",
          "[phantom]") {
    crosscheck::test::TempDir dir;
    PhantomOptions o;
    o.size = PhantomSize::Small;
    o.patients = 2;
    const auto truths = writePhantomStudy(dir.path(), o);
    REQUIRE(truths.size() == 2);
    for (const char* p : {"P001", "P002"}) {
        CHECK(std::filesystem::exists(dir.path() / p / "ground_truth.json"));
        CHECK(std::filesystem::is_directory(dir.path() / p / "sCT"));
    }
    CHECK_FALSE(std::filesystem::exists(dir.path() / "CT"));
    CHECK(truths[0].patientId != truths[1].patientId);
    CHECK(truths[0].studyInstanceUid != truths[1].studyInstanceUid);
    CHECK(truths[0].tumor.diametersMm != truths[1].tumor.diametersMm);
    CHECK(truths[0].tumor.ctMeanHu > 100.0);
    CHECK(truths[1].tumor.sctMeanHu < 60.0);
}
