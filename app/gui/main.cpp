// crosscheck: the GUI. Parses the command line of docs/cli.md (--help and --version
// without a display) and wires the window.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <set>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "app/gui/SessionController.h"
#include "core/Version.h"
#include "core/session/SessionFile.h"
#include "resources/AppIcon.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/state/ViewState.h"
#include "viewer/volume/VolumePane.h"

namespace {

struct GuiOptions {
    QString layout = QStringLiteral("2x2");
    QString screenshot;
    bool demo = false;
    QStringList paths;
    std::optional<crosscheck::PatientPoint> cursor;
    double zoom = 1.0;
    bool checkerboard = false;
};

/// "X,Y,Z" in mm; empty when malformed.
std::optional<crosscheck::PatientPoint> parseCursor(const QString& text) {
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 3) {
        return std::nullopt;
    }
    crosscheck::PatientPoint p;
    for (int a = 0; a < 3; ++a) {
        bool ok = false;
        p.mm[a] = parts[a].trimmed().toDouble(&ok);
        if (!ok) {
            return std::nullopt;
        }
    }
    return p;
}

/// The command line of docs/cli.md, defined once for both parses below.
struct CommandLine {
    QCommandLineParser parser;
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption demo{QStringLiteral("demo"),
                                  QStringLiteral("Open the built-in demo study.")};
    const QCommandLineOption layout{
        QStringLiteral("layout"),
        QStringLiteral("Pane layout: 1x1, 1x2, 2x2, 1x4, or 2x2-3d (CT, sCT, T2w "
                       "and a 3D rendering of the CT)."),
        QStringLiteral("layout"), QStringLiteral("2x2")};
    const QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QStringLiteral("Render once, write the composed panes to this PNG, exit."),
        QStringLiteral("file")};
    const QCommandLineOption cursor{
        QStringLiteral("cursor"),
        QStringLiteral("Cursor in the reference frame, X,Y,Z in mm (LPS)."),
        QStringLiteral("x,y,z")};
    const QCommandLineOption zoom{QStringLiteral("zoom"),
                                  QStringLiteral("Initial zoom of every pane (1 fits the CT)."),
                                  QStringLiteral("factor"), QStringLiteral("1")};
    const QCommandLineOption checkerboard{
        QStringLiteral("checkerboard"),
        QStringLiteral("Show the reference CT in a checkerboard over the other panes.")};

    CommandLine() {
        parser.setApplicationDescription(
            QStringLiteral("Crosscheck: CT, MRI and synthetic CT side by side"));
        parser.addOptions({demo, layout, screenshot, cursor, zoom, checkerboard});
        parser.addPositionalArgument(QStringLiteral("paths"),
                                     QStringLiteral("Study folders or DICOM files."),
                                     QStringLiteral("[PATH...]"));
    }
};

/// Answers --help and --version before QApplication exists, so they need no display (for
/// packaging, help2man and scripts). Everything else, errors and Qt's own options such as
/// -platform included, is left to parseOptions. Returns the exit code when answered.
std::optional<int> answerWithoutDisplay(int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments << QString::fromLocal8Bit(argv[i]);
    }
    CommandLine line;
    if (!line.parser.parse(arguments)) {
        return std::nullopt;
    }
    if (line.parser.isSet(line.help)) {
        // Without an application object Qt cannot name the executable in the usage line.
        QString text = line.parser.helpText();
        text.replace(QStringLiteral("<executable_name>"), QCoreApplication::applicationName());
        std::fputs(qPrintable(text), stdout);
        return 0;
    }
    if (line.parser.isSet(line.version)) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                    qPrintable(QCoreApplication::applicationVersion()));
        return 0;
    }
    return std::nullopt;
}

/// Parses the command line; exits the process itself for --help, --version and errors.
GuiOptions parseOptions(const QApplication& app) {
    CommandLine line;
    QCommandLineParser& parser = line.parser;
    parser.process(app);
    GuiOptions options;
    options.demo = parser.isSet(line.demo);
    options.layout = parser.value(line.layout);
    options.screenshot = parser.value(line.screenshot);
    options.paths = parser.positionalArguments();
    options.checkerboard = parser.isSet(line.checkerboard);
    bool zoomOk = false;
    options.zoom = parser.value(line.zoom).toDouble(&zoomOk);
    if (!zoomOk || options.zoom < 0.1 || options.zoom > 40.0) {
        std::fprintf(stderr, "crosscheck: --zoom wants a factor between 0.1 and 40\n");
        std::exit(2);
    }
    if (parser.isSet(line.cursor)) {
        options.cursor = parseCursor(parser.value(line.cursor));
        if (!options.cursor) {
            std::fprintf(stderr, "crosscheck: --cursor wants X,Y,Z in mm, got '%s'\n",
                         qPrintable(parser.value(line.cursor)));
            std::exit(2);
        }
    }
    return options;
}

/// A 3D pane whose camera is still moving renders coarse frames; the full-quality one
/// follows when it rests.
bool inMotion(crosscheck::viewer::VtkRenderWidget* pane) {
    const auto* volume = qobject_cast<crosscheck::viewer::VolumePane*>(pane);
    return volume != nullptr && !volume->isFullQuality();
}

