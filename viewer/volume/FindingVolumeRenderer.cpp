#include "viewer/volume/FindingVolumeRenderer.h"

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkRenderer.h>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QSurfaceFormat>
#include <algorithm>
#include <cmath>
#include <utility>

#include "core/analysis/RegionLabelVolume.h"
#include "core/volume/Volume.h"
#include "viewer/render/FramebufferReadback.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/report/KeyImageRenderer.h"
#include "viewer/volume/VolumeScene.h"

namespace crosscheck::viewer {

namespace {

/// The area an ellipsoid with semi-axes `half` along the rows of `axes` covers seen along
/// the unit direction `d` (up to the factor pi).
double projectedArea(const Eigen::Matrix3d& axes, const Eigen::Vector3d& half,
                     const Eigen::Vector3d& d) {
    const Eigen::Vector3d c = axes * d;  // d in the principal frame
    const double a = half.x(), b = half.y(), e = half.z();
    return std::sqrt(std::pow(b * e * c.x(), 2) + std::pow(a * e * c.y(), 2) +
                     std::pow(a * b * c.z(), 2));
}

}  // namespace

FindingVolumeRenderer::FindingVolumeRenderer(std::shared_ptr<QOffscreenSurface> surface)
    : m_surface(std::move(surface)) {
    prepareReadBackWindow(m_window, m_renderer);  // renderFrame() reads the frame back
}

FindingVolumeRenderer::~FindingVolumeRenderer() {
    // Release VTK's GL resources while the context still exists.
    if (m_scene && makeCurrent(nullptr)) {
        m_scene.reset();
        m_window->Finalize();
        m_context->doneCurrent();
    }
}

std::shared_ptr<QOffscreenSurface> FindingVolumeRenderer::makeSurface() {
    auto surface = std::make_shared<QOffscreenSurface>();
    surface->setFormat(vtkSurfaceFormat());
    surface->create();
    return surface;
}

bool FindingVolumeRenderer::makeCurrent(QString* whyNot) {
    if (!m_glUnavailable && !m_context) {
        auto context = std::make_unique<QOpenGLContext>();
        context->setFormat(vtkSurfaceFormat());
        if (m_surface && m_surface->isValid() && context->create()) {
            m_context = std::move(context);
        } else {
            m_glUnavailable = true;
        }
    }
    if (m_glUnavailable || !m_context->makeCurrent(m_surface.get())) {
        if (whyNot) {
            *whyNot = QStringLiteral("no OpenGL here (no display)");
        }
        return false;
    }
    return true;
}

StandardView FindingVolumeRenderer::viewFor(const DiscrepancyRegion& region,
                                            const Eigen::Vector3d& lo, const Eigen::Vector3d& hi) {
    const Eigen::Vector3d half = (0.5 * region.extentMm).cwiseMax(0.5);
    const double alongX = projectedArea(region.principalAxes, half, Eigen::Vector3d::UnitX());
    const double alongY = projectedArea(region.principalAxes, half, Eigen::Vector3d::UnitY());
    // Within 10 % the two are alike: a front or back view is the more familiar.
    const int axis = alongX > 1.1 * alongY ? 0 : 1;
    const Eigen::Vector3d& c = region.centroidMm;
    const bool nearerHigh = hi[axis] - c[axis] < c[axis] - lo[axis];
    if (axis == 0) {
        return nearerHigh ? StandardView::Left : StandardView::Right;
    }
    return nearerHigh ? StandardView::Posterior : StandardView::Anterior;
}

FindingVolumeImage FindingVolumeRenderer::render(const std::shared_ptr<const Volume>& ct,
                                                 const std::vector<DiscrepancyRegion>& regions,
                                                 int rank, int sizePx, double textScale) {
    FindingVolumeImage out;
    const auto region = std::find_if(regions.begin(), regions.end(),
                                     [rank](const DiscrepancyRegion& r) { return r.rank == rank; });
    if (!ct || region == regions.end() || region->runs.empty()) {
        out.whyNot = QStringLiteral("the region's voxels are not known");
        return out;
    }
    if (!makeCurrent(&out.whyNot)) {
        return out;
    }
    if (!m_scene) {
        m_window->SetOwnContext(false);
        // Without this VTK believes no context is current and draws nothing.
        m_window->SetIsCurrent(true);
        m_window->OpenGLInitContext();
        m_scene = std::make_unique<VolumeScene>(m_window, m_renderer);
        m_scene->setPreset(VolumePreset::Bone);
    }
    if (m_sceneCt != ct.get()) {
        m_scene->setVolume(ct, Eigen::Matrix4d::Identity(), SeriesRole::CT);
        m_sceneCt = ct.get();
        m_labels = nullptr;
    }
    if (!m_labels || m_labelsOf != regions.data() || m_labelsCount != regions.size()) {
        m_labels = regionLabelVolume(ct->geometry(), regions);
        m_labelsOf = regions.data();
        m_labelsCount = regions.size();
    }
    m_scene->setFindings(m_labels, regions, Eigen::Matrix4d::Identity(), rank);
    const StandardView view = viewFor(*region, m_scene->boundsLo(), m_scene->boundsHi());
    Camera3d camera = m_scene->fittedCamera(view, 1.0);
    camera.focalMm = region->centroidMm;
    camera.parallelScaleMm = std::clamp(2.5 * region->extentMm.maxCoeff(), 40.0, 120.0);
    m_scene->applyCamera(camera);
    out.image = renderFrame(std::max(16, sizePx));
    out.view = QString::fromLatin1(toString(view));
    m_context->doneCurrent();
    if (out.image.isNull()) {
        out.whyNot = QStringLiteral("reading the OpenGL frame back failed");
        return out;
    }
    // Letters and scale as on the 2D key images (a parallel projection has one scale).
    drawKeyImageLabels(out.image, camera.viewUp.cross(camera.towardsViewer), camera.viewUp,
                       2.0 * camera.parallelScaleMm, textScale);
    return out;
}

QImage FindingVolumeRenderer::renderFrame(int n) {
    renderInCurrentContext(m_window, n, n);
    vtkOpenGLFramebufferObject* frame = m_window->GetRenderFramebuffer();
    if (frame == nullptr) {
        return {};
    }
    QImage image(n, n, QImage::Format_RGB32);
    if (!readFramebuffer(frame, m_context.get(), image)) {
        return {};
    }
    return image;
}

}  // namespace crosscheck::viewer
