// Help menu: the keyboard and mouse reference (F1) and About.
#include <vtkVersion.h>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app/gui/MainWindow.h"
#include "core/Version.h"
#include "viewer/panes/PaneBindings.h"

namespace crosscheck::app {

namespace {

/// Every menu action with a shortcut, in menu order, as (shortcut, "Menu > Action").
std::vector<viewer::PaneBinding> menuShortcuts(const QMenuBar* bar) {
    std::vector<viewer::PaneBinding> out;
    for (QAction* top : bar->actions()) {
        if (top->menu() == nullptr) {
            continue;
        }
        const QString menu = top->text().remove(QLatin1Char('&'));
        for (QAction* action : top->menu()->actions()) {
            if (action->shortcut().isEmpty()) {
                continue;
            }
            QString text = action->text().remove(QLatin1Char('&'));
            if (text.endsWith(QStringLiteral("..."))) {
                text.chop(3);
            }
            out.push_back({action->shortcut().toString(QKeySequence::NativeText),
                           QStringLiteral("%1 > %2").arg(menu, text)});
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

void MainWindow::buildHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* keys = help->addAction(tr("&Keyboard and mouse"));
    keys->setShortcut(QKeySequence(Qt::Key_F1));
    connect(keys, &QAction::triggered, this, &MainWindow::showKeyboardHelp);
    QAction* about = help->addAction(tr("&About Crosscheck"));
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

QDialog* MainWindow::showKeyboardHelp() {
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("keyboardHelp"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Keyboard and mouse"));
    auto* table = new QTableWidget(0, 2, dialog);
    table->setHorizontalHeaderLabels({tr("Keys or mouse"), tr("What it does")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    addSection(table, tr("Menus"), menuShortcuts(menuBar()));
    addSection(table, tr("In an image pane"), viewer::paneBindings());
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
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
    dialog->show();
    return dialog;
}

QString MainWindow::aboutText() const {
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

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Crosscheck"), aboutText());
}

}  // namespace crosscheck::app
