// The Edit and Tools menus: undo and redo of annotation edits, deleting the selected
// ROI, copying it to the next slice, and the drawing tools.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDoubleSpinBox>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/ToolRegistry.h"

namespace crosscheck::app {

void MainWindow::buildToolMenus() {
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = edit->addAction(tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = edit->addAction(tr("&Redo"));
    // Not QKeySequence::Redo as well: on Linux it is Ctrl+Shift+Z again, and a key bound
    // twice is ambiguous to Qt, which then triggers nothing.
    redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    QAction* remove = edit->addAction(tr("&Delete selected ROI"));
    remove->setShortcut(QKeySequence::Delete);
    connect(undo, &QAction::triggered, this, [this] { annotationLayer()->history().undo(); });
    connect(redo, &QAction::triggered, this, [this] { annotationLayer()->history().redo(); });
    connect(remove, &QAction::triggered, annotationLayer(),
            &viewer::AnnotationLayer::removeSelected);
    auto updateEdit = [this, undo, redo] {
        undo->setEnabled(annotationLayer()->history().canUndo());
        redo->setEnabled(annotationLayer()->history().canRedo());
        undo->setText(
            tr("&Undo %1").arg(QString::fromStdString(annotationLayer()->history().undoText())));
        redo->setText(
            tr("&Redo %1").arg(QString::fromStdString(annotationLayer()->history().redoText())));
    };
    connect(annotationLayer(), &viewer::AnnotationLayer::changed, this, updateEdit);
    updateEdit();

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    auto* group = new QActionGroup(this);
    // The tools the registry offers, in its order (the landmark tool is the landmark
    // dialog's).
    for (const viewer::ToolInfo& tool : viewer::ToolRegistry::tools()) {
        if (!tool.offered) {
            continue;
        }
        QAction* action = tools->addAction(tool.name);
        action->setShortcut(tool.key);
        action->setToolTip(tool.toolTip);
        action->setData(QString::fromStdString(tool.id));
        action->setCheckable(true);
        action->setChecked(tool.id == annotationLayer()->tool());
        group->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, id = tool.id] { annotationLayer()->setTool(id); });
        connect(annotationLayer(), &viewer::AnnotationLayer::toolChanged, action,
                [action, id = tool.id](const std::string& now) { action->setChecked(now == id); });
    }
    // The same actions on a toolbar, with the brush size next to them.
    QToolBar* bar = addToolBar(tr("ROI tools"));
    bar->setObjectName(QStringLiteral("roiToolBar"));
    bar->addActions(group->actions());
    auto* brush = new QDoubleSpinBox(bar);
    brush->setRange(viewer::AnnotationLayer::kMinBrushRadiusMm,
                    viewer::AnnotationLayer::kMaxBrushRadiusMm);
    brush->setDecimals(1);
    brush->setSingleStep(0.5);
    brush->setPrefix(tr("brush r "));
    brush->setSuffix(QStringLiteral(" mm"));
    brush->setValue(annotationLayer()->brushRadiusMm());
    brush->setToolTip(tr("Radius of the brush and the eraser ([ and ] in a pane)"));
    brush->setFocusPolicy(Qt::ClickFocus);
    bar->addWidget(brush);
    connect(brush, qOverload<double>(&QDoubleSpinBox::valueChanged), annotationLayer(),
            &viewer::AnnotationLayer::setBrushRadiusMm);
    connect(annotationLayer(), &viewer::AnnotationLayer::brushRadiusChanged, brush,
            &QDoubleSpinBox::setValue);

    tools->addSeparator();
    tools->addAction(tr("Brush size: [ smaller, ] larger (in a pane)"))->setEnabled(false);
    tools->addAction(tr("Polygon: click the first point, Enter or double-click to close"))
        ->setEnabled(false);

    edit->addSeparator();
    QAction* nextSlice = edit->addAction(tr("Copy ROI to &next slice"));
    nextSlice->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up));
    QAction* previousSlice = edit->addAction(tr("Copy ROI to &previous slice"));
    previousSlice->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down));
    connect(nextSlice, &QAction::triggered, this, [this] { copySelectedRoiToSlice(+1); });
    connect(previousSlice, &QAction::triggered, this, [this] { copySelectedRoiToSlice(-1); });
}

void MainWindow::copySelectedRoiToSlice(int direction) {
    // The pane the user works in, else the first that can take the copy.
    auto* focused = qobject_cast<viewer::SlicePane*>(QApplication::focusWidget());
    if (focused && focused->copySelectedRoiToNextSlice(direction)) {
        return;
    }
    for (viewer::SlicePane* pane : m_grid->panes()) {
        if (pane->copySelectedRoiToNextSlice(direction)) {
            return;
        }
    }
    statusBar()->showMessage(
        tr("Select a planar ROI lying in a pane's plane to copy it to the next slice"), 4000);
}

}  // namespace crosscheck::app
