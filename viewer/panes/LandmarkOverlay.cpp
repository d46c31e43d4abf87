#include "viewer/panes/LandmarkOverlay.h"

#include <QPainter>
#include <cmath>

#include "viewer/registration/LandmarkSet.h"
#include "viewer/tools/PaneView.h"

namespace crosscheck::viewer {

namespace {
const QColor kFixedColour(80, 255, 120);
const QColor kMovingColour(255, 120, 220);
constexpr double kCrossPx = 7.0;
}  // namespace

void LandmarkOverlay::paint(QPainter& painter, const PaneView& view) const {
    const LandmarkSet* landmarks = view.landmarks();
    if (!landmarks || !view.hasSeries()) {
        return;
    }
    const std::string& frame = view.series().frameOfReferenceUid;
    const bool fixed = frame == landmarks->referenceFrameUid();
    if (!fixed && frame != landmarks->movingFrameUid()) {
        return;
    }
    const auto& points = fixed ? landmarks->fixedPoints() : landmarks->movingPoints();
    const FrameTransform& seriesToPane = view.seriesToPane();
    const Eigen::Vector3d normal = view.viewPlane().normal;
    const Eigen::Vector3d cursor = view.paneCursor().mm;
    const double half = 0.5 * view.sliceStepMm();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const PatientPoint inPane = seriesToPane(points[i]);
        const double away = std::abs((inPane.mm - cursor).dot(normal));
        if (away > 10.0 * half) {
            continue;
        }
        QColor colour = fixed ? kFixedColour : kMovingColour;
        colour.setAlpha(away <= half ? 255 : 90);
        painter.setPen(QPen(colour, 2.0));
        const QPointF w = view.paneToWidget(inPane);
        painter.drawLine(w - QPointF(kCrossPx, kCrossPx), w + QPointF(kCrossPx, kCrossPx));
        painter.drawLine(w - QPointF(kCrossPx, -kCrossPx), w + QPointF(kCrossPx, -kCrossPx));
        painter.drawText(w + QPointF(kCrossPx + 2, -kCrossPx), QStringLiteral("L%1").arg(i + 1));
    }
    painter.restore();
}

}  // namespace crosscheck::viewer