/// Writes the composed panes once every visible pane has shown a frame (a 3D pane its
/// full-quality frame), then quits.
void screenshotWhenPainted(crosscheck::app::PaneGrid* grid, const QString& path) {
    auto pending = std::make_shared<std::set<QObject*>>();
    for (auto* pane : grid->visibleRenderWidgets()) {
        pending->insert(pane);
        QObject::connect(pane, &crosscheck::viewer::VtkRenderWidget::framePainted, grid,
                         [grid, pane, pending, path] {
                             if (inMotion(pane) || pending->erase(pane) == 0 || !pending->empty()) {
                                 return;
                             }
                             const auto panes = grid->visibleRenderWidgets();
                             for (auto* other : panes) {
                                 if (inMotion(other)) {
                                     pending->insert(other);  // its rest repaints it
                                     return;
                                 }
                             }
                             for (auto* shown : panes) {
                                 if (!shown->canRender()) {
                                     std::fprintf(
                                         stderr,
                                         "crosscheck: no OpenGL: the panes cannot be drawn; no "
                                         "screenshot written\n");
                                     QApplication::exit(1);
                                     return;
                                 }
                             }
                             const bool saved = grid->grabComposed().save(path, "PNG");
                             if (!saved) {
                                 std::fprintf(stderr, "crosscheck: cannot write screenshot %s\n",
                                              qPrintable(path));
                             }
                             QApplication::exit(saved ? 0 : 1);
                         });
        pane->update();
    }
}

}  // namespace

int main(int argc, char** argv) {
    QApplication::setApplicationName(QStringLiteral("crosscheck"));
    QApplication::setApplicationVersion(
        QStringLiteral("%1 (%2)").arg(crosscheck::versionString(), crosscheck::gitCommit()));
    if (const auto answered = answerWithoutDisplay(argc, argv)) {
        return *answered;
    }
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    QApplication::setWindowIcon(crosscheck::resources::appIcon());
    // Lets Wayland compositors match the window to the desktop file and its icon.
    QGuiApplication::setDesktopFileName(crosscheck::resources::appId());
    const GuiOptions options = parseOptions(app);

    crosscheck::app::MainWindow window;
    if (!window.paneGrid()->setLayoutName(options.layout)) {
        std::fprintf(stderr, "crosscheck: unknown layout '%s' (use 1x1, 1x2, 2x2, 1x4 or 2x2-3d)\n",
                     qPrintable(options.layout));
        return 2;
    }
    if (options.cursor) {
        window.requestCursor(*options.cursor);
    }
    QObject::connect(&window, &crosscheck::app::MainWindow::studyShown, &window,
                     [&window, on = options.checkerboard] { window.setCheckerboard(on); });
    QObject::connect(
        &window, &crosscheck::app::MainWindow::studyShown, &window, [&window, zoom = options.zoom] {
            if (zoom == 1.0) {
                return;
            }
            // Zoomed in, the view centres on the cursor so what it points at stays in sight.
            auto* state = window.viewState();
            for (auto o : {crosscheck::ViewOrientation::Axial, crosscheck::ViewOrientation::Coronal,
                           crosscheck::ViewOrientation::Sagittal}) {
                const auto plane = crosscheck::ViewPlane::standard(o);
                const auto field = state->field(o).value_or(crosscheck::viewer::ViewField{});
                const Eigen::Vector2d centre = 0.5 * (field.lo + field.hi);
                const Eigen::Vector2d cursor(plane.right.dot(state->cursor().mm),
                                             plane.up.dot(state->cursor().mm));
                const Eigen::Vector2d pan = cursor - centre;
                state->setZoomPan(o, crosscheck::viewer::ZoomPan{zoom, pan.x(), pan.y()});
            }
        });
    window.resize(1920, 1080);
    const bool loading = options.demo || !options.paths.isEmpty();
    // One *.crosscheck.json path opens that session instead of scanning it for DICOM.
    const bool session =
        options.paths.size() == 1 &&
        options.paths.front().endsWith(QLatin1String(crosscheck::kSessionExtension));
    if (!options.screenshot.isEmpty()) {
        // No one is there to answer: questions go to stderr, answered "no"; errors are
        // printed by the loadFailed handler below.
        window.sessionController()->setAsker(
            [](crosscheck::app::SessionQuestion question, const QString& text) {
                if (question != crosscheck::app::SessionQuestion::Error) {
                    std::fprintf(stderr, "crosscheck: %s\n", qPrintable(text));
                }
                return crosscheck::app::SessionAnswer::Cancel;
            });
        if (loading) {
            // Opening registers the sCT's frame to the CT if needed and compares CT and sCT;
            // shoot when that is on screen.
            QObject::connect(&window, &crosscheck::app::MainWindow::openingSettled, &window,
                             [&window, &options] {
                                 screenshotWhenPainted(window.paneGrid(), options.screenshot);
                             });
            QObject::connect(&window, &crosscheck::app::MainWindow::loadFailed, &window,
                             [](const QString& message) {
                                 std::fprintf(stderr, "crosscheck: %s\n", qPrintable(message));
                                 QApplication::exit(1);
                             });
        } else {
            screenshotWhenPainted(window.paneGrid(), options.screenshot);
        }
    }
    window.setCompareOnOpen(true);
    if (options.demo) {
        window.openDemo();
    } else if (session) {
        window.openSessionFile(options.paths.front());
    } else if (!options.paths.isEmpty()) {
        window.openPaths(options.paths);
    } else {
        window.showTestPatterns();
    }
    window.show();
    if (options.screenshot.isEmpty()) {
        // Sessions an earlier run did not save: offered once the window is up.
        QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });
    }
    return QApplication::exec();
}
