// crosscheck: the GUI. Parses the command line of ../shared/CLI.md and wires the window.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <set>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/Version.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"

namespace {

struct GuiOptions {
    QString layout = QStringLiteral("2x2");
    QString screenshot;
    bool demo = false;
};

/// Parses the command line; exits the process itself for --help, --version and errors.
GuiOptions parseOptions(const QApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Crosscheck: CT, MRI and synthetic CT side by side"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Open the built-in demo study."));
    const QCommandLineOption layout(QStringLiteral("layout"),
                                    QStringLiteral("Pane layout: 1x1, 1x2, 2x2 or 1x4."),
                                    QStringLiteral("layout"), QStringLiteral("2x2"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render once, write the composed panes to this PNG, exit."),
        QStringLiteral("file"));
    parser.addOptions({demo, layout, screenshot});
    parser.process(app);
    GuiOptions options;
    options.demo = parser.isSet(demo);
    options.layout = parser.value(layout);
    options.screenshot = parser.value(screenshot);
    return options;
}

/// Writes the composed panes once every visible pane has shown a frame, then quits.
void screenshotWhenPainted(crosscheck::app::PaneGrid* grid, const QString& path) {
    auto pending = std::make_shared<std::set<QObject*>>();
    for (auto* pane : grid->visiblePanes()) {
        pending->insert(pane);
        QObject::connect(pane, &QOpenGLWidget::frameSwapped, grid, [grid, pane, pending, path] {
            if (pending->erase(pane) == 0 || !pending->empty()) {
                return;
            }
            const bool saved = grid->grabComposed().save(path, "PNG");
            if (!saved) {
                std::fprintf(stderr, "crosscheck: cannot write screenshot %s\n", qPrintable(path));
            }
            QApplication::exit(saved ? 0 : 1);
        });
    }
}

}  // namespace

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("crosscheck"));
    QApplication::setApplicationVersion(
        QStringLiteral("%1 (%2)").arg(crosscheck::versionString(), crosscheck::gitCommit()));
    const GuiOptions options = parseOptions(app);

    crosscheck::app::MainWindow window;
    if (!window.paneGrid()->setLayoutName(options.layout)) {
        std::fprintf(stderr, "crosscheck: unknown layout '%s' (use 1x1, 1x2, 2x2 or 1x4)\n",
                     qPrintable(options.layout));
        return 2;
    }
    window.showTestPatterns();
    window.resize(1600, 900);
    if (!options.screenshot.isEmpty()) {
        screenshotWhenPainted(window.paneGrid(), options.screenshot);
    }
    window.show();
    return QApplication::exec();
}
