#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace crosscheck {

/// One entry of a label table: the structure's name and, when the table gives one, its
/// display colour (sRGB 0-255).
struct LabelEntry {
    std::string name;
    std::optional<std::array<std::uint8_t, 3>> colorRgb;
};

/// Label value -> name (and colour) of a label map, read from one of (docs/import.md):
/// - an ITK-SNAP label description (any other extension, usually .txt): lines
///   `IDX R G B A VIS MSH "NAME"`, `#` starts a comment;
/// - JSON (.json): {"1": "liver", ...}, {"1": {"name": "liver", "color": [r, g, b]}, ...}
///   or [{"value": 1, "name": "liver", "color": [r, g, b]}, ...];
/// - CSV (.csv, .tsv): `value,name[,r,g,b]` per line (comma or tab), an optional header line
///   whose first field is not a number.
/// Throws RoiImportError naming the file, the line or key, and the reason.
using LabelTable = std::map<long long, LabelEntry>;

LabelTable readLabelTable(const std::filesystem::path& path);

}  // namespace crosscheck
