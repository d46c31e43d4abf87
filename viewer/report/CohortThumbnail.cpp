#include "viewer/report/CohortThumbnail.h"

#include <algorithm>

#include "core/cohort/DatabaseStudies.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "viewer/report/KeyImageRenderer.h"
#include "viewer/report/KeyImageWindow.h"

namespace crosscheck::viewer {

namespace {

constexpr double kMinFieldMm = 40.0;
constexpr double kMaxFieldMm = 120.0;
/// Letters and scale bar large enough to read on a 2 cm print.
constexpr double kTextScale = 2.2;

const SeriesInfo* seriesByUid(const ScanResult& scan, const std::string& uid) {
    for (const SeriesInfo& s : scan.series) {
        if (s.seriesInstanceUid == uid) {
            return &s;
        }
    }
    return nullptr;
}

CohortThumbnail placeholders(const QString& note, int sizePx) {
    return {placeholderKeyImage(note, sizePx), placeholderKeyImage(note, sizePx), note};
}

}  // namespace

bool cohortFindingCentre(const PatientResult& result, double centreMm[3], double* extentMm) {
    if (!result.done || !result.hasFinding || !result.flags.is_array()) {
        return false;
    }
    for (const nlohmann::json& flag : result.flags) {
        if (flag.value("kind", std::string()) != "ct_dense_sct_not" ||
            !flag.contains("centroid_mm")) {
            continue;
        }
        for (std::size_t i = 0; i < 3; ++i) {
            centreMm[i] = flag.at("centroid_mm").at(i).get<double>();
        }
        double extent = 0.0;
        if (flag.contains("extent_mm")) {
            for (const nlohmann::json& e : flag.at("extent_mm")) {
                extent = std::max(extent, e.get<double>());
            }
        }
        *extentMm = extent;
        return true;
    }
    return false;
}

CohortThumbnail renderCohortThumbnail(const PatientResult& result, int sizePx) {
    if (!result.done) {
        return placeholders(QStringLiteral("failed"), sizePx);
    }
    double centre[3];
    double extent = 0.0;
    if (!cohortFindingCentre(result, centre, &extent)) {
        return placeholders(QStringLiteral("no finding"), sizePx);
    }
    if (!result.ctToSct) {
        return placeholders(QStringLiteral("no CT -> sCT transform"), sizePx);
    }
    // The study folder, or a database study's indexed files.
    const std::vector<std::filesystem::path> paths = resultStudyPaths(result);
    if (paths.empty()) {
        return placeholders(QStringLiteral("study not found"), sizePx);
    }
    try {
        const ScanResult scan = scanPaths(paths);
        const SeriesInfo* ctInfo = seriesByUid(scan, result.ctSeriesUid);
        const SeriesInfo* sctInfo = seriesByUid(scan, result.sctSeriesUid);
        if (!ctInfo || !sctInfo) {
            return placeholders(QStringLiteral("series not found"), sizePx);
        }
        const LoadedSeries ct = loadSeries(*ctInfo);
        const LoadedSeries sct = loadSeries(*sctInfo);
        const double field = std::clamp(3.0 * extent, kMinFieldMm, kMaxFieldMm);
        const KeyImagePlane plane =
            axialKeyImagePlane(Eigen::Vector3d(centre[0], centre[1], centre[2]), field);
        // One window for both, from the CT's HU of the finding, so their greys compare.
        const KeyImageWindow window = huWindowFor(result.meanHu.ct);
        CohortThumbnail thumbnail;
        thumbnail.ct = renderKeyImage({ct.volume.get(), Eigen::Matrix4d::Identity()}, plane, window,
                                      nullptr, sizePx, nullptr, kTextScale);
        thumbnail.sct = renderKeyImage({sct.volume.get(), *result.ctToSct}, plane, window, nullptr,
                                       sizePx, nullptr, kTextScale);
        return thumbnail;
    } catch (const std::exception&) {
        return placeholders(QStringLiteral("study cannot be read"), sizePx);
    }
}

}  // namespace crosscheck::viewer
