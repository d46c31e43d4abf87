#pragma once

#include <string>
#include <vector>

namespace crosscheck {

/// A display window in the units of the series (HU for CT and sCT): values from
/// level - width/2 (black) to level + width/2 (white).
struct WindowLevel {
    double width = 400.0;
    double level = 40.0;
};

struct WindowPreset {
    std::string name;
    WindowLevel window;
};

/// The CT presets in the order of their number keys (1 brain, 2 soft tissue, 3 bone,
/// 4 spine soft tissue, 5 lung), values in docs/domain.md.
const std::vector<WindowPreset>& ctWindowPresets();

}  // namespace crosscheck
