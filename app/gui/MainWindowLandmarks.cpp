// Registration by landmarks picked with the mouse: the Landmark tool places the same
// anatomical points on a reference-frame pane and on a pane of another frame (it need not
// be synchronized), and Registration > Register by landmarks fits the rigid transform
// (core registerLandmarks, Eigen::umeyama) and synchronizes the panes of that frame.
#include <QAction>
#include <QMenu>
#include <QStatusBar>

#include "app/gui/MainWindow.h"
#include "core/model/Study.h"
#include "core/registration/RegistrationError.h"
#include "viewer/registration/LandmarkSet.h"
#include "viewer/roi/AnnotationLayer.h"

namespace crosscheck::app {

void MainWindow::addLandmarkActions(QMenu* registration) {
    registration->addSeparator();
    QAction* place =
        registration->addAction(tr("Place &landmarks (reference pane, then the other)"));
    place->setShortcut(QKeySequence(Qt::Key_L));
    connect(place, &QAction::triggered, this,
            [this] { m_annotations->setTool(viewer::AnnotationLayer::Tool::Landmark); });
    QAction* fit = registration->addAction(tr("Register by landmarks"));
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(fit, &QAction::triggered, this, &MainWindow::registerByLandmarks);
    QAction* undo = registration->addAction(tr("Remove the last landmark"));
    connect(undo, &QAction::triggered, m_landmarks, &viewer::LandmarkSet::undoLast);
    QAction* clear = registration->addAction(tr("Clear landmarks"));
    connect(clear, &QAction::triggered, m_landmarks, &viewer::LandmarkSet::clear);
    connect(m_landmarks, &viewer::LandmarkSet::changed, this, [this, fit] {
        const auto pairs = m_landmarks->pairs().size();
        fit->setText(tr("Register by landmarks (%n pair(s))", "", static_cast<int>(pairs)));
        if (m_annotations->tool() == viewer::AnnotationLayer::Tool::Landmark) {
            statusBar()->showMessage(
                tr("Landmarks: %1 on the reference, %2 on the other frame; 3 pairs or more, "
                   "then Ctrl+Shift+R")
                    .arg(m_landmarks->fixedPoints().size())
                    .arg(m_landmarks->movingPoints().size()));
        }
    });
}

bool MainWindow::registerByLandmarks() {
    if (!m_study) {
        return false;
    }
    const auto pairs = m_landmarks->pairs();
    const std::string moving = m_landmarks->movingFrameUid();
    try {
        const LandmarkRegistrationResult fit = registerLandmarks(pairs);
        TransformProvenance provenance;
        provenance.basis = TransformBasis::Landmarks;
        provenance.rmsMm = fit.rmsMm;
        setFrameTransform(moving, m_study->referenceFrameUid, fit.movingToFixed, provenance);
        statusBar()->showMessage(
            tr("Registered by %n landmark pair(s): RMS %1 mm", "", static_cast<int>(pairs.size()))
                .arg(fit.rmsMm, 0, 'f', 2),
            10000);
    } catch (const RegistrationError& e) {
        statusBar()->showMessage(
            tr("Cannot register by landmarks: %1").arg(QString::fromStdString(e.what())), 10000);
        return false;
    }
    m_landmarks->clear();
    m_annotations->setTool(viewer::AnnotationLayer::Tool::Navigate);
    return true;
}

}  // namespace crosscheck::app
