#include "viewer/roi/MeasurementTable.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "core/roi/StudyMeasurement.h"
#include "viewer/roi/AnnotationLayer.h"

namespace crosscheck::viewer {

namespace {

const QStringList kHeaders = {
    QObject::tr("ROI"),     QObject::tr("Series"),   QObject::tr("Unit"),
    QObject::tr("Mean"),    QObject::tr("SD"),       QObject::tr("Median"),
    QObject::tr("Min"),     QObject::tr("Max"),      QObject::tr("P5"),
    QObject::tr("P95"),     QObject::tr("Count"),    QObject::tr("Area mm²"),
    QObject::tr("Long mm"), QObject::tr("Short mm"), QObject::tr("Visible mm"),
    QObject::tr("Warnings")};
constexpr int kCenterRole = Qt::UserRole + 1;

QTableWidgetItem* numberCell(double value, int decimals) {
    auto* item = new QTableWidgetItem;
    item->setData(Qt::DisplayRole, QString::number(value, 'f', decimals).toDouble());
    return item;
}

/// The centre of an ROI, for moving the cursor to it.
Eigen::Vector3d roiCenter(const Roi& roi) {
    if (!roi.pointsMm.empty()) {
        Eigen::Vector3d sum = Eigen::Vector3d::Zero();
        for (const auto& p : roi.pointsMm) {
            sum += p;
        }
        return sum / static_cast<double>(roi.pointsMm.size());
    }
    return roi.centerMm;
}

}  // namespace

MeasurementTable::MeasurementTable(AnnotationLayer* layer, QWidget* parent)
    : QWidget(parent), m_layer(layer), m_table(new QTableWidget(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    m_table->setColumnCount(static_cast<int>(kHeaders.size()));
    m_table->setHorizontalHeaderLabels(kHeaders);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
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
    connect(m_table, &QTableWidget::cellClicked, this, [this](int row, int) {
        const QVariant center = m_table->item(row, 0)->data(kCenterRole);
        if (center.isValid()) {
            const QList<QVariant> xyz = center.toList();
            emit roiActivated(
                Eigen::Vector3d(xyz[0].toDouble(), xyz[1].toDouble(), xyz[2].toDouble()));
        }
    });
}

void MeasurementTable::setStudy(std::shared_ptr<const Study> study) {
    m_study = std::move(study);
    scheduleRefresh();
}

void MeasurementTable::scheduleRefresh() {
    if (!m_refreshPending) {
        m_refreshPending = true;
        QTimer::singleShot(0, this, &MeasurementTable::refresh);
    }
}

void MeasurementTable::refresh() {
    m_refreshPending = false;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(0);
    if (!m_study) {
        return;
    }
    for (const Annotation& annotation : m_layer->history().annotations()) {
        const auto rows = measureInStudy(annotation.roi, *m_study);
        const Eigen::Vector3d c = roiCenter(annotation.roi);
        const QVariant center = QList<QVariant>{c.x(), c.y(), c.z()};
        auto addRow = [&](const QString& series, const QString& unit) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            auto* label = new QTableWidgetItem(QString::fromStdString(annotation.label));
            label->setData(kCenterRole, center);
            m_table->setItem(row, 0, label);
            m_table->setItem(row, 1, new QTableWidgetItem(series));
            m_table->setItem(row, 2, new QTableWidgetItem(unit));
            return row;
        };
        for (const SeriesMeasurement& s : rows) {
            const RoiMeasurement& m = s.measurement;
            const int row =
                addRow(QString::fromLatin1(toString(s.role)), QString::fromStdString(m.unit));
            QStringList warnings;
            for (const auto& w : m.warnings) {
                warnings << QString::fromStdString(w);
            }
            m_table->setItem(row, 15, new QTableWidgetItem(warnings.join(QStringLiteral("; "))));
            if (!m.hasNumbers) {
                continue;
            }
            const auto& v = m.values;
            const double values[] = {v.mean, v.sd, v.median, v.min, v.max, v.p5, v.p95};
            for (int i = 0; i < 7; ++i) {
                m_table->setItem(row, 3 + i, numberCell(values[i], 1));
            }
            m_table->setItem(row, 10, numberCell(v.count, 0));
            if (m.size.areaMm2) {
                m_table->setItem(row, 11, numberCell(*m.size.areaMm2, 1));
            }
            m_table->setItem(row, 12, numberCell(m.size.longAxisMm, 1));
            m_table->setItem(row, 13, numberCell(m.size.shortAxisMm, 1));
            if (m.visibleExtentMm) {
                m_table->setItem(row, 14, numberCell(*m.visibleExtentMm, 1));
            }
        }
        if (const auto delta = compareCtSct(rows)) {
            const int row = addRow(tr("CT - sCT"), QStringLiteral("HU / mm"));
            m_table->setItem(row, 3, numberCell(delta->deltaMeanHu, 1));
            if (delta->deltaExtentMm) {
                m_table->setItem(row, 14, numberCell(*delta->deltaExtentMm, 1));
            }
            QStringList reasons;
            for (const auto& r : delta->reasons) {
                reasons << QString::fromStdString(r);
            }
            m_table->setItem(row, 15, new QTableWidgetItem(reasons.join(QStringLiteral("; "))));
            for (int col = 0; col < m_table->columnCount(); ++col) {
                if (!m_table->item(row, col)) {
                    m_table->setItem(row, col, new QTableWidgetItem);
                }
                if (delta->flagged) {
                    m_table->item(row, col)->setBackground(QColor(200, 30, 30));
                    m_table->item(row, col)->setForeground(Qt::white);
                }
            }
        }
    }
    m_table->setSortingEnabled(true);
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

}  // namespace crosscheck::viewer
