#pragma once
// What the GUI tests share: a small phantom study on disk, opened in a main window and
// (optionally) aligned through its ground-truth CT -> MR transform.
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/phantom/PhantomWriter.h"
#include "viewer/panes/SlicePane.h"

namespace crosscheck::testing {

inline PhantomGroundTruth writeSmallPhantom(const QString& dir, std::uint64_t seed) {
    PhantomOptions options;
    options.size = PhantomSize::Small;
    options.seed = seed;
    return writePhantomStudy(dir.toStdString(), options).front();
}

/// Shows the window in the 2x2 layout and loads the study; false when it did not load.
inline bool openStudy(app::MainWindow& window, const QString& dir, const QSize& size) {
    window.paneGrid()->setLayoutName(QStringLiteral("2x2"));
    window.resize(size);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        return false;
    }
    QSignalSpy shown(&window, &app::MainWindow::studyShown);
    window.openPaths({dir});
    return shown.wait(60000);
}

/// Gives the study the phantom's true CT -> MR transform, so every pane is synchronized.
inline void alignWithGroundTruth(app::MainWindow& window, const PhantomGroundTruth& truth) {
    TransformProvenance basis;
    basis.basis = TransformBasis::File;
    window.setFrameTransform(truth.ctFrameUid, truth.mrFrameUid, truth.ctToMr, basis);
}

/// Repaints the pane and waits for its frame on screen; false after 20 s without one.
inline bool waitForFrame(viewer::SlicePane* pane) {
    QSignalSpy painted(pane, &crosscheck::viewer::VtkRenderWidget::framePainted);
    pane->update();
    return painted.wait(20000);
}

/// The grey the pane's window gives a value: 0 at level - width/2, 255 at level + width/2.
inline int expectedGrey(double value, const WindowLevel& w) {
    const double t = (value - (w.level - 0.5 * w.width)) / w.width;
    return static_cast<int>(std::lround(255.0 * std::clamp(t, 0.0, 1.0)));
}

/// The grey level of the pane's last frame at a widget pixel.
inline int greyAt(viewer::SlicePane* pane, const QPointF& pixel) {
    const QImage image = pane->grabFramebuffer();
    const qreal ratio = image.devicePixelRatio();
    return qGray(image.pixel(qRound(pixel.x() * ratio), qRound(pixel.y() * ratio)));
}

}  // namespace crosscheck::testing
