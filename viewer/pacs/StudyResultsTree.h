#pragma once

#include <QTreeWidget>
#include <vector>

#include "viewer/pacs/StudySearch.h"

namespace crosscheck::viewer {

/// The study browser's results: one row per study (patient name and ID, date, modalities,
/// description, accession, instances), expandable to its series (modality, description,
/// instances). Each row knows its StudyInstanceUID, a series row its SeriesInstanceUID.
class StudyResultsTree : public QTreeWidget {
    Q_OBJECT
public:
    enum Column { PatientName, PatientId, Date, Modality, Description, Accession, Instances };
    static constexpr int kStudyUidRole = Qt::UserRole;
    static constexpr int kSeriesUidRole = Qt::UserRole + 1;

    explicit StudyResultsTree(QWidget* parent = nullptr);

    void setStudies(const std::vector<FoundStudy>& studies);
    /// The study of the selected row (a series row's study), or empty.
    QString selectedStudyUid() const;
    /// The selected series row's series, or empty when a study row (or nothing) is selected.
    QString selectedSeriesUid() const;
    /// The row of the study with this UID, or null.
    QTreeWidgetItem* studyItem(const QString& studyInstanceUid) const;
};

}  // namespace crosscheck::viewer
