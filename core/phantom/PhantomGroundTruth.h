#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/vocabulary/SeriesRole.h"

namespace crosscheck {

/// The known answer for one lesion of the phantom. Diameters are ordered craniocaudal,
/// anteroposterior, left-right; row r of axesMr / axesCt is the unit direction of
/// diametersMm[r] in MR / CT patient coordinates (LPS). The means are over the voxels
/// actually written whose centres lie inside the ellipsoid (partial volume and noise
/// included), not the nominal value.
struct PhantomLesionTruth {
    std::string kind;  ///< "calcified_tumor" or "soft_tissue_lesion"
    Eigen::Vector3d centerCtMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d centerMrMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d diametersMm = Eigen::Vector3d::Zero();
    Eigen::Matrix3d axesMr = Eigen::Matrix3d::Identity();
    Eigen::Matrix3d axesCt = Eigen::Matrix3d::Identity();
    double nominalHu = 0.0;
    double ctMeanHu = 0.0;
    double sctMeanHu = 0.0;
    int ctVoxelCount = 0;
    int sctVoxelCount = 0;
    bool calcified = false;
    bool denselyCalcified = false;
    bool visibleOnSct = false;
};

/// One series of the phantom study, as ground_truth.json lists it.
struct PhantomSeriesTruth {
    SeriesRole role = SeriesRole::Other;
    std::string dir;  ///< folder name inside the study folder ("CT", "T1w", "T2w", "sCT")
    std::string seriesInstanceUid;
};

/// One vertebral level of a phantom with posture (`--posture DEG`): where its vertebral
/// body centre is in each frame, its own rotation, and the rigid map from CT patient
/// coordinates to MR patient coordinates that holds for that vertebra (exact over its
/// body; the MRI of other levels follows their own maps).
struct PhantomLevelTruth {
    int level = 0;  ///< 0 = the level at the middle of the fields of view
    Eigen::Vector3d centerCtMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d centerMrMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d rotationDegrees = Eigen::Vector3d::Zero();  ///< Euler x, y, z
    Eigen::Matrix4d ctToMr = Eigen::Matrix4d::Identity();
};

/// Everything ground_truth.json says (docs/cli.md).
struct PhantomGroundTruth {
    std::uint64_t seed = 0;
    int patientNumber = 1;
    std::string patientId;
    std::string studyInstanceUid;
    std::string ctFrameUid;
    std::string mrFrameUid;
    /// Maps CT patient coordinates to MR patient coordinates (mm).
    Eigen::Matrix4d ctToMr = Eigen::Matrix4d::Identity();
    std::vector<PhantomSeriesTruth> series;
    PhantomLesionTruth tumor;
    std::vector<PhantomLesionTruth> lesions;
    bool sctShowsTumor = false;
    bool sameFrame = false;
    std::string size;  ///< "small" or "full"
    /// The `--posture` bound in degrees (0: the MRI is a rigid copy of the CT anatomy).
    double postureDegrees = 0.0;
    /// The levels whose vertebral body centre lies in both the CT and the T1w, head last.
    std::vector<PhantomLevelTruth> levels;
};

nlohmann::json toJson(const PhantomGroundTruth& truth);

}  // namespace crosscheck
