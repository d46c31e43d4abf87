// Registration landmarks on a pane: the Landmark tool places the same anatomical point on
// a reference-frame series (fixed) and on a series of another frame (moving, in that
// series' own coordinates, so it works on panes that are not synchronized yet); every
// pane draws the landmarks of its series' frame, numbered in the order they pair.
#include <QPainter>
#include <cmath>

#include "viewer/panes/SlicePane.h"
#include "viewer/registration/LandmarkSet.h"

namespace crosscheck::viewer {

namespace {
const QColor kFixedColour(80, 255, 120);
const QColor kMovingColour(255, 120, 220);
constexpr double kCrossPx = 7.0;
}  // namespace

void SlicePane::setLandmarkSet(LandmarkSet* landmarks) {
    m_landmarks = landmarks;
    connect(landmarks, &LandmarkSet::changed, this, qOverload<>(&SlicePane::update));
}

bool SlicePane::placeLandmarkAt(const PatientPoint& panePoint) {
    if (!m_landmarks || !hasSeries()) {
        return false;
    }
    const PatientPoint inSeries{(paneToSeries() * panePoint.mm.homogeneous()).head<3>()};
    return m_landmarks->add(m_series.frameOfReferenceUid, inSeries);
}

void SlicePane::paintLandmarks(QPainter& painter) const {
    if (!m_landmarks || !hasSeries()) {
        return;
    }
    const std::string& frame = m_series.frameOfReferenceUid;
    const bool fixed = frame == m_landmarks->referenceFrameUid();
    if (!fixed && frame != m_landmarks->movingFrameUid()) {
        return;
    }
    const auto& points = fixed ? m_landmarks->fixedPoints() : m_landmarks->movingPoints();
    const Eigen::Matrix4d seriesToPane = paneToSeries().inverse();
    const Eigen::Vector3d normal = ViewPlane::standard(m_orientation).normal;
    const double half = 0.5 * sliceStepMm();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const PatientPoint inPane{(seriesToPane * points[i].mm.homogeneous()).head<3>()};
        // On this slice in full colour; nearby slices faint, so the user finds them again.
        const double away = std::abs((inPane.mm - paneCursor().mm).dot(normal));
        if (away > 10.0 * half) {
            continue;
        }
        QColor colour = fixed ? kFixedColour : kMovingColour;
        colour.setAlpha(away <= half ? 255 : 90);
        painter.setPen(QPen(colour, 2.0));
        const QPointF w = referenceToWidget(inPane);
        painter.drawLine(w - QPointF(kCrossPx, kCrossPx), w + QPointF(kCrossPx, kCrossPx));
        painter.drawLine(w - QPointF(kCrossPx, -kCrossPx), w + QPointF(kCrossPx, -kCrossPx));
        painter.drawText(w + QPointF(kCrossPx + 2, -kCrossPx), QStringLiteral("L%1").arg(i + 1));
    }
    painter.restore();
}

}  // namespace crosscheck::viewer
