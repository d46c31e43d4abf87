#pragma once

class QImage;
class QOpenGLContext;
class vtkGenericOpenGLRenderWindow;
class vtkOpenGLFramebufferObject;
class vtkRenderer;

namespace crosscheck::viewer {

/// Sets `window` up for read-back with `renderer` in it: no multisampling, VTK stops in
/// its own framebuffer (nothing to blit or swap), not ready until the caller's context is
/// current, an opaque black background (read-back pixels are valid Format_RGB32).
void prepareReadBackWindow(vtkGenericOpenGLRenderWindow* window, vtkRenderer* renderer);

/// Renders `window` at width x height into its framebuffer, in the context the caller
/// has made current: VTK is told that context is current, and its cached GL state is
/// reset and saved around the render.
void renderInCurrentContext(vtkGenericOpenGLRenderWindow* window, int width, int height);

/// Copies VTK's render framebuffer into `image` (Format_RGB32, already sized like the
/// frame), rows top-down as QImage wants them. The 3D and 2D panes render into VTK's own
/// framebuffer in a context of theirs (docs/adr) and show it through QPainter; the report's
/// off-screen 3D key images read it the same way. False, `image` untouched or partly
/// written, when OpenGL reports an error: the caller must not show it.
bool readFramebuffer(vtkOpenGLFramebufferObject* frame, QOpenGLContext* context, QImage& image);

}  // namespace crosscheck::viewer
