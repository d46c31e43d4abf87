// First image: in a running window, the time from the open request (File > Open does
// MainWindow::openPaths) to the first frame a pane paints with the slice at the cursor
// decoded (the study is on screen while it loads: the first frame painted after the
// workflow announced new voxels with that slice among them), and to the study being
// whole (studyShown), best and median of N runs on a warm page cache. Each run opens the
// folder in a new window, so nothing is cached in the process.
//
// Usage: first_image_bench SERIES_DIR [RUNS]   (e.g. the 512 x 512 x 300 CT that
// tests/bench/dicom makes). Prints one line per run and the summary with the goal (0.3 s).
#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/StudyWorkflow.h"

namespace {

struct Run {
    double onScreenMs = -1;  ///< scanned, allocated and laid out (loadingShown)
    double firstPaintMs = -1;
    double shownMs = -1;
};

/// Opens `dir` in a fresh window; the first image is a pane's framePainted after the slice
/// at the cursor was decoded (an empty pane painting its "No series", or a pane drawing the
/// background of a volume still being decoded, does not count).
Run openOnce(const QString& dir) {
    crosscheck::app::MainWindow window;
    window.resize(1920, 1080);
    window.show();
    QApplication::processEvents();
    Run run;
    QElapsedTimer clock;
    bool cursorSliceDecoded = false;
    auto* workflow = window.workflow();
    const auto checkDecoded = [&] {
        for (auto* pane : window.paneGrid()->panes()) {
            if (pane->hasSeries() && workflow->isDecodedAt(pane->series().seriesInstanceUid,
                                                           workflow->viewState()->cursor())) {
                cursorSliceDecoded = true;
            }
        }
    };
    QObject::connect(workflow, &crosscheck::viewer::StudyWorkflow::volumeDataChanged, &window,
                     checkDecoded);
    QObject::connect(workflow, &crosscheck::viewer::StudyWorkflow::loadingShown, &window,
                     [&] { run.onScreenMs = clock.nsecsElapsed() / 1e6; });
    QObject::connect(workflow, &crosscheck::viewer::StudyWorkflow::studyShown, &window,
                     checkDecoded);
    for (auto* pane : window.paneGrid()->panes()) {
        QObject::connect(pane, &crosscheck::viewer::VtkRenderWidget::framePainted, &window,
                         [&run, &clock, &cursorSliceDecoded, pane] {
                             if (run.firstPaintMs < 0 && cursorSliceDecoded && pane->hasSeries()) {
                                 run.firstPaintMs = clock.nsecsElapsed() / 1e6;
                             }
                         });
    }
    QSignalSpy shown(&window, &crosscheck::app::MainWindow::studyShown);
    clock.start();
    window.openPaths({dir});
    if (!shown.wait(120000)) {
        return run;
    }
    run.shownMs = clock.nsecsElapsed() / 1e6;
    while (run.firstPaintMs < 0 && clock.elapsed() < 20000) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return run;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: first_image_bench SERIES_DIR [RUNS]\n");
        return 2;
    }
    const QString dir = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    std::vector<double> first, shown;
    for (int i = 0; i < runs; ++i) {
        const Run r = openOnce(dir);
        if (r.firstPaintMs < 0) {
            std::fprintf(stderr, "first_image_bench: %s did not show\n", argv[1]);
            return 1;
        }
        std::printf(
            "run %d: on screen (scanned) %.0f ms, first slice painted %.0f ms, study whole "
            "%.0f ms\n",
            i + 1, r.onScreenMs, r.firstPaintMs, r.shownMs);
        first.push_back(r.firstPaintMs);
        shown.push_back(r.shownMs);
    }
    std::printf(
        "first image: best %.0f ms, median %.0f ms = %.2f x goal (300 ms); study whole "
        "median %.0f ms\n",
        *std::min_element(first.begin(), first.end()), median(first), median(first) / 300.0,
        median(shown));
    return 0;
}
