// The PDF tests render with QPainter into QPdfWriter, which needs a QGuiApplication; the
// offscreen platform needs no display.
#define CATCH_CONFIG_RUNNER
#include <QGuiApplication>
#include <catch2/catch.hpp>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication application(argc, argv);
    return Catch::Session().run(argc, argv);
}
