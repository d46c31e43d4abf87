#include "viewer/browser/SeriesThumbnail.h"

#include <algorithm>

#include "core/vocabulary/WindowPresets.h"
#include "core/volume/Volume.h"

namespace crosscheck::viewer {

QImage seriesThumbnail(const Volume& volume, const WindowLevel& window, int size) {
    const auto& d = volume.geometry().dims();
    const auto spacing = volume.geometry().spacingMm();
    // Keep the physical aspect ratio of the slice.
    const double widthMm = d[0] * spacing[0];
    const double heightMm = d[1] * spacing[1];
    const double scale = size / std::max(widthMm, heightMm);
    const int w = std::max(1, static_cast<int>(widthMm * scale));
    const int h = std::max(1, static_cast<int>(heightMm * scale));
    QImage image(w, h, QImage::Format_Grayscale8);
    const int k = d[2] / 2;
    const double lo = window.level - 0.5 * window.width;
    for (int y = 0; y < h; ++y) {
        const int j = std::min(d[1] - 1, static_cast<int>((y + 0.5) / h * d[1]));
        uchar* line = image.scanLine(y);
        for (int x = 0; x < w; ++x) {
            const int i = std::min(d[0] - 1, static_cast<int>((x + 0.5) / w * d[0]));
            const double t = (volume.value(i, j, k) - lo) / std::max(window.width, 1e-6);
            line[x] = static_cast<uchar>(std::clamp(t, 0.0, 1.0) * 255.0);
        }
    }
    return image;
}

}  // namespace crosscheck::viewer
