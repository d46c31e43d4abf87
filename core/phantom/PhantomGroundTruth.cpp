#include "core/phantom/PhantomGroundTruth.h"

#include "core/Version.h"

namespace crosscheck {

namespace {
// Full double precision: the tests compare these numbers with independent recomputations.
nlohmann::json vec(const Eigen::Vector3d& v) {
    return nlohmann::json::array({v.x(), v.y(), v.z()});
}

nlohmann::json rows(const Eigen::Matrix3d& m) {
    nlohmann::json out = nlohmann::json::array();
    for (int r = 0; r < 3; ++r) {
        out.push_back(vec(m.row(r).transpose()));
    }
    return out;
}

nlohmann::json lesionJson(const PhantomLesionTruth& l) {
    return {{"kind", l.kind},
            {"center_ct_mm", vec(l.centerCtMm)},
            {"center_mr_mm", vec(l.centerMrMm)},
            {"diameters_mm", vec(l.diametersMm)},
            {"axes_ct", rows(l.axesCt)},
            {"axes_mr", rows(l.axesMr)},
            {"nominal_hu", l.nominalHu},
            {"ct_mean_hu", l.ctMeanHu},
            {"sct_mean_hu", l.sctMeanHu},
            {"ct_voxel_count", l.ctVoxelCount},
            {"sct_voxel_count", l.sctVoxelCount},
            {"calcified", l.calcified},
            {"densely_calcified", l.denselyCalcified},
            {"visible_on_sct", l.visibleOnSct}};
}

nlohmann::json matrix4(const Eigen::Matrix4d& m) {
    nlohmann::json out = nlohmann::json::array();
    for (int r = 0; r < 4; ++r) {
        nlohmann::json row = nlohmann::json::array();
        for (int c = 0; c < 4; ++c) {
            row.push_back(m(r, c));
        }
        out.push_back(row);
    }
    return out;
}
}  // namespace

nlohmann::json toJson(const PhantomGroundTruth& truth) {
    const nlohmann::json ctToMr = matrix4(truth.ctToMr);
    nlohmann::json levels = nlohmann::json::array();
    for (const auto& l : truth.levels) {
        levels.push_back({{"level", l.level},
                          {"center_ct_mm", vec(l.centerCtMm)},
                          {"center_mr_mm", vec(l.centerMrMm)},
                          {"rotation_deg", vec(l.rotationDegrees)},
                          {"ct_to_mr", matrix4(l.ctToMr)}});
    }
    nlohmann::json series = nlohmann::json::array();
    for (const auto& s : truth.series) {
        series.push_back({{"role", toString(s.role)},
                          {"dir", s.dir},
                          {"series_instance_uid", s.seriesInstanceUid}});
    }
    nlohmann::json lesions = nlohmann::json::array();
    for (const auto& l : truth.lesions) {
        lesions.push_back(lesionJson(l));
    }
    return {{"seed", truth.seed},
            {"patient_number", truth.patientNumber},
            {"patient_id", truth.patientId},
            {"study_instance_uid", truth.studyInstanceUid},
            {"ct_frame_uid", truth.ctFrameUid},
            {"mr_frame_uid", truth.mrFrameUid},
            {"ct_to_mr", ctToMr},
            {"series", series},
            {"tumor", lesionJson(truth.tumor)},
            {"lesions", lesions},
            {"sct_shows_tumor", truth.sctShowsTumor},
            {"same_frame", truth.sameFrame},
            {"size", truth.size},
            {"posture_degrees", truth.postureDegrees},
            {"levels", levels},
            {"generator", std::string("crosscheck ") + versionString()}};
}

}  // namespace crosscheck
