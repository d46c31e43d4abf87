#include "viewer/render/VtkRenderWidget.h"

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <QOpenGLContext>
#include <QPainter>

#ifndef GL_DRAW_FRAMEBUFFER
#define GL_DRAW_FRAMEBUFFER 0x8CA9
#endif
#ifndef GL_READ_FRAMEBUFFER
#define GL_READ_FRAMEBUFFER 0x8CA8
#endif

namespace crosscheck::viewer {

VtkRenderWidget::VtkRenderWidget(QWidget* parent) : QOpenGLWidget(parent) {
    m_window->SetMultiSamples(0);
    m_window->SetFrameBlitModeToNoBlit();
    // No copy into VTK's display framebuffer after each frame: paintGL copies the colour
    // of the render framebuffer into Qt's itself, and that framebuffer, untouched between
    // frames, is the kept frame an overlay-only repaint reuses.
    m_window->SwapBuffersOff();
    m_window->SetReadyForRendering(false);
    // Each paint covers the whole pane with VTK's frame, so Qt's clear of its framebuffer
    // (colour, depth, stencil) before every paintGL is wasted work. QPainter clears the
    // stencil itself when it clips.
    setUpdateBehavior(QOpenGLWidget::PartialUpdate);
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
    m_sceneChanged = true;
}

void VtkRenderWidget::resizeGL(int width, int height) {
    const qreal ratio = devicePixelRatioF();
    m_window->SetSize(static_cast<int>(width * ratio), static_cast<int>(height * ratio));
    m_sceneChanged = true;
}

void VtkRenderWidget::paintGL() {
    m_window->SetIsCurrent(true);
    vtkOpenGLState* state = m_window->GetState();
    state->Reset();
    // Only the overlay changed (the probe, the mouse-following brush, a drawing in
    // progress): the kept VTK frame is still right, and rendering it again is the costly part.
    if (m_sceneChanged || m_window->GetRenderFramebuffer() == nullptr) {
        m_window->SetReadyForRendering(true);
        state->Push();
        m_window->Render();
        state->Pop();
        m_window->SetReadyForRendering(false);
        m_sceneChanged = false;
    }
    blitVtkFrame();
    QPainter painter(this);
    paintOverlay(painter);
}

void VtkRenderWidget::blitVtkFrame() {
    vtkOpenGLFramebufferObject* frame = m_window->GetRenderFramebuffer();
    if (frame == nullptr) {
        return;
    }
    vtkOpenGLState* state = m_window->GetState();
    const int* size = m_window->GetSize();
    // A framebuffer blit honours the scissor box; VTK may leave it set to one viewport.
    state->vtkglDisable(GL_SCISSOR_TEST);
    frame->Bind(GL_READ_FRAMEBUFFER);
    frame->ActivateReadBuffer(0);
    state->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    state->vtkglViewport(0, 0, size[0], size[1]);
    state->vtkglBlitFramebuffer(0, 0, size[0], size[1], 0, 0, size[0], size[1], GL_COLOR_BUFFER_BIT,
                                GL_NEAREST);
    state->vtkglBindFramebuffer(GL_FRAMEBUFFER, defaultFramebufferObject());
}

void VtkRenderWidget::paintOverlay(QPainter& /*painter*/) {}

}  // namespace crosscheck::viewer
