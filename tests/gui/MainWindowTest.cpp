// Opens the main window on the four test patterns and checks that every pane shows its
// own pattern: the centre pixel has the grey its base value maps to.
#include <QSignalSpy>
#include <QTest>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::SlicePane;

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void everyPaneShowsItsOwnPattern();
    void layoutsShowTheRightNumberOfPanes();
};

namespace {
bool waitForFrame(SlicePane* pane) {
    QSignalSpy painted(pane, &crosscheck::viewer::VtkRenderWidget::framePainted);
    pane->update();
    return painted.wait(10000);
}
}  // namespace

void MainWindowTest::everyPaneShowsItsOwnPattern() {
    MainWindow window;
    window.showTestPatterns();
    window.resize(1000, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    int index = 0;
    for (SlicePane* pane : window.paneGrid()->panes()) {
        QVERIFY(waitForFrame(pane));
        const QImage image = pane->grabFramebuffer();
        QVERIFY(!image.isNull());
        const QColor centre = image.pixelColor(image.width() / 2, image.height() / 2);
        // Base value 100 (i + 1) in a window of width 500 at level 250.
        const int expected = qRound(255.0 * 100.0 * (index + 1) / 500.0);
        QVERIFY2(qAbs(centre.red() - expected) <= 3,
                 qPrintable(QStringLiteral("pane %1: centre grey %2, expected %3")
                                .arg(index)
                                .arg(centre.red())
                                .arg(expected)));
        QCOMPARE(centre.red(), centre.green());
        // Away from the image the pane is black background.
        const QColor corner = image.pixelColor(1, 1);
        QVERIFY(corner.red() < 10);
        ++index;
    }
}

void MainWindowTest::layoutsShowTheRightNumberOfPanes() {
    MainWindow window;
    window.show();
    auto* grid = window.paneGrid();
    QVERIFY(grid->setLayoutName(QStringLiteral("1x4")));
    QCOMPARE(grid->visiblePanes().size(), std::size_t{4});
    QVERIFY(grid->setLayoutName(QStringLiteral("1x2")));
    QCOMPARE(grid->visiblePanes().size(), std::size_t{2});
    QVERIFY(grid->setLayoutName(QStringLiteral("1x1")));
    QCOMPARE(grid->visiblePanes().size(), std::size_t{1});
    QVERIFY(!grid->setLayoutName(QStringLiteral("3x3")));
    QCOMPARE(grid->layoutName(), QStringLiteral("1x1"));
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    MainWindowTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "MainWindowTest.moc"
