#pragma once

#include <Eigen/Core>
#include <vector>

#include "core/registration/RegistrationImage.h"

namespace crosscheck {

/// Mattes mutual information between a fixed image, seen at a fixed set of sample points,
/// and a moving image under an affine map, with its analytic gradient (Mattes et al.,
/// IEEE TMI 2003; the metric of ITK and elastix).
///
/// The joint histogram uses a zero-order (box) window on the fixed intensity and a cubic
/// B-spline Parzen window on the moving one, so the metric is differentiable in the
/// transform. `evaluate` takes the map fixed patient -> moving patient as y = A x + b
/// (LPS, mm) and returns the mutual information (nats; higher is better) together with
/// dMI/dA and dMI/db, from which any parameterization (rigid, affine) gets its gradient by
/// the chain rule. Samples that map outside the moving image are left out.
/// Thread-safe for concurrent `evaluate` calls; each call runs on workerCount() threads.
class MattesMutualInformation {
public:
    struct Sample {
        Eigen::Vector3d fixedMm;  ///< sample position, fixed patient coordinates
        float fixedValue = 0.0f;
    };
    struct Evaluation {
        double value = 0.0;  ///< mutual information, nats
        Eigen::Matrix3d gradientA = Eigen::Matrix3d::Zero();
        Eigen::Vector3d gradientB = Eigen::Vector3d::Zero();
        int validSamples = 0;
    };

    /// fixedRange / movingRange: intensities mapped onto the histogram (values outside are
    /// clamped into the end bins). `bins` >= 8.
    MattesMutualInformation(std::vector<Sample> samples, const Eigen::Vector2d& fixedRange,
                            const RegistrationImage& moving, const Eigen::Vector2d& movingRange,
                            int bins = 32);

    /// `parallel` false runs on the calling thread (for callers that parallelize over many
    /// evaluations themselves).
    Evaluation evaluate(const Eigen::Matrix3d& a, const Eigen::Vector3d& b,
                        bool withGradient = true, bool parallel = true) const;
    int sampleCount() const { return static_cast<int>(m_samples.size()); }
    const std::vector<Sample>& samples() const { return m_samples; }

private:
    std::vector<Sample> m_samples;
    std::vector<int> m_fixedBin;
    const RegistrationImage& m_moving;
    int m_bins;
    double m_movingMin;
    double m_movingBinWidth;
};

}  // namespace crosscheck
