#include "core/vocabulary/SlabMode.h"

namespace crosscheck {

const char* toString(SlabMode mode) {
    switch (mode) {
        case SlabMode::Thin:
            return "thin";
        case SlabMode::Max:
            return "mip";
        case SlabMode::Min:
            return "minip";
        case SlabMode::Mean:
            return "mean";
    }
    return "thin";
}

std::optional<SlabMode> slabModeFromString(const std::string& text) {
    for (SlabMode mode : {SlabMode::Thin, SlabMode::Max, SlabMode::Min, SlabMode::Mean}) {
        if (text == toString(mode)) {
            return mode;
        }
    }
    return std::nullopt;
}

}  // namespace crosscheck
