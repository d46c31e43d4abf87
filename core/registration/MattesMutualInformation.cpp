#include "core/registration/MattesMutualInformation.h"

#include <algorithm>
#include <cmath>

#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

// Cubic B-spline and its derivative, support (-2, 2).
inline double bspline3(double x) {
    x = std::abs(x);
    if (x < 1.0) {
        return (4.0 - 6.0 * x * x + 3.0 * x * x * x) / 6.0;
    }
    if (x < 2.0) {
        const double t = 2.0 - x;
        return t * t * t / 6.0;
    }
    return 0.0;
}

inline double bspline3Derivative(double x) {
    const double s = x < 0.0 ? -1.0 : 1.0;
    x = std::abs(x);
    if (x < 1.0) {
        return s * (-2.0 * x + 1.5 * x * x);
    }
    if (x < 2.0) {
        const double t = 2.0 - x;
        return -s * 0.5 * t * t;
    }
    return 0.0;
}

// What the first pass learns about one sample, reused by the gradient pass.
struct SampleState {
    int fixedBin = -1;  // -1: outside the moving image
    float eta = 0.0f;   // continuous moving bin
    bool clamped = false;
    Eigen::Vector3f gradientMm =
        Eigen::Vector3f::Zero();  // moving intensity per mm (moving patient)
};

}  // namespace

MattesMutualInformation::MattesMutualInformation(std::vector<Sample> samples,
                                                 const Eigen::Vector2d& fixedRange,
                                                 const RegistrationImage& moving,
                                                 const Eigen::Vector2d& movingRange, int bins)
    : m_samples(std::move(samples)), m_moving(moving), m_bins(std::max(bins, 8)) {
    const double fixedWidth = std::max(fixedRange[1] - fixedRange[0], 1e-6) / m_bins;
    m_fixedBin.reserve(m_samples.size());
    for (const auto& s : m_samples) {
        const int bin = static_cast<int>(std::floor((s.fixedValue - fixedRange[0]) / fixedWidth));
        m_fixedBin.push_back(std::clamp(bin, 0, m_bins - 1));
    }
    // Moving bins: values map to [2, bins - 3] so that the B-spline window's four taps
    // (floor(eta) - 1 .. floor(eta) + 2) stay inside [1, bins - 1].
    m_movingMin = movingRange[0];
    m_movingBinWidth = std::max(movingRange[1] - movingRange[0], 1e-6) / (m_bins - 5);
}

