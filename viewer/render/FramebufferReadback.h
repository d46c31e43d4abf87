#pragma once

class QImage;
class QOpenGLContext;
class vtkOpenGLFramebufferObject;

namespace crosscheck::viewer {

/// Copies VTK's render framebuffer into `image` (Format_RGB32, already sized like the
/// frame), rows top-down as QImage wants them. The 3D and 2D panes render into VTK's own
/// framebuffer in a context of theirs (docs/adr) and show it through QPainter; the report's
/// off-screen 3D key images read it the same way. False, `image` untouched or partly
/// written, when OpenGL reports an error: the caller must not show it.
bool readFramebuffer(vtkOpenGLFramebufferObject* frame, QOpenGLContext* context, QImage& image);

}  // namespace crosscheck::viewer
