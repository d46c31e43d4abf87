#pragma once

namespace crosscheck::viewer {

/// Sets the process-wide OpenGL format VTK needs (3.2 core, depth buffer, no
/// multisampling, which on Mesa's software renderer more than doubles frame time) and
/// removes Qt's idle wait before an update() paints. Call before QApplication exists.
void prepareOpenGlForVtk();

}  // namespace crosscheck::viewer
