#pragma once

#include <Eigen/Core>
#include <cstdint>

namespace crosscheck {

/// Deterministic pseudo-random numbers for the phantom. Streams are keyed by (seed,
/// stream, index) -- e.g. (seed, series, slice) -- so that the noise of a slice does not
/// depend on which thread renders it or in what order.
class PhantomRandom {
public:
    PhantomRandom(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

    std::uint64_t next();
    /// Uniform in [0, 1).
    double uniform();
    /// Approximately standard normal (Irwin-Hall sum of four uniforms, variance 1): fast,
    /// and bounded at +-3.46, which is all image noise needs.
    double normal();

    /// A well-mixed 64-bit hash of three keys.
    static std::uint64_t hash(std::uint64_t a, std::uint64_t b, std::uint64_t c);

private:
    std::uint64_t m_state[4];
};

/// Smooth value noise in [-1, 1]: random values on a cubic lattice of `cellMm` spacing,
/// interpolated with a smoothstep. Deterministic in (position, seed). Used for the
/// texture of bone marrow and the heterogeneity of the tumour.
double smoothNoise(const Eigen::Vector3d& pointMm, double cellMm, std::uint64_t seed);

}  // namespace crosscheck
