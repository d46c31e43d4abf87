#include "app/gui/PaneGrid.h"

#include <QGridLayout>
#include <QPainter>

#include "core/model/Study.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/StudyPanes.h"

namespace crosscheck::app {

PaneGrid::PaneGrid(viewer::ViewState* state, QWidget* parent)
    : QWidget(parent), m_state(state), m_grid(new QGridLayout(this)) {
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(2);
    for (int i = 0; i < viewer::ViewState::kPaneCount; ++i) {
        auto* pane = new viewer::SlicePane(state, this);
        pane->setObjectName(QStringLiteral("pane%1").arg(i));
        connect(pane, &viewer::SlicePane::maximizeToggled, this, &PaneGrid::toggleMaximized);
        connect(pane, &viewer::SlicePane::orientationChanged, this,
                [this, i](ViewOrientation o) { m_state->setPaneOrientation(i, o); });
        connect(pane, &viewer::SlicePane::volumeRequested, this, [this, i](int volume) {
            m_state->setPaneVolume(i, volume);
            m_state->flush();
        });
        connect(pane, &viewer::SlicePane::seriesDropped, this, [this, i](const QString& uid) {
            if (m_study && (m_study->findByUid(uid.toStdString()) ||
                            m_study->findPicture(uid.toStdString()))) {
                m_state->setPaneSeries(i, uid);
                m_state->flush();  // the drop shows at once, as a direct assignment would
            }
        });
        m_panes.push_back(pane);
    }
    connect(m_state, &viewer::ViewState::changed, this, [this](unsigned changes) {
        if (changes & viewer::ViewState::PanesChanged) {
            followState(false);
        }
    });
    setLayoutName(QStringLiteral("2x2"));
    setStyleSheet(QStringLiteral("background-color: #202020;"));
}

void PaneGrid::setStudy(std::shared_ptr<const Study> study) {
    m_study = std::move(study);
    followState(true);
}

void PaneGrid::refreshVoxels(bool complete) {
    for (viewer::SlicePane* pane : m_panes) {
        pane->refreshVoxels(complete);
    }
}

void PaneGrid::followState(bool all) {
    if (!m_study) {
        return;
    }
    for (int i = 0; i < static_cast<int>(m_panes.size()); ++i) {
        viewer::SlicePane* pane = m_panes[static_cast<std::size_t>(i)];
        const viewer::PaneAssignment wanted = m_state->paneAssignment(i);
        const viewer::PaneSeries& shown = pane->series();
        const bool showsWanted = (pane->hasSeries() || shown.picture) &&
                                 shown.seriesInstanceUid == wanted.seriesInstanceUid &&
                                 shown.volumeIndex == wanted.volume;
        const LoadedSeries* volume =
            m_study->findVolume(wanted.seriesInstanceUid.toStdString(), wanted.volume);
        // A volume still loading: the pane keeps what it shows until volumeLoaded.
        const bool stillLoading = volume && !volume->volume;
        if ((all || !showsWanted) && !stillLoading) {
            pane->setSeries(viewer::paneSeriesFor(*m_study, wanted));
        }
        if (pane->orientation() != wanted.orientation) {
            pane->setOrientation(wanted.orientation);
        }
    }
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
        // The pane's own controls (the volume selector) are widgets over the frame.
        for (auto* child : pane->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) {
            if (child->isVisible()) {
                child->render(&painter, pane->geometry().topLeft() + child->pos());
            }
        }
    }
    return composed;
}

}  // namespace crosscheck::app
