#pragma once

#include <vtkNew.h>
#include <Eigen/Core>
#include <memory>
#include <vector>

#include "viewer/report/FindingVolumeImages.h"
#include "viewer/volume/StandardView.h"

class QOffscreenSurface;
class QOpenGLContext;
class vtkGenericOpenGLRenderWindow;
class vtkRenderer;

namespace crosscheck::viewer {

class VolumeScene;

/// The report's 3D key images (FindingVolumeImages), rendered off screen with the 3D pane's
/// own scene (VolumeScene): the CT as bone, the one finding's surface drawn over it in its
/// colour, a parallel camera on a standard view (viewFor) centred on the finding's
/// centroid, the field about five times the finding's largest extent (80 to 240 mm).
///
/// VTK draws into a GL context of its own (QOpenGLContext, as the panes, docs/adr/0002):
/// under the GUI and on Qt's "offscreen" platform with an X display (GLX, e.g. xvfb-run).
/// Without any OpenGL (crosscheck-cli with no display) render() says so and the PDF shows
/// a placeholder. Qt creates offscreen surfaces on the GUI thread only: make the surface
/// there (makeSurface) and the renderer on the thread that renders, which then also
/// destroys it (the context belongs to it). The CT's ray casting state (gradients, the
/// label volume) is kept between the images of one report.
class FindingVolumeRenderer : public FindingVolumeImages {
public:
    explicit FindingVolumeRenderer(std::shared_ptr<QOffscreenSurface> surface);
    ~FindingVolumeRenderer() override;
    FindingVolumeRenderer(const FindingVolumeRenderer&) = delete;
    FindingVolumeRenderer& operator=(const FindingVolumeRenderer&) = delete;

    /// A surface in the GL format VTK needs (3.2 core, depth, no multisampling). GUI thread.
    static std::shared_ptr<QOffscreenSurface> makeSurface();

    FindingVolumeImage render(const std::shared_ptr<const Volume>& ct,
                              const std::vector<DiscrepancyRegion>& regions, int rank, int sizePx,
                              double textScale) override;

    /// The view that shows a region best: of anterior, posterior, left and right (head up,
    /// as readers know them), the axis along which the region (an ellipsoid over its
    /// principal extents) covers the largest area, seen from the side of the series'
    /// bounding box [lo, hi] (LPS, mm) that the region lies nearer (for a tumour in the
    /// spinal canal: posterior).
    static StandardView viewFor(const DiscrepancyRegion& region, const Eigen::Vector3d& lo,
                                const Eigen::Vector3d& hi);

private:
    bool makeCurrent(QString* whyNot);
    /// Renders the scene at n x n and reads the frame back; the context must be current.
    QImage renderFrame(int n);

    std::shared_ptr<QOffscreenSurface> m_surface;
    std::unique_ptr<QOpenGLContext> m_context;
    bool m_glUnavailable = false;
    vtkNew<vtkGenericOpenGLRenderWindow> m_window;
    vtkNew<vtkRenderer> m_renderer;
    std::unique_ptr<VolumeScene> m_scene;
    /// What the scene holds: the CT and the label volume of which findings.
    const Volume* m_sceneCt = nullptr;
    std::shared_ptr<const Volume> m_labels;
    const DiscrepancyRegion* m_labelsOf = nullptr;
    std::size_t m_labelsCount = 0;
};

}  // namespace crosscheck::viewer
