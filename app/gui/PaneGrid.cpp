#include "app/gui/PaneGrid.h"

#include <QGridLayout>
#include <QPainter>

#include "viewer/panes/SlicePane.h"

namespace crosscheck::app {

namespace {
constexpr int kPaneCount = 4;
}

PaneGrid::PaneGrid(viewer::ViewState* state, QWidget* parent)
    : QWidget(parent), m_grid(new QGridLayout(this)) {
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(2);
    for (int i = 0; i < kPaneCount; ++i) {
        auto* pane = new viewer::SlicePane(state, this);
        pane->setObjectName(QStringLiteral("pane%1").arg(i));
        connect(pane, &viewer::SlicePane::maximizeToggled, this, &PaneGrid::toggleMaximized);
        m_panes.push_back(pane);
    }
    setLayoutName(QStringLiteral("2x2"));
    setStyleSheet(QStringLiteral("background-color: #202020;"));
}

bool PaneGrid::setLayoutName(const QString& name) {
    int rows = 0;
    int columns = 0;
    if (name == QLatin1String("1x1")) {
        rows = 1, columns = 1;
    } else if (name == QLatin1String("1x2")) {
        rows = 1, columns = 2;
    } else if (name == QLatin1String("2x2")) {
        rows = 2, columns = 2;
    } else if (name == QLatin1String("1x4")) {
        rows = 1, columns = 4;
    } else {
        return false;
    }
    for (auto* pane : m_panes) {
        m_grid->removeWidget(pane);
        pane->hide();
    }
    for (int r = 0; r < 2; ++r) {
        m_grid->setRowStretch(r, r < rows ? 1 : 0);
    }
    for (int c = 0; c < 4; ++c) {
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
    }
    for (int i = 0; i < rows * columns; ++i) {
        m_grid->addWidget(m_panes[static_cast<std::size_t>(i)], i / columns, i % columns);
        m_panes[static_cast<std::size_t>(i)]->show();
    }
    m_layoutName = name;
    m_maximized = nullptr;
    return true;
}

void PaneGrid::toggleMaximized(viewer::SlicePane* pane) {
    if (m_maximized == pane) {
        setLayoutName(m_layoutName);
        return;
    }
    for (auto* other : m_panes) {
        m_grid->removeWidget(other);
        other->hide();
    }
    m_grid->addWidget(pane, 0, 0, 2, 4);
    pane->show();
    pane->setFocus();
    m_maximized = pane;
}

std::vector<viewer::SlicePane*> PaneGrid::visiblePanes() const {
    std::vector<viewer::SlicePane*> visible;
    for (auto* pane : m_panes) {
        if (!pane->isHidden()) {
            visible.push_back(pane);
        }
    }
    return visible;
}

QImage PaneGrid::grabComposed() {
    QImage composed(size() * devicePixelRatioF(), QImage::Format_RGB32);
    composed.setDevicePixelRatio(devicePixelRatioF());
    composed.fill(QColor(0x20, 0x20, 0x20));
    QPainter painter(&composed);
    for (auto* pane : visiblePanes()) {
        painter.drawImage(pane->geometry().topLeft(), pane->grabFramebuffer());
    }
    return composed;
}

}  // namespace crosscheck::app
