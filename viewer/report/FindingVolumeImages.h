#pragma once

#include <QImage>
#include <QString>
#include <memory>
#include <vector>

#include "core/analysis/DiscrepancyRegion.h"

namespace crosscheck {
class Volume;
}

namespace crosscheck::viewer {

/// One 3D key image of a finding: the picture, or a null image and the reason there is
/// none; `view` names the standard view it was rendered from ("posterior").
struct FindingVolumeImage {
    QImage image;
    QString view;
    QString whyNot;
};

/// A source of 3D key images for the report's findings page: the CT rendered as bone with
/// one flagged region drawn over it in the region's colour, the camera on a standard view
/// centred on the region.
///
/// The report library draws PDFs with Qt alone (no VTK, no OpenGL, so the headless
/// crosscheck-cli links it); the rendering is the 3D pane's own scene
/// (viewer/volume/FindingVolumeRenderer), handed to ReportPdfWriter through this interface.
/// Without one the findings page shows a placeholder where the 3D image would be.
class FindingVolumeImages {
public:
    virtual ~FindingVolumeImages() = default;
    /// The CT (its patient coordinates are the regions' frame) with region `rank` of
    /// `regions` in its colour, `sizePx` x `sizePx`, with orientation letters and a scale bar
    /// (`textScale` as renderKeyImage's).
    virtual FindingVolumeImage render(const std::shared_ptr<const Volume>& ct,
                                      const std::vector<DiscrepancyRegion>& regions, int rank,
                                      int sizePx, double textScale) = 0;
};

}  // namespace crosscheck::viewer
