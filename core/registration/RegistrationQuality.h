#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>

#include "core/registration/RegistrationRegion.h"

namespace crosscheck {

class Volume;

/// How well a registration fits where it was asked to: the figure a user sees next to the
/// transform, so that a poor fit is said, not hidden.
///
/// `ngfAfter` is the normalized gradient field agreement (Haber and Modersitzki 2006) in
/// the region (or over the fixed body when there is none): the mean over fixed-image
/// sample points of cos^2 of the angle between the two images' intensity gradients,
/// each gradient damped by its image's median gradient so that noise counts little.
/// It is 0..1 and does not care which tissue is bright in which modality (edges are
/// edges): a good CT/MR fit of a vertebra gives about 0.3 to 0.5 on the phantom, noise
/// against noise about 0.1. `ngfBefore` is the same at the start pose, `miBefore` /
/// `miAfter` Mattes mutual information (nats). `landmarkRmsMm` is the RMS of landmark
/// residuals when the transform came from landmarks. `warning` is empty when the fit looks
/// good, else a sentence to show the user.
struct RegistrationQuality {
    double ngfBefore = 0.0;
    double ngfAfter = 0.0;
    double miBefore = 0.0;
    double miAfter = 0.0;
    int samples = 0;
    std::optional<double> landmarkRmsMm;
    std::string warning;
};

/// NGF below this after registration: the fit is called poor.
constexpr double kPoorNgf = 0.12;
/// Landmark RMS above this (mm): the fit is called poor.
constexpr double kPoorLandmarkRmsMm = 2.0;

/// Measures a registration of `moving` onto `fixed` (matrices map moving patient -> fixed
/// patient, LPS mm) in `region` (fixed patient mm; the fixed body when empty), comparing
/// the transform with the start it came from. Works on both images block-averaged to
/// about `spacingMm` (finer images are read as they are). Cheap: a few hundred ms on a
/// full-size study. The volumes must outlive the call.
RegistrationQuality assessRegistration(const Volume& fixed, const Volume& moving,
                                       const Eigen::Matrix4d& startMovingToFixed,
                                       const Eigen::Matrix4d& movingToFixed,
                                       const std::optional<RegistrationRegion>& region,
                                       double spacingMm = 2.0);

/// The quality of a landmark fit: its RMS and a warning above kPoorLandmarkRmsMm.
RegistrationQuality landmarkQuality(double rmsMm);

}  // namespace crosscheck
