// The findings' 3D key images, rendered with the 3D pane's scene (FindingVolumeRenderer):
// needs OpenGL, so these tests run under xvfb-run (Qt's offscreen platform on its GLX).
#include <sys/wait.h>

#include <QImage>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "core/registration/TransformFile.h"
#include "core/roi/RoiJson.h"
#include "tests/core/report/ReportTestSupport.h"
#include "tests/report/PdfTestSupport.h"
#include "viewer/report/ReportExport.h"
#include "viewer/report/ReportPdfWriter.h"
#include "viewer/volume/FindingVolumeRenderer.h"
#include "viewer/volume/VolumeScene.h"

using namespace crosscheck;
using crosscheck::test::commandOutput;
using crosscheck::test::reportFixture;
using crosscheck::test::ReportTempDir;
using crosscheck::viewer::FindingVolumeRenderer;
using crosscheck::viewer::StandardView;

namespace {

/// Pixels of an image near a finding colour (same hue, lit from 55 % to full), and their
/// mean position as a fraction of the image's size.
struct ColourHits {
    int count = 0;
    double meanX = 0.0;
    double meanY = 0.0;
};

ColourHits findColour(const QImage& image, const Eigen::Vector3d& colour) {
    ColourHits hits;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const Eigen::Vector3d rgb(c.redF(), c.greenF(), c.blueF());
            const double scale = rgb.maxCoeff() / std::max(colour.maxCoeff(), 1e-6);
            if (scale < 0.55 || (rgb - scale * colour).cwiseAbs().maxCoeff() > 0.12) {
                continue;
            }
            ++hits.count;
            hits.meanX += x;
            hits.meanY += y;
        }
    }
    if (hits.count > 0) {
        hits.meanX /= hits.count * double(image.width());
        hits.meanY /= hits.count * double(image.height());
    }
    return hits;
}

/// The images on one page of a PDF in drawing order (pdfimages -png).
std::vector<QImage> pageImages(const std::filesystem::path& pdf, int page,
                               const std::filesystem::path& work) {
    const auto prefix = work / ("page" + std::to_string(page));
    commandOutput(std::string(CROSSCHECK_PDFIMAGES) + " -png -f " + std::to_string(page) + " -l " +
                  std::to_string(page) + " '" + pdf.string() + "' '" + prefix.string() + "'");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(work)) {
        if (entry.path().filename().string().rfind(prefix.filename().string() + "-", 0) == 0) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<QImage> images;
    for (const auto& f : files) {
        images.emplace_back(QString::fromStdString(f.string()));
    }
    return images;
}

/// The findings page's images: CT, sCT and 3D per finding, in rank order. Checks that the
/// first finding (the phantom's tumour, missed by the sCT) has its 3D image with the
/// region in magenta around the centre, and that the 2D thumbnails have no magenta.
void checkTumourImage(const std::filesystem::path& pdf, const std::filesystem::path& work) {
    // Cover, one ROI page, then the findings.
    const std::vector<QImage> images = pageImages(pdf, 3, work);
    REQUIRE(images.size() >= 3);
    const Eigen::Vector3d magenta =
        viewer::VolumeScene::findingColour(DiscrepancyKind::CtDenseSctNot);
    const ColourHits volume = findColour(images[2], magenta);
    INFO("magenta pixels in the 3D image: " << volume.count << " of " << images[2].width() << "^2"
                                            << ", at " << volume.meanX << ", " << volume.meanY);
    // The tumour (about 10 mm) in a field of at least 80 mm: a few percent of the image.
    CHECK(volume.count > images[2].width() * images[2].height() / 400);
    CHECK(std::abs(volume.meanX - 0.5) < 0.1);
    CHECK(std::abs(volume.meanY - 0.5) < 0.1);
    CHECK(findColour(images[0], magenta).count == 0);
    CHECK(findColour(images[1], magenta).count == 0);
}

}  // namespace

