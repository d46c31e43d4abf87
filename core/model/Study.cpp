#include "core/model/Study.h"

#include <Eigen/LU>
#include <optional>
#include <string>
#include <utility>


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

}  // namespace crosscheck
