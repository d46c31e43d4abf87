#pragma once

#include <QOpenGLWidget>

class QPainter;
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkNew.h>
#include <vtkRenderer.h>

namespace crosscheck::viewer {

/// A QOpenGLWidget that hosts a VTK render window sharing Qt's GL context.
///
/// VTK's own Qt widget is built against Qt 5 on Debian, so this is the Qt 6 host:
/// VTK renders into its framebuffer inside paintGL and the result is blitted into
/// Qt's. Qt owns all input; subclasses turn events into their own tools. Ask for a new
/// frame with update(), never by calling Render() directly.
///
/// VTK's framebuffer doubles as a cache of the last frame: paintGL runs VTK only after
/// markSceneChanged() (or a resize), and otherwise re-blits the kept frame under a fresh
/// overlay. Subclasses must call markSceneChanged() whenever they change anything VTK
/// draws (pipeline input, camera, window/level, visibility); a plain update() then only
/// redraws the QPainter overlay, which on Mesa's software renderer is much cheaper.
class VtkRenderWidget : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkRenderWidget(QWidget* parent = nullptr);
    ~VtkRenderWidget() override;

    vtkRenderer* renderer() const;
    vtkGenericOpenGLRenderWindow* renderWindow() const;
    /// The VTK scene changed: the next paint renders it instead of reusing the last frame.
    void markSceneChanged() { m_sceneChanged = true; }

protected:
    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;
    /// Called after VTK's frame is in Qt's framebuffer; draw text and lines over it.
    virtual void paintOverlay(QPainter& painter);

private:
    void blitVtkFrame();

    vtkNew<vtkGenericOpenGLRenderWindow> m_window;
    vtkNew<vtkRenderer> m_renderer;
    bool m_sceneChanged = true;
};

}  // namespace crosscheck::viewer
