#include "core/roi/ImportSupport.h"

namespace crosscheck {

BrushMask croppedMask(const VolumeGeometry& grid, const Eigen::Vector3i& lo,
                      const Eigen::Vector3i& hi) {
    Eigen::Matrix4d indexToPatient = grid.indexToPatient();
    indexToPatient.col(3) = grid.indexToPatient() * Eigen::Vector4d(lo.x(), lo.y(), lo.z(), 1.0);
    return BrushMask(VolumeGeometry(hi - lo + Eigen::Vector3i::Ones(), indexToPatient));
}

const LoadedSeries* loadedSeriesInFrame(const Study& study, const std::string& frameUid) {
    const LoadedSeries* found = nullptr;
    for (const LoadedSeries& s : study.series) {
        if (!s.volume || s.info.frameOfReferenceUid != frameUid) {
            continue;
        }
        if (s.info.role == SeriesRole::CT) {
            return &s;
        }
        if (!found) {
            found = &s;
        }
    }
    return found;
}

std::set<std::string> loadedSopInstances(const Study& study) {
    std::set<std::string> uids;
    for (const LoadedSeries& s : study.series) {
        for (const SliceRef& slice : s.info.slices) {
            if (!slice.sopInstanceUid.empty()) {
                uids.insert(slice.sopInstanceUid);
            }
        }
    }
    return uids;
}

}  // namespace crosscheck
