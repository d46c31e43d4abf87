#include "core/dicom/DicomDirReader.h"

#include <cstdint>
#include <cstring>
#include <fstream>

namespace crosscheck {

namespace {

constexpr std::uint32_t kUndefined = 0xFFFFFFFFu;
constexpr int kMaxDepth = 16;                              // nested sequences
constexpr std::size_t kMaxFileBytes = 512u * 1024 * 1024;  // far above any DICOMDIR

struct Walker {
    const std::uint8_t* data;
    std::size_t size;
    std::vector<std::string>& files;
    std::string& error;

    std::uint16_t u16(std::size_t at) const {
        return static_cast<std::uint16_t>(data[at] | (data[at + 1] << 8));
    }
    std::uint32_t u32(std::size_t at) const {
        return static_cast<std::uint32_t>(u16(at)) |
               (static_cast<std::uint32_t>(u16(at + 2)) << 16);
    }
    bool fail(const std::string& why) {
        if (error.empty()) {
            error = why;
        }
        return false;
    }

    static bool longForm(const char vr[2]) {
        static const char* kLong[] = {"OB", "OW", "OF", "SQ", "UT", "UN", "OD",
                                      "OL", "OV", "SV", "UV", "UC", "UR"};
        for (const char* l : kLong) {
            if (vr[0] == l[0] && vr[1] == l[1]) {
                return true;
            }
        }
        return false;
    }

    // Elements from `pos` to `end` (or to an item delimiter when `untilDelimiter`);
    // returns false on malformed data. `pos` ends after what was read.
    bool elements(std::size_t& pos, std::size_t end, bool untilDelimiter, int depth) {
        if (depth > kMaxDepth) {
            return fail("sequences nested deeper than " + std::to_string(kMaxDepth));
        }
        while (pos < end) {
            if (end - pos < 8) {
                return fail("truncated element header at byte " + std::to_string(pos));
            }
            const std::uint16_t group = u16(pos), element = u16(pos + 2);
            if (group == 0xFFFE && element == 0xE00D) {  // item delimiter
                pos += 8;
                return untilDelimiter ? true : fail("unexpected item delimiter");
            }
            const char vr[2] = {static_cast<char>(data[pos + 4]), static_cast<char>(data[pos + 5])};
            std::uint32_t length = 0;
            std::size_t header = 8;
            if (longForm(vr)) {
                if (end - pos < 12) {
                    return fail("truncated element header at byte " + std::to_string(pos));
                }
                length = u32(pos + 8);
                header = 12;
            } else {
                length = u16(pos + 6);
            }
            pos += header;
            const bool sequence = vr[0] == 'S' && vr[1] == 'Q';
            if (sequence) {
                if (!items(pos, end, length, depth + 1)) {
                    return false;
                }
                continue;
            }
            if (length == kUndefined || length > end - pos) {
                return fail("element (" + std::to_string(group) + "," + std::to_string(element) +
                            ") longer than the file");
            }
            if (group == 0x0004 && element == 0x1500 && depth > 0) {  // ReferencedFileID
                std::string id(reinterpret_cast<const char*>(data + pos), length);
                while (!id.empty() && (id.back() == ' ' || id.back() == '\0')) {
                    id.pop_back();
                }
                for (char& c : id) {
                    c = c == '\\' ? '/' : c;
                }
                if (!id.empty()) {
                    files.push_back(id);
                }
            }
            pos += length;
        }
        return !untilDelimiter || fail("item without its delimiter");
    }

    // The items of a sequence of `length` bytes (or undefined length) starting at `pos`.
    bool items(std::size_t& pos, std::size_t end, std::uint32_t length, int depth) {
        const bool undefined = length == kUndefined;
        if (!undefined && length > end - pos) {
            return fail("sequence longer than the file");
        }
        const std::size_t stop = undefined ? end : pos + length;
        while (pos < stop) {
            if (stop - pos < 8) {
                return fail("truncated item header at byte " + std::to_string(pos));
            }
            const std::uint16_t group = u16(pos), element = u16(pos + 2);
            const std::uint32_t itemLength = u32(pos + 4);
            pos += 8;
            if (group == 0xFFFE && element == 0xE0DD) {  // sequence delimiter
                return undefined ? true : fail("sequence delimiter in a sequence of known length");
            }
            if (group != 0xFFFE || element != 0xE000) {
                return fail("no item where a sequence item must start, byte " +
                            std::to_string(pos - 8));
            }
            if (itemLength == kUndefined) {
                if (!elements(pos, stop, true, depth)) {
                    return false;
                }
            } else {
                if (itemLength > stop - pos) {
                    return fail("item longer than its sequence");
                }
                const std::size_t itemEnd = pos + itemLength;
                if (!elements(pos, itemEnd, false, depth)) {
                    return false;
                }
                pos = itemEnd;
            }
        }
        return !undefined || fail("sequence without its delimiter");
    }
};

}  // namespace

std::vector<std::string> readDicomDirReferences(const std::string& path, std::string& error) {
    std::vector<std::string> files;
    error.clear();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open file";
        return files;
    }
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 132 || static_cast<std::size_t>(size) > kMaxFileBytes) {
        error = "not a DICOMDIR of plausible size";
        return files;
    }
    in.seekg(0);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), size);
    if (std::memcmp(bytes.data() + 128, "DICM", 4) != 0) {
        error = "no DICM prefix (a DICOMDIR is a DICOM file with a preamble)";
        return files;
    }
    Walker walker{bytes.data(), bytes.size(), files, error};
    std::size_t pos = 132;
    walker.elements(pos, bytes.size(), false, 0);
    return files;
}

}  // namespace crosscheck
