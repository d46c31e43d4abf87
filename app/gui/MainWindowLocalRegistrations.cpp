// Registration > Use transform: the frames joined to the reference use their global
// transform, one of the local registrations Register this level kept (by name), or the one
// nearest the cursor; renaming one; the checkerboard at the region of the one in use.
#include <QAction>
#include <QActionGroup>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QStatusBar>

#include "app/gui/MainWindow.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/StudyWorkflow.h"

namespace crosscheck::app {

void MainWindow::addLocalRegistrationActions(QMenu* registration) {
    QMenu* use = registration->addMenu(tr("&Use transform"));
    // Rebuilt each time it opens: the names change with every Register this level.
    connect(use, &QMenu::aboutToShow, this, [this, use] {
        use->clear();
        auto* group = new QActionGroup(use);
        const TransformPick current = m_workflow->transformPick();
        auto add = [&](const QString& text, const TransformPick& pick) {
            QAction* a = use->addAction(text);
            a->setCheckable(true);
            a->setChecked(pick == current);
            group->addAction(a);
            connect(a, &QAction::triggered, this,
                    [this, pick] { m_workflow->pickTransform(pick); });
        };
        add(tr("&Global (whole images)"), TransformPick::global());
        const auto names = m_workflow->localRegistrationNames();
        for (const std::string& name : names) {
            add(QString::fromStdString(name), TransformPick::named(name));
        }
        add(tr("&Nearest to the cursor"), TransformPick::nearest());
        use->addSeparator();
        QAction* rename = use->addAction(tr("&Rename a local registration..."));
        rename->setEnabled(!names.empty());
        connect(rename, &QAction::triggered, this, [this] {
            QStringList items;
            for (const std::string& n : m_workflow->localRegistrationNames()) {
                items << QString::fromStdString(n);
            }
            bool ok = false;
            const QString from =
                QInputDialog::getItem(this, tr("Rename a local registration"),
                                      tr("Local registration:"), items, 0, false, &ok);
            if (!ok) {
                return;
            }
            const QString to = QInputDialog::getText(this, tr("Rename a local registration"),
                                                     tr("New name:"), QLineEdit::Normal, from, &ok);
            if (ok) {
                m_workflow->renameLocalRegistration(from.toStdString(), to.trimmed().toStdString());
            }
        });
    });
    QAction* atRegion = registration->addAction(tr("Checkerboard at this &level's region"));
    connect(atRegion, &QAction::triggered, this, &MainWindow::showCheckerboardAtRegion);
}

bool MainWindow::showCheckerboardAtRegion() {
    const auto region = m_workflow->activeRegion();
    if (!region) {
        statusBar()->showMessage(
            tr("The panes use no local registration here: Register this level first, or pick "
               "one under Registration > Use transform."),
            8000);
        return false;
    }
    m_state->setCursor(PatientPoint{region->first});
    if (m_checkerAction && !m_checkerAction->isChecked()) {
        m_checkerAction->setChecked(true);  // toggled -> setCheckerboard(true)
    } else {
        setCheckerboard(true);
    }
    statusBar()->showMessage(tr("Checkerboard at the region (%1, %2, %3), radius %4 mm")
                                 .arg(region->first.x(), 0, 'f', 1)
                                 .arg(region->first.y(), 0, 'f', 1)
                                 .arg(region->first.z(), 0, 'f', 1)
                                 .arg(region->second, 0, 'f', 0),
                             8000);
    return true;
}

}  // namespace crosscheck::app
