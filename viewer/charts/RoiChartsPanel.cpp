#include "viewer/charts/RoiChartsPanel.h"

#include <QLabel>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "core/model/Study.h"
#include "viewer/charts/LineProfileChart.h"
#include "viewer/charts/RoiHistogramChart.h"
#include "viewer/roi/AnnotationLayer.h"

namespace crosscheck::viewer {

RoiChartsPanel::RoiChartsPanel(AnnotationLayer* layer, QWidget* parent)
    : QWidget(parent),
      m_layer(layer),
      m_stack(new QStackedWidget(this)),
      m_hint(new QLabel(this)),
      m_profile(new LineProfileChart(this)),
      m_histograms(new RoiHistogramChart(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setMargin(12);
    m_stack->addWidget(m_hint);
    m_stack->addWidget(m_profile);
    m_stack->addWidget(m_histograms);
    showHint(QString());
    connect(m_layer, &AnnotationLayer::changed, this, &RoiChartsPanel::scheduleRefresh);
}

void RoiChartsPanel::setStudy(std::shared_ptr<const Study> study) {
    m_study = std::move(study);
    m_stale = true;  // same pointer, new transforms: the curves must be resampled
    scheduleRefresh();
}

QString RoiChartsPanel::hint() const {
    return m_hint->text();
}

void RoiChartsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_stale) {
        scheduleRefresh();
    }
}

void RoiChartsPanel::scheduleRefresh() {
    if (!m_refreshPending) {
        m_refreshPending = true;
        QTimer::singleShot(0, this, &RoiChartsPanel::refresh);
    }
}

void RoiChartsPanel::showHint(const QString& text) {
    m_hint->setText(text.isEmpty() ? tr("Select a ruler or bidirectional ROI for its line "
                                        "profile, or an area or volume ROI for its histograms.")
                                   : text);
    m_stack->setCurrentWidget(m_hint);
    m_showing = Showing::Hint;
    m_shownRoi.reset();
}

void RoiChartsPanel::refresh() {
    m_refreshPending = false;
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    const Annotation* annotation =
        m_study ? m_layer->history().find(m_layer->selectedId()) : nullptr;
    if (!annotation) {
        showHint(m_study ? QString() : tr("No study is open."));
        m_stale = false;
        emit updated();
        return;
    }
    if (!m_stale && m_shownRoi && *m_shownRoi == annotation->roi &&
        m_shownLabel == annotation->label) {
        return;  // another annotation changed, not the one charted
    }
    const Roi& roi = annotation->roi;
    const QString label = QString::fromStdString(annotation->label);
    const bool histogram =
        roi.hasArea() || roi.shape == RoiShape::Sphere || roi.shape == RoiShape::Brush;
    if (roi.isLinear() && roi.pointsMm.size() >= 2) {
        m_profile->showProfile(roi, label, *m_study);
        m_stack->setCurrentWidget(m_profile);
        m_showing = Showing::Profile;
    } else if (histogram) {
        m_histograms->showHistograms(roi, label, *m_study);
        m_stack->setCurrentWidget(m_histograms);
        m_showing = Showing::Histograms;
    } else {
        showHint(tr("%1 is a point: it has no profile or histogram.").arg(label));
        m_stale = false;
        emit updated();
        return;
    }
    m_shownRoi = roi;
    m_shownLabel = annotation->label;
    m_stale = false;
    emit updated();
}

void RoiChartsPanel::setVisibleThresholdHu(double hu) {
    m_profile->setVisibleThresholdHu(hu);
    m_stale = true;
    scheduleRefresh();
}

}  // namespace crosscheck::viewer
