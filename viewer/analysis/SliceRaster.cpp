#include "viewer/analysis/SliceRaster.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/geometry/FrameTransform.h"
#include "core/volume/PlaneSampling.h"
#include "core/volume/Volume.h"

namespace crosscheck::viewer {

namespace {

/// Nearest-voxel lookups along a pane's pixel grid, in the volume's index space.
class PixelSampler {
public:
    PixelSampler(const Volume& volume, const Eigen::Matrix4d& referenceToVolume,
                 const PixelToPatient& pixels)
        : m_volume(volume) {
        const Eigen::Matrix4d toIndex = volume.geometry().patientToIndex() * referenceToVolume;
        m_origin = applyAffine(toIndex, pixels.origin);
        m_stepX = toIndex.topLeftCorner<3, 3>() * pixels.stepX;
        m_stepY = toIndex.topLeftCorner<3, 3>() * pixels.stepY;
    }

    /// The voxel value under pixel (x, y), or `outside` beyond the grid.
    double at(double x, double y, double outside) const {
        const Eigen::Vector3d ijk = m_origin + x * m_stepX + y * m_stepY;
        const auto& d = m_volume.geometry().dims();
        int index[3];
        for (int a = 0; a < 3; ++a) {
            index[a] = static_cast<int>(std::lround(ijk[a]));
            if (index[a] < 0 || index[a] >= d[a]) {
                return outside;
            }
        }
        return m_volume.value(index[0], index[1], index[2]);
    }

private:
    const Volume& m_volume;
    Eigen::Vector3d m_origin;
    Eigen::Vector3d m_stepX;
    Eigen::Vector3d m_stepY;
};

}  // namespace

QRgb differenceColour(double hu, double fullHu) {
    const double t = std::clamp(std::abs(hu) / fullHu, 0.0, 1.0);
    const int strong = 255;
    const int weak = static_cast<int>(std::lround(200.0 * (1.0 - t)));
    return hu > 0 ? qRgb(strong, weak, weak / 2) : qRgb(weak / 2, weak, strong);
}

QImage differenceImage(const Volume& difference, const Eigen::Matrix4d& referenceToVolume,
                       const PixelToPatient& pixels, const QSize& size, double opacity,
                       double minimumHu, double fullHu, int stride) {
    const int w = std::max(1, size.width() / stride);
    const int h = std::max(1, size.height() / stride);
    QImage image(w, h, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    // Image pixel (x, y) stands for pane pixel ((x + 0.5) * stride - 0.5, ...): sampled
    // trilinearly on that grid (0 outside the volume: no difference, transparent).
    const Eigen::Matrix4d toIndex = difference.geometry().patientToIndex() * referenceToVolume;
    const double first = 0.5 * stride - 0.5;
    PlaneGrid grid;
    grid.origin = applyAffine(toIndex, pixels.origin + first * (pixels.stepX + pixels.stepY));
    grid.stepI = toIndex.topLeftCorner<3, 3>() * (stride * pixels.stepX);
    grid.stepJ = toIndex.topLeftCorner<3, 3>() * (stride * pixels.stepY);
    grid.width = w;
    grid.height = h;
    std::vector<float> values(static_cast<std::size_t>(w) * h);
    samplePlane<float>(difference, grid, 0.0f, values.data());
    for (int y = 0; y < h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        const float* row = values.data() + static_cast<std::size_t>(y) * w;
        for (int x = 0; x < w; ++x) {
            const double hu = row[x];
            if (std::abs(hu) < minimumHu) {
                continue;
            }
            // Fade in between the minimum and full difference so noise stays faint.
            const double strength =
                std::clamp((std::abs(hu) - minimumHu) / (fullHu - minimumHu), 0.15, 1.0);
            const QRgb c = differenceColour(hu, fullHu);
            const int a = static_cast<int>(std::lround(255.0 * opacity * strength));
            line[x] = qPremultiply(qRgba(qRed(c), qGreen(c), qBlue(c), a));
        }
    }
    return image;
}

QImage checkerboardImage(const Volume& other, const Eigen::Matrix4d& referenceToVolume,
                         const PixelToPatient& pixels, const QSize& size, double windowLow,
                         double windowHigh, double squareMm, int stride) {
    const int w = std::max(1, size.width() / stride);
    const int h = std::max(1, size.height() / stride);
    QImage image(w, h, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    const PixelSampler sampler(other, referenceToVolume, pixels);
    const double mmX = pixels.stepX.norm();
    const double mmY = pixels.stepY.norm();
    const double outside = -1e30;
    for (int y = 0; y < h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        const double py = (y + 0.5) * stride - 0.5;
        const int row = static_cast<int>(std::floor(py * mmY / squareMm));
        for (int x = 0; x < w; ++x) {
            const double px = (x + 0.5) * stride - 0.5;
            const int column = static_cast<int>(std::floor(px * mmX / squareMm));
            if ((row + column) % 2 != 0) {
                continue;
            }
            const double value = sampler.at(px, py, outside);
            if (value == outside) {
                continue;
            }
            const double t =
                std::clamp((value - windowLow) / std::max(windowHigh - windowLow, 1e-6), 0.0, 1.0);
            const int grey = static_cast<int>(std::lround(255.0 * t));
            line[x] = qRgba(grey, grey, grey, 255);
        }
    }
    return image;
}

PlacedImage labelOutlineImage(const Volume& labels, const Eigen::Matrix4d& referenceToVolume,
                              const PixelToPatient& pixels, const QSize& size, const QRect& area,
                              QRgb colour) {
    const QRect box = area.adjusted(-2, -2, 2, 2).intersected(QRect(QPoint(0, 0), size));
    if (box.isEmpty()) {
        return {};
    }
    QImage image(box.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    // Image pixel (x, y) is widget pixel box.topLeft() + (x, y).
    PixelToPatient shifted = pixels;
    shifted.origin += box.left() * pixels.stepX + box.top() * pixels.stepY;
    const int w = box.width();
    const int h = box.height();
    const PixelSampler sampler(labels, referenceToVolume, shifted);
    std::vector<int> previous(static_cast<std::size_t>(w) + 2, 0);
    std::vector<int> current(static_cast<std::size_t>(w) + 2, 0);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            current[static_cast<std::size_t>(x)] = static_cast<int>(sampler.at(x, y, 0.0));
        }
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const int label = current[static_cast<std::size_t>(x)];
            const bool edgeLeft = x > 0 && current[static_cast<std::size_t>(x - 1)] != label;
            const bool edgeUp = y > 0 && previous[static_cast<std::size_t>(x)] != label;
            if (edgeLeft || edgeUp) {
                line[x] = colour;
                if (edgeLeft && x > 0) {
                    line[x - 1] = colour;
                }
            }
        }
        if (y > 0) {
            // An edge between rows is drawn on both so it is two pixels thick.
            auto* above = reinterpret_cast<QRgb*>(image.scanLine(y - 1));
            for (int x = 0; x < w; ++x) {
                if (previous[static_cast<std::size_t>(x)] != current[static_cast<std::size_t>(x)]) {
                    above[x] = colour;
                }
            }
        }
        std::swap(previous, current);
    }
    return {image, box.topLeft()};
}

}  // namespace crosscheck::viewer
