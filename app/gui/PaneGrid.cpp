#include "app/gui/PaneGrid.h"

#include <QGridLayout>
#include <QPainter>

#include "core/model/Study.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/LayoutPresets.h"
#include "viewer/study/StudyPanes.h"
#include "viewer/volume/VolumePane.h"

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
        connect(pane, &viewer::SlicePane::renderIn3dRequested, this,
                [this, i] { setPaneKind(i, viewer::PaneKind::Volume3d); });
        connect(pane, &viewer::SlicePane::seriesDropped, this, [this, i](const QString& uid) {
            if (m_study && (m_study->findByUid(uid.toStdString()) ||
                            m_study->findPicture(uid.toStdString()))) {
                m_state->setPaneSeries(i, uid);
                m_state->flush();  // the drop shows at once, as a direct assignment would
            }
        });
        m_panes.push_back(pane);
        auto* volumePane = new viewer::VolumePane(state, this);
        volumePane->setObjectName(QStringLiteral("volumePane%1").arg(i));
        volumePane->hide();
        connect(volumePane, &viewer::VolumePane::maximizeToggled, this, &PaneGrid::toggleMaximized);
        connect(volumePane, &viewer::VolumePane::roleRequested, this,
                [this, i](SeriesRole role) { renderRole(i, role); });
        connect(volumePane, &viewer::VolumePane::slicesRequested, this,
                [this, i] { setPaneKind(i, viewer::PaneKind::Slice); });
        m_volumePanes.push_back(volumePane);
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
    if (study != m_study) {
        m_state->clearCamera3d();  // each 3D pane fits the new study
    }
    m_study = std::move(study);
    if (viewer::isPresetLayout(m_layoutName)) {
        applyPreset(false);
    }
    followState(true);
}

void PaneGrid::applyPreset(bool always) {
    if (!m_study) {
        return;
    }
    const auto panes = viewer::preset3dPaneAssignments(*m_study);
    // The study taken again with the same roles (a transform changed): the user's changes
    // to the preset's panes (V, a dropped series) stay.
    if (!always && panes == m_appliedPreset) {
        return;
    }
    m_appliedPreset = panes;
    for (int i = 0; i < viewer::ViewState::kPaneCount; ++i) {
        m_state->setPaneAssignment(i, panes[static_cast<std::size_t>(i)]);
    }
}

void PaneGrid::setPaneKind(int position, viewer::PaneKind kind) {
    const viewer::PaneAssignment pane = m_state->paneAssignment(position);
    // Only a volume renders in 3D: a colour picture (a screen capture) has no depth.
    if (!m_study || (kind == viewer::PaneKind::Volume3d &&
                     !m_study->findVolume(pane.seriesInstanceUid.toStdString(), pane.volume))) {
        return;
    }
    m_state->setPaneKind(position, kind);
    m_state->flush();
}

void PaneGrid::renderRole(int position, SeriesRole role) {
    if (!m_study) {
        return;
    }
    if (const LoadedSeries* s = m_study->find(role)) {
        m_state->setPaneSeries(position, QString::fromStdString(s->info.seriesInstanceUid));
        m_state->flush();
    }
}

void PaneGrid::refreshVoxels(bool complete) {
    for (viewer::SlicePane* pane : m_panes) {
        pane->refreshVoxels(complete);
    }
    for (viewer::VolumePane* pane : m_volumePanes) {
        pane->refreshVoxels(complete);
    }
}

