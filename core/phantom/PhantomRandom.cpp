#include "core/phantom/PhantomRandom.h"

#include <cmath>

namespace crosscheck {

namespace {
std::uint64_t splitMix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

double latticeValue(std::int64_t i, std::int64_t j, std::int64_t k, std::uint64_t seed) {
    std::uint64_t h = static_cast<std::uint64_t>(i) * 0x8CB92BA72F3D8DD7ull ^
                      static_cast<std::uint64_t>(j) * 0xD6E8FEB86659FD93ull ^
                      static_cast<std::uint64_t>(k) * 0xA0761D6478BD642Full ^ seed;
    h ^= h >> 32;
    h *= 0xE7037ED1A0B428DBull;
    h ^= h >> 29;
    return static_cast<double>(h >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}
double smooth(double t) {
    return t * t * (3.0 - 2.0 * t);
}
}  // namespace

PhantomRandom::PhantomRandom(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
    std::uint64_t x = hash(seed, stream, index);
    for (auto& s : m_state) {
        s = splitMix(x);
    }
}

std::uint64_t PhantomRandom::hash(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
    std::uint64_t x = a;
    std::uint64_t h = splitMix(x);
    x = h ^ b;
    h = splitMix(x);
    x = h ^ c;
    return splitMix(x);
}

std::uint64_t PhantomRandom::next() {
    // xoshiro256** (Blackman and Vigna).
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

double PhantomRandom::uniform() {
    return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
}

double PhantomRandom::normal() {
    // Four 16-bit uniforms from one draw; their sum has variance 4/12, hence sqrt(3).
    const std::uint64_t r = next();
    const double sum = static_cast<double>((r & 0xFFFF) + ((r >> 16) & 0xFFFF) +
                                           ((r >> 32) & 0xFFFF) + (r >> 48)) /
                       65536.0;
    return (sum - 2.0) * 1.7320508075688772;
}

double smoothNoise(const Eigen::Vector3d& pointMm, double cellMm, std::uint64_t seed) {
    const Eigen::Vector3d q = pointMm / cellMm;
    const double fx = std::floor(q.x()), fy = std::floor(q.y()), fz = std::floor(q.z());
    const auto i = static_cast<std::int64_t>(fx);
    const auto j = static_cast<std::int64_t>(fy);
    const auto k = static_cast<std::int64_t>(fz);
    const double tx = smooth(q.x() - fx), ty = smooth(q.y() - fy), tz = smooth(q.z() - fz);
    auto lerp = [](double a, double b, double t) { return a + (b - a) * t; };
    const double c00 = lerp(latticeValue(i, j, k, seed), latticeValue(i + 1, j, k, seed), tx);
    const double c10 =
        lerp(latticeValue(i, j + 1, k, seed), latticeValue(i + 1, j + 1, k, seed), tx);
    const double c01 =
        lerp(latticeValue(i, j, k + 1, seed), latticeValue(i + 1, j, k + 1, seed), tx);
    const double c11 =
        lerp(latticeValue(i, j + 1, k + 1, seed), latticeValue(i + 1, j + 1, k + 1, seed), tx);
    return lerp(lerp(c00, c10, ty), lerp(c01, c11, ty), tz);
}

}  // namespace crosscheck
