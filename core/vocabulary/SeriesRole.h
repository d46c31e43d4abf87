#pragma once

#include <optional>
#include <string>

namespace crosscheck {

/// What a series is for in the comparison. Guessed from the tags by the scanner,
/// always overridable by the user.
enum class SeriesRole { CT, T1w, T2w, sCT, Other };

/// "CT", "T1w", "T2w", "sCT", "other": the names used in the CLI and in files.
const char* toString(SeriesRole role);
/// Parses the names above, case-insensitively; empty for anything else.
std::optional<SeriesRole> seriesRoleFromString(const std::string& text);
/// True for roles whose values are Hounsfield units (CT, sCT).
bool isHounsfield(SeriesRole role);

}  // namespace crosscheck