MattesMutualInformation::Evaluation MattesMutualInformation::evaluate(const Eigen::Matrix3d& a,
                                                                      const Eigen::Vector3d& b,
                                                                      bool withGradient,
                                                                      bool parallel) const {
    const int n = static_cast<int>(m_samples.size());
    const int chunks = parallel ? std::max(1, std::min(workerCount(), n / 256 + 1)) : 1;
    const std::size_t binsSq = static_cast<std::size_t>(m_bins) * m_bins;
    std::vector<std::vector<double>> chunkJoint(static_cast<std::size_t>(chunks));
    // Per-sample state is kept only for the gradient pass.
    std::vector<SampleState> states(withGradient ? static_cast<std::size_t>(n) : 0);
    const Eigen::Matrix3d toIndexA = m_moving.patientToIndex().topLeftCorner<3, 3>() * a;
    const Eigen::Vector3d toIndexB = m_moving.patientToIndex().topLeftCorner<3, 3>() * b +
                                     m_moving.patientToIndex().topRightCorner<3, 1>();
    const Eigen::Matrix3d indexGradientToMm =
        m_moving.patientToIndex().topLeftCorner<3, 3>().transpose();
    const double maxEta = m_bins - 3.0;

    parallelFor(chunks, [&](int cBegin, int cEnd) {
        for (int c = cBegin; c < cEnd; ++c) {
            std::vector<double>& joint = chunkJoint[static_cast<std::size_t>(c)];
            joint.assign(binsSq, 0.0);
            const int begin = static_cast<int>(static_cast<long long>(n) * c / chunks);
            const int end = static_cast<int>(static_cast<long long>(n) * (c + 1) / chunks);
            SampleState scratch;
            for (int s = begin; s < end; ++s) {
                SampleState& st = withGradient ? states[static_cast<std::size_t>(s)] : scratch;
                float value = 0.0f;
                Eigen::Vector3d gradientIjk;
                const Eigen::Vector3d ijk =
                    toIndexA * m_samples[static_cast<std::size_t>(s)].fixedMm + toIndexB;
                if (!m_moving.sampleWithGradient(ijk, value, gradientIjk)) {
                    continue;
                }
                double eta = (value - m_movingMin) / m_movingBinWidth + 2.0;
                st.clamped = eta < 2.0 || eta > maxEta;
                eta = std::clamp(eta, 2.0, maxEta);
                st.eta = static_cast<float>(eta);
                st.fixedBin = m_fixedBin[static_cast<std::size_t>(s)];
                st.gradientMm = (indexGradientToMm * gradientIjk).cast<float>();
                const int k0 = static_cast<int>(eta) - 1;
                double* row = joint.data() + static_cast<std::size_t>(st.fixedBin) * m_bins;
                for (int k = k0; k < k0 + 4; ++k) {
                    row[k] += bspline3(k - eta);
                }
            }
        }
    });

    std::vector<double> joint(binsSq, 0.0);
    for (const auto& cj : chunkJoint) {
        for (std::size_t i = 0; i < binsSq; ++i) {
            joint[i] += cj[i];
        }
    }
    double total = 0.0;
    for (double v : joint) {
        total += v;
    }
    Evaluation result;
    if (total <= 0.0) {
        return result;
    }
    std::vector<double> fixedMarginal(static_cast<std::size_t>(m_bins), 0.0);
    std::vector<double> movingMarginal(static_cast<std::size_t>(m_bins), 0.0);
    for (int f = 0; f < m_bins; ++f) {
        for (int m = 0; m < m_bins; ++m) {
            const double p = joint[static_cast<std::size_t>(f) * m_bins + m] / total;
            joint[static_cast<std::size_t>(f) * m_bins + m] = p;
            fixedMarginal[static_cast<std::size_t>(f)] += p;
            movingMarginal[static_cast<std::size_t>(m)] += p;
        }
    }
    // logRatio(f, m) = log(p(f, m) / p_moving(m)): what the gradient weighs each tap by.
    std::vector<double> logRatio(binsSq, 0.0);
    for (int f = 0; f < m_bins; ++f) {
        for (int m = 0; m < m_bins; ++m) {
            const double p = joint[static_cast<std::size_t>(f) * m_bins + m];
            if (p > 1e-16) {
                const double pf = fixedMarginal[static_cast<std::size_t>(f)];
                const double pm = movingMarginal[static_cast<std::size_t>(m)];
                result.value += p * std::log(p / (pf * pm));
                logRatio[static_cast<std::size_t>(f) * m_bins + m] = std::log(p / pm);
            }
        }
    }
    result.validSamples = static_cast<int>(std::lround(total));
    if (!withGradient) {
        return result;
    }

    // dMI/dmu = sum_(f,m) dp(f,m)/dmu * log(p(f,m) / p_moving(m)) (the marginal terms cancel).
    std::vector<Eigen::Matrix<double, 3, 4>> chunkGradient(static_cast<std::size_t>(chunks),
                                                           Eigen::Matrix<double, 3, 4>::Zero());
    parallelFor(chunks, [&](int cBegin, int cEnd) {
        for (int c = cBegin; c < cEnd; ++c) {
            Eigen::Matrix<double, 3, 4>& g = chunkGradient[static_cast<std::size_t>(c)];
            const int begin = static_cast<int>(static_cast<long long>(n) * c / chunks);
            const int end = static_cast<int>(static_cast<long long>(n) * (c + 1) / chunks);
            for (int s = begin; s < end; ++s) {
                const SampleState& st = states[static_cast<std::size_t>(s)];
                if (st.fixedBin < 0 || st.clamped) {
                    continue;
                }
                const double eta = st.eta;
                const int k0 = static_cast<int>(eta) - 1;
                const double* row =
                    logRatio.data() + static_cast<std::size_t>(st.fixedBin) * m_bins;
                double weight = 0.0;
                for (int k = k0; k < k0 + 4; ++k) {
                    // d beta(k - eta) / d eta = -beta'(k - eta)
                    weight -= row[k] * bspline3Derivative(k - eta);
                }
                const Eigen::Vector3d dValue = weight * st.gradientMm.cast<double>();
                const Eigen::Vector3d& x = m_samples[static_cast<std::size_t>(s)].fixedMm;
                g.leftCols<3>() += dValue * x.transpose();
                g.col(3) += dValue;
            }
        }
    });
    Eigen::Matrix<double, 3, 4> g = Eigen::Matrix<double, 3, 4>::Zero();
    for (const auto& cg : chunkGradient) {
        g += cg;
    }
    g /= total * m_movingBinWidth;
    result.gradientA = g.leftCols<3>();
    result.gradientB = g.col(3);
    return result;
}

}  // namespace crosscheck
