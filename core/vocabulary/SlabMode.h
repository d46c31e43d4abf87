#pragma once

#include <optional>
#include <string>

namespace crosscheck {

/// How a 2D view combines the planes of a thick slab around its plane: Thin shows the
/// plane itself; Max (maximum intensity projection, MIP), Min (MinIP) and Mean project
/// the slab along the view's normal. Saved in session files by the names below.
enum class SlabMode { Thin, Max, Min, Mean };

/// "thin", "mip", "minip", "mean": the names used in files.
const char* toString(SlabMode mode);
/// Parses the names above; empty for anything else.
std::optional<SlabMode> slabModeFromString(const std::string& text);

}  // namespace crosscheck
