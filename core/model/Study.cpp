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

const LoadedSeries* Study::findVolume(const std::string& seriesInstanceUid, int volumeIndex) const {
    if (volumeIndex == 0) {
        return findByUid(seriesInstanceUid);
    }
    for (const auto& s : otherVolumes) {
        if (s.info.seriesInstanceUid == seriesInstanceUid && s.info.volumeIndex == volumeIndex) {
            return &s;
        }
    }
    return nullptr;
}

LoadedSeries* Study::findVolume(const std::string& seriesInstanceUid, int volumeIndex) {
    return const_cast<LoadedSeries*>(
        std::as_const(*this).findVolume(seriesInstanceUid, volumeIndex));
}

const LoadedPicture* Study::findPicture(const std::string& seriesInstanceUid) const {
    for (const auto& p : pictures) {
        if (p.info.seriesInstanceUid == seriesInstanceUid) {
            return &p;
        }
    }
    return nullptr;
}

std::string unloadedVolumeNote(const SeriesInfo& info) {
    const std::string& label = info.volumeLabels[static_cast<std::size_t>(info.volumeIndex)];
    return "volume " + std::to_string(info.volumeIndex) + " of " +
           std::to_string(info.volumeCount()) + " of series " + info.seriesInstanceUid +
           (label.empty() ? "" : " (" + label + ")") +
           " not loaded: a study holds volume 0 of each series; `crosscheck-cli info --volume N` "
           "and `convert --volume N` read the others";
}

namespace {

std::string firstFileOf(const SeriesInfo& info) {
    return info.files.empty() ? info.seriesInstanceUid : info.files.front();
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
        const SeriesInfo& info = scan.series[i];
        if (info.volumeIndex != 0) {
            study.otherVolumes.push_back(LoadedSeries{info, nullptr, info.warningDetails});
            continue;
        }
        try {
            const Progress part = progress.subRange(from, from + perSeries);
            if (info.isColour()) {
                study.pictures.push_back(loadPicture(info, part));
            } else {
                study.series.push_back(loadSeries(info, part));
            }
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            study.problems.push_back({firstFileOf(info), e.what()});
        }
    }
    study.referenceFrameUid = chooseReferenceFrame(study.series);
    progress(1.0, "loaded");
    return study;
}

}  // namespace crosscheck
