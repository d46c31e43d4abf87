// What a pane writes over its image: who and what it shows, where the slice is, how it
// is windowed and aligned, and the crosshair.
#include <QPainter>

#include "core/geometry/OrientationLabel.h"
#include "viewer/panes/SlicePane.h"

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
    const Eigen::Matrix3d toSeries = paneToSeries().topLeftCorner<3, 3>();
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
    const auto [axis, letter] = sliceAxis(m_orientation);
    const WindowLevel w = currentWindow();
    o.topRight << QStringLiteral("%1 = %2 mm")
                      .arg(QLatin1String(letter))
                      .arg(paneCursor().mm[axis], 0, 'f', 1)
               << QStringLiteral("W %1  L %2").arg(std::lround(w.width)).arg(std::lround(w.level))
               << QStringLiteral("Zoom %1x").arg(currentZoomPan().zoom, 0, 'f', 2);
    if (isSynchronized()) {
        o.badge = m_series.syncBasis.isEmpty() ? tr("same frame") : m_series.syncBasis;
        o.crosshair = referenceToWidget(paneCursor());
        if (m_state->probe()) {
            const auto value = valueAtReference(*m_state->probe());
            o.probe = value ? tr("Probe %1").arg(formatValue(*value)) : tr("Probe: outside");
        }
    } else {
        o.badge = tr("not registered: not synchronized");
        o.badgeIsWarning = true;
        o.crosshair = referenceToWidget(m_localCursor);
    }
    if (m_series.synthetic) {
        o.watermark = tr("SYNTHETIC CT: derived from MRI, not measured");
    }
    o.pixelsPerMm = 1.0 / mmPerPixel();
    return o;
}

void SlicePane::paintOverlay(QPainter& painter) {
    paintCheckerboard(painter);
    paintDiscrepancy(painter);
    paintPaneOverlay(painter, buildOverlay(), width(), height());
    paintAnnotations(painter);
    paintLandmarks(painter);
    paintMissBanner(painter);
    paintDifferenceLegend(painter);
    if (hasFocus()) {
        // Which pane the keys go to: a thin frame, out of the image's way.
        painter.setPen(QPen(QColor(90, 160, 255), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(1, 1, width() - 2, height() - 2));
    }
}

}  // namespace crosscheck::viewer
