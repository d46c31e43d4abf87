#pragma once

#include <QGuiApplication>
#include <memory>

namespace crosscheck::viewer {

/// A QGuiApplication for a command-line tool that renders a PDF (fonts and QPainter need
/// one), on Qt's "offscreen" platform unless QT_QPA_PLATFORM says otherwise, so that no
/// display is needed. Null when the process already has an application (the viewer).
/// Keep the result alive while rendering.
std::unique_ptr<QGuiApplication> makeOffscreenGuiApplication();

}  // namespace crosscheck::viewer
