// The 3D pane on a software renderer, in the 2x2-3d layout at 1920x1080 (full-size
// phantom, CT bone rendering with the findings):
// - rotation: 200 drag steps of the 3D pane, each timed from the camera change until the
//   pane has painted its (coarse) frame; p50 / p95;
// - release: after a short rotation, the time from the last coarse frame until the
//   full-quality frame is on screen (the pane waits for the camera to rest, then renders);
// - cursor drag: the cursor-drag bench's 200 diagonal steps, timed until every visible
//   slice pane has painted, in three set-ups in turn, twice each: 2x2-3d (CT, sCT, T2w
//   slices and the 3D pane, whose cursor planes are overlay lines), 2x2 (the same three
//   slice panes and a fourth slice pane instead of the 3D one: the comparison), and
//   2x2-3d with the fourth position empty (the same three slice panes alone: what the 3D
//   pane itself costs them).
// Each step also reports the process CPU time (all threads, Mesa's included): on a busy
// machine wall time mostly measures the neighbours, CPU time much less so.
//
// Usage: volume_pane_bench STUDY_DIR   (a phantom folder with ground_truth.json)
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>
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

struct StepTimes {
    std::vector<double> wallMs;
    std::vector<double> cpuMs;
    void append(const StepTimes& more) {
        wallMs.insert(wallMs.end(), more.wallMs.begin(), more.wallMs.end());
        cpuMs.insert(cpuMs.end(), more.cpuMs.begin(), more.cpuMs.end());
    }
};

double processCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(
        std::clamp(p / 100.0 * (values.size() - 1), 0.0, values.size() - 1.0));
    return values[index];
}

void printTimes(const char* label, const StepTimes& t) {
    std::printf("  %s: p50 %.1f ms, p95 %.1f ms (CPU per step: p50 %.1f ms, p95 %.1f ms)\n", label,
                percentile(t.wallMs, 50), percentile(t.wallMs, 95), percentile(t.cpuMs, 50),
                percentile(t.cpuMs, 95));
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
StepTimes rotate(VolumePane* pane, int steps) {
    StepTimes times;
    for (int step = 0; step < steps; ++step) {
        QElapsedTimer timer;
        const double cpuStart = processCpuMs();
        timer.start();
        pane->rotateBy(3.0, (step % 40 < 20) ? 1.0 : -1.0);
        waitForPaints({pane});
        times.wallMs.push_back(timer.nsecsElapsed() / 1e6);
        times.cpuMs.push_back(processCpuMs() - cpuStart);
    }
    return times;
}

/// Milliseconds from the end of a rotation until the full-quality frame is painted.
double timeToFullQuality(VolumePane* pane) {
    rotate(pane, 10);
    QElapsedTimer timer;
    timer.start();
    // The pane switches to full quality when the camera has rested, and paints that frame
    // next: wait for the paint after the switch.
    while (!pane->isFullQuality() && timer.elapsed() < 20000) {
        waitForPaints({pane});
    }
    return timer.nsecsElapsed() / 1e6;
}

/// Milliseconds per cursor step until every visible slice pane has shown it.
StepTimes drag(crosscheck::app::MainWindow& window, const Eigen::Vector3d& start) {
    StepTimes times;
    const auto slices = window.paneGrid()->visiblePanes();
    std::vector<VtkRenderWidget*> panes;
    for (auto* pane : slices) {
        if (pane->hasSeries()) {
            panes.push_back(pane);
        }
    }
    for (int step = 0; step < kSteps; ++step) {
        const Eigen::Vector3d offset = Eigen::Vector3d(0.4, 0.3, 0.5) * (step % 100 - 50);
        QElapsedTimer timer;
        const double cpuStart = processCpuMs();
        timer.start();
        window.viewState()->setCursor(crosscheck::PatientPoint{start + offset});
        waitForPaints(panes);
        times.wallMs.push_back(timer.nsecsElapsed() / 1e6);
        times.cpuMs.push_back(processCpuMs() - cpuStart);
    }
    return times;
}

/// The drag's set-ups (see the file comment).
enum class Setup { With3d, Plain2x2, ThreeSlicesAlone };

void showSetup(crosscheck::app::MainWindow& window, Setup setup) {
    window.paneGrid()->setLayoutName(setup == Setup::Plain2x2 ? QStringLiteral("2x2")
                                                              : QStringLiteral("2x2-3d"));
    if (setup == Setup::ThreeSlicesAlone) {
        window.viewState()->setPaneAssignment(3, crosscheck::viewer::PaneAssignment{});
    }
    window.viewState()->flush();
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
    const StepTimes rotation = rotate(pane, kSteps);
    char label[128];
    std::snprintf(label, sizeof label, "rotation, %d steps", kSteps);
    printTimes(label, rotation);
    std::printf("  rotation p95 %.1f ms (goal <= 100 ms)\n", percentile(rotation.wallMs, 95));
    std::vector<double> release;
    for (int i = 0; i < 5; ++i) {
        release.push_back(timeToFullQuality(pane));
    }
    std::printf("  release to full quality, 5 times: p50 %.0f ms, max %.0f ms (goal <= 1000 ms)\n",
                percentile(release, 50), percentile(release, 100));

    StepTimes with3d;
    StepTimes plain;
    StepTimes alone;
    for (int round = 0; round < 2; ++round) {
        for (Setup setup : {Setup::With3d, Setup::Plain2x2, Setup::ThreeSlicesAlone}) {
            showSetup(window, setup);
            drag(window, tumour);  // warm-up
            const StepTimes t = drag(window, tumour);
            (setup == Setup::With3d ? with3d : setup == Setup::Plain2x2 ? plain : alone).append(t);
        }
    }
    printTimes("cursor drag, 2x2-3d (CT, sCT, T2w slices + 3D)", with3d);
    printTimes("cursor drag, 2x2 (the same slices + a 4th slice pane)", plain);
    printTimes("cursor drag, 2x2-3d, 4th position empty (the same slices alone)", alone);
    auto ratio = [](const std::vector<double>& a, const std::vector<double>& b) {
        return percentile(a, 95) / std::max(percentile(b, 95), 1e-9);
    };
    std::printf("  p95 2x2-3d / 2x2: %.2f (goal <= 1.10); CPU %.2f\n",
                ratio(with3d.wallMs, plain.wallMs), ratio(with3d.cpuMs, plain.cpuMs));
    std::printf("  p95 2x2-3d / the same slices alone: %.2f; CPU %.2f\n",
                ratio(with3d.wallMs, alone.wallMs), ratio(with3d.cpuMs, alone.cpuMs));
    return 0;
}
