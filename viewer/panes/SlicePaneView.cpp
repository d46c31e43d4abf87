// The pane as its tools and overlay painters see it (PaneView): widget pixels <-> pane
// frame (LPS, mm) through the camera's centre and scale, the plane through the cursor,
// one slice's step, and zoom about a pixel.
#include <algorithm>
#include <cmath>

#include "core/volume/Volume.h"
#include "viewer/panes/SlicePane.h"

namespace crosscheck::viewer {

namespace {
constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 40.0;
}  // namespace

double SlicePane::mmPerPixel() const {
    const double w = std::max(1, width());
    const double h = std::max(1, height());
    const ViewField f = viewField();
    const Eigen::Vector2d size = f.hi - f.lo;
    const double fit = std::max(size.x() / w, size.y() / h) * 1.02;
    return std::max(fit, 1e-6) / std::max(currentZoomPan().zoom, 1e-3);
}

QPointF SlicePane::paneToWidget(const PatientPoint& panePoint) const {
    const ViewPlane plane = viewPlane();
    const Eigen::Vector2d centre = viewCentre();
    const double mmpp = mmPerPixel();
    const double u = plane.right.dot(panePoint.mm);
    const double v = plane.up.dot(panePoint.mm);
    return {0.5 * width() + (u - centre.x()) / mmpp, 0.5 * height() - (v - centre.y()) / mmpp};
}

PatientPoint SlicePane::widgetToPane(const QPointF& pixel) const {
    const ViewPlane plane = viewPlane();
    const Eigen::Vector2d centre = viewCentre();
    const double mmpp = mmPerPixel();
    const double u = centre.x() + (pixel.x() - 0.5 * width()) * mmpp;
    const double v = centre.y() - (pixel.y() - 0.5 * height()) * mmpp;
    return PatientPoint{applyAffine(plane.planeToPatient(paneCursor()), Eigen::Vector3d(u, v, 0))};
}

PixelToPatient SlicePane::pixelMapping() const {
    PixelToPatient m;
    m.origin = widgetToPane(QPointF(0, 0)).mm;
    m.stepX = widgetToPane(QPointF(1, 0)).mm - m.origin;
    m.stepY = widgetToPane(QPointF(0, 1)).mm - m.origin;
    return m;
}

RoiPlane SlicePane::panePlane() const {
    const ViewPlane plane = viewPlane();
    return RoiPlane{paneCursor().mm, plane.right, plane.up};
}

double SlicePane::sliceStepMm() const {
    // The distance along the normal that advances the series' index by one voxel on the
    // axis most aligned with the normal: one real slice for an axis-aligned view.
    const Eigen::Vector3d normal = viewPlane().normal;
    const Eigen::Matrix3d toIndex =
        m_series.volume->geometry().patientToIndex().topLeftCorner<3, 3>() *
        m_paneToSeries.matrix().topLeftCorner<3, 3>();
    const double perMm = (toIndex * normal).cwiseAbs().maxCoeff();
    return perMm > 0 ? 1.0 / perMm : 1.0;
}

PlaneLayout SlicePane::planeLayout() const {
    const ViewPlane plane = viewPlane();
    const auto& geometry = m_series.volume->geometry();
    PlaneLayout layout;
    layout.planeToIndex =
        geometry.patientToIndex() * m_paneToSeries.matrix() * plane.planeToPatient(paneCursor());
    // The output covers the whole series projected on the plane at its finest in-plane
    // spacing, so every slice of a pane has the same extent and the camera never jumps.
    layout.pixelMm = std::max(0.1, geometry.spacingMm().minCoeff());
    const double spacing = layout.pixelMm;
    layout.width =
        std::max(1, static_cast<int>(std::ceil((m_boundsHi.x() - m_boundsLo.x()) / spacing)));
    layout.height =
        std::max(1, static_cast<int>(std::ceil((m_boundsHi.y() - m_boundsLo.y()) / spacing)));
    layout.firstMm = m_boundsLo + Eigen::Vector2d::Constant(0.5 * spacing);
    return layout;
}

bool SlicePane::canEditRois() const {
    return m_annotations && hasSeries() && isSynchronized();
}

std::optional<double> SlicePane::valueAtReference(const PatientPoint& referencePoint) const {
    if (!hasSeries() || !isSynchronized()) {
        return std::nullopt;
    }
    return m_series.volume->sampleNearest(m_paneToSeries(referencePoint));
}

void SlicePane::zoomAbout(const QPointF& pixel, double factor) {
    ZoomPan zp = currentZoomPan();
    const double newZoom = std::clamp(zp.zoom * factor, kMinZoom, kMaxZoom);
    // The point under the pixel stays put: the view centre moves towards it by the change
    // in mm per pixel times the pixel's distance from the widget's centre.
    const double before = mmPerPixel();
    const double after = before * zp.zoom / newZoom;
    const QPointF fromCentre = pixel - QPointF(0.5 * width(), 0.5 * height());
    zp.panRightMm += fromCentre.x() * (before - after);
    zp.panUpMm -= fromCentre.y() * (before - after);
    zp.zoom = newZoom;
    setZoomPan(zp);
}

}  // namespace crosscheck::viewer
