// The Edit and Tools menus: undo and redo of annotation edits, deleting the selected
// ROI, and the drawing tools.
#include <QAction>
#include <QActionGroup>
#include <QMenuBar>

#include "app/gui/MainWindow.h"
#include "viewer/roi/AnnotationLayer.h"

namespace crosscheck::app {

void MainWindow::buildToolMenus() {
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = edit->addAction(tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = edit->addAction(tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    QAction* remove = edit->addAction(tr("&Delete selected ROI"));
    remove->setShortcut(QKeySequence::Delete);
    connect(undo, &QAction::triggered, this, [this] { m_annotations->history().undo(); });
    connect(redo, &QAction::triggered, this, [this] { m_annotations->history().redo(); });
    connect(remove, &QAction::triggered, m_annotations, &viewer::AnnotationLayer::removeSelected);
    auto updateEdit = [this, undo, redo] {
        undo->setEnabled(m_annotations->history().canUndo());
        redo->setEnabled(m_annotations->history().canRedo());
        undo->setText(
            tr("&Undo %1").arg(QString::fromStdString(m_annotations->history().undoText())));
        redo->setText(
            tr("&Redo %1").arg(QString::fromStdString(m_annotations->history().redoText())));
    };
    connect(m_annotations, &viewer::AnnotationLayer::changed, this, updateEdit);
    updateEdit();

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    auto* group = new QActionGroup(this);
    struct ToolEntry {
        QString label;
        QKeySequence key;
        viewer::AnnotationLayer::Tool tool;
    };
    for (const ToolEntry& entry :
         {ToolEntry{tr("&Navigate"), QKeySequence(Qt::Key_N),
                    viewer::AnnotationLayer::Tool::Navigate},
          ToolEntry{tr("&Ellipse ROI"), QKeySequence(Qt::Key_E),
                    viewer::AnnotationLayer::Tool::Ellipse},
          ToolEntry{tr("&Ruler"), QKeySequence(Qt::Key_M), viewer::AnnotationLayer::Tool::Ruler}}) {
        QAction* action = tools->addAction(entry.label);
        action->setShortcut(entry.key);
        action->setCheckable(true);
        action->setChecked(entry.tool == viewer::AnnotationLayer::Tool::Navigate);
        group->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, tool = entry.tool] { m_annotations->setTool(tool); });
    }
}

}  // namespace crosscheck::app
