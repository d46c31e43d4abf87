#include "viewer/render/VtkRenderWidget.h"

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkRenderer.h>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QPainter>
#include <utility>

#include "viewer/render/FramebufferReadback.h"

namespace crosscheck::viewer {

namespace {

/// Visible panes whose render start is queued, and whether some of this batch already
/// started (all on the GUI thread).
int g_queuedStarts = 0;
bool g_batchStarted = false;
}  // namespace

VtkRenderWidget::VtkRenderWidget(QWidget* parent) : QWidget(parent) {
    // VTK draws into its own render framebuffer and stops there: readFrame() copies that
    // framebuffer into m_frame, so there is no display buffer to blit to or swap.
    prepareReadBackWindow(m_window, m_renderer);
    // Every paint covers the whole widget with VTK's frame: Qt need not clear it first.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
}

VtkRenderWidget::~VtkRenderWidget() {
    // Qt drops the queued start of a destroyed widget: it no longer counts in its batch.
    if (m_startScheduled) {
        --g_queuedStarts;
    }
    // Release VTK's GL resources while its context still exists.
    if (m_vtkInitialized && makeContextCurrent()) {
        m_window->Finalize();
        m_context->doneCurrent();
    }
}

vtkRenderer* VtkRenderWidget::renderer() const {
    return m_renderer.Get();
}

vtkGenericOpenGLRenderWindow* VtkRenderWidget::renderWindow() const {
    return m_window.Get();
}

QImage VtkRenderWidget::grabFramebuffer() {
    if (size().isEmpty()) {
        return {};
    }
    renderSceneIfChanged();
    QImage image(size() * devicePixelRatioF(), QImage::Format_RGB32);
    image.setDevicePixelRatio(devicePixelRatioF());
    QPainter painter(&image);
    paintFrame(painter);
    return image;
}

void VtkRenderWidget::paintEvent(QPaintEvent* /*event*/) {
    renderSceneIfChanged();
    QPainter painter(this);
    paintFrame(painter);
    emit framePainted();
}

void VtkRenderWidget::paintFrame(QPainter& painter) {
    if (m_frame.isNull()) {
        painter.fillRect(rect(), Qt::black);
        if (m_glUnavailable) {
            painter.setPen(Qt::white);
            // Above the middle, where the crosshair usually runs.
            painter.drawText(rect().adjusted(0, 0, 0, -height() / 3),
                             Qt::AlignCenter | Qt::TextWordWrap,
                             tr("No OpenGL context: images cannot be drawn here."));
        }
    } else {
        painter.drawImage(0, 0, m_frame);
    }
    paintOverlay(painter);
}

void VtkRenderWidget::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_sceneChanged = true;
}

void VtkRenderWidget::paintOverlay(QPainter& /*painter*/) {}

bool VtkRenderWidget::makeContextCurrent() {
    if (m_glUnavailable) {
        return false;
    }
    if (m_context == nullptr) {
        auto context = std::make_unique<QOpenGLContext>();
        context->setFormat(QSurfaceFormat::defaultFormat());
        auto surface = std::make_unique<QOffscreenSurface>();
        surface->setFormat(QSurfaceFormat::defaultFormat());
        surface->create();
        if (!context->create() || !surface->isValid()) {
            // Every pane fails alike: say it once, not once a pane.
            static bool warned = false;
            if (!std::exchange(warned, true)) {
                qWarning("crosscheck: no OpenGL %d.%d context for the image panes; they stay empty",
                         QSurfaceFormat::defaultFormat().majorVersion(),
                         QSurfaceFormat::defaultFormat().minorVersion());
            }
            m_glUnavailable = true;
            return false;
        }
        m_context = std::move(context);
        m_surface = std::move(surface);
    }
    return m_context->makeCurrent(m_surface.get());
}

void VtkRenderWidget::markSceneChanged() {
    m_sceneChanged = true;
    if (isVisible() && !std::exchange(m_startScheduled, true)) {
        ++g_queuedStarts;
        QMetaObject::invokeMethod(this, &VtkRenderWidget::startRender, Qt::QueuedConnection);
    }
}

void VtkRenderWidget::startRender() {
    m_startScheduled = false;
    // A pane that changed alone has nothing to overlap with: its paint renders it.
    const bool alone = g_queuedStarts == 1 && !g_batchStarted;
    g_batchStarted = --g_queuedStarts > 0;
    if (alone) {
        return;
    }
    const QSize device = size() * devicePixelRatioF();
    // A hidden pane paints nothing, so it need not render either.
    if (!m_sceneChanged || !isVisible() || device.isEmpty() || !makeContextCurrent()) {
        return;
    }
    renderScene(device);
    // Flushed, not released: the next pane's start switches contexts anyway, and the paint
    // that reads this frame back makes it current again.
    m_context->functions()->glFlush();
    m_frameInFlight = true;
    prepareOverlay();
}

void VtkRenderWidget::renderSceneIfChanged() {
    const QSize device = size() * devicePixelRatioF();
    const bool needsRender = m_sceneChanged || m_renderedSize != device;
    if ((!needsRender && !m_frameInFlight) || device.isEmpty() || !makeContextCurrent()) {
        return;
    }
    if (needsRender) {
        renderScene(device);
    }
    readFrame();
    m_frameInFlight = false;
    m_context->doneCurrent();
}

void VtkRenderWidget::renderScene(const QSize& device) {
    if (!m_vtkInitialized) {
        m_window->SetOwnContext(false);
        // Without this VTK believes no context is current and draws nothing.
        m_window->SetIsCurrent(true);
        m_window->OpenGLInitContext();
        m_vtkInitialized = true;
    }
    prepareScene();
    renderInCurrentContext(m_window, device.width(), device.height());
    m_renderedSize = device;
    m_sceneChanged = false;
}

void VtkRenderWidget::readFrame() {
    vtkOpenGLFramebufferObject* frame = m_window->GetRenderFramebuffer();
    if (frame == nullptr) {
        return;
    }
    const int* size = m_window->GetSize();
    if (m_frame.width() != size[0] || m_frame.height() != size[1]) {
        m_frame = QImage(size[0], size[1], QImage::Format_RGB32);
    }
    // The same device size can come with another ratio (a move to another screen).
    m_frame.setDevicePixelRatio(devicePixelRatioF());
    if (!readFramebuffer(frame, m_context.get(), m_frame)) {
        // Never show uninitialised memory as an image.
        m_frame.fill(Qt::black);
        qWarning("crosscheck: reading a pane's frame back from OpenGL failed");
    }
}

}  // namespace crosscheck::viewer