TEST_CASE("a finding is seen along its widest face from the nearer side of the series",
          "[report][pdf][3d]") {
    DiscrepancyRegion flat;
    flat.extentMm = {20.0, 16.0, 3.0};  // thin along the third principal axis
    const Eigen::Vector3d lo(-100, -100, -50), hi(100, 100, 50);
    // Thin front to back, behind the centre: seen from behind.
    flat.principalAxes << Eigen::RowVector3d::UnitX(), Eigen::RowVector3d::UnitZ(),
        Eigen::RowVector3d::UnitY();
    flat.centroidMm = {10.0, 60.0, 0.0};
    CHECK(FindingVolumeRenderer::viewFor(flat, lo, hi) == StandardView::Posterior);
    flat.centroidMm = {10.0, -20.0, 0.0};
    CHECK(FindingVolumeRenderer::viewFor(flat, lo, hi) == StandardView::Anterior);
    // Thin left to right, on the patient's right (-x in LPS): seen from the right.
    flat.principalAxes << Eigen::RowVector3d::UnitY(), Eigen::RowVector3d::UnitZ(),
        Eigen::RowVector3d::UnitX();
    flat.centroidMm = {-70.0, 0.0, 0.0};
    CHECK(FindingVolumeRenderer::viewFor(flat, lo, hi) == StandardView::Right);
}

TEST_CASE(
    "the PDF's findings page shows each finding in 3D: the CT's bone with the missed tumour "
    "in magenta at the centre",
    "[report][pdf][3d]") {
    auto& f = reportFixture();
    const auto discrepancy = runReportDiscrepancy(f.study);
    REQUIRE(discrepancy);
    REQUIRE_FALSE(discrepancy->findings.empty());
    REQUIRE(discrepancy->findings.front().kind == DiscrepancyKind::CtDenseSctNot);
    const ReportModel report = buildReport(f.study, {f.rois.front()}, {}, discrepancy);
    ReportTempDir out("pdf-3d");
    FindingVolumeRenderer renderer(FindingVolumeRenderer::makeSurface());
    viewer::writeReportFiles(report, f.study, out.path(), {{}, true}, false, {}, nullptr,
                             &renderer);
    const auto pdf = out.path() / "report.pdf";
    REQUIRE(std::filesystem::exists(pdf));
    checkTumourImage(pdf, out.path());
    CHECK(test::pdfText(pdf).find("3D, ") != std::string::npos);
}

TEST_CASE("crosscheck-cli report renders the findings' 3D key images when there is a display",
          "[report][pdf][3d][cli]") {
    auto& f = reportFixture();
    const PhantomGroundTruth& truth = f.phantom.truth;
    ReportTempDir work("pdf-3d-cli");
    const auto roiPath = work.path() / "tumour.json";
    std::ofstream(roiPath) << toJson(f.rois.back().roi).dump();
    TransformFile transform;
    transform.movingFrameUid = truth.ctFrameUid;
    transform.fixedFrameUid = truth.mrFrameUid;
    transform.movingToFixed = truth.ctToMr;
    transform.method = "ground-truth";
    const auto transformPath = work.path() / "ct_to_mr.json";
    writeTransformFile(transform, transformPath);
    const auto out = work.path() / "out";
    // DISPLAY is Xvfb's: the command's offscreen platform finds OpenGL there.
    const std::string command =
        "env -u QT_QPA_PLATFORM '" + std::string(CROSSCHECK_BINARY_DIR) +
        "/bin/crosscheck-cli' report '" + (f.dir.path() / "study").string() + "' --roi '" +
        roiPath.string() + "' --transform '" + transformPath.string() + "' --out '" + out.string() +
        "' --formats pdf > '" + (work.path() / "log").string() + "' 2>&1";
    const int status = std::system(command.c_str());
    INFO(test::readWholeFile(work.path() / "log"));
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    checkTumourImage(out / "report.pdf", work.path());
}
