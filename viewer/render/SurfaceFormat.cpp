#include "viewer/render/SurfaceFormat.h"

#include <QSurfaceFormat>
#include <cstdlib>

namespace crosscheck::viewer {

QSurfaceFormat vtkSurfaceFormat() {
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    format.setSamples(0);
    return format;
}

void prepareOpenGlForVtk() {
    QSurfaceFormat::setDefaultFormat(vtkSurfaceFormat());
    // Qt waits 5 ms before painting after update(); panes should follow the mouse at once.
    setenv("QT_QPA_UPDATE_IDLE_TIME", "0", 0);
}

}  // namespace crosscheck::viewer
