#pragma once

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkNew.h>
#include <vtkRenderer.h>
#include <QImage>
#include <QWidget>
#include <memory>

class QOffscreenSurface;
class QOpenGLContext;
class QPainter;

namespace crosscheck::viewer {

/// A widget that shows what a VTK render window draws, with a QPainter overlay on top.
///
/// VTK's own Qt widget is built against Qt 5 on Debian, so this is the Qt 6 host. VTK
/// renders off screen, in a GL context of the widget's own, and the frame is read back
/// into an image that paintEvent draws like any other widget content. The window itself
/// therefore stays a plain raster window: on a machine without a GPU (Mesa's llvmpipe)
/// composing a window that holds GL widgets redraws and swaps all of it, 1920x1080, for
/// every frame of any pane, which cost more than VTK's drawing itself (docs/adr/0003).
/// Qt owns all input; subclasses turn events into their own tools. Ask for a new frame
/// with update(), never by calling Render() directly.
///
/// The read-back image is a cache of the last frame: VTK renders only after
/// markSceneChanged() (or a resize), and otherwise the kept frame is drawn under a fresh
/// overlay. Subclasses must call markSceneChanged() whenever they change anything VTK
/// draws (pipeline input, camera, window/level, visibility); a plain update() then only
/// redraws the overlay.
///
/// A changed scene starts rendering as soon as the event loop is back (before the paint
/// that shows it) when several visible panes changed at once (a cursor drag): VTK's commands
/// are issued and flushed, and the read-back waits until the paint. Mesa rasterizes on its
/// own threads meanwhile, so one pane's rasterization overlaps the next pane's preparation.
/// A pane that changed alone renders in its paint, as there is nothing to overlap.
class VtkRenderWidget : public QWidget {
    Q_OBJECT
public:
    explicit VtkRenderWidget(QWidget* parent = nullptr);
    ~VtkRenderWidget() override;

    vtkRenderer* renderer() const;
    vtkGenericOpenGLRenderWindow* renderWindow() const;
    /// The VTK scene changed: the next paint renders it instead of reusing the last frame.
    void markSceneChanged();
    /// The pane as it is shown: VTK's frame with the overlay, in device pixels (null for
    /// a pane of no size).
    QImage grabFramebuffer();
    /// False once no OpenGL context could be made: the pane then shows a note, no image.
    bool canRender() const { return !m_glUnavailable; }

signals:
    /// A frame (VTK's and the overlay) was painted into the window.
    void framePainted();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    /// Called after VTK's frame is drawn; draw text and lines over it.
    virtual void paintOverlay(QPainter& painter);
    /// Brings the VTK scene's inputs up to date just before a render (the context is
    /// current): once per frame, however many changes came since the last one.
    virtual void prepareScene() {}
    /// Work for the next overlay that can run while Mesa rasterizes the frame just started
    /// (after a changed scene was flushed, before the paint that reads it back).
    virtual void prepareOverlay() {}

private:
    /// VTK's kept frame (or a note that there is none) with the overlay on top.
    void paintFrame(QPainter& painter);
    bool makeContextCurrent();
    void renderSceneIfChanged();
    /// The queued start of a changed scene's render (see the class comment).
    void startRender();
    /// Issues VTK's drawing of the scene at `device` size; the context must be current.
    void renderScene(const QSize& device);
    void readFrame();

    vtkNew<vtkGenericOpenGLRenderWindow> m_window;
    vtkNew<vtkRenderer> m_renderer;
    std::unique_ptr<QOpenGLContext> m_context;
    std::unique_ptr<QOffscreenSurface> m_surface;
    bool m_vtkInitialized = false;
    /// Context creation failed once: do not retry (and warn) at every paint.
    bool m_glUnavailable = false;
    bool m_sceneChanged = true;
    bool m_startScheduled = false;
    /// Rendered (and flushed) but not yet read back into m_frame.
    bool m_frameInFlight = false;
    QSize m_renderedSize;
    QImage m_frame;
};

}  // namespace crosscheck::viewer
