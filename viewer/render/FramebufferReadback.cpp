#include "viewer/render/FramebufferReadback.h"

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>

#include <QImage>
#include <QOpenGLContext>
#include <QOpenGLFunctions>

#ifndef GL_READ_FRAMEBUFFER
#define GL_READ_FRAMEBUFFER 0x8CA8
#endif

namespace crosscheck::viewer {

namespace {
/// GL_PACK_INVERT_MESA (extension GL_MESA_pack_invert): glReadPixels returns rows top-down.
constexpr GLenum kPackInvertMesa = 0x8758;
}  // namespace

void prepareReadBackWindow(vtkGenericOpenGLRenderWindow* window, vtkRenderer* renderer) {
    window->SetMultiSamples(0);
    window->SetFrameBlitModeToNoBlit();
    window->SwapBuffersOff();
    window->SetReadyForRendering(false);
    window->AddRenderer(renderer);
    renderer->SetBackground(0.0, 0.0, 0.0);
    renderer->SetBackgroundAlpha(1.0);
}

void renderInCurrentContext(vtkGenericOpenGLRenderWindow* window, int width, int height) {
    window->SetSize(width, height);
    window->SetIsCurrent(true);
    vtkOpenGLState* state = window->GetState();
    state->Reset();
    window->SetReadyForRendering(true);
    state->Push();
    window->Render();
    state->Pop();
    window->SetReadyForRendering(false);
}

bool readFramebuffer(vtkOpenGLFramebufferObject* frame, QOpenGLContext* context, QImage& image) {
    frame->Bind(GL_READ_FRAMEBUFFER);
    frame->ActivateReadBuffer(0);
    QOpenGLFunctions* gl = context->functions();
    // Rows of 4-byte pixels need no pack alignment. Packed 0xAARRGGBB words are exactly
    // Format_RGB32's pixels: no conversion.
    // GL's rows run bottom-up, QImage's top-down: Mesa can hand them over top-down.
    const bool topDown = context->hasExtension(QByteArrayLiteral("GL_MESA_pack_invert"));
    if (topDown) {
        gl->glPixelStorei(kPackInvertMesa, GL_TRUE);
    }
    gl->glReadPixels(0, 0, image.width(), image.height(), GL_BGRA, GL_UNSIGNED_INT_8_8_8_8_REV,
                     image.bits());
    const bool failed = gl->glGetError() != GL_NO_ERROR;
    if (topDown) {
        gl->glPixelStorei(kPackInvertMesa, GL_FALSE);
    }
    if (failed) {
        return false;
    }
    if (!topDown) {
        image.mirror(false, true);
    }
    return true;
}

}  // namespace crosscheck::viewer
