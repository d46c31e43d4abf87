#include "core/registration/RegistrationImage.h"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>

#include "core/util/ParallelFor.h"
#include "core/volume/Volume.h"

namespace crosscheck {

namespace {
constexpr int kHistogramBins = 1024;

std::vector<double> valueHistogram(const std::vector<float>& values, float& low, float& high) {
    if (values.empty()) {
        low = high = 0.0f;
        return std::vector<double>(kHistogramBins, 0.0);
    }
    const auto [mn, mx] = std::minmax_element(values.begin(), values.end());
    low = *mn;
    high = *mx;
    std::vector<double> h(kHistogramBins, 0.0);
    const double scale = high > low ? (kHistogramBins - 1) / static_cast<double>(high - low) : 0.0;
    for (float v : values) {
        h[static_cast<std::size_t>((v - low) * scale)] += 1.0;
    }
    return h;
}
}  // namespace

RegistrationImage RegistrationImage::fromVolume(const Volume& volume, double levelSpacingMm) {
    const auto& geometry = volume.geometry();
    const Eigen::Vector3i src = geometry.dims();
    const Eigen::Vector3d spacing = geometry.spacingMm();
    Eigen::Vector3i factor;
    RegistrationImage image;
    for (int a = 0; a < 3; ++a) {
        factor[a] = std::clamp(static_cast<int>(std::lround(levelSpacingMm / spacing[a])), 1,
                               std::max(src[a], 1));
        image.m_dims[a] = std::max(src[a] / factor[a], 1);
    }
    // A block's centre in source index space is factor * I + (factor - 1) / 2.
    Eigen::Matrix4d blockToSource = Eigen::Matrix4d::Identity();
    for (int a = 0; a < 3; ++a) {
        blockToSource(a, a) = factor[a];
        blockToSource(a, 3) = (factor[a] - 1) / 2.0;
    }
    image.m_indexToPatient = geometry.indexToPatient() * blockToSource;
    image.m_patientToIndex = image.m_indexToPatient.inverse();
    if (factor == Eigen::Vector3i::Ones()) {
        image.m_borrowed = volume.data();
        image.m_type = volume.voxelType();
        return image;
    }
    image.m_values.resize(static_cast<std::size_t>(image.m_dims.prod()));

    const Eigen::Vector3i d = image.m_dims;
    const double norm = 1.0 / factor.prod();
    volume.visit([&](const auto* voxels) {
        parallelFor(d[2], [&](int kBegin, int kEnd) {
            for (int k = kBegin; k < kEnd; ++k) {
                for (int j = 0; j < d[1]; ++j) {
                    for (int i = 0; i < d[0]; ++i) {
                        double sum = 0.0;
                        for (int dk = 0; dk < factor[2]; ++dk) {
                            for (int dj = 0; dj < factor[1]; ++dj) {
                                const std::size_t row = volume.offset(
                                    i * factor[0], j * factor[1] + dj, k * factor[2] + dk);
                                for (int di = 0; di < factor[0]; ++di) {
                                    sum += static_cast<double>(
                                        voxels[row + static_cast<std::size_t>(di)]);
                                }
                            }
                        }
                        image.m_values[(static_cast<std::size_t>(k) * d[1] +
                                        static_cast<std::size_t>(j)) *
                                           d[0] +
                                       static_cast<std::size_t>(i)] =
                            static_cast<float>(sum * norm);
                    }
                }
            }
        });
    });
    return image;
}

template <class T>
void RegistrationImage::trilinear(const T* p, std::size_t sx, std::size_t sy, std::size_t sz,
                                  const double f[3], float& value,
                                  Eigen::Vector3d& gradientIjk) const {
    const double v000 = p[0], v100 = p[sx], v010 = p[sy], v110 = p[sy + sx];
    const double v001 = p[sz], v101 = p[sz + sx], v011 = p[sz + sy], v111 = p[sz + sy + sx];
    const double fx = f[0], fy = f[1], fz = f[2];
    // Interpolate along x first; the x derivative is the difference of the same pairs.
    const double c00 = v000 + fx * (v100 - v000), c10 = v010 + fx * (v110 - v010);
    const double c01 = v001 + fx * (v101 - v001), c11 = v011 + fx * (v111 - v011);
    const double c0 = c00 + fy * (c10 - c00), c1 = c01 + fy * (c11 - c01);
    value = static_cast<float>(c0 + fz * (c1 - c0));
    const double dx00 = v100 - v000, dx10 = v110 - v010, dx01 = v101 - v001, dx11 = v111 - v011;
    const double dx0 = dx00 + fy * (dx10 - dx00), dx1 = dx01 + fy * (dx11 - dx01);
    gradientIjk[0] = dx0 + fz * (dx1 - dx0);
    gradientIjk[1] = (c10 - c00) + fz * ((c11 - c01) - (c10 - c00));
    gradientIjk[2] = c1 - c0;
}

std::vector<float> RegistrationImage::valueSample() const {
    const std::size_t count = voxelCount();
    const std::size_t stride = std::max<std::size_t>(1, count / 2000000);
    std::vector<float> values;
    values.reserve(count / stride + 1);
    for (std::size_t o = 0; o < count; o += stride) {
        values.push_back(valueAt(o));
    }
    return values;
}

bool RegistrationImage::sampleWithGradient(const Eigen::Vector3d& ijk, float& value,
                                           Eigen::Vector3d& gradientIjk) const {
    int i0[3];
    int step[3];
    double f[3];
    for (int a = 0; a < 3; ++a) {
        const double c = ijk[a];
        if (!(c >= -0.5 && c <= m_dims[a] - 0.5)) {
            return false;
        }
        if (m_dims[a] == 1) {
            i0[a] = 0;
            step[a] = 0;
            f[a] = 0.0;
            continue;
        }
        const double clamped = std::clamp(c, 0.0, static_cast<double>(m_dims[a] - 1));
        i0[a] = std::min(static_cast<int>(clamped), m_dims[a] - 2);
        f[a] = clamped - i0[a];
        step[a] = 1;
    }
    const std::size_t sx = static_cast<std::size_t>(step[0]);
    const std::size_t sy = static_cast<std::size_t>(step[1]) * static_cast<std::size_t>(m_dims[0]);
    const std::size_t sz =
        static_cast<std::size_t>(step[2]) * static_cast<std::size_t>(m_dims[0]) * m_dims[1];
    const std::size_t origin =
        (static_cast<std::size_t>(i0[2]) * m_dims[1] + static_cast<std::size_t>(i0[1])) *
            m_dims[0] +
        static_cast<std::size_t>(i0[0]);
    switch (m_borrowed ? m_type : VoxelType::Float32) {
        case VoxelType::Int16:
            trilinear(static_cast<const std::int16_t*>(m_borrowed) + origin, sx, sy, sz, f, value,
                      gradientIjk);
            break;
        case VoxelType::UInt16:
            trilinear(static_cast<const std::uint16_t*>(m_borrowed) + origin, sx, sy, sz, f, value,
                      gradientIjk);
            break;
        case VoxelType::Float32:
        default:
            trilinear(
                (m_borrowed ? static_cast<const float*>(m_borrowed) : m_values.data()) + origin, sx,
                sy, sz, f, value, gradientIjk);
            break;
    }
    return true;
}

Eigen::Vector2d RegistrationImage::percentileRange(double lowFraction, double highFraction) const {
    float low = 0, high = 0;
    const std::vector<float> values = valueSample();
    const std::vector<double> h = valueHistogram(values, low, high);
    const double total = static_cast<double>(values.size());
    const double width = (high - low) / (kHistogramBins - 1);
    Eigen::Vector2d range(low, high);
    double cumulative = 0.0;
    bool lowSet = false;
    for (int b = 0; b < kHistogramBins; ++b) {
        cumulative += h[static_cast<std::size_t>(b)];
        if (!lowSet && cumulative >= lowFraction * total) {
            range[0] = low + b * width;
            lowSet = true;
        }
        if (cumulative >= highFraction * total) {
            range[1] = low + (b + 1) * width;
            break;
        }
    }
    range[1] = std::min(range[1], static_cast<double>(high));
    return range;
}

double RegistrationImage::otsuThreshold() const {
    float low = 0, high = 0;
    const std::vector<double> h = valueHistogram(valueSample(), low, high);
    const double width = (high - low) / (kHistogramBins - 1);
    double total = 0.0, totalMoment = 0.0;
    for (int b = 0; b < kHistogramBins; ++b) {
        total += h[static_cast<std::size_t>(b)];
        totalMoment += b * h[static_cast<std::size_t>(b)];
    }
    double best = -1.0, weight = 0.0, moment = 0.0;
    int bestBin = 0;
    for (int b = 0; b < kHistogramBins - 1; ++b) {
        weight += h[static_cast<std::size_t>(b)];
        moment += b * h[static_cast<std::size_t>(b)];
        if (weight <= 0.0 || weight >= total) {
            continue;
        }
        const double meanLow = moment / weight;
        const double meanHigh = (totalMoment - moment) / (total - weight);
        const double between =
            weight * (total - weight) * (meanLow - meanHigh) * (meanLow - meanHigh);
        if (between > best) {
            best = between;
            bestBin = b;
        }
    }
    return low + (bestBin + 1) * width;
}

double RegistrationImage::bodyThreshold() const {
    const Eigen::Vector2d range = percentileRange(0.01, 0.99);
    return std::min(otsuThreshold(), range[0] + 0.15 * (range[1] - range[0]));
}

}  // namespace crosscheck
