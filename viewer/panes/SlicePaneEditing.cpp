// The ROI tools on a pane: drawing new ROIs (ellipse, rectangle, polygon, freehand,
// ruler, bidirectional, point), painting and erasing brush masks, selecting, moving and
// resizing by handles, copying to the next slice. Edits go through the AnnotationLayer's
// undo history; a drag or a brush stroke is one step. Only synchronized panes edit: ROIs
// live in the reference frame.
#include <Eigen/Geometry>
#include <QPolygonF>
#include <algorithm>
#include <cmath>

#include "core/roi/BrushPainting.h"
#include "core/roi/PlanarShape.h"
#include "core/roi/RoiDrawing.h"
#include "core/roi/RoiEditing.h"
#include "core/volume/Volume.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/roi/AnnotationLayer.h"

namespace crosscheck::viewer {

namespace {

using Tool = AnnotationLayer::Tool;
constexpr double kMinimumSizeMm = 1.0;
constexpr double kGrabPx = 6.0;
constexpr double kClosePolygonPx = 8.0;
constexpr double kFreehandStepPx = 2.0;

double distancePx(const QPointF& a, const QPointF& b) {
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

double distanceToSegmentPx(const QPointF& p, const QPointF& a, const QPointF& b) {
    return distanceToSegment({p.x(), p.y()}, {a.x(), a.y()}, {b.x(), b.y()});
}

}  // namespace

bool SlicePane::canEditRois() const {
    return m_annotations && hasSeries() && isSynchronized();
}

RoiPlane SlicePane::panePlane() const {
    const ViewPlane plane = ViewPlane::standard(m_orientation);
    return RoiPlane{paneCursor().mm, plane.right, plane.up};
}

std::string SlicePane::roiAt(const QPointF& pixel) const {
    const RoiPlane plane = panePlane();
    const double half = 0.5 * sliceStepMm();
    const auto& annotations = m_annotations->history().annotations();
    // The last drawn is on top.
    for (auto it = annotations.rbegin(); it != annotations.rend(); ++it) {
        const Roi& roi = it->roi;
        if (roi.frameOfReferenceUid != m_annotations->referenceFrameUid()) {
            continue;
        }
        if (roi.shape == RoiShape::Brush) {
            if (roi.mask && roi.mask->labelAt(widgetToPane(pixel).mm) != 0) {
                return it->id;
            }
            continue;
        }
        const RoiDrawing drawing = roiDrawingOnPlane(roi, plane, half);
        auto nearLine = [&](const std::vector<Eigen::Vector3d>& line, bool closed) {
            for (std::size_t n = 0; n + 1 < line.size() + (closed ? 1 : 0); ++n) {
                const QPointF a = referenceToWidget(PatientPoint{line[n]});
                const QPointF b = referenceToWidget(PatientPoint{line[(n + 1) % line.size()]});
                if (distanceToSegmentPx(pixel, a, b) <= kGrabPx) {
                    return true;
                }
            }
            return false;
        };
        for (const auto& line : drawing.closedLines) {
            QPolygonF polygon;
            for (const auto& p : line) {
                polygon << referenceToWidget(PatientPoint{p});
            }
            if (nearLine(line, true) || polygon.containsPoint(pixel, Qt::OddEvenFill)) {
                return it->id;
            }
        }
        for (const auto& line : drawing.openLines) {
            if (nearLine(line, false)) {
                return it->id;
            }
        }
        for (const auto& marker : drawing.markers) {
            if (distancePx(pixel, referenceToWidget(PatientPoint{marker})) <= kGrabPx) {
                return it->id;
            }
        }
    }
    return {};
}

bool SlicePane::beginHandleOrMove(const QPointF& pixel) {
    const PatientPoint at = widgetToPane(pixel);
    if (const Annotation* selected = m_annotations->selected()) {
        const RoiPlane plane = panePlane();
        const double half = 0.5 * sliceStepMm() + 1e-6;
        const auto handles = roiHandles(selected->roi);
        for (std::size_t n = 0; n < handles.size(); ++n) {
            if (std::abs(plane.distance(handles[n])) <= half &&
                distancePx(pixel, referenceToWidget(PatientPoint{handles[n]})) <= kGrabPx) {
                m_gesture.kind = RoiGesture::Kind::Handle;
                m_gesture.handle = static_cast<int>(n);
                m_gesture.annotationId = selected->id;
                m_gesture.original = selected->roi;
                m_gesture.pressedAt = at;
                m_gesture.mergeKey = m_annotations->history().beginMerge();
                return true;
            }
        }
    }
    if (m_annotations->tool() != Tool::Navigate) {
        return false;
    }
    const std::string hit = roiAt(pixel);
    if (hit.empty()) {
        m_annotations->select({});
        return false;
    }
    m_annotations->select(hit);
    m_gesture.kind = RoiGesture::Kind::Move;
    m_gesture.annotationId = hit;
    m_gesture.original = m_annotations->history().find(hit)->roi;
    m_gesture.pressedAt = at;
    m_gesture.mergeKey = m_annotations->history().beginMerge();
    return true;
}

bool SlicePane::beginRoiGesture(const QPointF& pixel) {
    if (m_annotations && m_annotations->tool() == Tool::Landmark) {
        // Landmarks are for panes of any frame, synchronized or not.
        placeLandmarkAt(widgetToPane(pixel));
        return hasSeries();
    }
    if (!canEditRois()) {
        return false;
    }
    const PatientPoint at = widgetToPane(pixel);
    if (m_gesture.kind == RoiGesture::Kind::Polygon) {
        const bool closes =
            m_gesture.points.size() >= 3 &&
            distancePx(pixel, referenceToWidget(m_gesture.points.front())) <= kClosePolygonPx;
        if (closes) {
            finishPolygon();
        } else {
            m_gesture.points.push_back(at);
        }
        update();
        return true;
    }
    if (beginHandleOrMove(pixel)) {
        return true;
    }
    const Tool tool = m_annotations->tool();
    if (tool == Tool::Navigate) {
        return false;
    }
    m_gesture.pressedAt = at;
    m_gesture.current = at;
    m_gesture.points = {at};
    if (tool == Tool::Polygon) {
        m_gesture.kind = RoiGesture::Kind::Polygon;
    } else if (tool == Tool::Brush || tool == Tool::Eraser) {
        // The brush adds to the selected brush ROI, else starts a new one; the eraser edits
        // the selected brush ROI or the one under the mouse.
        const Annotation* target = m_annotations->selected();
        if (!target || target->roi.shape != RoiShape::Brush) {
            const std::string hit = tool == Tool::Eraser ? roiAt(pixel) : std::string();
            target = hit.empty() ? nullptr : m_annotations->history().find(hit);
            if (target && target->roi.shape != RoiShape::Brush) {
                target = nullptr;
            }
        }
        if (!target && tool == Tool::Eraser) {
            return true;  // nothing to erase here; the press is still the tool's
        }
        m_gesture.kind = RoiGesture::Kind::Paint;
        m_gesture.mergeKey = m_annotations->history().beginMerge();
        if (target) {
            m_gesture.annotationId = target->id;
            m_gesture.mask = std::make_shared<BrushMask>(*target->roi.mask);
        } else {
            const Eigen::Matrix4d seriesToPane = paneToSeries().inverse();
            const VolumeGeometry& grid = m_series.volume->geometry();
            m_gesture.mask = std::make_shared<BrushMask>(
                brushMaskAround(VolumeGeometry(grid.dims(), seriesToPane * grid.indexToPatient()),
                                at.mm, m_annotations->brushRadiusMm()));
        }
        paintStroke(at);
    } else {
        m_gesture.kind = RoiGesture::Kind::Draw;
    }
    update();
    return true;
}

void SlicePane::paintStroke(const PatientPoint& to) {
    const double radius = m_annotations->brushRadiusMm();
    const std::uint8_t label = m_annotations->tool() == Tool::Eraser ? 0 : 1;
    const Eigen::Vector3d from = m_gesture.current.mm;
    // Discs every half radius along the move, so a fast stroke leaves no gaps.
    const double length = (to.mm - from).norm();
    const int steps = std::max(1, static_cast<int>(std::ceil(length / (0.5 * radius))));
    const Eigen::Vector3d normal = ViewPlane::standard(m_orientation).normal;
    for (int s = (m_gesture.moved ? 1 : 0); s <= steps; ++s) {
        const Eigen::Vector3d c = from + (to.mm - from) * (static_cast<double>(s) / steps);
        if (label != 0) {
            *m_gesture.mask = withRoomFor(*m_gesture.mask, c, radius);
        }
        paintDisc(*m_gesture.mask, c, normal, radius, 0.5 * sliceStepMm(), label);
    }
    m_gesture.current = to;
    m_gesture.moved = true;
    commitStroke();
}

void SlicePane::commitStroke() {
    // The history keeps its own copy: the stroke goes on painting the working mask. The
    // whole stroke, creating the ROI included, is one undo step (one merge key).
    const auto snapshot = std::make_shared<const BrushMask>(*m_gesture.mask);
    const Roi painted = Roi::brush(m_annotations->referenceFrameUid(), snapshot);
    if (!m_gesture.annotationId.empty()) {
        m_annotations->modifyRoi(m_gesture.annotationId, painted, m_gesture.mergeKey);
    } else if (snapshot->labelledCount() > 0) {
        m_gesture.annotationId = m_annotations->addRoi(painted, m_gesture.mergeKey);
    }
}

void SlicePane::continueRoiGesture(const QPointF& pixel) {
    const PatientPoint at = widgetToPane(pixel);
    switch (m_gesture.kind) {
        case RoiGesture::Kind::Draw:
            if (m_annotations->tool() != Tool::Freehand ||
                distancePx(pixel, referenceToWidget(m_gesture.points.back())) >= kFreehandStepPx) {
                m_gesture.points.push_back(at);
            }
            m_gesture.current = at;
            break;
        case RoiGesture::Kind::Polygon:
            m_gesture.current = at;
            break;
        case RoiGesture::Kind::Move:
            m_gesture.moved = true;
            m_annotations->modifyRoi(
                m_gesture.annotationId,
                translatedRoi(m_gesture.original, at.mm - m_gesture.pressedAt.mm),
                m_gesture.mergeKey);
            break;
        case RoiGesture::Kind::Handle:
            m_gesture.moved = true;
            m_annotations->modifyRoi(m_gesture.annotationId,
                                     withHandleMoved(m_gesture.original, m_gesture.handle, at.mm),
                                     m_gesture.mergeKey);
            break;
        case RoiGesture::Kind::Paint:
            paintStroke(at);
            break;
        case RoiGesture::Kind::None:
            break;
    }
    update();
}

void SlicePane::endRoiGesture(const QPointF& pixel) {
    if (m_gesture.kind == RoiGesture::Kind::Polygon) {
        return;  // a polygon ends with a click on its first vertex, Enter or a double click
    }
    continueRoiGesture(pixel);
    if (m_gesture.kind == RoiGesture::Kind::Draw) {
        finishDrawing();
    }
    m_gesture.clear();
    update();
}

void SlicePane::finishDrawing() {
    const ViewPlane plane = ViewPlane::standard(m_orientation);
    const Eigen::Vector3d start = m_gesture.points.front().mm;
    const Eigen::Vector3d end = m_gesture.current.mm;
    const Eigen::Vector3d delta = end - start;
    const Eigen::Vector2d extent(std::abs(plane.right.dot(delta)), std::abs(plane.up.dot(delta)));
    const std::string& frame = m_annotations->referenceFrameUid();
    const Eigen::Vector3d middle = 0.5 * (start + end);
    switch (m_annotations->tool()) {
        case Tool::Ellipse:
            // The ellipse fills the dragged rectangle, its axes along the screen's.
            if (extent.minCoeff() >= kMinimumSizeMm) {
                m_annotations->addRoi(
                    Roi::ellipse(frame, middle, plane.right, plane.up, 0.5 * extent));
            }
            break;
        case Tool::Rectangle:
            if (extent.minCoeff() >= kMinimumSizeMm) {
                m_annotations->addRoi(Roi::rectangle(frame, middle, plane.right, plane.up, extent));
            }
            break;
        case Tool::Ruler:
            if (delta.norm() >= kMinimumSizeMm) {
                m_annotations->addRoi(Roi::ruler(frame, start, end));
            }
            break;
        case Tool::Bidirectional:
            // The long axis as dragged; the short axis starts perpendicular through its
            // middle at half its length, to be set by its handles.
            if (delta.norm() >= kMinimumSizeMm) {
                const Eigen::Vector3d across = plane.normal.cross(delta).normalized();
                const double half = 0.25 * delta.norm();
                m_annotations->addRoi(Roi::bidirectional(frame, start, end, middle - half * across,
                                                         middle + half * across));
            }
            break;
        case Tool::Point:
            m_annotations->addRoi(Roi::point(frame, start));
            break;
        case Tool::Freehand: {
            std::vector<Eigen::Vector3d> points;
            for (const PatientPoint& p : m_gesture.points) {
                points.push_back(p.mm);
            }
            const Roi outline = Roi::polygon(frame, points);
            if (points.size() >= 3 && outline.validate().empty()) {
                m_annotations->addRoi(outline);
            }
            break;
        }
        default:
            break;
    }
}

void SlicePane::finishPolygon() {
    std::vector<Eigen::Vector3d> points;
    for (const PatientPoint& p : m_gesture.points) {
        points.push_back(p.mm);
    }
    m_gesture.clear();
    const Roi polygon = Roi::polygon(m_annotations->referenceFrameUid(), points);
    if (points.size() >= 3 && polygon.validate().empty()) {
        m_annotations->addRoi(polygon);
    }
    update();
}

bool SlicePane::copySelectedRoiToNextSlice(int direction) {
    if (!canEditRois() || !m_annotations->selected()) {
        return false;
    }
    const Roi& roi = m_annotations->selected()->roi;
    const Eigen::Vector3d normal = ViewPlane::standard(m_orientation).normal;
    const bool parallel = roi.shape == RoiShape::Point ||
                          ((roi.hasArea() || roi.shape == RoiShape::Bidirectional) &&
                           std::abs(roi.plane().normal().dot(normal)) > std::cos(M_PI / 180.0));
    if (!parallel) {
        return false;
    }
    const Eigen::Vector3d offset = direction * sliceStepMm() * normal;
    m_annotations->copySelected(offset);
    setPaneCursor(PatientPoint{paneCursor().mm + offset});
    return true;
}

}  // namespace crosscheck::viewer
