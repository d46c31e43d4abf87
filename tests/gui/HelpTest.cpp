// Help > Keyboard and mouse lists every menu shortcut and the panes' keys, and what it says
// is what the keys do: on the phantom's CT pane each listed preset number sets the window
// the list names, and A / S / C set the orientations it names. About names the version
// and says the software is not a medical device.
#include <QAction>
#include <QDialog>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <map>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/Version.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::SlicePane;
namespace cc = crosscheck;

class HelpTest : public QObject {
    Q_OBJECT
private slots:
    void everyMenuShortcutIsListed();
    void noKeyIsBoundTwice();
    void thePresetAndOrientationKeysDoWhatTheListSays();
    void aboutNamesTheVersionAndWhatItIsNot();
};

namespace {

/// The help table's rows as (keys, what it does); section headings have no second cell.
std::vector<std::pair<QString, QString>> helpRows(MainWindow& window) {
    QDialog* dialog = window.showKeyboardHelp();
    auto* table = dialog->findChild<QTableWidget*>();
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty() && QTest::qWaitForWindowExposed(dialog)) {
        table->scrollToBottom();  // the pane section
        dialog->grab().save(docs + QStringLiteral("/help-keyboard.png"));
    }
    std::vector<std::pair<QString, QString>> rows;
    for (int r = 0; table != nullptr && r < table->rowCount(); ++r) {
        if (table->item(r, 1) != nullptr) {
            rows.emplace_back(table->item(r, 0)->text(), table->item(r, 1)->text());
        }
    }
    dialog->close();
    return rows;
}

}  // namespace

namespace {

/// Every action with a shortcut under these actions, submenus included.
void actionsWithShortcuts(const QList<QAction*>& actions, QList<QAction*>& out) {
    for (QAction* action : actions) {
        if (action->menu() != nullptr) {
            actionsWithShortcuts(action->menu()->actions(), out);
        } else if (!action->shortcuts().isEmpty()) {
            out << action;
        }
    }
}

}  // namespace

void HelpTest::everyMenuShortcutIsListed() {
    MainWindow window;
    const auto rows = helpRows(window);
    QList<QAction*> actions;
    actionsWithShortcuts(window.menuBar()->actions(), actions);
    // The File, Edit, View, Tools, ... menus have well over twenty shortcuts.
    QVERIFY(actions.size() > 20);
    for (QAction* action : actions) {
        QString name = action->text().remove(QLatin1Char('&'));
        name.remove(QStringLiteral("..."));
        for (const QKeySequence& shortcut : action->shortcuts()) {
            const QString keys = shortcut.toString(QKeySequence::NativeText);
            const bool listed = std::any_of(rows.begin(), rows.end(), [&](const auto& row) {
                return row.first.split(QStringLiteral(", ")).contains(keys) &&
                       row.second.contains(name);
            });
            QVERIFY2(listed, qPrintable(keys + QStringLiteral(" ") + name));
        }
    }
    const bool f1 = std::any_of(rows.begin(), rows.end(), [](const auto& row) {
        return row.first == QStringLiteral("F1") && row.second.contains(QStringLiteral("Keyboard"));
    });
    QVERIFY(f1);
    // F1 again brings the same window forward instead of opening another.
    QDialog* first = window.showKeyboardHelp();
    QCOMPARE(window.showKeyboardHelp(), first);
    first->close();
}

void HelpTest::noKeyIsBoundTwice() {
    // Qt triggers nothing for a key two window actions share ("Ambiguous shortcut").
    MainWindow window;
    QList<QAction*> actions;
    actionsWithShortcuts(window.menuBar()->actions(), actions);
    for (QAction* extra : window.findChildren<QAction*>()) {
        if (!extra->shortcuts().isEmpty() && !actions.contains(extra)) {
            actions << extra;  // toolbar and widget actions
        }
    }
    std::map<QString, QString> owner;
    for (QAction* action : actions) {
        for (const QKeySequence& key : action->shortcuts()) {
            const QString text = key.toString(QKeySequence::PortableText);
            const auto [it, fresh] = owner.emplace(text, action->text());
            QVERIFY2(fresh, qPrintable(text + QStringLiteral(": ") + it->second +
                                       QStringLiteral(" and ") + action->text()));
        }
    }
}

void HelpTest::thePresetAndOrientationKeysDoWhatTheListSays() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    cc::testing::writeSmallPhantom(dir.path(), 3);
    MainWindow window;
    QVERIFY(cc::testing::openStudy(window, dir.path(), QSize(1000, 800)));
    SlicePane* ct = nullptr;
    for (SlicePane* pane : window.paneGrid()->panes()) {
        if (pane->hasSeries() && pane->series().role == cc::SeriesRole::CT) {
            ct = pane;
        }
    }
    QVERIFY(ct);
    const QRegularExpression preset(QStringLiteral(R"(W (-?[\d.]+), L (-?[\d.]+))"));
    int presets = 0;
    for (const auto& [keys, what] : helpRows(window)) {
        const auto match = preset.match(what);
        if (keys.size() != 1 || !keys.at(0).isDigit() || !match.hasMatch()) {
            continue;
        }
        QTest::keyClick(ct, keys.at(0).toLatin1());
        QCOMPARE(ct->currentWindow().width, match.captured(1).toDouble());
        QCOMPARE(ct->currentWindow().level, match.captured(2).toDouble());
        ++presets;
    }
    QCOMPARE(presets, static_cast<int>(cc::ctWindowPresets().size()));
    QTest::keyClick(ct, 's');
    QCOMPARE(ct->orientation(), cc::ViewOrientation::Sagittal);
    QTest::keyClick(ct, 'c');
    QCOMPARE(ct->orientation(), cc::ViewOrientation::Coronal);
    QTest::keyClick(ct, 'a');
    QCOMPARE(ct->orientation(), cc::ViewOrientation::Axial);
}

void HelpTest::aboutNamesTheVersionAndWhatItIsNot() {
    MainWindow window;
    const QString text = window.aboutText();
    QVERIFY(text.contains(QString::fromUtf8(cc::versionString())));
    QVERIFY(text.contains(QString::fromUtf8(cc::gitCommit())));
    QVERIFY(text.contains(QStringLiteral("not a medical device")));
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    HelpTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "HelpTest.moc"
