#pragma once
// The registration steps of the study workflow that need no Qt: which series register
// onto which, and the automatic rigid registration (Mattes mutual information) of each
// frame that has no transform to the study's reference frame yet. Transforms map a
// moving frame's patient coordinates (LPS, mm) to the reference frame's.
#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "core/registration/RegistrationQuality.h"
#include "core/registration/RegistrationRegion.h"
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

/// One series to register per frame other than the reference's, preferring the T1w (the
/// sCT is computed from it, so it shares its frame).
std::vector<const LoadedSeries*> otherFrames(const Study& study);
/// The same, only the frames that have no transform to the reference yet.
std::vector<const LoadedSeries*> unregisteredFrames(const Study& study);

/// A registration result waiting to be added, with how well it fits.
struct RegionLink {
    FrameLink link;
    RegistrationQuality quality;
};

/// Registers each moving series onto `fixed` in turn (rigid, MI), each from its frame's
/// current transform when the study has one; the progress of the whole is split evenly
/// between them. With a `region` (reference patient mm) the metric looks only inside it, so
/// the level of interest aligns even when the spine's posture differs elsewhere, and the
/// link's provenance names it. Throws RegistrationError (a region outside the overlap, too
/// small, flat) naming the reason, Cancelled when cancelled; nothing in the study changes.
std::vector<RegionLink> registerFramesMi(const Study& study, const LoadedSeries& fixed,
                                         const std::vector<const LoadedSeries*>& moving,
                                         const std::optional<RegistrationRegion>& region,
                                         const Progress& progress);

}  // namespace crosscheck::viewer
