#include "viewer/report/KeyImageWindow.h"

#include <cmath>

#include "core/volume/VolumeStatistics.h"

namespace crosscheck::viewer {

namespace {

constexpr double kDenseHu = 130.0;

WindowLevel preset(const std::string& name, const WindowLevel& fallback) {
    for (const WindowPreset& p : ctWindowPresets()) {
        if (p.name == name) {
            return p.window;
        }
    }
    return fallback;
}

std::string rounded(double v) {
    return std::to_string(static_cast<long long>(std::llround(v)));
}

}  // namespace

KeyImageWindow huWindowFor(std::optional<double> meanHu) {
    if (meanHu && *meanHu >= kDenseHu) {
        return {preset("bone", {1800.0, 400.0}), "bone", "HU"};
    }
    return {preset("soft tissue", {400.0, 40.0}), "soft tissue", "HU"};
}

KeyImageWindow mrWindowFor(const Volume& volume) {
    return {automaticWindow(volume), "automatic, 1st-99th percentile", ""};
}

KeyImageWindow keyImageWindow(SeriesRole role, const Volume& volume, std::optional<double> meanHu) {
    return isHounsfield(role) ? huWindowFor(meanHu) : mrWindowFor(volume);
}

std::string describeWindow(const KeyImageWindow& w) {
    return "W " + rounded(w.window.width) + " / L " + rounded(w.window.level) +
           (w.unit.empty() ? "" : " " + w.unit) + " (" + w.name + ")";
}

}  // namespace crosscheck::viewer
