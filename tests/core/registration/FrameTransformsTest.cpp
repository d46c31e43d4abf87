#include <catch2/catch.hpp>

#include "core/geometry/RigidTransform.h"
#include "core/registration/FrameTransforms.h"

using namespace crosscheck;

namespace {
const Eigen::Matrix4d kCtToMr =
    rigidFromEuler(Eigen::Vector3d(0.05, 0.0, 0.2), Eigen::Vector3d(10, 0, -5));
const Eigen::Matrix4d kSctToMr =
    rigidFromEuler(Eigen::Vector3d(0.0, -0.1, 0.0), Eigen::Vector3d(0, 3, 0));

TransformProvenance mi() {
    TransformProvenance p;
    p.basis = TransformBasis::AutomaticMi;
    p.metric = 0.8;
    p.iterations = 120;
    return p;
}
TransformProvenance landmarks(double rms) {
    TransformProvenance p;
    p.basis = TransformBasis::Landmarks;
    p.rmsMm = rms;
    return p;
}
}  // namespace

TEST_CASE("composed and inverted frame transforms map points correctly", "[registration]") {
    FrameTransforms transforms;
    transforms.set("CT", "MR", kCtToMr, mi());
    transforms.set("sCT", "MR", kSctToMr, landmarks(0.7));

    // A point known in the CT: its MR position by hand, then its sCT position.
    const Eigen::Vector3d pCt(12, -40, 85);
    const Eigen::Vector3d pMr =
        kCtToMr.topLeftCorner<3, 3>() * pCt + kCtToMr.topRightCorner<3, 1>();
    const Eigen::Vector3d pSct =
        kSctToMr.topLeftCorner<3, 3>().transpose() * (pMr - kSctToMr.topRightCorner<3, 1>());

    const auto ctToSct = transforms.transform("CT", "sCT");
    REQUIRE(ctToSct.has_value());
    REQUIRE((transformPoint(*ctToSct, PatientPoint{pCt}).mm - pSct).norm() < 1e-9);
    const auto sctToCt = transforms.transform("sCT", "CT");
    REQUIRE((transformPoint(*sctToCt, PatientPoint{pSct}).mm - pCt).norm() < 1e-9);
    const auto mrToCt = transforms.transform("MR", "CT");
    REQUIRE((transformPoint(*mrToCt, PatientPoint{pMr}).mm - pCt).norm() < 1e-9);
    REQUIRE(transforms.transform("CT", "CT")->isIdentity());
    REQUIRE_FALSE(transforms.transform("CT", "PET").has_value());
}

TEST_CASE("the badge names the basis of each transform", "[registration]") {
    FrameTransforms transforms;
    transforms.set("CT", "MR", kCtToMr, mi());
    transforms.set("sCT", "MR", kSctToMr, landmarks(0.7));
    REQUIRE(transforms.badge("CT", "MR") == "registered: automatic MI");
    REQUIRE(transforms.badge("MR", "sCT") == "landmarks: RMS 0.7 mm");
    REQUIRE(transforms.badge("CT", "sCT") == "registered: automatic MI -> landmarks: RMS 0.7 mm");
    REQUIRE(transforms.badge("CT", "CT") == "same frame");
    REQUIRE(transforms.badge("CT", "PET") == "not registered");
}

TEST_CASE("a nudge moves the moving image in the target frame and marks the link",
          "[registration]") {
    FrameTransforms transforms;
    int changes = 0;
    const int id = transforms.addListener([&changes] { ++changes; });
    transforms.set("CT", "MR", kCtToMr, mi());
    const Eigen::Matrix4d shift = rigidFromEuler(Eigen::Vector3d::Zero(), Eigen::Vector3d(1, 0, 0));
    // Nudged as seen from the MR (CT shown in MR): a CT point lands 1 mm further along x.
    transforms.nudge("CT", "MR", shift);
    const Eigen::Vector3d p(3, 4, 5);
    const Eigen::Vector3d before = transformPoint(kCtToMr, PatientPoint{p}).mm;
    REQUIRE((transformPoint(*transforms.transform("CT", "MR"), PatientPoint{p}).mm - before -
             Eigen::Vector3d(1, 0, 0))
                .norm() < 1e-9);
    // Nudged the other way round (MR shown in CT) on the same stored link.
    transforms.nudge("MR", "CT", shift);
    const Eigen::Matrix4d mrToCtBefore = rigidInverse(shift * kCtToMr);
    REQUIRE((*transforms.transform("MR", "CT") - shift * mrToCtBefore).cwiseAbs().maxCoeff() <
            1e-9);
    REQUIRE(transforms.badge("CT", "MR") == "registered: automatic MI + hand-adjusted");
    REQUIRE(changes == 3);
    transforms.removeListener(id);
    transforms.remove("CT", "MR");
    REQUIRE(changes == 3);
    REQUIRE_FALSE(transforms.transform("CT", "MR").has_value());
    REQUIRE_THROWS(transforms.nudge("CT", "MR", shift));
}

TEST_CASE("frame transforms refuse a non-rigid matrix and a link of a frame to itself",
          "[registration]") {
    FrameTransforms transforms;
    Eigen::Matrix4d scaled = Eigen::Matrix4d::Identity();
    scaled(0, 0) = 1.1;
    REQUIRE_THROWS_AS(transforms.set("CT", "MR", scaled, mi()), std::invalid_argument);
    REQUIRE_THROWS_AS(transforms.set("CT", "CT", Eigen::Matrix4d::Identity(), mi()),
                      std::invalid_argument);
    REQUIRE(transforms.links().empty());
}

TEST_CASE("a region-focused registration names its region on the badge", "[registration]") {
    TransformProvenance local;
    local.basis = TransformBasis::AutomaticMi;
    local.regionCentreMm = Eigen::Vector3d(1.5, -20.25, 88.0);
    local.regionRadiusMm = 40.0;
    CHECK(local.label() == "registered locally at (1.5, -20.2, 88.0), radius 40 mm");
    local.adjustedByHand = true;
    CHECK(local.label() ==
          "registered locally at (1.5, -20.2, 88.0), radius 40 mm + hand-adjusted");
    TransformProvenance global;
    global.basis = TransformBasis::AutomaticMi;
    CHECK(global.label() == "registered: automatic MI");
}
