#include "viewer/render/VtkRenderWidget.h"

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <QOpenGLContext>
#include <QPainter>

#ifndef GL_DRAW_FRAMEBUFFER
#define GL_DRAW_FRAMEBUFFER 0x8CA9
#endif

namespace crosscheck::viewer {

VtkRenderWidget::VtkRenderWidget(QWidget* parent) : QOpenGLWidget(parent) {
    m_window->SetMultiSamples(0);
    m_window->SetFrameBlitModeToNoBlit();
    m_window->SetReadyForRendering(false);
    m_window->AddRenderer(m_renderer);
    m_renderer->SetBackground(0.0, 0.0, 0.0);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
}

VtkRenderWidget::~VtkRenderWidget() {
    // Release VTK's GL resources while Qt's context still exists.
    if (context() != nullptr) {
        makeCurrent();
        m_window->Finalize();
        doneCurrent();
    }
}

vtkRenderer* VtkRenderWidget::renderer() const {
    return m_renderer.Get();
}

vtkGenericOpenGLRenderWindow* VtkRenderWidget::renderWindow() const {
    return m_window.Get();
}

void VtkRenderWidget::initializeGL() {
    m_window->SetOwnContext(false);
    // Without this VTK believes no context is current and every pane stays black.
    m_window->SetIsCurrent(true);
    m_window->OpenGLInitContext();
}

void VtkRenderWidget::resizeGL(int width, int height) {
    const qreal ratio = devicePixelRatioF();
    m_window->SetSize(static_cast<int>(width * ratio), static_cast<int>(height * ratio));
}

void VtkRenderWidget::paintGL() {
    m_window->SetIsCurrent(true);
    m_window->SetReadyForRendering(true);
    vtkOpenGLState* state = m_window->GetState();
    state->Reset();
    state->Push();
    m_window->Render();
    state->Pop();
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    m_window->BlitDisplayFramebuffer();
    m_window->SetReadyForRendering(false);
    QPainter painter(this);
    paintOverlay(painter);
}

void VtkRenderWidget::paintOverlay(QPainter& /*painter*/) {}

}  // namespace crosscheck::viewer
