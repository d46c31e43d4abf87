// Cursor-drag frame time: 200 cursor steps through the phantom in the 1x4 layout at
// 1920x1080 and again with one pane, timing each step from the cursor change until every
// visible pane has swapped its frame. Prints p50 / p95 per layout and their ratio.
//
// Usage: cursor_drag_bench STUDY_DIR   (a phantom folder with ground_truth.json)
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
#include "core/model/Study.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/state/ViewState.h"

namespace {

constexpr int kSteps = 200;

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(
        std::clamp(p / 100.0 * (values.size() - 1), 0.0, values.size() - 1.0));
    return values[index];
}

/// Milliseconds from each cursor step until every visible pane has shown it.
std::vector<double> dragCursor(crosscheck::app::MainWindow& window, const Eigen::Vector3d& start) {
    std::vector<double> frameMs;
    const auto panes = window.paneGrid()->visiblePanes();
    for (int step = 0; step < kSteps; ++step) {
        int pending = static_cast<int>(panes.size());
        QEventLoop loop;
        std::vector<QMetaObject::Connection> connections;
        for (auto* pane : panes) {
            connections.push_back(QObject::connect(pane, &QOpenGLWidget::frameSwapped, &loop, [&] {
                if (--pending == 0) {
                    loop.quit();
                }
            }));
        }
        // A diagonal drag: every orientation's slice changes at every step.
        const Eigen::Vector3d offset = Eigen::Vector3d(0.4, 0.3, 0.5) * (step % 100 - 50);
        QElapsedTimer timer;
        timer.start();
        window.viewState()->setCursor(crosscheck::PatientPoint{start + offset});
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        loop.exec();
        frameMs.push_back(timer.nsecsElapsed() / 1e6);
        for (auto& c : connections) {
            QObject::disconnect(c);
        }
    }
    return frameMs;
}

}  // namespace

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: cursor_drag_bench STUDY_DIR\n");
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
    double p95[2] = {0, 0};
    int index = 0;
    for (const char* layout : {"1x4", "1x1"}) {
        window.paneGrid()->setLayoutName(QLatin1String(layout));
        dragCursor(window, start);  // warm-up: first frames allocate textures
        const auto ms = dragCursor(window, start);
        p95[index++] = percentile(ms, 95);
        std::printf("  %s: p50 %.1f ms, p95 %.1f ms\n", layout, percentile(ms, 50),
                    percentile(ms, 95));
    }
    std::printf("  p95 four panes / one pane: %.2f\n", p95[0] / std::max(p95[1], 1e-9));
    return 0;
}
