#include "viewer/browser/SeriesBrowser.h"

#include <QComboBox>
#include <QHeaderView>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <map>

#include "core/model/Study.h"
#include "core/volume/VolumeStatistics.h"
#include "viewer/browser/SeriesThumbnail.h"
#include "viewer/study/StudyPanes.h"

namespace crosscheck::viewer {

namespace {

enum Column { kSeries, kRole, kModality, kSize, kWarnings };
constexpr int kUidRole = Qt::UserRole + 1;
const char* const kSeriesMime = "application/x-crosscheck-series";

/// A tree whose series rows drag their SeriesInstanceUID onto panes.
class SeriesTree : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

protected:
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override {
        auto* data = new QMimeData;
        if (!items.isEmpty()) {
            data->setData(QLatin1String(kSeriesMime),
                          items.first()->data(kSeries, kUidRole).toString().toUtf8());
        }
        return data;
    }
    QStringList mimeTypes() const override { return {QLatin1String(kSeriesMime)}; }
};

}  // namespace

SeriesBrowser::SeriesBrowser(QWidget* parent)
    : QWidget(parent), m_tree(new SeriesTree(this)), m_problems(new QListWidget(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 3);
    layout->addWidget(m_problems, 1);
    m_tree->setHeaderLabels({tr("Series"), tr("Role"), tr("Modality"), tr("Size"), tr("Warnings")});
    m_tree->setIconSize(QSize(48, 48));
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &SeriesBrowser::showContextMenu);
    m_problems->hide();
}

void SeriesBrowser::setStudy(std::shared_ptr<Study> study) {
    m_study = std::move(study);
    m_tree->clear();
    std::map<std::string, QTreeWidgetItem*> patients;
    std::map<std::string, QTreeWidgetItem*> studies;
    for (std::size_t i = 0; i < m_study->series.size(); ++i) {
        const auto& info = m_study->series[i].info;
        QTreeWidgetItem*& patient = patients[info.patientId + "|" + info.patientName];
        if (!patient) {
            patient = new QTreeWidgetItem(
                m_tree, {displayPatientName(info.patientName) + QStringLiteral("  (") +
                         QString::fromStdString(info.patientId) + QLatin1Char(')')});
        }
        QTreeWidgetItem*& studyItem = studies[info.studyInstanceUid];
        if (!studyItem) {
            studyItem = new QTreeWidgetItem(
                patient, {QString::fromStdString(info.studyDate + "  " + info.studyDescription)});
        }
        addSeriesRow(studyItem, i);
    }
    m_tree->expandAll();
}

void SeriesBrowser::addSeriesRow(QTreeWidgetItem* parent, std::size_t seriesIndex) {
    const auto& loaded = m_study->series[seriesIndex];
    const auto& info = loaded.info;
    auto* item = new QTreeWidgetItem(parent);
    item->setText(kSeries, QString::fromStdString(info.description));
    item->setData(kSeries, kUidRole, QString::fromStdString(info.seriesInstanceUid));
    item->setFlags(item->flags() | Qt::ItemIsDragEnabled);
    item->setText(kModality, QString::fromStdString(info.modality));
    item->setText(
        kSize,
        QStringLiteral("%1 x %2 x %3").arg(info.dims[0]).arg(info.dims[1]).arg(info.dims[2]));
    QStringList warnings;
    for (const auto& w : loaded.warnings) {
        warnings << QString::fromStdString(w);
    }
    item->setText(kWarnings, warnings.join(QStringLiteral(", ")));
    item->setToolTip(kWarnings, warnings.join(QLatin1Char('\n')));
    const WindowLevel window =
        isHounsfield(info.role) ? ctWindowPresets()[2].window : automaticWindow(*loaded.volume);
    item->setIcon(kSeries, QIcon(QPixmap::fromImage(seriesThumbnail(*loaded.volume, window))));
    auto* role = new QComboBox(m_tree);
    for (SeriesRole r :
         {SeriesRole::CT, SeriesRole::T1w, SeriesRole::T2w, SeriesRole::sCT, SeriesRole::Other}) {
        role->addItem(QString::fromLatin1(toString(r)), static_cast<int>(r));
    }
    role->setCurrentIndex(role->findData(static_cast<int>(info.role)));
    connect(role, &QComboBox::currentIndexChanged, this,
            [this, role, uid = QString::fromStdString(info.seriesInstanceUid)] {
                emit roleChangeRequested(uid, static_cast<SeriesRole>(role->currentData().toInt()));
            });
    m_tree->setItemWidget(item, kRole, role);
}

void SeriesBrowser::showContextMenu(const QPoint& pos) {
    QTreeWidgetItem* item = m_tree->itemAt(pos);
    if (!item || item->data(kSeries, kUidRole).toString().isEmpty()) {
        return;
    }
    const QString uid = item->data(kSeries, kUidRole).toString();
    QMenu menu(this);
    for (int pane = 0; pane < 4; ++pane) {
        menu.addAction(tr("Show in pane %1").arg(pane + 1), this,
                       [this, pane, uid] { emit showInPaneRequested(pane, uid); });
    }
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void SeriesBrowser::setProblems(const QStringList& lines) {
    m_problems->clear();
    m_problems->addItems(lines);
    m_problems->setVisible(!lines.isEmpty());
}

}  // namespace crosscheck::viewer
