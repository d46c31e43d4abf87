#include "viewer/analysis/FindingsPanel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSlider>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "core/analysis/AgreementMethods.h"
#include "viewer/analysis/DiscrepancyBanner.h"
#include "viewer/analysis/DiscrepancyLayer.h"

namespace crosscheck::viewer {

namespace {

QString kindText(DiscrepancyKind kind) {
    return QObject::tr(describe(kind));
}

QTableWidgetItem* cell(const QString& text, const QVariant& sortValue = {}) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    if (sortValue.isValid()) {
        item->setData(Qt::UserRole, sortValue);
    }
    return item;
}

}  // namespace

FindingsPanel::FindingsPanel(DiscrepancyLayer* layer, QWidget* parent)
    : QWidget(parent),
      m_layer(layer),
      m_table(new QTableWidget(this)),
      m_summary(new QLabel(this)),
      m_metrics(new QLabel(this)),
      m_measure(new QPushButton(tr("&Measure this finding"), this)) {
    auto* layout = new QVBoxLayout(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_table->setColumnCount(7);
    // CT and sCT HU next to the kind: the numbers that matter stay in view in a narrow dock.
    m_table->setHorizontalHeaderLabels({tr("#"), tr("Kind"), tr("CT HU"), tr("sCT HU"),
                                        tr("Size (mm)"), tr("Volume (mm³)"), tr("Seen on MRI")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Two findings stay readable however crowded the dock column gets (the charts dock
    // below it would otherwise squeeze the table to its header).
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() +
                              2 * m_table->verticalHeader()->defaultSectionSize() +
                              m_table->horizontalScrollBar()->sizeHint().height() +
                              2 * m_table->frameWidth());
    layout->addWidget(m_table, 1);
    m_measure->setToolTip(
        tr("Adds ellipses fitted to the selected finding in its axial and sagittal planes as "
           "ROIs, measured in every series (Ctrl+Z removes them)"));
    m_measure->setEnabled(false);
    layout->addWidget(m_measure);
    m_metrics->setWordWrap(true);
    layout->addWidget(m_metrics);
    auto* controls = new QHBoxLayout;
    auto* show = new QCheckBox(tr("Difference overlay on CT"), this);
    show->setChecked(layer->showDifference());
    auto* opacity = new QSlider(Qt::Horizontal, this);
    opacity->setRange(0, 100);
    opacity->setValue(static_cast<int>(layer->differenceOpacity() * 100));
    opacity->setToolTip(tr("Overlay opacity"));
    controls->addWidget(show);
    controls->addWidget(new QLabel(tr("Opacity"), this));
    controls->addWidget(opacity, 1);
    layout->addLayout(controls);
    auto* limits = new QHBoxLayout;
    auto* dense = new QDoubleSpinBox(this);
    dense->setRange(50, 3000);
    dense->setSingleStep(25);
    dense->setSuffix(QStringLiteral(" HU"));
    dense->setValue(layer->thresholds().denseHu);
    dense->setToolTip(tr("Dense on CT from this value (the sCT below the 'not dense' value)"));
    auto* minVolume = new QDoubleSpinBox(this);
    minVolume->setRange(0, 100000);
    minVolume->setSingleStep(10);
    minVolume->setSuffix(QStringLiteral(" mm³"));
    minVolume->setValue(layer->thresholds().minVolumeMm3);
    limits->addWidget(new QLabel(tr("Dense from"), this));
    limits->addWidget(dense);
    limits->addWidget(new QLabel(tr("Smallest region"), this));
    limits->addWidget(minVolume);
    layout->addLayout(limits);
    auto apply = [layer, dense, minVolume] {
        DiscrepancyThresholds t = layer->thresholds();
        t.denseHu = dense->value();
        t.minVolumeMm3 = minVolume->value();
        layer->setThresholds(t);
    };
    connect(dense, &QDoubleSpinBox::editingFinished, this, apply);
    connect(minVolume, &QDoubleSpinBox::editingFinished, this, apply);
    connect(show, &QCheckBox::toggled, layer, &DiscrepancyLayer::setShowDifference);
    connect(opacity, &QSlider::valueChanged, layer,
            [layer](int v) { layer->setDifferenceOpacity(v / 100.0); });
    connect(layer, &DiscrepancyLayer::changed, this, &FindingsPanel::refresh);
    connect(m_table, &QTableWidget::cellClicked, this, [this](int row, int) {
        const auto& result = m_layer->result();
        const int index = m_table->item(row, 0)->data(Qt::UserRole).toInt();
        if (result && index >= 0 && index < static_cast<int>(result->regions.size())) {
            emit findingActivated(
                PatientPoint{result->regions[static_cast<std::size_t>(index)].centroidMm});
        }
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_measure->setEnabled(selectedRegion() >= 0); });
    connect(m_measure, &QPushButton::clicked, this, [this] {
        if (const int index = selectedRegion(); index >= 0) {
            emit measureFindingRequested(index);
        }
    });
    refresh();
}

int FindingsPanel::selectedRegion() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || !m_layer->result()) {
        return -1;
    }
    return m_table->item(rows.front().row(), 0)->data(Qt::UserRole).toInt();
}

void FindingsPanel::refresh() {
    const auto& result = m_layer->result();
    const int count = result ? static_cast<int>(result->regions.size()) : 0;
    if (result == m_shown) {
        return;  // display settings changed, not the findings
    }
    m_shown = result;
    m_table->setRowCount(count);
    if (!result) {
        m_summary->setText(tr("No analysis yet: Analysis > Compare CT and sCT (Ctrl+D)."));
        m_metrics->clear();
        return;
    }
    // The same words as the sCT pane's banner, thresholds that differ from the defaults
    // included.
    const DiscrepancyBanner banner = discrepancyBanner(result->regions, m_layer->thresholds());
    switch (banner.severity) {
        case DiscrepancyBanner::Severity::Misses:
            m_summary->setText(
                QStringLiteral("<b style='color:#d02020'>%1</b>").arg(banner.text.toHtmlEscaped()));
            break;
        case DiscrepancyBanner::Severity::Disagrees:
            m_summary->setText(
                QStringLiteral("<b style='color:#b06000'>%1</b>").arg(banner.text.toHtmlEscaped()));
            break;
        case DiscrepancyBanner::Severity::None:
            m_summary->setText(tr("No region where CT and sCT disagree."));
            break;
    }
    for (int row = 0; row < count; ++row) {
        const auto& r = result->regions[static_cast<std::size_t>(row)];
        m_table->setItem(row, 0, cell(QString::number(r.rank), row));
        m_table->setItem(row, 1, cell(kindText(r.kind)));
        m_table->setItem(row, 2, cell(QString::number(r.objectCtHu(), 'f', 0)));
        m_table->setItem(row, 3, cell(QString::number(r.objectSctHu(), 'f', 0)));
        m_table->setItem(row, 4,
                         cell(QStringLiteral("%1 x %2 x %3")
                                  .arg(r.extentMm[0], 0, 'f', 1)
                                  .arg(r.extentMm[1], 0, 'f', 1)
                                  .arg(r.extentMm[2], 0, 'f', 1)));
        m_table->setItem(row, 5, cell(QString::number(r.volumeMm3, 'f', 0)));
        m_table->setItem(
            row, 6,
            cell(!r.visibleOnMr ? tr("not judged") : (*r.visibleOnMr ? tr("yes") : tr("no"))));
        if (r.kind == DiscrepancyKind::CtDenseSctNot) {
            for (int c = 0; c < m_table->columnCount(); ++c) {
                m_table->item(row, c)->setForeground(QColor(220, 40, 40));
            }
        }
    }
    const auto& m = result->difference->metrics();
    m_metrics->setText(
        tr("Over the body where the sCT has a value: MAE %1 HU, ME %2 HU, RMSE "
           "%3 HU, PSNR %4 dB, SSIM %5, bone Dice %6")
            .arg(m.maeHu, 0, 'f', 1)
            .arg(m.meHu, 0, 'f', 1)
            .arg(m.rmseHu, 0, 'f', 1)
            .arg(std::isfinite(m.psnrDb) ? QString::number(m.psnrDb, 'f', 1)
                                         : QStringLiteral("inf"))
            .arg(std::isfinite(m.ssim) ? QString::number(m.ssim, 'f', 3) : QStringLiteral("n/a"))
            .arg(m.boneDice, 0, 'f', 3));
    // The exact definitions (mask, clipping, SSIM window) are those of the report.
    m_metrics->setToolTip(QString::fromStdString(agreementMethods(m)));
}

}  // namespace crosscheck::viewer
