// What a pane does besides slicing a volume: it shows a colour picture (secondary capture,
// dose report, screenshot) frame by frame as it is, fitted to the pane with its own pixel
// aspect, never sampled or measured; and it offers the volumes of a multi-volume series
// (echoes, b-values, time points) in a small control and on the , and . keys.
#include <QComboBox>
#include <QImage>
#include <QPainter>
#include <algorithm>

#include "core/geometry/OrientationLabel.h"
#include "core/volume/RgbPicture.h"
#include "viewer/panes/SlicePane.h"

namespace crosscheck::viewer {

namespace {

/// Width over height of one pixel: from the geometry's spacing, 1 without one.
double pixelAspect(const RgbPicture& picture) {
    if (!picture.geometry) {
        return 1.0;
    }
    const Eigen::Vector3d spacing = picture.geometry->spacingMm();
    return spacing.y() > 0 ? spacing.x() / spacing.y() : 1.0;
}

}  // namespace

void SlicePane::paintPicture(QPainter& painter) const {
    const RgbPicture& picture = *m_series.picture;
    if (picture.frames == 0 || picture.columns == 0 || picture.rows == 0) {
        return;
    }
    const int frame = std::clamp(m_pictureFrame, 0, picture.frames - 1);
    const QImage image(picture.frame(frame), picture.columns, picture.rows, picture.columns * 3,
                       QImage::Format_RGB888);
    const double aspect = pixelAspect(picture);
    const double imageWidth = picture.columns * aspect;
    const double scale = std::min(width() / imageWidth, height() / double(picture.rows));
    const QSizeF size(imageWidth * scale, picture.rows * scale);
    const QRectF target(QPointF((width() - size.width()) / 2, (height() - size.height()) / 2),
                        size);
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, scale < 1.0);
    painter.drawImage(target, image);
    painter.restore();
}

PaneOverlay SlicePane::buildPictureOverlay() const {
    const RgbPicture& picture = *m_series.picture;
    PaneOverlay o;
    o.topLeft << m_series.patientName << m_series.description << tr("Colour picture");
    o.topRight << tr("Frame %1 of %2")
                      .arg(std::clamp(m_pictureFrame, 0, std::max(0, picture.frames - 1)) + 1)
                      .arg(picture.frames)
               << QStringLiteral("%1 x %2").arg(picture.columns).arg(picture.rows);
    o.badge = tr("colour picture: shown as stored, not measured");
    if (picture.geometry) {
        // Letters from the picture's own rows and columns: it is not resliced.
        const Eigen::Vector3d right = picture.geometry->axisDirection(0);
        const Eigen::Vector3d down = picture.geometry->axisDirection(1);
        o.right = QString::fromStdString(orientationLabel(right));
        o.left = QString::fromStdString(orientationLabel(-right));
        o.bottom = QString::fromStdString(orientationLabel(down));
        o.top = QString::fromStdString(orientationLabel(-down));
        o.pixelsPerMm = std::min(width() / (picture.columns * picture.geometry->spacingMm().x()),
                                 height() / (picture.rows * picture.geometry->spacingMm().y()));
    } else {
        o.probe = tr("no patient geometry");
    }
    return o;
}

void SlicePane::stepPictureFrames(int count) {
    const int last = std::max(0, m_series.picture->frames - 1);
    m_pictureFrame = std::clamp(m_pictureFrame + count, 0, last);
    update();
}

void SlicePane::updateVolumeControl() {
    const int count = static_cast<int>(m_series.volumeLabels.size());
    if (count <= 1 || !hasSeries()) {
        if (m_volumeBox) {
            m_volumeBox->hide();
        }
        return;
    }
    if (!m_volumeBox) {
        m_volumeBox = new QComboBox(this);
        m_volumeBox->setObjectName(QStringLiteral("volumeBox"));
        m_volumeBox->setToolTip(tr("Volume of this series (, and . keys)"));
        m_volumeBox->setFocusPolicy(Qt::NoFocus);  // the keys stay with the pane
        connect(m_volumeBox, qOverload<int>(&QComboBox::activated), this,
                [this](int index) { emit volumeRequested(index); });
    }
    QStringList items;
    for (int i = 0; i < count; ++i) {
        const QString& label = m_series.volumeLabels[i];
        items << QStringLiteral("%1/%2%3").arg(i + 1).arg(count).arg(
            label.isEmpty() ? QString() : QStringLiteral("  ") + label);
    }
    const QSignalBlocker quiet(m_volumeBox);
    m_volumeBox->clear();
    m_volumeBox->addItems(items);
    m_volumeBox->setCurrentIndex(m_series.volumeIndex);
    m_volumeBox->adjustSize();
    // Right edge, under the slice position, window and zoom lines.
    m_volumeBox->move(width() - m_volumeBox->width() - 6, 4 * fontMetrics().height() + 8);
    m_volumeBox->show();
}

void SlicePane::requestVolumeStep(int step) {
    const int count = static_cast<int>(m_series.volumeLabels.size());
    const int next = m_series.volumeIndex + step;
    if (hasSeries() && count > 1 && next >= 0 && next < count) {
        emit volumeRequested(next);
    }
}

}  // namespace crosscheck::viewer
