#pragma once
// The registration steps of the study workflow that need no Qt: which series register
// onto which, and the automatic rigid registration (Mattes mutual information) of each
// frame that has no transform to the study's reference frame yet. Transforms map a
// moving frame's patient coordinates (LPS, mm) to the reference frame's.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/registration/TransformProvenance.h"
#include "core/util/Progress.h"

namespace crosscheck {
struct Study;
struct LoadedSeries;
}  // namespace crosscheck

namespace crosscheck::viewer {

/// A registration result waiting to be added to the study's transforms.
struct FrameLink {
    std::string movingFrame;
    Eigen::Matrix4d movingToReference = Eigen::Matrix4d::Identity();
    TransformProvenance provenance;
};

/// The series others register onto: the first of CT, sCT, T1w, T2w, Other in the
/// reference frame; null when the study has none.
const LoadedSeries* referenceSeries(const Study& study);

/// One series to register per frame that has no transform to the reference yet,
/// preferring the T1w (the sCT is computed from it, so it shares its frame).
std::vector<const LoadedSeries*> unregisteredFrames(const Study& study);

/// Registers each moving series onto `fixed` in turn (rigid, MI); the progress of the
/// whole is split evenly between them. Throws Cancelled when cancelled.
std::vector<FrameLink> registerFramesMi(const LoadedSeries& fixed,
                                        const std::vector<const LoadedSeries*>& moving,
                                        const Progress& progress);

}  // namespace crosscheck::viewer
