#include "viewer/roi/MeasurementTable.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "core/roi/RoiDrawing.h"
#include "viewer/roi/AnnotationLayer.h"

namespace crosscheck::viewer {

namespace {

enum Column {
    kRoi,
    kSeries,
    kUnit,
    kMean,
    kSd,
    kMedian,
    kMin,
    kMax,
    kP5,
    kP95,
    kCount,
    kArea,
    kVolume,
    kLong,
    kShort,
    kVisible,
    kVisibleAxial,
    kVisibleSagittal,
    kContrast,
    kWarnings,
    kColumns
};

const QStringList kHeaders = {
    QObject::tr("ROI"),        QObject::tr("Series"),   QObject::tr("Unit"),
    QObject::tr("Mean"),       QObject::tr("SD"),       QObject::tr("Median"),
    QObject::tr("Min"),        QObject::tr("Max"),      QObject::tr("P5"),
    QObject::tr("P95"),        QObject::tr("Count"),    QObject::tr("Area mm²"),
    QObject::tr("Volume mm³"), QObject::tr("Long mm"),  QObject::tr("Short mm"),
    QObject::tr("Visible mm"), QObject::tr("Axial mm"), QObject::tr("Sagittal mm"),
    QObject::tr("Contrast"),   QObject::tr("Warnings")};
constexpr int kCenterRole = Qt::UserRole + 1;
constexpr int kIdRole = Qt::UserRole + 2;
const QColor kFlagColour(200, 30, 30);

QTableWidgetItem* readOnly(QTableWidgetItem* item) {
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

/// A number shown with a fixed count of decimals ("-11.0" next to "559.8", not "-11") that
/// still sorts as a number.
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(double value, int decimals)
        : QTableWidgetItem(QString::number(value, 'f', decimals)), m_value(value) {
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& other) const override {
        if (const auto* number = dynamic_cast<const NumberItem*>(&other)) {
            return m_value < number->m_value;
        }
        return QTableWidgetItem::operator<(other);
    }

private:
    double m_value;
};

QTableWidgetItem* numberCell(double value, int decimals) {
    return readOnly(new NumberItem(value, decimals));
}

/// A visible size in one plane as the study gives it, "long x short" (sorts by long).
QTableWidgetItem* sizeCell(const Eigen::Vector2d& longShortMm) {
    auto* item = new NumberItem(longShortMm[0], 1);
    item->setText(
        QStringLiteral("%1 x %2").arg(longShortMm[0], 0, 'f', 1).arg(longShortMm[1], 0, 'f', 1));
    return readOnly(item);
}

QString joined(const std::vector<std::string>& texts) {
    QStringList list;
    for (const auto& t : texts) {
        list << QString::fromStdString(t);
    }
    return list.join(QStringLiteral("; "));
}

}  // namespace

MeasurementTable::MeasurementTable(AnnotationLayer* layer, QWidget* parent)
    : QWidget(parent), m_layer(layer), m_table(new QTableWidget(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildOptionsBar());
    layout->addWidget(m_table);
    m_table->setColumnCount(kColumns);
    m_table->setHorizontalHeaderLabels(kHeaders);
    m_table->horizontalHeaderItem(kContrast)->setToolTip(
        tr("ROI mean minus the mean of a ring around the ROI (width set above), "
           "in the row's unit: positive when the ROI is brighter or denser"));
    m_table->horizontalHeaderItem(kVisibleAxial)
        ->setToolTip(tr("Long x short axis of the visible object's section in the axial plane "
                        "(as the study reported them); 0 x 0 when nothing is visible"));
    m_table->horizontalHeaderItem(kVisibleSagittal)
        ->setToolTip(tr("Long x short axis of the visible object's section in the sagittal "
                        "plane; 0 x 0 when nothing is visible"));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Only the ROI's name is editable (double-click or F2); the numbers come from core.
    // F2 is also a window shortcut (the series browser): the table keeps it while focused.
    m_table->installEventFilter(this);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSortingEnabled(true);
    auto* copy = new QAction(tr("Copy as TSV"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->addAction(copy);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(copy, &QAction::triggered, this,
            [this] { QApplication::clipboard()->setText(toTsv()); });
    connect(m_layer, &AnnotationLayer::changed, this, &MeasurementTable::scheduleRefresh);
    connect(m_table, &QTableWidget::itemChanged, this, &MeasurementTable::renameFromItem);
    connect(m_table, &QTableWidget::cellClicked, this, [this](int row, int) {
        const QVariant center = m_table->item(row, kRoi)->data(kCenterRole);
        if (center.isValid()) {
            const QList<QVariant> xyz = center.toList();
            emit roiActivated(
                PatientPoint{{xyz[0].toDouble(), xyz[1].toDouble(), xyz[2].toDouble()}});
        }
    });
}

QWidget* MeasurementTable::buildOptionsBar() {
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(4, 2, 4, 2);
    auto* threshold = new QSpinBox(bar);
    threshold->setRange(-1000, 3000);
    threshold->setSingleStep(10);
    threshold->setValue(static_cast<int>(m_options.visibleThresholdHu));
    threshold->setSuffix(QStringLiteral(" HU"));
    threshold->setToolTip(
        tr("CT and sCT: the visible extent is the long axis of the largest "
           "connected region inside the ROI at or above this value"));
    auto* ring = new QDoubleSpinBox(bar);
    ring->setRange(0.0, 20.0);
    ring->setSingleStep(0.5);
    ring->setDecimals(1);
    ring->setValue(m_options.ringWidthMm);
    ring->setSuffix(QStringLiteral(" mm"));
    ring->setToolTip(tr("Width of the ring around the ROI that the contrast is taken against"));
    row->addWidget(new QLabel(tr("Visible extent at or above"), bar));
    row->addWidget(threshold);
    row->addSpacing(12);
    row->addWidget(new QLabel(tr("Contrast ring"), bar));
    row->addWidget(ring);
    row->addStretch(1);
    connect(threshold, qOverload<int>(&QSpinBox::valueChanged), this, [this](int hu) {
        MeasureOptions o = m_options;
        o.visibleThresholdHu = hu;
        setMeasureOptions(o);
    });
    connect(ring, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this](double mm) {
        MeasureOptions o = m_options;
        o.ringWidthMm = mm;
        setMeasureOptions(o);
    });
    return bar;
}

void MeasurementTable::setStudy(std::shared_ptr<const Study> study) {
    m_study = std::move(study);
    m_cache.clear();
    scheduleRefresh();
}

void MeasurementTable::setMeasureOptions(const MeasureOptions& options) {
    m_options = options;
    m_cache.clear();
    scheduleRefresh();
    emit measureOptionsChanged();
}

void MeasurementTable::scheduleRefresh() {
    if (!m_refreshPending) {
        m_refreshPending = true;
        QTimer::singleShot(0, this, &MeasurementTable::refresh);
    }
}

const std::vector<SeriesMeasurement>& MeasurementTable::rowsFor(const Annotation& annotation) {
    auto it = m_cache.find(annotation.id);
    if (it == m_cache.end() || it->second.roi != annotation.roi) {
        CachedRows fresh{annotation.roi, measureInStudy(annotation.roi, *m_study, m_options)};
        it = m_cache.insert_or_assign(annotation.id, std::move(fresh)).first;
    }
    return it->second.rows;
}

void MeasurementTable::renameFromItem(QTableWidgetItem* item) {
    if (m_filling || item->column() != kRoi) {
        return;
    }
    const std::string id = item->data(kIdRole).toString().toStdString();
    const Annotation* annotation = m_layer->history().find(id);
    const std::string label = item->text().trimmed().toStdString();
    if (!annotation || label.empty() || label == annotation->label) {
        scheduleRefresh();  // an empty name is not taken: show the old one again
        return;
    }
    Annotation renamed = *annotation;
    renamed.label = label;
    m_layer->history().modify(renamed);
}

void MeasurementTable::refresh() {
    m_refreshPending = false;
    const QSignalBlocker quiet(m_table);
    m_filling = true;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(0);
    if (!m_study) {
        return;
    }
    std::map<std::string, CachedRows> stillThere;
    for (const Annotation& annotation : m_layer->history().annotations()) {
        addRows(annotation, rowsFor(annotation));
        stillThere.insert(m_cache.extract(annotation.id));
    }
    m_cache = std::move(stillThere);  // forget removed ROIs
    m_table->setSortingEnabled(true);
    m_filling = false;
}

int MeasurementTable::addRow(const Annotation& annotation, const QString& series,
                             const QString& unit) {
    const Eigen::Vector3d c = roiAnchorMm(annotation.roi);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* label = new QTableWidgetItem(QString::fromStdString(annotation.label));
    label->setData(kCenterRole, QList<QVariant>{c.x(), c.y(), c.z()});
    label->setData(kIdRole, QString::fromStdString(annotation.id));
    label->setToolTip(tr("Double-click to rename"));
    m_table->setItem(row, kRoi, label);
    m_table->setItem(row, kSeries, readOnly(new QTableWidgetItem(series)));
    m_table->setItem(row, kUnit, readOnly(new QTableWidgetItem(unit)));
    return row;
}

void MeasurementTable::addRows(const Annotation& annotation,
                               const std::vector<SeriesMeasurement>& rows) {
    for (const SeriesMeasurement& s : rows) {
        const RoiMeasurement& m = s.measurement;
        const int row = addRow(annotation, QString::fromLatin1(toString(s.role)),
                               QString::fromStdString(m.unit));
        m_table->setItem(row, kWarnings, readOnly(new QTableWidgetItem(joined(m.warnings))));
        if (!m.hasNumbers) {
            continue;
        }
        const auto& v = m.values;
        const double values[] = {v.mean, v.sd, v.median, v.min, v.max, v.p5, v.p95};
        for (int i = 0; i < 7; ++i) {
            m_table->setItem(row, kMean + i, numberCell(values[i], 1));
        }
        m_table->setItem(row, kCount, numberCell(v.count, 0));
        const RoiSizeMeaning meaning = roiSizeMeaning(annotation.roi);
        if (m.size.areaMm2 && meaning.area) {
            m_table->setItem(row, kArea, numberCell(*m.size.areaMm2, 1));
        }
        if (m.size.volumeMm3) {
            m_table->setItem(row, kVolume, numberCell(*m.size.volumeMm3, 1));
        }
        if (meaning.longAxis) {
            m_table->setItem(row, kLong, numberCell(m.size.longAxisMm, 1));
        }
        if (meaning.shortAxis) {
            m_table->setItem(row, kShort, numberCell(m.size.shortAxisMm, 1));
        }
        if (m.visibleExtentMm) {
            m_table->setItem(row, kVisible, numberCell(*m.visibleExtentMm, 1));
        }
        if (m.visibleAxialMm) {
            m_table->setItem(row, kVisibleAxial, sizeCell(*m.visibleAxialMm));
        }
        if (m.visibleSagittalMm) {
            m_table->setItem(row, kVisibleSagittal, sizeCell(*m.visibleSagittalMm));
        }
        if (m.contrast) {
            m_table->setItem(row, kContrast, numberCell(*m.contrast, 1));
        }
    }
    if (const auto delta = compareCtSct(rows)) {
        addDifferenceRow(annotation, *delta);
    }
}

void MeasurementTable::addDifferenceRow(const Annotation& annotation,
                                        const CtSctDifference& delta) {
    const int row = addRow(annotation, tr("CT - sCT"), QStringLiteral("HU / mm"));
    m_table->setItem(row, kMean, numberCell(delta.deltaMeanHu, 1));
    if (delta.deltaExtentMm) {
        m_table->setItem(row, kVisible, numberCell(*delta.deltaExtentMm, 1));
    }
    if (delta.deltaAxialMm) {
        m_table->setItem(row, kVisibleAxial, sizeCell(*delta.deltaAxialMm));
    }
    if (delta.deltaSagittalMm) {
        m_table->setItem(row, kVisibleSagittal, sizeCell(*delta.deltaSagittalMm));
    }
    m_table->setItem(row, kWarnings, readOnly(new QTableWidgetItem(joined(delta.reasons))));
    for (int col = 0; col < m_table->columnCount(); ++col) {
        if (!m_table->item(row, col)) {
            m_table->setItem(row, col, readOnly(new QTableWidgetItem));
        }
        if (delta.flagged) {
            m_table->item(row, col)->setBackground(kFlagColour);
            m_table->item(row, col)->setForeground(Qt::white);
        }
    }
}

QString MeasurementTable::toTsv() const {
    QStringList lines;
    QStringList header;
    for (int c = 0; c < m_table->columnCount(); ++c) {
        header << m_table->horizontalHeaderItem(c)->text();
    }
    lines << header.join(QLatin1Char('\t'));
    for (int r = 0; r < m_table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < m_table->columnCount(); ++c) {
            const QTableWidgetItem* item = m_table->item(r, c);
            cells << (item ? item->text() : QString());
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

bool MeasurementTable::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_table && event->type() == QEvent::ShortcutOverride &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_F2 &&
        static_cast<QKeyEvent*>(event)->modifiers() == Qt::NoModifier) {
        event->accept();  // delivered as a key press: the item view's "edit" key
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace crosscheck::viewer
