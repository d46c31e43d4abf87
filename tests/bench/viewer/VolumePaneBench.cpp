// The 3D pane on a software renderer, in the 2x2-3d layout at 1920x1080 (full-size
// phantom, CT bone rendering with the findings):
// - rotation: 200 drag steps of the 3D pane, each timed from the camera change until the
//   pane has painted its (coarse) frame; p50 / p95;
// - release: after a short rotation, the time from the last coarse frame until the
//   full-quality frame is on screen (the pane waits for the camera to rest, then renders);
// - cursor drag: the cursor-drag bench's 200 diagonal steps, timed until every visible
//   slice pane has painted, in 2x2-3d (three slice panes and the 3D pane, whose cursor
//   planes are overlay lines) and in 2x2 (four slice panes), in turn, twice each.
//
// Usage: volume_pane_bench STUDY_DIR   (a phantom folder with ground_truth.json)
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/state/ViewState.h"
#include "viewer/volume/VolumePane.h"

namespace {

constexpr int kSteps = 200;
using crosscheck::viewer::VolumePane;
using crosscheck::viewer::VtkRenderWidget;

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(
        std::clamp(p / 100.0 * (values.size() - 1), 0.0, values.size() - 1.0));
    return values[index];
}

/// Runs the event loop until every widget in `widgets` has painted once (or 20 s passed).
void waitForPaints(const std::vector<VtkRenderWidget*>& widgets) {
    int pending = static_cast<int>(widgets.size());
    QEventLoop loop;
    std::vector<QMetaObject::Connection> connections;
    for (auto* w : widgets) {
        connections.push_back(QObject::connect(w, &VtkRenderWidget::framePainted, &loop, [&] {
            if (--pending == 0) {
                loop.quit();
            }
        }));
    }
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    for (auto& c : connections) {
        QObject::disconnect(c);
    }
}

/// Milliseconds per rotation step until the pane painted the turned view.
std::vector<double> rotate(VolumePane* pane, int steps) {
    std::vector<double> times;
    for (int step = 0; step < steps; ++step) {
        QElapsedTimer timer;
        timer.start();
        pane->rotateBy(3.0, (step % 40 < 20) ? 1.0 : -1.0);
        waitForPaints({pane});
        times.push_back(timer.nsecsElapsed() / 1e6);
    }
    return times;
}

/// Milliseconds from the end of a rotation until the full-quality frame is painted.
double timeToFullQuality(VolumePane* pane) {
    rotate(pane, 10);
    QElapsedTimer timer;
    timer.start();
    while (!pane->isFullQuality() && timer.elapsed() < 20000) {
        waitForPaints({pane});
    }
    return timer.nsecsElapsed() / 1e6;
}

/// Milliseconds per cursor step until every visible slice pane has shown it.
std::vector<double> drag(crosscheck::app::MainWindow& window, const Eigen::Vector3d& start) {
    std::vector<double> times;
    const auto slices = window.paneGrid()->visiblePanes();
    const std::vector<VtkRenderWidget*> panes(slices.begin(), slices.end());
    for (int step = 0; step < kSteps; ++step) {
        const Eigen::Vector3d offset = Eigen::Vector3d(0.4, 0.3, 0.5) * (step % 100 - 50);
        QElapsedTimer timer;
        timer.start();
        window.viewState()->setCursor(crosscheck::PatientPoint{start + offset});
        waitForPaints(panes);
        times.push_back(timer.nsecsElapsed() / 1e6);
    }
    return times;
}

}  // namespace

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: volume_pane_bench STUDY_DIR\n");
        return 2;
    }
    const QString dir = QString::fromLocal8Bit(argv[1]);
    std::ifstream truthFile((dir + QStringLiteral("/ground_truth.json")).toStdString());
    const nlohmann::json truth = nlohmann::json::parse(truthFile);
    Eigen::Matrix4d ctToMr;
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            ctToMr(r, c) = truth["ct_to_mr"][r][c].get<double>();
        }
    }
    Eigen::Vector3d tumour;
    for (int a = 0; a < 3; ++a) {
        tumour[a] = truth["tumor"]["center_ct_mm"][a].get<double>();
    }
    crosscheck::app::MainWindow window;
    window.resize(1920, 1080);
    window.show();
    QSignalSpy shown(&window, &crosscheck::app::MainWindow::studyShown);
    window.openPaths({dir});
    if (!shown.wait(300000)) {
        std::fprintf(stderr, "volume_pane_bench: the study did not load\n");
        return 1;
    }
    crosscheck::TransformProvenance basis;
    basis.basis = crosscheck::TransformBasis::File;
    window.setFrameTransform(truth["ct_frame_uid"], truth["mr_frame_uid"], ctToMr, basis);
    QSignalSpy analysed(&window, &crosscheck::app::MainWindow::analysisFinished);
    window.analyzeDiscrepancies();
    if (!analysed.wait(300000) || !window.discrepancyLayer()->hasResult()) {
        std::fprintf(stderr, "volume_pane_bench: the comparison did not finish\n");
        return 1;
    }
    window.viewState()->setCursor(crosscheck::PatientPoint{tumour});
    window.paneGrid()->setLayoutName(QStringLiteral("2x2-3d"));
    window.viewState()->flush();
    VolumePane* pane = window.paneGrid()->volumePanes()[3];
    QElapsedTimer first;
    first.start();
    waitForPaints({pane});
    std::printf("3D pane in 2x2-3d (%dx%d), window %dx%d\n", pane->width(), pane->height(),
                window.width(), window.height());
    std::printf("  first full-quality frame (with the ray caster's set-up): %.0f ms\n",
                first.nsecsElapsed() / 1e6);

    rotate(pane, 20);  // warm-up
    const std::vector<double> rotation = rotate(pane, kSteps);
    std::printf("  rotation, %d steps: p50 %.1f ms, p95 %.1f ms (goal p95 <= 100 ms)\n", kSteps,
                percentile(rotation, 50), percentile(rotation, 95));
    std::vector<double> release;
    for (int i = 0; i < 5; ++i) {
        release.push_back(timeToFullQuality(pane));
    }
    std::printf("  release to full quality, 5 times: p50 %.0f ms, max %.0f ms (goal <= 1000 ms)\n",
                percentile(release, 50), percentile(release, 100));

    std::vector<double> with3d;
    std::vector<double> without3d;
    for (int round = 0; round < 2; ++round) {
        for (const char* layout : {"2x2-3d", "2x2"}) {
            window.paneGrid()->setLayoutName(QLatin1String(layout));
            window.viewState()->flush();
            drag(window, tumour);  // warm-up
            const std::vector<double> t = drag(window, tumour);
            auto& all = std::string(layout) == "2x2" ? without3d : with3d;
            all.insert(all.end(), t.begin(), t.end());
        }
    }
    const double p95With = percentile(with3d, 95);
    const double p95Without = percentile(without3d, 95);
    std::printf("  cursor drag, 2x2-3d (3 slice panes + 3D): p50 %.1f ms, p95 %.1f ms\n",
                percentile(with3d, 50), p95With);
    std::printf("  cursor drag, 2x2 (4 slice panes): p50 %.1f ms, p95 %.1f ms\n",
                percentile(without3d, 50), p95Without);
    std::printf("  p95 2x2-3d / 2x2: %.2f (goal <= 1.10)\n", p95With / std::max(p95Without, 1e-9));
    return 0;
}
