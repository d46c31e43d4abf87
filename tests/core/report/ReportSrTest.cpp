#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmsr/dsrdoc.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>

#include "core/report/ReportBuilder.h"
#include "core/report/ReportOutput.h"
#include "core/roi/StudyMeasurement.h"
#include "tests/core/report/ReportTestSupport.h"

using namespace crosscheck;
using crosscheck::test::readWholeFile;
using crosscheck::test::reportFixture;
using crosscheck::test::ReportTempDir;

namespace {

struct SrNumber {
    std::string concept, unit, derivation;
    double value = 0.0;
};

/// One measurement group as read back: its texts and codes and its numbers.
struct SrGroup {
    std::string trackingId, trackingUid, finding, findingSite;
    std::vector<SrNumber> numbers;
    int imageRegions = 0;
};

/// Reads the SR with DCMTK (independently of the TID 1500 classes that wrote it): walks the
/// content tree depth first and collects every measurement group.
std::vector<SrGroup> readSrGroups(const std::filesystem::path& path, DcmFileFormat& file) {
    REQUIRE(file.loadFile(path.c_str()).good());
    DSRDocument doc;
    REQUIRE(doc.read(*file.getDataset()).good());
    DSRDocumentTree& tree = doc.getTree();
    std::vector<SrGroup> groups;
    REQUIRE(tree.gotoRoot() > 0);
    do {
        const DSRContentItem& item = tree.getCurrentContentItem();
        const std::string concept = item.getConceptName().getCodeValue().c_str();
        switch (item.getValueType()) {
            case DSRTypes::VT_Container:
                if (concept == "125007") {
                    groups.emplace_back();
                }
                break;
            case DSRTypes::VT_Text:
                if (concept == "112039" && !groups.empty()) {
                    groups.back().trackingId = item.getStringValue().c_str();
                }
                break;
            case DSRTypes::VT_UIDRef:
                if (concept == "112040" && !groups.empty()) {
                    groups.back().trackingUid = item.getStringValue().c_str();
                }
                break;
            case DSRTypes::VT_Code: {
                const std::string code = item.getCodeValue().getCodeValue().c_str();
                if (groups.empty()) {
                    break;
                }
                if (concept == "121071") {
                    groups.back().finding = code;
                } else if (concept == "363698007") {
                    groups.back().findingSite = code;
                } else if (concept == "121401" && !groups.back().numbers.empty()) {
                    groups.back().numbers.back().derivation = code;
                }
                break;
            }
            case DSRTypes::VT_Num:
                if (!groups.empty()) {
                    const DSRNumericMeasurementValue& n = item.getNumericValue();
                    groups.back().numbers.push_back({concept,
                                                     n.getMeasurementUnit().getCodeValue().c_str(),
                                                     "", std::stod(n.getNumericValue().c_str())});
                }
                break;
            case DSRTypes::VT_SCoord:
                if (!groups.empty() && concept == "111030") {
                    ++groups.back().imageRegions;
                }
                break;
            default:
                break;
        }
    } while (tree.iterate());
    return groups;
}

const SrNumber* findNumber(const SrGroup& g, const std::string& concept,
                           const std::string& derivation) {
    for (const auto& n : g.numbers) {
        if (n.concept == concept && n.derivation == derivation) {
            return &n;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("the DICOM SR passes dciodvfy and reads back with the measured numbers and codes",
          "[report][sr]") {
    auto& f = reportFixture();
    const ReportModel report = buildReport(f.study, f.rois);
    ReportTempDir out("sr");
    const auto written = writeReport(report, out.path(), {ReportFormat::Sr}, false);
    REQUIRE(written.size() == 1);
    const auto sr = out.path() / "report_sr.dcm";

    const auto log = out.path() / "dciodvfy.log";
    const int status =
        std::system(("dciodvfy '" + sr.string() + "' > '" + log.string() + "' 2>&1").c_str());
    const std::string validation = readWholeFile(log);
    INFO(validation);
    CHECK(status == 0);
    CHECK(validation.find("Error") == std::string::npos);

    DcmFileFormat file;
    const auto groups = readSrGroups(sr, file);
    REQUIRE(groups.size() == f.rois.size() * f.study.series.size());
    OFString sopClass;
    file.getDataset()->findAndGetOFString(DCM_SOPClassUID, sopClass);
    CHECK(sopClass == UID_EnhancedSRStorage);

    std::size_t g = 0;
    for (const auto& input : f.rois) {
        const auto expected = measureInStudy(input.roi, f.study);
        for (const SeriesMeasurement& e : expected) {
            const SrGroup& group = groups[g++];
            INFO(group.trackingId);
            CHECK(group.trackingId == input.label + " in " + toString(e.role));
            CHECK(group.trackingUid == report.rois[(g - 1) / expected.size()].trackingUid);
            CHECK(group.finding == "52988006");
            CHECK(group.findingSite == "421060004");
            const bool hu = e.role == SeriesRole::CT || e.role == SeriesRole::sCT;
            const std::string quantity = hu                          ? "112031"
                                         : e.role == SeriesRole::T1w ? "110804"
                                                                     : "110805";
            const SrNumber* mean = findNumber(group, quantity, "373098007");
            REQUIRE(mean);
            CHECK(mean->unit == (hu ? "[hnsf'U]" : "[arb'U]"));
            CHECK(mean->value == Approx(e.measurement.values.mean).epsilon(1e-12));
            const SrNumber* sd = findNumber(group, quantity, "386136009");
            REQUIRE(sd);
            CHECK(sd->value == Approx(e.measurement.values.sd).epsilon(1e-12));
            REQUIRE(findNumber(group, quantity, "255605001"));
            CHECK(findNumber(group, quantity, "255605001")->value == e.measurement.values.min);
            CHECK(findNumber(group, quantity, "56851009")->value == e.measurement.values.max);
            const SrNumber* longAxis = findNumber(group, "103339001", "");
            REQUIRE(longAxis);
            CHECK(longAxis->unit == "mm");
            CHECK(longAxis->value == Approx(e.measurement.size.longAxisMm).epsilon(1e-12));
            CHECK(findNumber(group, "103340004", "")->value ==
                  Approx(e.measurement.size.shortAxisMm).epsilon(1e-12));
            if (input.roi.shape == RoiShape::Ellipse) {
                const SrNumber* area = findNumber(group, "42798000", "");
                REQUIRE(area);
                CHECK(area->unit == "mm2");
                CHECK(area->value == Approx(*e.measurement.size.areaMm2).epsilon(1e-12));
            } else {
                const SrNumber* volume = findNumber(group, "118565006", "");
                REQUIRE(volume);
                CHECK(volume->unit == "mm3");
                CHECK(volume->value == Approx(*e.measurement.size.volumeMm3).epsilon(1e-12));
            }
        }
    }
    // The ellipse lies in a CT slice: its CT group has an image region on every number.
    CHECK(groups.front().imageRegions == static_cast<int>(groups.front().numbers.size()));
}

TEST_CASE("the DICOM SR states each CT-versus-sCT finding as a qualitative evaluation",
          "[report][sr]") {
    auto& f = reportFixture();
    std::string whyNot;
    const auto discrepancy = runReportDiscrepancy(f.study, {}, &whyNot);
    INFO(whyNot);
    REQUIRE(discrepancy);
    REQUIRE(!discrepancy->findings.empty());
    const ReportModel report = buildReport(f.study, f.rois, {}, discrepancy);
    ReportTempDir out("sr-findings");
    writeReport(report, out.path(), {ReportFormat::Sr}, false);
    const auto sr = out.path() / "report_sr.dcm";
    const auto log = out.path() / "dciodvfy.log";
    const int status =
        std::system(("dciodvfy '" + sr.string() + "' > '" + log.string() + "' 2>&1").c_str());
    INFO(readWholeFile(log));
    CHECK(status == 0);
    CHECK(readWholeFile(log).find("Error") == std::string::npos);

    // Read back independently: TEXT items "Finding" (121071, DCM) outside any measurement
    // group, one per finding, in rank order, with the kind and the CT and sCT means.
    DcmFileFormat file;
    REQUIRE(file.loadFile(sr.c_str()).good());
    DSRDocument doc;
    REQUIRE(doc.read(*file.getDataset()).good());
    DSRDocumentTree& tree = doc.getTree();
    REQUIRE(tree.gotoRoot() > 0);
    std::vector<std::string> texts, comments;
    do {
        const DSRContentItem& item = tree.getCurrentContentItem();
        if (item.getValueType() == DSRTypes::VT_Text &&
            item.getConceptName().getCodeValue() == "121071") {
            texts.emplace_back(item.getStringValue().c_str());
        }
        // The sCT comments: report-level qualitative evaluations (level 3: report, Qualitative
        // Evaluations, comment), never inside a measurement group, where TID 1501 has no
        // row for them.
        if (item.getValueType() == DSRTypes::VT_Text &&
            item.getConceptName().getCodeValue() == "121106") {
            CHECK(tree.getLevel() == 3);
            comments.emplace_back(item.getStringValue().c_str());
        }
    } while (tree.iterate());
    REQUIRE(texts.size() == discrepancy->findings.size());
    REQUIRE(comments.size() == report.rois.size());
    for (std::size_t r = 0; r < report.rois.size(); ++r) {
        CHECK(comments[r].find("\"" + report.rois[r].label + "\"") != std::string::npos);
        CHECK(comments[r].find(report.rois[r].trackingUid) != std::string::npos);
        CHECK(comments[r].find(kSyntheticCtStatement) != std::string::npos);
    }
    const DiscrepancyRegion& top = discrepancy->findings.front();
    CHECK(top.kind == DiscrepancyKind::CtDenseSctNot);
    CHECK(texts.front().find("finding 1 (ct_dense_sct_not)") != std::string::npos);
    char means[64];
    // The object's own HU at half maximum, the tumour's as the study reports it.
    REQUIRE(top.attenuation);
    std::snprintf(means, sizeof means,
                  "CT mean %.1f HU, sCT mean %.1f HU (the object at half maximum)",
                  top.attenuation->ctMeanHu, top.attenuation->sctMeanHu);
    CHECK(texts.front().find(means) != std::string::npos);
}
