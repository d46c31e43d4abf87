#include "viewer/panes/SlabControls.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QMenu>
#include <QSignalBlocker>
#include <QToolBar>

#include "viewer/state/ViewState.h"

namespace crosscheck::viewer {

namespace {
constexpr SlabMode kModes[] = {SlabMode::Thin, SlabMode::Max, SlabMode::Min, SlabMode::Mean};
constexpr double kThicknessStepMm = 5.0;
}  // namespace

SlabControls::SlabControls(ViewState* state, QObject* parent) : QObject(parent), m_state(state) {
    connect(m_state, &ViewState::changed, this, [this](unsigned changes) {
        if (changes & ViewState::SlabChanged) {
            follow();
        }
    });
}

SlabMode SlabControls::nextMode(SlabMode mode) {
    switch (mode) {
        case SlabMode::Thin:
            return SlabMode::Max;
        case SlabMode::Max:
            return SlabMode::Min;
        case SlabMode::Min:
            return SlabMode::Mean;
        case SlabMode::Mean:
            return SlabMode::Thin;
    }
    return SlabMode::Thin;
}

QMenu* SlabControls::addMenu(QMenu* view) {
    QMenu* menu = view->addMenu(tr("S&lab"));
    m_modes = new QActionGroup(this);
    const QString names[] = {tr("Thin slice"), tr("MIP (maximum intensity)"),
                             tr("MinIP (minimum intensity)"), tr("Mean (average)")};
    for (std::size_t i = 0; i < std::size(kModes); ++i) {
        QAction* action = menu->addAction(names[i]);
        action->setCheckable(true);
        action->setChecked(kModes[i] == m_state->slab().mode);
        action->setData(static_cast<int>(i));
        m_modes->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode = kModes[i]] { setMode(mode); });
    }
    menu->addSeparator();
    QAction* next = menu->addAction(tr("Next slab mode (thin, MIP, MinIP, mean)"));
    next->setShortcut(QKeySequence(Qt::Key_I));
    connect(next, &QAction::triggered, this, [this] { setMode(nextMode(m_state->slab().mode)); });
    QAction* thicker = menu->addAction(tr("Thicker slab (5 mm)"));
    thicker->setShortcuts({QKeySequence(Qt::Key_Equal), QKeySequence(Qt::Key_Plus)});
    connect(thicker, &QAction::triggered, this, [this] { stepThickness(kThicknessStepMm); });
    QAction* thinner = menu->addAction(tr("Thinner slab (5 mm)"));
    thinner->setShortcut(QKeySequence(Qt::Key_Minus));
    connect(thinner, &QAction::triggered, this, [this] { stepThickness(-kThicknessStepMm); });
    menu->addAction(tr("Shift + wheel in a pane: thicker / thinner"))->setEnabled(false);
    menu->addAction(tr("Probe and ROI numbers stay on the thin slice"))->setEnabled(false);
    return menu;
}

void SlabControls::addToToolBar(QToolBar* bar) {
    m_modeBox = new QComboBox(bar);
    m_modeBox->setObjectName(QStringLiteral("slabModeBox"));
    for (SlabMode mode : kModes) {
        m_modeBox->addItem(mode == SlabMode::Thin ? tr("Thin slice") : slabModeLabel(mode));
    }
    m_modeBox->setToolTip(tr("Thick slab in every pane: MIP, MinIP or mean (I in a pane)"));
    m_modeBox->setFocusPolicy(Qt::ClickFocus);
    bar->addWidget(m_modeBox);
    m_thicknessBox = new QDoubleSpinBox(bar);
    m_thicknessBox->setObjectName(QStringLiteral("slabThicknessBox"));
    m_thicknessBox->setRange(Slab::kMinThicknessMm, Slab::kMaxThicknessMm);
    m_thicknessBox->setDecimals(0);
    m_thicknessBox->setSingleStep(kThicknessStepMm);
    m_thicknessBox->setSuffix(QStringLiteral(" mm"));
    m_thicknessBox->setToolTip(tr("Slab thickness (= and - or Shift + wheel in a pane)"));
    m_thicknessBox->setFocusPolicy(Qt::ClickFocus);
    bar->addWidget(m_thicknessBox);
    connect(m_modeBox, qOverload<int>(&QComboBox::activated), this, [this](int index) {
        if (index >= 0 && index < static_cast<int>(std::size(kModes))) {
            setMode(kModes[index]);
        }
    });
    connect(m_thicknessBox, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
            [this](double mm) {
                Slab slab = m_state->slab();
                slab.thicknessMm = mm;
                m_state->setSlab(slab);
            });
    follow();
}

void SlabControls::setMode(SlabMode mode) {
    Slab slab = m_state->slab();
    slab.mode = mode;
    m_state->setSlab(slab);
}

void SlabControls::stepThickness(double deltaMm) {
    Slab slab = m_state->slab();
    slab.thicknessMm += deltaMm;
    m_state->setSlab(slab);
}

void SlabControls::follow() {
    const Slab& slab = m_state->slab();
    int index = 0;
    for (std::size_t i = 0; i < std::size(kModes); ++i) {
        if (kModes[i] == slab.mode) {
            index = static_cast<int>(i);
        }
    }
    if (m_modes != nullptr) {
        m_modes->actions().at(index)->setChecked(true);
    }
    if (m_modeBox != nullptr) {
        const QSignalBlocker block(m_modeBox);
        m_modeBox->setCurrentIndex(index);
    }
    if (m_thicknessBox != nullptr) {
        const QSignalBlocker block(m_thicknessBox);
        m_thicknessBox->setValue(slab.thicknessMm);
        // The thickness means nothing on a thin slice.
        m_thicknessBox->setEnabled(slab.isOn());
    }
}

}  // namespace crosscheck::viewer
