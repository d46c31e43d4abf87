#include "viewer/pacs/StudyResultsTree.h"

#include <QHeaderView>

namespace crosscheck::viewer {

namespace {

QString text(const std::string& s) {
    return QString::fromStdString(s);
}

/// "20250314" as "2025-03-14"; anything else as it is.
QString dateText(const std::string& date) {
    if (date.size() != 8) {
        return text(date);
    }
    return text(date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2));
}

QString instancesText(const std::optional<int>& n) {
    return n ? QString::number(*n) : QString();
}

}  // namespace

StudyResultsTree::StudyResultsTree(QWidget* parent) : QTreeWidget(parent) {
    setHeaderLabels({tr("Patient name"), tr("Patient ID"), tr("Study date"), tr("Modality"),
                     tr("Description"), tr("Accession"), tr("Instances")});
    setSelectionMode(QAbstractItemView::SingleSelection);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSortingEnabled(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(Description, QHeaderView::Stretch);
}

void StudyResultsTree::setStudies(const std::vector<FoundStudy>& studies) {
    setSortingEnabled(false);
    clear();
    for (const FoundStudy& found : studies) {
        const PacsMatch& s = found.study;
        auto* row = new QTreeWidgetItem(this);
        row->setText(PatientName, text(s.patientName));
        row->setText(PatientId, text(s.patientId));
        row->setText(Date, dateText(s.studyDate));
        row->setText(Modality, text(found.modalities));
        row->setText(Description, text(s.studyDescription));
        row->setText(Accession, text(s.accessionNumber));
        row->setText(Instances, instancesText(s.instances));
        row->setTextAlignment(Instances, Qt::AlignRight | Qt::AlignVCenter);
        row->setData(0, kStudyUidRole, text(s.studyInstanceUid));
        for (const PacsMatch& series : found.series) {
            auto* child = new QTreeWidgetItem(row);
            child->setText(Modality, text(series.modality));
            child->setText(Description, text(series.seriesDescription));
            child->setText(Instances, instancesText(series.instances));
            child->setTextAlignment(Instances, Qt::AlignRight | Qt::AlignVCenter);
            child->setData(0, kStudyUidRole, text(s.studyInstanceUid));
            child->setData(0, kSeriesUidRole, text(series.seriesInstanceUid));
        }
    }
    setSortingEnabled(true);
    sortByColumn(PatientName, Qt::AscendingOrder);
    for (int c = 0; c < columnCount(); ++c) {
        if (c != Description) {
            resizeColumnToContents(c);
        }
    }
    if (topLevelItemCount() > 0) {
        setCurrentItem(topLevelItem(0));
    }
}

QString StudyResultsTree::selectedStudyUid() const {
    const QTreeWidgetItem* item = currentItem();
    return item != nullptr ? item->data(0, kStudyUidRole).toString() : QString();
}

QString StudyResultsTree::selectedSeriesUid() const {
    const QTreeWidgetItem* item = currentItem();
    return item != nullptr ? item->data(0, kSeriesUidRole).toString() : QString();
}

QTreeWidgetItem* StudyResultsTree::studyItem(const QString& studyInstanceUid) const {
    for (int i = 0; i < topLevelItemCount(); ++i) {
        if (topLevelItem(i)->data(0, kStudyUidRole).toString() == studyInstanceUid) {
            return topLevelItem(i);
        }
    }
    return nullptr;
}

}  // namespace crosscheck::viewer
