// Drawing an ellipse with the mouse on the CT pane of the phantom, around the tumour:
// one undoable ROI, its rows in the measurement table (CT dense, sCT not, the CT - sCT
// row flagged), and undo / redo restoring each state.
#include <QActionGroup>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/model/Study.h"
#include "core/roi/StudyMeasurement.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/MeasurementTable.h"
#include "viewer/state/ViewState.h"
#include "viewer/tools/ToolRegistry.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::SlicePane;
namespace cc = crosscheck;

class RoiToolTest : public QObject {
    Q_OBJECT
private slots:
    void anEllipseDrawnOnTheCtIsMeasuredInEverySeries();
    void theToolsMenuAndToolbarListExactlyTheRegistrysTools();
};

namespace {

QString cellText(QTableWidget* table, int row, int column) {
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text() : QString();
}

int findRow(QTableWidget* table, const QString& series) {
    for (int r = 0; r < table->rowCount(); ++r) {
        if (cellText(table, r, 1) == series) {
            return r;
        }
    }
    return -1;
}

}  // namespace

void RoiToolTest::anEllipseDrawnOnTheCtIsMeasuredInEverySeries() {
    QTemporaryDir dir;
    const cc::PhantomGroundTruth truth = cc::testing::writeSmallPhantom(dir.path(), 5);
    MainWindow window;
    QVERIFY(cc::testing::openStudy(window, dir.path(), QSize(1400, 1000)));
    cc::testing::alignWithGroundTruth(window, truth);
    const Eigen::Vector3d centre = truth.tumor.centerCtMm;
    window.viewState()->setCursor(cc::PatientPoint{centre});
    window.viewState()->flush();

    SlicePane* ct = window.paneGrid()->panes().front();
    QCOMPARE(ct->series().role, cc::SeriesRole::CT);
    ct->setOrientation(cc::ViewOrientation::Axial);
    window.annotationLayer()->setTool(cc::viewer::AnnotationLayer::Tool::Ellipse);
    // A 8 x 6 mm box around the centre on the axial plane (right = +x, up = anterior = -y).
    const QPoint from =
        ct->referenceToWidget(cc::PatientPoint{centre + Eigen::Vector3d(-4, 3, 0)}).toPoint();
    const QPoint to =
        ct->referenceToWidget(cc::PatientPoint{centre + Eigen::Vector3d(4, -3, 0)}).toPoint();
    QVERIFY((to - from).manhattanLength() > 10);
    QTest::mousePress(ct, Qt::LeftButton, {}, from);
    QTest::mouseMove(ct, (from + to) / 2);
    QTest::mouseMove(ct, to);
    QTest::mouseRelease(ct, Qt::LeftButton, {}, to);

    const auto& annotations = window.annotationLayer()->history().annotations();
    QCOMPARE(annotations.size(), std::size_t{1});
    const cc::Roi& roi = annotations.front().roi;
    QCOMPARE(roi.shape, cc::RoiShape::Ellipse);
    QVERIFY((roi.centerMm - centre).norm() < 1.0);

    QTableWidget* table = window.measurementTable()->table();
    QTRY_VERIFY(table->rowCount() >= 5);  // four series and the CT - sCT row
    const int ctRow = findRow(table, QStringLiteral("CT"));
    const int sctRow = findRow(table, QStringLiteral("sCT"));
    const int deltaRow = findRow(table, QStringLiteral("CT - sCT"));
    QVERIFY(ctRow >= 0 && sctRow >= 0 && deltaRow >= 0);
    QVERIFY2(cellText(table, ctRow, 3).toDouble() > 250.0, qPrintable(cellText(table, ctRow, 3)));
    QVERIFY2(cellText(table, sctRow, 3).toDouble() < 100.0, qPrintable(cellText(table, sctRow, 3)));
    QVERIFY(cellText(table, sctRow, 19).contains(QStringLiteral("synthetic")));
    // Mean .. P95 each with one decimal, "-11.0" rather than "-11" next to "559.8".
    for (int column = 3; column <= 9; ++column) {
        const QString text = cellText(table, ctRow, column);
        QVERIFY2(QRegularExpression(QStringLiteral("^-?\\d+\\.\\d$")).match(text).hasMatch(),
                 qPrintable(text));
    }
    // Contrast against the ring, as core measures it; a wider ring changes it.
    {
        const auto rows =
            cc::measureInStudy(roi, *window.study(), window.measurementTable()->measureOptions());
        for (const auto& r : rows) {
            if (r.role == cc::SeriesRole::CT) {
                QVERIFY(r.measurement.contrast.has_value());
                QCOMPARE(cellText(table, ctRow, 18).toDouble(),
                         QString::number(*r.measurement.contrast, 'f', 1).toDouble());
            }
        }
        const double before = cellText(table, ctRow, 18).toDouble();
        cc::MeasureOptions wide = window.measurementTable()->measureOptions();
        wide.ringWidthMm = 8.0;
        window.measurementTable()->setMeasureOptions(wide);
        QTRY_VERIFY(cellText(table, findRow(table, QStringLiteral("CT")), 18).toDouble() != before);
        wide.ringWidthMm = 3.0;
        window.measurementTable()->setMeasureOptions(wide);
        QTRY_COMPARE(cellText(table, findRow(table, QStringLiteral("CT")), 18).toDouble(), before);
    }
    QCOMPARE(table->item(deltaRow, 3)->background().color(), QColor(200, 30, 30));
    QVERIFY(window.measurementTable()->toTsv().contains(QStringLiteral("CT - sCT")));

    // For the user guide: CROSSCHECK_DOC_IMAGES=DIR saves what this test sees.
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        QSignalSpy painted(ct, &crosscheck::viewer::VtkRenderWidget::framePainted);
        ct->update();
        QVERIFY(painted.wait(20000));
        ct->grabFramebuffer().save(docs + QStringLiteral("/roi-ellipse-ct.png"));
        window.measurementTable()->grab().save(docs + QStringLiteral("/roi-measurement-table.png"));
    }

    // F2 on the ROI column opens the name for editing (the window's F2, the series
    // browser, must not take the key from the table).
    auto* browserDock = window.seriesDock();
    QVERIFY(browserDock);
    const bool browserShown = browserDock->isVisible();
    // Window shortcuts only fire in the active window, as on a desktop.
    window.activateWindow();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    table->setFocus();
    table->setCurrentCell(ctRow, 0);
    QTest::keyClick(table, Qt::Key_F2);
    const auto editing = [table] {
        for (const QLineEdit* editor : table->findChildren<QLineEdit*>()) {
            if (editor->isVisible()) {
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY(editing());
    QCOMPARE(browserDock->isVisible(), browserShown);
    for (QLineEdit* editor : table->findChildren<QLineEdit*>()) {
        if (editor->isVisible()) {
            QTest::keyClick(editor, Qt::Key_Escape);
        }
    }
    QTRY_VERIFY(!editing());

    // Renaming in the table's ROI column is an undoable edit of the label.
    table->item(ctRow, 0)->setText(QStringLiteral("calcified tumour"));
    QCOMPARE(window.annotationLayer()->history().annotations().front().label,
             std::string("calcified tumour"));
    QTRY_COMPARE(cellText(table, findRow(table, QStringLiteral("sCT")), 0),
                 QStringLiteral("calcified tumour"));
    QVERIFY(window.annotationLayer()->history().undo());
    QCOMPARE(window.annotationLayer()->history().annotations().front().label, std::string("ROI 1"));
    QTRY_COMPARE(cellText(table, findRow(table, QStringLiteral("CT")), 0), QStringLiteral("ROI 1"));

    // A higher visible-extent threshold re-measures every row with it, as core does.
    cc::MeasureOptions strict = window.measurementTable()->measureOptions();
    strict.visibleThresholdHu = 1000.0;
    const auto expected = cc::measureInStudy(roi, *window.study(), strict);
    const double before = cellText(table, findRow(table, QStringLiteral("CT")), 15).toDouble();
    window.measurementTable()->setMeasureOptions(strict);
    QTRY_VERIFY(cellText(table, findRow(table, QStringLiteral("CT")), 15).toDouble() != before);
    for (const auto& row : expected) {
        if (row.role == cc::SeriesRole::CT) {
            QCOMPARE(cellText(table, findRow(table, QStringLiteral("CT")), 15).toDouble(),
                     QString::number(*row.measurement.visibleExtentMm, 'f', 1).toDouble());
        }
    }

    window.annotationLayer()->history().undo();
    QVERIFY(window.annotationLayer()->history().annotations().empty());
    QTRY_COMPARE(table->rowCount(), 0);
    window.annotationLayer()->history().redo();
    QCOMPARE(window.annotationLayer()->history().annotations().size(), std::size_t{1});
    QVERIFY(window.annotationLayer()->history().annotations().front().roi == roi);
}

namespace {

/// The ids of the tool actions among these (the tool actions carry their registry id).
QStringList toolIds(const QList<QAction*>& actions) {
    QStringList ids;
    for (const QAction* action : actions) {
        if (!action->data().toString().isEmpty()) {
            ids << action->data().toString();
        }
    }
    return ids;
}

}  // namespace

void RoiToolTest::theToolsMenuAndToolbarListExactlyTheRegistrysTools() {
    MainWindow window;
    using cc::viewer::ToolRegistry;
    QStringList offered;
    for (const cc::viewer::ToolInfo& tool : ToolRegistry::tools()) {
        if (tool.offered) {
            offered << QString::fromStdString(tool.id);
        }
    }
    // The built-in ones, all but the landmark tool (the landmark dialog's).
    QCOMPARE(offered.size(), 10);
    QVERIFY(!offered.contains(QString::fromLatin1(cc::viewer::AnnotationLayer::Tool::Landmark)));

    auto* bar = window.findChild<QToolBar*>(QStringLiteral("roiToolBar"));
    QVERIFY(bar != nullptr);
    QCOMPARE(toolIds(bar->actions()), offered);
    QMenu* tools = nullptr;
    for (QAction* menu : window.menuBar()->actions()) {
        if (menu->menu() != nullptr && menu->text() == QStringLiteral("&Tools")) {
            tools = menu->menu();
        }
    }
    QVERIFY(tools != nullptr);
    QCOMPARE(toolIds(tools->actions()), offered);

    // Each action is its tool: its name, key and tool-tip, and it chooses it.
    for (QAction* action : bar->actions()) {
        const std::string id = action->data().toString().toStdString();
        if (id.empty()) {
            continue;
        }
        const cc::viewer::ToolInfo* tool = ToolRegistry::find(id);
        QVERIFY(tool != nullptr);
        QCOMPARE(action->text(), tool->name);
        QCOMPARE(action->shortcut(), tool->key);
        QVERIFY(!action->shortcut().isEmpty());
        QCOMPARE(action->toolTip(), tool->toolTip);
        action->trigger();
        QVERIFY(window.annotationLayer()->tool() == id);
        QVERIFY(action->isChecked());
    }
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    RoiToolTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "RoiToolTest.moc"
