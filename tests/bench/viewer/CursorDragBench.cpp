// Cursor-drag frame time: 200 cursor steps through the phantom in the 1x4 layout at
// 1920x1080 and again with one pane, timing each step from the cursor change until every
// visible pane has painted its new frame into the window and the window has been flushed
// to the X server (the event that paints also flushes, before the waiting loop can
// return). Prints p50 / p95 per layout and their ratio, and the
// process CPU time per step (all threads, Mesa's rasterizer threads included): on a busy
// machine wall time mostly measures the neighbours, CPU time much less so. Then the same
// for hovering (the probe follows the mouse: only the panes' overlays change).
//
// Last, the 1x4 cursor drag again with the overlays a reader works with: the CT-vs-sCT
// comparison (difference colours on the CT, outlines of the findings in every pane, the
// banner on the sCT) and three ROIs through the tumour (axial and sagittal ellipses, a
// coronal rectangle).
//
// Usage: cursor_drag_bench STUDY_DIR [LAYOUT...]   (a phantom folder with ground_truth.json;
// layouts default to 1x4 1x1)
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
#include "core/model/Study.h"
#include "core/roi/Roi.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/state/ViewState.h"

namespace {

constexpr int kSteps = 200;

struct StepTimes {
    std::vector<double> wallMs;
    std::vector<double> cpuMs;
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

enum class Motion { Cursor, Probe };

/// Milliseconds from each cursor (or probe) step until every visible pane has shown it.
StepTimes drag(crosscheck::app::MainWindow& window, const Eigen::Vector3d& start, Motion motion) {
    StepTimes times;
    const auto panes = window.paneGrid()->visiblePanes();
    for (int step = 0; step < kSteps; ++step) {
        int pending = static_cast<int>(panes.size());
        QEventLoop loop;
        std::vector<QMetaObject::Connection> connections;
        for (auto* pane : panes) {
            connections.push_back(QObject::connect(
                pane, &crosscheck::viewer::VtkRenderWidget::framePainted, &loop, [&] {
                    if (--pending == 0) {
                        loop.quit();
                    }
                }));
        }
        // A diagonal drag: every orientation's slice changes at every step.
        const Eigen::Vector3d offset = Eigen::Vector3d(0.4, 0.3, 0.5) * (step % 100 - 50);
        QElapsedTimer timer;
        const double cpuStart = processCpuMs();
        timer.start();
        if (motion == Motion::Cursor) {
            window.viewState()->setCursor(crosscheck::PatientPoint{start + offset});
        } else {
            window.viewState()->setProbe(crosscheck::PatientPoint{start + offset});
        }
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        loop.exec();
        times.wallMs.push_back(timer.nsecsElapsed() / 1e6);
        times.cpuMs.push_back(processCpuMs() - cpuStart);
        for (auto& c : connections) {
            QObject::disconnect(c);
        }
    }
    return times;
}

void printTimes(const char* label, const StepTimes& t) {
    std::printf("  %s: p50 %.1f ms, p95 %.1f ms (CPU per step: p50 %.1f ms, p95 %.1f ms)\n", label,
                percentile(t.wallMs, 50), percentile(t.wallMs, 95), percentile(t.cpuMs, 50),
                percentile(t.cpuMs, 95));
}

/// The comparison's overlays and three ROIs through the tumour centre; false when the
/// comparison found nothing to draw.
bool addOverlays(crosscheck::app::MainWindow& window, const Eigen::Vector3d& tumour) {
    QSignalSpy analysed(&window, &crosscheck::app::MainWindow::analysisFinished);
    window.analyzeDiscrepancies();
    if (!analysed.wait(300000) || !window.discrepancyLayer()->hasResult()) {
        return false;
    }
    window.discrepancyLayer()->setShowDifference(true);
    auto* layer = window.annotationLayer();
    const std::string frame = layer->referenceFrameUid();
    const Eigen::Vector3d x = Eigen::Vector3d::UnitX();
    const Eigen::Vector3d y = Eigen::Vector3d::UnitY();
    const Eigen::Vector3d z = Eigen::Vector3d::UnitZ();
    layer->addRoi(crosscheck::Roi::ellipse(frame, tumour, x, y, {12, 9}));
    layer->addRoi(crosscheck::Roi::ellipse(frame, tumour, y, z, {9, 14}));
    layer->addRoi(crosscheck::Roi::rectangle(frame, tumour, x, z, {24, 28}));
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: cursor_drag_bench STUDY_DIR [LAYOUT...]\n");
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
    crosscheck::app::MainWindow window;
    window.resize(1920, 1080);
    window.show();
    QSignalSpy shown(&window, &crosscheck::app::MainWindow::studyShown);
    window.openPaths({dir});
    if (!shown.wait(300000)) {
        std::fprintf(stderr, "cursor_drag_bench: the study did not load\n");
        return 1;
    }
    crosscheck::TransformProvenance basis;
    basis.basis = crosscheck::TransformBasis::File;
    window.setFrameTransform(truth["ct_frame_uid"], truth["mr_frame_uid"], ctToMr, basis);
    Eigen::Vector3d start;
    for (int a = 0; a < 3; ++a) {
        start[a] = truth["tumor"]["center_ct_mm"][a].get<double>();
    }
    std::printf("cursor drag, %d steps, window %dx%d\n", kSteps, window.width(), window.height());
    std::vector<QString> layouts;
    for (int i = 2; i < argc; ++i) {
        layouts.push_back(QString::fromLocal8Bit(argv[i]));
    }
    if (layouts.empty()) {
        layouts = {QStringLiteral("1x4"), QStringLiteral("1x1")};
    }
    std::vector<double> p95;
    for (const QString& layout : layouts) {
        if (!window.paneGrid()->setLayoutName(layout)) {
            std::fprintf(stderr, "cursor_drag_bench: unknown layout %s\n", qPrintable(layout));
            return 2;
        }
        drag(window, start, Motion::Cursor);  // warm-up: first frames allocate textures
        const StepTimes t = drag(window, start, Motion::Cursor);
        p95.push_back(percentile(t.wallMs, 95));
        std::printf("  %s: p50 %.1f ms, p95 %.1f ms (CPU per step: p50 %.1f ms, p95 %.1f ms)\n",
                    qPrintable(layout), percentile(t.wallMs, 50), p95.back(),
                    percentile(t.cpuMs, 50), percentile(t.cpuMs, 95));
    }
    window.viewState()->setCursor(crosscheck::PatientPoint{start});
    for (const QString& layout : layouts) {
        window.paneGrid()->setLayoutName(layout);
        drag(window, start, Motion::Probe);
        const StepTimes t = drag(window, start, Motion::Probe);
        std::printf(
            "  %s hover (probe only): p50 %.1f ms, p95 %.1f ms (CPU per step: p50 %.1f ms, "
            "p95 %.1f ms)\n",
            qPrintable(layout), percentile(t.wallMs, 50), percentile(t.wallMs, 95),
            percentile(t.cpuMs, 50), percentile(t.cpuMs, 95));
    }
    if (p95.size() == 2) {
        std::printf("  p95 %s / %s: %.2f\n", qPrintable(layouts[0]), qPrintable(layouts[1]),
                    p95[0] / std::max(p95[1], 1e-9));
    }
    if (!addOverlays(window, start)) {
        std::fprintf(stderr, "cursor_drag_bench: the comparison found nothing to overlay\n");
        return 1;
    }
    window.paneGrid()->setLayoutName(QStringLiteral("1x4"));
    drag(window, start, Motion::Cursor);
    printTimes("1x4 with overlays (difference, outlines, banner, 3 ROIs)",
               drag(window, start, Motion::Cursor));
    return 0;
}