void PaneGrid::followState(bool all) {
    if (!m_study) {
        return;
    }
    bool kindsChanged = false;
    for (int i = 0; i < static_cast<int>(m_panes.size()); ++i) {
        viewer::SlicePane* pane = m_panes[static_cast<std::size_t>(i)];
        viewer::VolumePane* volumePane = m_volumePanes[static_cast<std::size_t>(i)];
        const viewer::PaneAssignment wanted = m_state->paneAssignment(i);
        const bool is3d = wanted.kind == viewer::PaneKind::Volume3d;
        const bool laidOut3d = m_grid->indexOf(volumePane) >= 0;
        kindsChanged = kindsChanged || (i < m_rows * m_columns && laidOut3d != is3d);
        if (is3d) {
            const viewer::PaneSeries& shown = volumePane->series();
            const bool showsWanted = volumePane->hasSeries() &&
                                     shown.seriesInstanceUid == wanted.seriesInstanceUid &&
                                     shown.volumeIndex == wanted.volume;
            if (all || !showsWanted) {
                volumePane->setSeries(viewer::paneSeriesFor(*m_study, wanted));
            }
            continue;
        }
        if (volumePane->hasSeries()) {
            volumePane->setSeries({});  // frees its rendering copy of the volume
        }
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
    if (kindsChanged && m_maximized == nullptr) {
        relayout();
    }
}

bool PaneGrid::setLayoutName(const QString& name) {
    int rows = 0;
    int columns = 0;
    if (name == QLatin1String("1x1")) {
        rows = 1, columns = 1;
    } else if (name == QLatin1String("1x2")) {
        rows = 1, columns = 2;
    } else if (name == QLatin1String("2x2") || viewer::isPresetLayout(name)) {
        rows = 2, columns = 2;
    } else if (name == QLatin1String("1x4")) {
        rows = 1, columns = 4;
    } else {
        return false;
    }
    const bool leavesPreset = viewer::isPresetLayout(m_layoutName) && !viewer::isPresetLayout(name);
    m_rows = rows;
    m_columns = columns;
    m_layoutName = name;
    m_maximized = nullptr;
    if (viewer::isPresetLayout(name)) {
        applyPreset(true);
        m_state->flush();
    } else if (leavesPreset && m_study) {
        const auto defaults =
            viewer::defaultPaneAssignments(*m_study, viewer::ViewState::kPaneCount);
        for (int i = 0; i < viewer::ViewState::kPaneCount; ++i) {
            if (m_state->paneAssignment(i).kind == viewer::PaneKind::Volume3d) {
                m_state->setPaneAssignment(i, defaults[static_cast<std::size_t>(i)]);
            }
        }
        m_state->flush();
    }
    relayout();
    return true;
}

QWidget* PaneGrid::widgetAt(int position) const {
    const auto i = static_cast<std::size_t>(position);
    if (m_state->paneAssignment(position).kind == viewer::PaneKind::Volume3d) {
        return m_volumePanes[i];
    }
    return m_panes[i];
}

void PaneGrid::relayout() {
    for (int i = 0; i < viewer::ViewState::kPaneCount; ++i) {
        for (QWidget* pane : {static_cast<QWidget*>(m_panes[static_cast<std::size_t>(i)]),
                              static_cast<QWidget*>(m_volumePanes[static_cast<std::size_t>(i)])}) {
            m_grid->removeWidget(pane);
            pane->hide();
        }
    }
    for (int r = 0; r < 2; ++r) {
        m_grid->setRowStretch(r, r < m_rows ? 1 : 0);
    }
    for (int c = 0; c < 4; ++c) {
        m_grid->setColumnStretch(c, c < m_columns ? 1 : 0);
    }
    for (int i = 0; i < m_rows * m_columns; ++i) {
        QWidget* pane = widgetAt(i);
        m_grid->addWidget(pane, i / m_columns, i % m_columns);
        pane->show();
    }
}

void PaneGrid::toggleMaximized(QWidget* pane) {
    if (m_maximized == pane) {
        m_maximized = nullptr;
        relayout();
        return;
    }
    for (int i = 0; i < viewer::ViewState::kPaneCount; ++i) {
        for (QWidget* other : {static_cast<QWidget*>(m_panes[static_cast<std::size_t>(i)]),
                               static_cast<QWidget*>(m_volumePanes[static_cast<std::size_t>(i)])}) {
            m_grid->removeWidget(other);
            other->hide();
        }
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

std::vector<viewer::VtkRenderWidget*> PaneGrid::visibleRenderWidgets() const {
    std::vector<viewer::VtkRenderWidget*> visible;
    for (int i = 0; i < viewer::ViewState::kPaneCount; ++i) {
        const auto index = static_cast<std::size_t>(i);
        for (viewer::VtkRenderWidget* pane :
             {static_cast<viewer::VtkRenderWidget*>(m_panes[index]),
              static_cast<viewer::VtkRenderWidget*>(m_volumePanes[index])}) {
            if (!pane->isHidden()) {
                visible.push_back(pane);
            }
        }
    }
    return visible;
}

QImage PaneGrid::grabComposed() {
    QImage composed(size() * devicePixelRatioF(), QImage::Format_RGB32);
    composed.setDevicePixelRatio(devicePixelRatioF());
    composed.fill(QColor(0x20, 0x20, 0x20));
    QPainter painter(&composed);
    for (auto* pane : visibleRenderWidgets()) {
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
