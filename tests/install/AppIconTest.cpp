// The application icon is compiled in (Qt resources) in every size the SVG is rendered to.
#include <QGuiApplication>
#include <QIcon>
#include <cstdio>

#include "resources/AppIcon.h"

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    const QIcon icon = crosscheck::resources::appIcon();
    int failures = 0;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        if (!icon.availableSizes().contains(QSize(size, size))) {
            std::fprintf(stderr, "FAIL: no %dx%d icon compiled in\n", size, size);
            ++failures;
        }
    }
    const QImage image = icon.pixmap(QSize(256, 256)).toImage();
    if (image.size() != QSize(256, 256) || image.pixelColor(128, 128).alpha() == 0) {
        std::fprintf(stderr, "FAIL: the 256x256 icon is empty\n");
        ++failures;
    }
    if (crosscheck::resources::appId() != QStringLiteral("org.crosscheck.Crosscheck")) {
        std::fprintf(stderr, "FAIL: app id %s\n", qPrintable(crosscheck::resources::appId()));
        ++failures;
    }
    std::printf("%s\n", failures == 0 ? "ok" : "failed");
    return failures == 0 ? 0 : 1;
}
