// Help menu: the keyboard and mouse reference (F1) and About.
#include "app/gui/HelpMenu.h"

#include <vtkVersion.h>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/Version.h"
#include "resources/AppIcon.h"
#include "viewer/panes/PaneBindings.h"

namespace crosscheck::app {

namespace {

/// Every action with a shortcut in `menu` and its submenus, in menu order, as
/// (shortcuts, "Menu > Submenu > Action").
void collectShortcuts(const QMenu* menu, const QString& path,
                      std::vector<viewer::PaneBinding>& out) {
    for (QAction* action : menu->actions()) {
        QString text = action->text().remove(QLatin1Char('&'));
        if (text.endsWith(QStringLiteral("..."))) {
            text.chop(3);
        }
        if (action->menu() != nullptr) {
            collectShortcuts(action->menu(), QStringLiteral("%1 > %2").arg(path, text), out);
            continue;
        }
        if (action->shortcuts().isEmpty()) {
            continue;
        }
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts()) {
            keys << key.toString(QKeySequence::NativeText);
        }
        out.push_back({keys.join(QStringLiteral(", ")), QStringLiteral("%1 > %2").arg(path, text)});
    }
}

std::vector<viewer::PaneBinding> menuShortcuts(const QMenuBar* bar) {
    std::vector<viewer::PaneBinding> out;
    for (QAction* top : bar->actions()) {
        if (top->menu() != nullptr) {
            collectShortcuts(top->menu(), top->text().remove(QLatin1Char('&')), out);
        }
    }
    return out;
}

void addSection(QTableWidget* table, const QString& title,
                const std::vector<viewer::PaneBinding>& rows) {
    int row = table->rowCount();
    table->insertRow(row);
    auto* heading = new QTableWidgetItem(title);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    table->setItem(row, 0, heading);
    table->setSpan(row, 0, 1, 2);
    for (const auto& binding : rows) {
        table->insertRow(++row);
        table->setItem(row, 0, new QTableWidgetItem(binding.input));
        table->setItem(row, 1, new QTableWidgetItem(binding.action));
    }
}

}  // namespace

HelpMenu::HelpMenu(QMainWindow* window) : QObject(window), m_window(window) {
    QMenu* help = window->menuBar()->addMenu(tr("&Help"));
    QAction* keys = help->addAction(tr("&Keyboard and mouse"));
    keys->setShortcut(QKeySequence(Qt::Key_F1));
    connect(keys, &QAction::triggered, this, &HelpMenu::showKeyboardHelp);
    QAction* about = help->addAction(tr("&About Crosscheck"));
    connect(about, &QAction::triggered, this, &HelpMenu::showAbout);
}

QDialog* HelpMenu::showKeyboardHelp() {
    // One window, kept (hidden on close) and refilled each time: menu texts change.
    QDialog* dialog = m_keyboardHelp;
    QTableWidget* table = m_keyboardTable;
    if (dialog == nullptr) {
        dialog = new QDialog(m_window);
        m_keyboardHelp = dialog;
        dialog->setObjectName(QStringLiteral("keyboardHelp"));
        dialog->setWindowTitle(tr("Keyboard and mouse"));
        table = new QTableWidget(0, 2, dialog);
        table->setHorizontalHeaderLabels({tr("Keys or mouse"), tr("What it does")});
        table->verticalHeader()->hide();
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionMode(QAbstractItemView::NoSelection);
        table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
        table->setShowGrid(false);
        table->setAlternatingRowColors(true);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        auto* layout = new QVBoxLayout(dialog);
        layout->addWidget(table);
        layout->addWidget(buttons);
        dialog->resize(960, 720);
        m_keyboardTable = table;
    }
    table->setRowCount(0);
    addSection(table, tr("Menus"), menuShortcuts(m_window->menuBar()));
    addSection(table, tr("In an image pane"), viewer::paneBindings());
    addSection(table, tr("In the measurement table"),
               {{QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText),
                 tr("Copy the rows as tab-separated text (for a spreadsheet)")}});
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

QString HelpMenu::aboutText() const {
    return tr("<h3>Crosscheck %1</h3>"
              "<p>Compares a patient's CT, T1w and T2w MRI and MRI-derived synthetic CT "
              "side by side and says where the synthetic CT disagrees with the CT.</p>"
              "<p><b>Research software, not a medical device.</b> A synthetic CT is "
              "computed from MRI, not measured; check every finding on the source "
              "images.</p>"
              "<p>Commit %2<br>Qt %3, VTK %4</p>")
        .arg(QString::fromUtf8(versionString()), QString::fromUtf8(gitCommit()),
             QString::fromLatin1(qVersion()), QString::fromLatin1(vtkVersion::GetVTKVersion()));
}

void HelpMenu::showAbout() {
    QMessageBox box(QMessageBox::NoIcon, tr("About Crosscheck"), aboutText(), QMessageBox::Ok,
                    m_window);
    box.setIconPixmap(resources::appIcon().pixmap(QSize(64, 64)));
    box.exec();
}

}  // namespace crosscheck::app
