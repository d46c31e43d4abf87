#include "viewer/tools/RoiHitTest.h"

#include <QPolygonF>
#include <cmath>

#include "core/roi/PlanarShape.h"
#include "core/roi/RoiDrawing.h"
#include "core/roi/RoiEditing.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneView.h"
#include "viewer/tools/ShapeDrawing.h"

namespace crosscheck::viewer::hits {

namespace {

bool nearLine(const PaneView& view, const QPointF& pixel, const std::vector<Eigen::Vector3d>& line,
              bool closed) {
    for (std::size_t n = 0; n + 1 < line.size() + (closed ? 1 : 0); ++n) {
        const QPointF a = view.paneToWidget(PatientPoint{line[n]});
        const QPointF b = view.paneToWidget(PatientPoint{line[(n + 1) % line.size()]});
        if (distanceToSegment({pixel.x(), pixel.y()}, {a.x(), a.y()}, {b.x(), b.y()}) <= kGrabPx) {
            return true;
        }
    }
    return false;
}

bool hitsDrawing(const PaneView& view, const RoiDrawing& drawing, const QPointF& pixel) {
    for (const auto& line : drawing.closedLines) {
        if (nearLine(view, pixel, line, true) ||
            shapes::toWidget(view, line).containsPoint(pixel, Qt::OddEvenFill)) {
            return true;
        }
    }
    for (const auto& line : drawing.openLines) {
        if (nearLine(view, pixel, line, false)) {
            return true;
        }
    }
    for (const auto& marker : drawing.markers) {
        if (distancePx(pixel, view.paneToWidget(PatientPoint{marker})) <= kGrabPx) {
            return true;
        }
    }
    return false;
}

}  // namespace

double distancePx(const QPointF& a, const QPointF& b) {
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

std::string roiAt(const PaneView& view, const QPointF& pixel) {
    const AnnotationLayer& layer = *view.annotations();
    const RoiPlane plane = view.panePlane();
    const double half = 0.5 * view.sliceStepMm();
    const auto& annotations = layer.history().annotations();
    // The last drawn is on top.
    for (auto it = annotations.rbegin(); it != annotations.rend(); ++it) {
        const Roi& roi = it->roi;
        if (roi.frameOfReferenceUid != layer.referenceFrameUid()) {
            continue;
        }
        if (roi.shape == RoiShape::Brush) {
            if (roi.mask && roi.mask->labelAt(view.widgetToPane(pixel).mm) != 0) {
                return it->id;
            }
            continue;
        }
        if (hitsDrawing(view, roiDrawingOnPlane(roi, plane, half), pixel)) {
            return it->id;
        }
    }
    return {};
}

int handleAt(const PaneView& view, const Roi& roi, const QPointF& pixel) {
    const RoiPlane plane = view.panePlane();
    const double half = 0.5 * view.sliceStepMm() + 1e-6;
    const auto handles = roiHandles(roi);
    for (std::size_t n = 0; n < handles.size(); ++n) {
        if (std::abs(plane.distance(handles[n])) <= half &&
            distancePx(pixel, view.paneToWidget(PatientPoint{handles[n]})) <= kGrabPx) {
            return static_cast<int>(n);
        }
    }
    return -1;
}

}  // namespace crosscheck::viewer::hits
