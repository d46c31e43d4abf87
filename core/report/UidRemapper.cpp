#include "core/report/UidRemapper.h"

#include <random>

namespace crosscheck {

namespace {

/// 2.25. followed by a random 128-bit number in decimal (no leading zero).
std::string randomUid() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    std::uint32_t words[4];
    for (auto& w : words) {
        w = static_cast<std::uint32_t>(random());
    }
    words[0] |= 0x80000000u;  // full 128 bits, so the decimal has no leading zero
    std::string digits;
    // Long division of the 128-bit number by 10, most significant word first.
    bool nonZero = true;
    while (nonZero) {
        std::uint64_t remainder = 0;
        nonZero = false;
        for (auto& w : words) {
            const std::uint64_t value = (remainder << 32) | w;
            w = static_cast<std::uint32_t>(value / 10);
            remainder = value % 10;
            nonZero = nonZero || w != 0;
        }
        digits.insert(digits.begin(), static_cast<char>('0' + remainder));
    }
    return "2.25." + digits;
}

}  // namespace

std::string UidRemapper::map(const std::string& uid) {
    if (uid.empty()) {
        return uid;
    }
    auto it = m_map.find(uid);
    if (it == m_map.end()) {
        std::string fresh = randomUid();
        it = m_map.emplace(uid, std::move(fresh)).first;
    }
    return it->second;
}

}  // namespace crosscheck
