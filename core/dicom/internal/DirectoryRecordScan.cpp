#include "core/dicom/internal/DirectoryRecordScan.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

namespace crosscheck {

namespace {

constexpr std::size_t kChunkBytes = 1u << 20;
// An inflated dataset is searched up to this size; DCMTK reads no more of a deflated
// file than it inflates, and no real deflated object comes near it.
constexpr std::size_t kMaxInflatedBytes = 1024u * 1024 * 1024;
constexpr std::size_t kWindow = 16;  // tag (4) + explicit VR header rest (8) + item tag (4)
constexpr char kDeflatedUid[] = "1.2.840.10008.1.2.1.99";

const std::uint8_t kTags[2][4] = {{0x04, 0x00, 0x20, 0x12}, {0x00, 0x04, 0x12, 0x20}};
const std::uint8_t kItems[2][4] = {{0xFE, 0xFF, 0x00, 0xE0}, {0xFF, 0xFE, 0xE0, 0x00}};

bool itemAt(const std::uint8_t* data, std::size_t size, std::size_t at) {
    if (at + 4 > size) {
        return false;
    }
    return std::memcmp(data + at, kItems[0], 4) == 0 || std::memcmp(data + at, kItems[1], 4) == 0;
}

/// Searches a byte stream fed in pieces; a match across two pieces is found too.
class RecordMatcher {
public:
    bool feed(const std::uint8_t* data, std::size_t size, bool last) {
        m_buffer.insert(m_buffer.end(), data, data + size);
        const std::size_t n = m_buffer.size();
        // Only where the whole window is in the buffer, unless no more bytes come.
        const std::size_t limit = last ? n : (n >= kWindow ? n - kWindow + 1 : 0);
        for (const std::uint8_t* tag : kTags) {
            std::size_t from = 0;
            while (from < limit) {
                const void* hit = memmem(m_buffer.data() + from, n - from, tag, 4);
                if (hit == nullptr) {
                    break;
                }
                const auto at = static_cast<std::size_t>(static_cast<const std::uint8_t*>(hit) -
                                                         m_buffer.data());
                if (at >= limit) {
                    break;
                }
                if (itemAt(m_buffer.data(), n, at + 8) || itemAt(m_buffer.data(), n, at + 12)) {
                    return true;
                }
                from = at + 1;
            }
        }
        m_buffer.erase(m_buffer.begin(),
                       m_buffer.begin() + static_cast<std::ptrdiff_t>(std::min(limit, n)));
        return false;
    }

private:
    std::vector<std::uint8_t> m_buffer;
};

bool longFormVr(std::uint8_t a, std::uint8_t b) {
    static const char* kLong[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ",
                                  "SV", "UC", "UN", "UR", "UT", "UV"};
    for (const char* vr : kLong) {
        if (a == static_cast<std::uint8_t>(vr[0]) && b == static_cast<std::uint8_t>(vr[1])) {
            return true;
        }
    }
    return false;
}

std::uint16_t u16(const std::vector<std::uint8_t>& b, std::size_t at) {
    return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}

/// Where a deflated dataset may start: after the group 0002 elements as they are written
/// (explicit VR little endian), and where the meta group length says the group ends.
std::vector<std::size_t> deflateStarts(const std::vector<std::uint8_t>& head) {
    std::vector<std::size_t> starts;
    std::size_t pos =
        head.size() >= 132 && std::memcmp(head.data() + 128, "DICM", 4) == 0 ? 132 : 0;
    const std::size_t first = pos;
    while (pos + 8 <= head.size() && u16(head, pos) == 0x0002) {
        const bool longForm = longFormVr(head[pos + 4], head[pos + 5]);
        std::size_t length = u16(head, pos + 6);
        std::size_t header = 8;
        if (longForm) {
            if (pos + 12 > head.size()) {
                break;
            }
            length = u16(head, pos + 8) | (static_cast<std::size_t>(u16(head, pos + 10)) << 16);
            header = 12;
        }
        if (u16(head, pos + 2) == 0x0000 && pos == first && length == 4 &&
            pos + 12 <= head.size()) {
            const std::size_t group =
                u16(head, pos + 8) | (static_cast<std::size_t>(u16(head, pos + 10)) << 16);
            starts.push_back(pos + 12 + group);
        }
        pos += header + length;
    }
    starts.push_back(pos);
    return starts;
}

/// Inflates the file from `start` (raw deflate, or zlib when `zlibHeader`) and searches
/// what comes out.
bool inflatedHoldsRecords(std::ifstream& in, std::size_t start, bool zlibHeader) {
    z_stream stream{};
    if (inflateInit2(&stream, zlibHeader ? 15 : -15) != Z_OK) {
        return false;
    }
    in.clear();
    in.seekg(static_cast<std::streamoff>(start));
    std::vector<std::uint8_t> input(kChunkBytes), output(kChunkBytes);
    RecordMatcher matcher;
    std::size_t produced = 0;
    bool found = false;
    int status = Z_OK;
    while (!found && status == Z_OK && produced < kMaxInflatedBytes) {
        if (stream.avail_in == 0) {
            in.read(reinterpret_cast<char*>(input.data()),
                    static_cast<std::streamsize>(input.size()));
            stream.next_in = input.data();
            stream.avail_in = static_cast<uInt>(in.gcount());
            if (stream.avail_in == 0) {
                break;
            }
        }
        stream.next_out = output.data();
        stream.avail_out = static_cast<uInt>(output.size());
        status = inflate(&stream, Z_NO_FLUSH);
        const std::size_t got = output.size() - stream.avail_out;
        produced += got;
        found = matcher.feed(output.data(), got, false);
    }
    found = found || matcher.feed(output.data(), 0, true);
    inflateEnd(&stream);
    return found;
}

}  // namespace

bool holdsDirectoryRecords(const std::string& path, std::string& error) {
    error.clear();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open file";
        return false;
    }
    // Sized to the file when smaller than a chunk: every file opened goes through here,
    // and a zero-filled MiB each time was most of the time of a small file's scan.
    in.seekg(0, std::ios::end);
    const auto fileBytes = static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0));
    in.seekg(0);
    std::vector<std::uint8_t> chunk(std::min(std::max<std::size_t>(fileBytes, 1), kChunkBytes));
    std::vector<std::uint8_t> head;
    RecordMatcher matcher;
    while (in) {
        in.read(reinterpret_cast<char*>(chunk.data()), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (head.empty()) {
            head.assign(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(got));
        }
        if (matcher.feed(chunk.data(), got, !in)) {
            return true;
        }
    }
    if (memmem(head.data(), head.size(), kDeflatedUid, sizeof kDeflatedUid - 1) == nullptr) {
        return false;
    }
    for (const std::size_t start : deflateStarts(head)) {
        for (const bool zlibHeader : {false, true}) {
            if (inflatedHoldsRecords(in, start, zlibHeader)) {
                return true;
            }
        }
    }
    return false;
}

}  // namespace crosscheck
