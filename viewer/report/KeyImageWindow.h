#pragma once

#include <optional>
#include <string>

#include "core/vocabulary/SeriesRole.h"
#include "core/vocabulary/WindowPresets.h"

namespace crosscheck {
class Volume;
}

namespace crosscheck::viewer {

/// The display window a key image is printed with, and the words that state it in the
/// caption ("bone", "soft tissue", "automatic 1st-99th percentile").
struct KeyImageWindow {
    WindowLevel window;
    std::string name;
    std::string unit;  ///< "HU" for CT and sCT, empty for MR (no absolute scale)
};

/// CT and sCT share one window per ROI so their greys compare: bone (1800/400) when the ROI
/// is dense (mean >= 130 HU, the lower bound of calcification, docs/domain.md), else soft tissue
/// (400/40). `meanHu` is the CT's mean in the ROI (the sCT's when the CT has none); no mean
/// gives soft tissue.
KeyImageWindow huWindowFor(std::optional<double> meanHu);

/// MR: the automatic window of the whole volume (automaticWindow: 1st to 99th percentile
/// above the lowest 2 %), as the viewer opens it.
KeyImageWindow mrWindowFor(const Volume& volume);

/// huWindowFor for CT and sCT, mrWindowFor for every other role.
KeyImageWindow keyImageWindow(SeriesRole role, const Volume& volume, std::optional<double> meanHu);

/// "W 1800 / L 400 HU (bone)".
std::string describeWindow(const KeyImageWindow& window);

}  // namespace crosscheck::viewer
