#include "core/model/Study.h"

#include <Eigen/LU>
#include <optional>
#include <string>
#include <utility>

#include "core/dicom/DicomError.h"

namespace crosscheck {

const LoadedSeries* Study::find(SeriesRole role) const {
    for (const auto& s : series) {
        if (s.info.role == role) {
            return &s;
        }
    }
    return nullptr;
}

const LoadedSeries* Study::findByUid(const std::string& seriesInstanceUid) const {
    for (const auto& s : series) {
        if (s.info.seriesInstanceUid == seriesInstanceUid) {
            return &s;
        }
    }
    return nullptr;
}

LoadedSeries* Study::findByUid(const std::string& seriesInstanceUid) {
    return const_cast<LoadedSeries*>(std::as_const(*this).findByUid(seriesInstanceUid));
}

std::optional<Eigen::Matrix4d> Study::referenceToSeries(const LoadedSeries& s) const {
    return transforms.transform(referenceFrameUid, s.info.frameOfReferenceUid);
}

std::string chooseReferenceFrame(const std::vector<LoadedSeries>& series) {
    for (const auto& s : series) {
        if (s.info.role == SeriesRole::CT) {
            return s.info.frameOfReferenceUid;
        }
    }
    return series.empty() ? std::string() : series.front().info.frameOfReferenceUid;
}

namespace {
/// A study holds one volume per series: the panes, the measurements and the sessions
/// find a series by its UID, and a 60-volume diffusion series loaded whole would take 60
/// volumes' memory. The other volumes are named as not loaded, with where to read them.
std::optional<ScanProblem> otherVolumeProblem(const SeriesInfo& info) {
    if (info.volumeIndex == 0) {
        return std::nullopt;
    }
    const std::string& label = info.volumeLabels[static_cast<std::size_t>(info.volumeIndex)];
    return ScanProblem{info.files.empty() ? info.seriesInstanceUid : info.files.front(),
                       "volume " + std::to_string(info.volumeIndex) + " of " +
                           std::to_string(info.volumeCount()) + " of series " +
                           info.seriesInstanceUid + (label.empty() ? "" : " (" + label + ")") +
                           " not loaded: a study holds volume 0 of each series; `crosscheck-cli "
                           "info --volume N` and `convert --volume N` read the others"};
}
}  // namespace

Study loadStudy(const std::vector<std::filesystem::path>& paths, const Progress& progress) {
    Study study;
    constexpr double kScanShare = 0.1;
    ScanResult scan = scanPaths(paths, progress.subRange(0.0, kScanShare));
    study.problems = scan.problems;
    const double perSeries =
        (1.0 - kScanShare) / static_cast<double>(std::max<std::size_t>(1, scan.series.size()));
    for (std::size_t i = 0; i < scan.series.size(); ++i) {
        if (progress.cancelled()) {
            throw Cancelled();
        }
        const double from = kScanShare + perSeries * static_cast<double>(i);
        if (const auto skipped = otherVolumeProblem(scan.series[i])) {
            study.problems.push_back(*skipped);
            continue;
        }
        try {
            study.series.push_back(
                loadSeries(scan.series[i], progress.subRange(from, from + perSeries)));
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            const auto& info = scan.series[i];
            study.problems.push_back(
                {info.files.empty() ? info.seriesInstanceUid : info.files.front(), e.what()});
        }
    }
    study.referenceFrameUid = chooseReferenceFrame(study.series);
    progress(1.0, "loaded");
    return study;
}

}  // namespace crosscheck
