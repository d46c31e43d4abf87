#include "core/dicom/SiemensCsaHeader.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace crosscheck {

namespace {

// Far more elements or items than any scanner writes: a corrupt count, not a header.
constexpr std::uint32_t kMaxElements = 1000;
constexpr std::uint32_t kMaxItems = 1000;

// A cursor over the header bytes: every read checks that the bytes are there first,
// because all counts and lengths come from the file itself.
class Reader {
public:
    Reader(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
    bool has(std::size_t bytes) const { return bytes <= m_size - m_pos; }
    bool skip(std::size_t bytes) {
        if (!has(bytes)) {
            return false;
        }
        m_pos += bytes;
        return true;
    }
    bool u32(std::uint32_t& v) {
        if (!has(4)) {
            return false;
        }
        const std::uint8_t* p = m_data + m_pos;  // the header is little endian
        v = static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
            (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
        m_pos += 4;
        return true;
    }
    bool text(std::size_t bytes, std::string& out) {
        if (!has(bytes)) {
            return false;
        }
        const char* p = reinterpret_cast<const char*>(m_data + m_pos);
        out.assign(p, strnlen(p, bytes));  // zero-terminated within its field
        m_pos += bytes;
        return true;
    }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

std::string trimmed(const std::string& s) {
    const auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos) {
        return {};
    }
    return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace

SiemensCsaHeader::SiemensCsaHeader(const std::uint8_t* data, std::size_t size) {
    if (data == nullptr || size < 8) {
        return;
    }
    Reader in(data, size);
    const bool csa2 = std::memcmp(data, "SV10", 4) == 0;
    if (csa2 && !in.skip(8)) {  // "SV10" and four more bytes
        return;
    }
    std::uint32_t elements = 0, unused = 0;
    if (!in.u32(elements) || !in.u32(unused) || elements == 0 || elements > kMaxElements) {
        return;
    }
    std::uint32_t firstItems = 0;  // CSA1 item lengths are offset by the first element's count
    for (std::uint32_t e = 0; e < elements; ++e) {
        std::string name, vr;
        std::uint32_t vm = 0, syngoDt = 0, itemCount = 0, marker = 0;
        if (!in.text(64, name) || !in.u32(vm) || !in.text(4, vr) || !in.u32(syngoDt) ||
            !in.u32(itemCount) || !in.u32(marker) || itemCount > kMaxItems) {
            return;
        }
        if (e == 0) {
            firstItems = itemCount;
        }
        std::vector<std::string> items;
        for (std::uint32_t i = 0; i < itemCount; ++i) {
            std::uint32_t x[4] = {};
            if (!in.u32(x[0]) || !in.u32(x[1]) || !in.u32(x[2]) || !in.u32(x[3])) {
                return;
            }
            const std::int64_t length = csa2 ? static_cast<std::int64_t>(x[1])
                                             : static_cast<std::int64_t>(x[0]) - firstItems;
            if (length < 0 || !in.has(static_cast<std::size_t>(length))) {
                return;
            }
            std::string value;
            in.text(static_cast<std::size_t>(length), value);
            in.skip((4 - static_cast<std::size_t>(length) % 4) % 4);  // items are 4-byte aligned
            if (i < vm || vm == 0) {
                items.push_back(trimmed(value));
            }
        }
        m_elements[name] = std::move(items);
    }
}

const std::vector<std::string>* SiemensCsaHeader::items(const std::string& name) const {
    const auto it = m_elements.find(name);
    return it == m_elements.end() ? nullptr : &it->second;
}

std::optional<double> SiemensCsaHeader::number(const std::string& name, std::size_t index) const {
    const std::vector<std::string>* v = items(name);
    if (v == nullptr || index >= v->size() || (*v)[index].empty()) {
        return std::nullopt;
    }
    char* end = nullptr;
    const double value = std::strtod((*v)[index].c_str(), &end);
    if (end == (*v)[index].c_str() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

}  // namespace crosscheck
