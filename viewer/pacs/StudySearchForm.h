#pragma once

#include <QWidget>

#include "core/pacs/PacsQuery.h"

class QComboBox;
class QLineEdit;
class QPushButton;

namespace crosscheck::viewer {

/// The study browser's search fields: patient name (DICOM wildcards `*`, `?`), patient ID,
/// study date range (YYYYMMDD, either end may stay empty), modality, accession number.
/// Return in any field or the Search button asks for a search (searchRequested).
class StudySearchForm : public QWidget {
    Q_OBJECT
public:
    explicit StudySearchForm(QWidget* parent = nullptr);

    /// The study-level query the fields describe. Throws std::invalid_argument with the
    /// reason when a date is malformed (core's checkQuery).
    PacsQuery query() const;
    /// The local database does not index accession numbers: the field is off for it.
    void setAccessionEnabled(bool on);
    void setSearchEnabled(bool on);

    QLineEdit* patientNameField() const { return m_name; }
    QLineEdit* patientIdField() const { return m_id; }
    QLineEdit* dateFromField() const { return m_from; }
    QLineEdit* dateToField() const { return m_to; }
    QComboBox* modalityField() const { return m_modality; }
    QLineEdit* accessionField() const { return m_accession; }
    QPushButton* searchButton() const { return m_search; }

signals:
    void searchRequested();

private:
    QLineEdit* m_name;
    QLineEdit* m_id;
    QLineEdit* m_from;
    QLineEdit* m_to;
    QComboBox* m_modality;
    QLineEdit* m_accession;
    QPushButton* m_search;
};

}  // namespace crosscheck::viewer
