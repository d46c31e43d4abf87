#include "core/registration/RegistrationQuality.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "core/geometry/RigidTransform.h"
#include "core/registration/MattesMutualInformation.h"
#include "core/registration/RegistrationError.h"
#include "core/registration/RegistrationImage.h"
#include "core/registration/RegistrationSampling.h"
#include "core/volume/Volume.h"

namespace crosscheck {

namespace {

constexpr int kQualitySamples = 20000;
constexpr std::uint32_t kQualitySeed = 0x9A11;

Eigen::Vector3d apply(const Eigen::Matrix4d& m, const Eigen::Vector3d& p) {
    return m.topLeftCorner<3, 3>() * p + m.topRightCorner<3, 1>();
}

// Gradient per mm in the image's patient frame at a patient point; false outside.
bool gradientMm(const RegistrationImage& image, const Eigen::Vector3d& patientMm,
                Eigen::Vector3d& gradient) {
    float value = 0.0f;
    Eigen::Vector3d gradientIjk;
    if (!image.sampleWithGradient(apply(image.patientToIndex(), patientMm), value, gradientIjk)) {
        return false;
    }
    gradient = image.patientToIndex().topLeftCorner<3, 3>().transpose() * gradientIjk;
    return true;
}

double median(std::vector<double> values) {
    if (values.empty()) {
        return 0.0;
    }
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

// Mean cos^2 between the gradients, damped by epsilon (the median gradient of each image).
double ngf(const RegistrationImage& fixed, const RegistrationImage& moving,
           const std::vector<MattesMutualInformation::Sample>& samples,
           const Eigen::Matrix4d& fixedToMoving) {
    std::vector<Eigen::Vector3d> gf, gm;
    gf.reserve(samples.size());
    gm.reserve(samples.size());
    const Eigen::Matrix3d backRotation = fixedToMoving.topLeftCorner<3, 3>().transpose();
    for (const auto& s : samples) {
        Eigen::Vector3d a, b;
        if (gradientMm(fixed, s.fixedMm, a) &&
            gradientMm(moving, apply(fixedToMoving, s.fixedMm), b)) {
            gf.push_back(a);
            gm.push_back(backRotation * b);  // in the fixed frame, comparable with a
        }
    }
    if (gf.size() < 100) {
        return 0.0;
    }
    std::vector<double> nf, nm;
    for (std::size_t i = 0; i < gf.size(); ++i) {
        nf.push_back(gf[i].norm());
        nm.push_back(gm[i].norm());
    }
    const double ef2 = std::pow(std::max(median(nf), 1e-9), 2);
    const double em2 = std::pow(std::max(median(nm), 1e-9), 2);
    double sum = 0.0;
    for (std::size_t i = 0; i < gf.size(); ++i) {
        const double dot = gf[i].dot(gm[i]);
        sum += dot * dot / ((gf[i].squaredNorm() + ef2) * (gm[i].squaredNorm() + em2));
    }
    return sum / static_cast<double>(gf.size());
}

}  // namespace

RegistrationQuality assessRegistration(const Volume& fixed, const Volume& moving,
                                       const Eigen::Matrix4d& startMovingToFixed,
                                       const Eigen::Matrix4d& movingToFixed,
                                       const std::optional<RegistrationRegion>& region,
                                       double spacingMm) {
    const RegistrationImage fixedImage = RegistrationImage::fromVolume(fixed, spacingMm);
    const RegistrationImage movingImage = RegistrationImage::fromVolume(moving, spacingMm);
    std::mt19937 random(kQualitySeed);
    const SampleBox box = region ? regionBox(fixedImage, *region)
                                 : bodyBox(fixedImage, fixedImage.bodyThreshold(), 1);
    RegistrationQuality quality;
    if (box.empty) {
        quality.warning = "nothing to measure the fit on (empty region)";
        return quality;
    }
    auto samples =
        drawSamples(fixedImage, box, kQualitySamples, random, region ? &*region : nullptr);
    quality.samples = static_cast<int>(samples.size());
    const Eigen::Matrix4d before = rigidInverse(startMovingToFixed);
    const Eigen::Matrix4d after = rigidInverse(movingToFixed);
    quality.ngfBefore = ngf(fixedImage, movingImage, samples, before);
    quality.ngfAfter = ngf(fixedImage, movingImage, samples, after);
    const MattesMutualInformation mi(std::move(samples), fixedImage.percentileRange(0.001, 0.999),
                                     movingImage, movingImage.percentileRange(0.001, 0.999));
    const auto miAt = [&](const Eigen::Matrix4d& fixedToMoving) {
        const auto e = mi.evaluate(fixedToMoving.topLeftCorner<3, 3>(),
                                   fixedToMoving.topRightCorner<3, 1>(), false);
        return std::make_pair(e.value, e.validSamples);
    };
    const auto [miBefore, validBefore] = miAt(before);
    const auto [miAfter, validAfter] = miAt(after);
    (void)validBefore;
    quality.miBefore = miBefore;
    quality.miAfter = miAfter;
    char text[200];
    if (validAfter * 2 < quality.samples) {
        std::snprintf(text, sizeof text,
                      "poor fit: only %d %% of the region falls inside the moving image",
                      quality.samples > 0 ? 100 * validAfter / quality.samples : 0);
        quality.warning = text;
    } else if (quality.ngfAfter < kPoorNgf) {
        std::snprintf(text, sizeof text,
                      "poor fit: edges agree little in the region (NGF %.2f, below %.2f); check "
                      "it in the checkerboard",
                      quality.ngfAfter, kPoorNgf);
        quality.warning = text;
    } else if (quality.ngfAfter + 0.02 < quality.ngfBefore) {
        std::snprintf(text, sizeof text,
                      "poor fit: edges agree less than at the start (NGF %.2f, was %.2f)",
                      quality.ngfAfter, quality.ngfBefore);
        quality.warning = text;
    }
    return quality;
}

RegistrationQuality landmarkQuality(double rmsMm) {
    RegistrationQuality quality;
    quality.landmarkRmsMm = rmsMm;
    if (rmsMm > kPoorLandmarkRmsMm) {
        char text[160];
        std::snprintf(text, sizeof text,
                      "poor fit: landmark residuals RMS %.2f mm (above %.1f mm); check the pairs",
                      rmsMm, kPoorLandmarkRmsMm);
        quality.warning = text;
    }
    return quality;
}

}  // namespace crosscheck
