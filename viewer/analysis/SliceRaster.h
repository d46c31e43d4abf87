#pragma once

#include <Eigen/Core>
#include <QImage>
#include <QRect>
#include <QSize>

namespace crosscheck {
class Volume;
}

namespace crosscheck::viewer {

/// Where each widget pixel of a pane lies in reference patient coordinates (LPS, mm):
/// pixel (x, y) is at origin + x * stepX + y * stepY (pixel centres).
struct PixelToPatient {
    Eigen::Vector3d origin = Eigen::Vector3d::Zero();
    Eigen::Vector3d stepX = Eigen::Vector3d::UnitX();
    Eigen::Vector3d stepY = Eigen::Vector3d::UnitY();
};

/// The CT - sCT difference on the pane's plane as a translucent diverging colour map:
/// red where the CT is denser than the sCT, blue where the sCT is denser, transparent
/// below `minimumHu` and at full colour from `fullHu`. `referenceToVolume` maps reference
/// patient coordinates into the difference volume's. Sampled every
/// `stride` pixels (trilinear) and drawn scaled, which keeps it cheap on big panes.
QImage differenceImage(const Volume& difference, const Eigen::Matrix4d& referenceToVolume,
                       const PixelToPatient& pixels, const QSize& size, double opacity,
                       double minimumHu = 50.0, double fullHu = 500.0, int stride = 2);

/// A raster that covers only part of a pane: drawn with its top-left corner at `topLeft`.
struct PlacedImage {
    QImage image;
    QPoint topLeft;
};

/// The outlines of labelled regions on the pane's plane: opaque pixels where a label
/// differs from a neighbour's, in `colour`, transparent elsewhere. Only pixels inside
/// `area` (the regions' footprint on the pane) are sampled, and the image covers only
/// that area (plus the outline's width), so that a pane does not blend a full-size
/// transparent image on every frame; null when the area misses the pane.
PlacedImage labelOutlineImage(const Volume& labels, const Eigen::Matrix4d& referenceToVolume,
                              const PixelToPatient& pixels, const QSize& size, const QRect& area,
                              QRgb colour);

/// A checkerboard of another series over the pane, for judging a registration: squares
/// of `squareMm` (in plane coordinates u, v of the pixel grid) alternately show the
/// other series in grey through `window` (opaque) and nothing (transparent).
QImage checkerboardImage(const Volume& other, const Eigen::Matrix4d& referenceToVolume,
                         const PixelToPatient& pixels, const QSize& size, double windowLow,
                         double windowHigh, double squareMm, int stride = 2);

/// The colour `differenceImage` gives a difference of `hu` at full opacity.
QRgb differenceColour(double hu, double fullHu);

}  // namespace crosscheck::viewer
