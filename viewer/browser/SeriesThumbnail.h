#pragma once

#include <QImage>

namespace crosscheck {
class Volume;
struct WindowLevel;
}  // namespace crosscheck

namespace crosscheck::viewer {

/// The middle slice (k) of a volume as a greyscale image of at most `size` pixels on a
/// side, in the given window, nearest-neighbour: a recognisable stamp for the browser.
QImage seriesThumbnail(const Volume& volume, const WindowLevel& window, int size = 64);

}  // namespace crosscheck::viewer
