// Reports record which transform every number was sampled through: with two local
// registrations of the CT-MR pair kept beside the global one, each MR measurement names the
// link it used (name, method, region) in report.json and the CSV, and its numbers are the
// ones that link gives.
#include <catch2/catch.hpp>

#include "core/geometry/RigidTransform.h"
#include "core/report/ReportCsv.h"
#include "core/report/ReportJson.h"
#include "core/roi/StudyMeasurement.h"
#include "tests/core/report/ReportTestSupport.h"

using namespace crosscheck;
using crosscheck::test::reportFixture;

namespace {

/// The fixture's study with local registrations added for the test, restored afterwards
/// (other tests share the fixture).
struct LocalLinksAdded {
    explicit LocalLinksAdded(Study& s) : study(s) {}
    ~LocalLinksAdded() {
        const PhantomGroundTruth& t = reportFixture().phantom.truth;
        study.transforms.remove(t.ctFrameUid, t.mrFrameUid);
        study.transforms.set(t.ctFrameUid, t.mrFrameUid, t.ctToMr,
                             TransformProvenance{TransformBasis::Landmarks, 0.5});
    }
    Study& study;
};

FrameLink mrToCtLocal(const Eigen::Matrix4d& mrToCt, const Eigen::Vector3d& centreCtMm,
                      const std::string& name) {
    const PhantomGroundTruth& t = reportFixture().phantom.truth;
    FrameLink l;
    l.fromFrame = t.mrFrameUid;
    l.toFrame = t.ctFrameUid;
    l.fromToTo = mrToCt;
    l.provenance.basis = TransformBasis::AutomaticMi;
    l.provenance.regionCentreMm = centreCtMm;
    l.provenance.regionRadiusMm = 30.0;
    l.name = name;
    return l;
}

}  // namespace

TEST_CASE("each measurement names the local registration it was sampled through", "[report]") {
    auto& f = reportFixture();
    const PhantomGroundTruth& t = f.phantom.truth;
    LocalLinksAdded restore(f.study);
    // The true MR -> CT map, moved 3 mm in x for the tumour's level (so its numbers differ
    // from the global link's), and an untouched copy far away.
    const Eigen::Matrix4d truthMrToCt = rigidInverse(t.ctToMr);
    const Eigen::Matrix4d shifted =
        rigidFromEuler(Eigen::Vector3d::Zero(), Eigen::Vector3d(3, 0, 0)) * truthMrToCt;
    const Eigen::Vector3d tumour = t.tumor.centerCtMm;
    f.study.transforms.addLocal(mrToCtLocal(shifted, tumour, "tumour level"));
    f.study.transforms.addLocal(
        mrToCtLocal(truthMrToCt, tumour + Eigen::Vector3d(0, 0, 200), "far level"));
    f.study.transforms.pick(t.ctFrameUid, t.mrFrameUid, TransformPick::nearest());
    // The cursor far from both: the panes would use the global link, the ROI does not.
    f.study.transforms.setFocus({t.ctFrameUid, tumour + Eigen::Vector3d(0, 0, -500), "cursor"});

    const std::vector<ReportRoiInput> rois{f.rois[1]};  // the sphere on the tumour
    const ReportModel report = buildReport(f.study, rois);
    const nlohmann::json j = nlohmann::json::parse(reportToJson(report).dump());
    const auto& rows = j["rois"][0]["measurements"];

    // What the tumour level's link alone gives, measured with nothing else known.
    FrameTransforms onlyLocal;
    onlyLocal.set(t.mrFrameUid, t.ctFrameUid, shifted, {TransformBasis::AutomaticMi});
    int mrRows = 0;
    for (std::size_t i = 0; i < f.study.series.size(); ++i) {
        const LoadedSeries& s = f.study.series[i];
        const auto& row = rows[i];
        INFO(toString(s.info.role));
        if (s.info.frameOfReferenceUid == t.ctFrameUid) {
            CHECK(row["transform"] == "same frame");
            CHECK(row["transform_used"].empty());
            continue;
        }
        ++mrRows;
        REQUIRE(row["transform_used"].size() == 1);
        const auto& used = row["transform_used"][0];
        CHECK(used["name"] == "tumour level");
        CHECK(used["method"] == "rigid-mi");
        CHECK(used["region"]["radius_mm"] == 30.0);
        CHECK(used["region"]["center_mm"][2].get<double>() == Approx(tumour.z()));
        CHECK(row["transform"].get<std::string>().find("\"tumour level\" (nearest to the ROI)") !=
              std::string::npos);
        const SeriesMeasurement expected = measureInSeries(f.rois[1].roi, s, onlyLocal);
        REQUIRE(expected.measurement.hasNumbers);
        CHECK(row["mean"].get<double>() == expected.measurement.values.mean);
        CHECK(row["count"].get<int>() == expected.measurement.values.count);
    }
    CHECK(mrRows >= 2);

    // The CSV names it too.
    const std::string csv = reportToCsv(report);
    CHECK(csv.find(",transform_name,transform_region,") != std::string::npos);
    CHECK(csv.find(",tumour level,") != std::string::npos);

    // Picking the global link by hand: every MR row says "global" and has no region.
    f.study.transforms.pick(t.ctFrameUid, t.mrFrameUid, TransformPick::global());
    const nlohmann::json g = reportToJson(buildReport(f.study, rois));
    for (const auto& row : g["rois"][0]["measurements"]) {
        if (!row["transform_used"].empty()) {
            CHECK(row["transform_used"][0]["name"] == "global");
            CHECK(row["transform_used"][0]["method"] == "landmarks");
            CHECK(row["transform_used"][0]["region"].is_null());
        }
    }
}
