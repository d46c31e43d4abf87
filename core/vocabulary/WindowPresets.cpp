#include "core/vocabulary/WindowPresets.h"

namespace crosscheck {

const std::vector<WindowPreset>& ctWindowPresets() {
    static const std::vector<WindowPreset> presets = {
        {"brain", {80.0, 40.0}},  {"soft tissue", {400.0, 40.0}}, {"bone", {1800.0, 400.0}},
        {"spine", {250.0, 50.0}}, {"lung", {1500.0, -600.0}},
    };
    return presets;
}

}  // namespace crosscheck
