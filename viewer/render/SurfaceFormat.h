#pragma once

#include <QSurfaceFormat>

namespace crosscheck::viewer {

/// The OpenGL format VTK needs: 3.2 core, 24-bit depth, 8-bit stencil, no multisampling
/// (on Mesa's software renderer multisampling more than doubles frame time).
QSurfaceFormat vtkSurfaceFormat();

/// Makes vtkSurfaceFormat() the process-wide default and removes Qt's idle wait before an
/// update() paints. Call before QApplication exists.
void prepareOpenGlForVtk();

}  // namespace crosscheck::viewer
