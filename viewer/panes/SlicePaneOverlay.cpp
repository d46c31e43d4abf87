// What a pane draws over its image, in order: the checkerboard, the CT-versus-sCT
// rasters, the text overlay (who and what it shows, where the slice is, how it is windowed
// and aligned, the crosshair), the ROIs and the tool's gesture, the landmarks, the sCT
// banner and the difference legend; and the layers those come from.
#include <QPainter>
#include <cmath>

#include "core/geometry/OrientationLabel.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/registration/LandmarkSet.h"
#include "viewer/tools/LandmarkTool.h"
#include "viewer/tools/ToolRegistry.h"

namespace crosscheck::viewer {

namespace {

/// The patient axis a view's slices are numbered along, and its coordinate letter.
std::pair<int, const char*> sliceAxis(ViewOrientation orientation) {
    switch (orientation) {
        case ViewOrientation::Axial:
            return {2, "z"};
        case ViewOrientation::Coronal:
            return {1, "y"};
        case ViewOrientation::Sagittal:
            return {0, "x"};
    }
    return {2, "z"};
}

}  // namespace

PaneOverlay SlicePane::buildOverlay() const {
    PaneOverlay o;
    const ViewPlane plane = ViewPlane::standard(m_orientation);
    // Letters name where each screen edge points in the patient's own frame.
    const Eigen::Matrix3d toSeries = m_paneToSeries.matrix().topLeftCorner<3, 3>();
    o.right = QString::fromStdString(orientationLabel(toSeries * plane.right));
    o.left = QString::fromStdString(orientationLabel(-(toSeries * plane.right)));
    o.top = QString::fromStdString(orientationLabel(toSeries * plane.up));
    o.bottom = QString::fromStdString(orientationLabel(-(toSeries * plane.up)));
    if (!hasSeries()) {
        o.topLeft << tr("No series");
        return o;
    }
    o.topLeft << m_series.patientName << m_series.description
              << QStringLiteral("%1  %2").arg(QString::fromLatin1(toString(m_series.role)),
                                              QString::fromLatin1(toString(m_orientation)));
    if (m_series.volumeLabels.size() > 1) {
        const QString& label = m_series.volumeLabels.value(m_series.volumeIndex);
        o.topLeft << tr("Volume %1 of %2%3  (, and . keys)")
                         .arg(m_series.volumeIndex + 1)
                         .arg(m_series.volumeLabels.size())
                         .arg(label.isEmpty() ? QString() : QStringLiteral(": ") + label);
    }
    if (m_filling) {
        // A slice not read yet shows as background: never mistake it for anatomy.
        o.topLeft << tr("Loading: unread slices blank");
    }
    const auto [axis, letter] = sliceAxis(m_orientation);
    const WindowLevel w = currentWindow();
    o.topRight << QStringLiteral("%1 = %2 mm")
                      .arg(QLatin1String(letter))
                      .arg(paneCursor().mm[axis], 0, 'f', 1)
               << QStringLiteral("W %1  L %2").arg(std::lround(w.width)).arg(std::lround(w.level))
               << QStringLiteral("Zoom %1x").arg(currentZoomPan().zoom, 0, 'f', 2);
    if (m_showsSlab) {
        // The picture is a projection; the numbers are not: say which is which.
        o.topRight << slabOverlayLine() << tr("probe, ROIs: thin slice");
    }
    if (isSynchronized()) {
        o.badge = m_series.syncBasis.isEmpty() ? tr("same frame") : m_series.syncBasis;
        o.crosshair = paneToWidget(paneCursor());
        if (m_state->probe()) {
            const auto value = valueAtReference(*m_state->probe());
            o.probe = value ? tr("Probe %1").arg(formatValue(*value)) : tr("Probe: outside");
            if (m_showsSlab) {
                o.probe += tr(" (thin slice)");
            }
        }
    } else {
        o.badge = tr("not registered: not synchronized");
        o.badgeIsWarning = true;
        o.crosshair = paneToWidget(m_localCursor);
    }
    if (m_series.synthetic) {
        o.watermark = tr("SYNTHETIC CT: derived from MRI, not measured");
    }
    o.pixelsPerMm = 1.0 / mmPerPixel();
    return o;
}

void SlicePane::paintOverlay(QPainter& painter) {
    if (m_series.picture) {
        paintPicture(painter);
        paintPaneOverlay(painter, buildPictureOverlay(), width(), height());
        paintFocusFrame(painter);
        return;
    }
    m_checkerboard.paint(painter, *this);
    m_discrepancy.paintRasters(painter, *this);
    paintPaneOverlay(painter, buildOverlay(), width(), height());
    m_annotationOverlay.paint(painter, *this, *m_tool);
    m_landmarkOverlay.paint(painter, *this);
    m_discrepancy.paintBanner(painter, *this);
    m_discrepancy.paintLegend(painter, *this);
    paintFocusFrame(painter);
}

void SlicePane::paintFocusFrame(QPainter& painter) const {
    if (hasFocus()) {
        // Which pane the keys go to: a thin frame, out of the image's way.
        painter.setPen(QPen(QColor(90, 160, 255), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(1, 1, width() - 2, height() - 2));
    }
}

void SlicePane::prepareOverlay() {
    m_discrepancy.prepare(*this);
}

void SlicePane::invalidateRasters() {
    m_discrepancy.invalidate();
    m_checkerboard.invalidate();
}

void SlicePane::setDiscrepancyLayer(DiscrepancyLayer* layer) {
    m_discrepancy.setLayer(layer);
    connect(layer, &DiscrepancyLayer::changed, this, [this] {
        invalidateRasters();
        update();
    });
}

void SlicePane::setCheckerboard(std::shared_ptr<const Volume> referenceVolume,
                                const WindowLevel& window) {
    m_checkerboard.setReference(std::move(referenceVolume), window);
    update();
}

void SlicePane::setAnnotationLayer(AnnotationLayer* layer) {
    if (m_annotations != nullptr && m_annotations != layer) {
        disconnect(m_annotations, nullptr, this, nullptr);
    }
    m_annotations = layer;
    useTool(layer->tool());
    connect(layer, &AnnotationLayer::changed, this, qOverload<>(&SlicePane::update),
            Qt::UniqueConnection);
    connect(layer, &AnnotationLayer::toolChanged, this, &SlicePane::useTool, Qt::UniqueConnection);
}

void SlicePane::useTool(const std::string& toolId) {
    // A gesture belongs to the tool it began with: a polygon half clicked in is dropped.
    m_tool->cancel();
    // The layer takes only registered ids; the navigate tool stands in for any other.
    std::unique_ptr<PaneTool> tool = ToolRegistry::create(toolId);
    m_tool = tool ? std::move(tool) : ToolRegistry::create(AnnotationLayer::Tool::Navigate);
    setCursor(m_tool->id() == AnnotationLayer::Tool::Navigate ? Qt::ArrowCursor : Qt::CrossCursor);
    update();
}

void SlicePane::setLandmarkSet(LandmarkSet* landmarks) {
    m_landmarks = landmarks;
    connect(landmarks, &LandmarkSet::changed, this, qOverload<>(&SlicePane::update));
}

bool SlicePane::placeLandmarkAt(const PatientPoint& panePoint) {
    return LandmarkTool::place(*this, panePoint);
}

bool SlicePane::copySelectedRoiToNextSlice(int direction) {
    if (!canEditRois() || !m_annotations->selected()) {
        return false;
    }
    const Roi& roi = m_annotations->selected()->roi;
    const Eigen::Vector3d normal = viewPlane().normal;
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
