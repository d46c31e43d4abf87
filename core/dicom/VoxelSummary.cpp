#include "core/dicom/VoxelSummary.h"

#include "core/util/ParallelFor.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

namespace crosscheck {

namespace {

static_assert(sizeof(float) == 4, "float32 hashing needs 4-byte floats");

class Sha256 {
public:
    Sha256() : m_ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
        if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1) {
            throw std::runtime_error("SHA-256 unavailable");
        }
    }
    void add(const void* data, std::size_t bytes) { EVP_DigestUpdate(m_ctx.get(), data, bytes); }
    std::string hex() {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_ctx.get(), digest, &length);
        std::string out;
        char two[3];
        for (unsigned int i = 0; i < length; ++i) {
            std::snprintf(two, sizeof(two), "%02x", digest[i]);
            out += two;
        }
        return out;
    }

private:
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> m_ctx;
};

// Hashes values converted to Target in chunks, so no full-volume copy is made.
template <class Target, class Source>
void hashAs(Sha256& sha, const Source* v, std::size_t count) {
    constexpr std::size_t kChunk = 1 << 16;
    std::vector<Target> buffer(std::min(count, kChunk));
    for (std::size_t begin = 0; begin < count; begin += kChunk) {
        const std::size_t n = std::min(kChunk, count - begin);
        for (std::size_t i = 0; i < n; ++i) {
            buffer[i] = static_cast<Target>(v[begin + i]);
        }
        sha.add(buffer.data(), n * sizeof(Target));
    }
}

}  // namespace

VoxelSummary summarizeVoxels(const Volume& volume) {
    VoxelSummary s;
    const std::size_t count = volume.geometry().voxelCount();
    if (count == 0) {
        return s;
    }
    // min, max and sum per chunk on every core; integers summed exactly.
    constexpr std::size_t kChunk = 1 << 20;
    const int chunks = static_cast<int>((count + kChunk - 1) / kChunk);
    std::vector<double> lo(static_cast<std::size_t>(chunks)), hi(lo.size()), sum(lo.size());
    std::vector<char> integral(lo.size(), 1);
    volume.visit([&](const auto* v) {
        using T = std::decay_t<decltype(*v)>;
        parallelFor(chunks, [&](int begin, int end) {
            for (int c = begin; c < end; ++c) {
                const std::size_t first = static_cast<std::size_t>(c) * kChunk;
                const std::size_t last = std::min(count, first + kChunk);
                T cmin = v[first], cmax = v[first];
                if constexpr (std::is_integral_v<T>) {
                    std::int64_t total = 0;
                    for (std::size_t i = first; i < last; ++i) {
                        cmin = std::min(cmin, v[i]);
                        cmax = std::max(cmax, v[i]);
                        total += v[i];
                    }
                    sum[static_cast<std::size_t>(c)] = static_cast<double>(total);
                } else {
                    double total = 0.0;
                    bool whole = true;
                    for (std::size_t i = first; i < last; ++i) {
                        cmin = std::min(cmin, v[i]);
                        cmax = std::max(cmax, v[i]);
                        total += static_cast<double>(v[i]);
                        whole = whole && v[i] == std::round(v[i]);
                    }
                    sum[static_cast<std::size_t>(c)] = total;
                    integral[static_cast<std::size_t>(c)] = whole ? 1 : 0;
                }
                lo[static_cast<std::size_t>(c)] = static_cast<double>(cmin);
                hi[static_cast<std::size_t>(c)] = static_cast<double>(cmax);
            }
        });
        return 0;
    });
    s.min = *std::min_element(lo.begin(), lo.end());
    s.max = *std::max_element(hi.begin(), hi.end());
    double total = 0.0;
    for (double x : sum) {
        total += x;
    }
    s.mean = total / static_cast<double>(count);
    bool fitsInt16 = std::all_of(integral.begin(), integral.end(), [](char c) { return c != 0; });
    fitsInt16 = fitsInt16 && s.min >= -32768.0 && s.max <= 32767.0;
    // The contract hashes little-endian bytes; this code assumes a little-endian host
    // (x86-64, arm64), checked here rather than silently hashing other bytes.
    const std::uint16_t probe = 1;
    if (*reinterpret_cast<const unsigned char*>(&probe) != 1) {
        throw std::runtime_error("voxel hashing needs a little-endian machine");
    }
    Sha256 sha;
    volume.visit([&](const auto* v) {
        using T = std::decay_t<decltype(*v)>;
        if (fitsInt16) {
            if constexpr (std::is_integral_v<T>) {
                sha.add(v, count * sizeof(T));  // int16, or uint16 below 32768: the same bytes
            } else {
                hashAs<std::int16_t>(sha, v, count);
            }
        } else if constexpr (std::is_same_v<T, float>) {
            sha.add(v, count * sizeof(float));
        } else {
            hashAs<float>(sha, v, count);
        }
        return 0;
    });
    s.sha256 = sha.hex();
    return s;
}

std::string sha256Hex(const void* data, std::size_t bytes) {
    Sha256 sha;
    sha.add(data, bytes);
    return sha.hex();
}

}  // namespace crosscheck
