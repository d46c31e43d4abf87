#include "viewer/pacs/StudySearchForm.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>

namespace crosscheck::viewer {

namespace {

QLineEdit* dateField(QWidget* parent, const QString& placeholder) {
    auto* field = new QLineEdit(parent);
    field->setPlaceholderText(placeholder);
    field->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,8}")), field));
    field->setMaximumWidth(110);
    return field;
}

std::string trimmed(const QLineEdit* field) {
    return field->text().trimmed().toStdString();
}

}  // namespace

StudySearchForm::StudySearchForm(QWidget* parent)
    : QWidget(parent),
      m_name(new QLineEdit(this)),
      m_id(new QLineEdit(this)),
      m_from(dateField(this, tr("from YYYYMMDD"))),
      m_to(dateField(this, tr("to YYYYMMDD"))),
      m_modality(new QComboBox(this)),
      m_accession(new QLineEdit(this)),
      m_search(new QPushButton(tr("&Search"), this)) {
    m_name->setPlaceholderText(tr("e.g. DOE* (wildcards * and ?)"));
    m_modality->setEditable(true);
    m_modality->addItems({QString(), QStringLiteral("CT"), QStringLiteral("MR"),
                          QStringLiteral("PT"), QStringLiteral("SEG"), QStringLiteral("SR"),
                          QStringLiteral("RTSTRUCT")});
    m_search->setDefault(true);
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(new QLabel(tr("Patient name"), this), 0, 0);
    grid->addWidget(m_name, 0, 1);
    grid->addWidget(new QLabel(tr("Patient ID"), this), 0, 2);
    grid->addWidget(m_id, 0, 3);
    grid->addWidget(new QLabel(tr("Accession"), this), 0, 4);
    grid->addWidget(m_accession, 0, 5);
    grid->addWidget(new QLabel(tr("Study date"), this), 1, 0);
    auto* dates = new QHBoxLayout;
    dates->addWidget(m_from);
    dates->addWidget(new QLabel(QStringLiteral("\u2013"), this));
    dates->addWidget(m_to);
    dates->addStretch();
    grid->addLayout(dates, 1, 1);
    grid->addWidget(new QLabel(tr("Modality"), this), 1, 2);
    grid->addWidget(m_modality, 1, 3);
    grid->addWidget(m_search, 1, 5);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(3, 1);
    grid->setColumnStretch(5, 1);
    for (QLineEdit* field : {m_name, m_id, m_from, m_to, m_accession}) {
        connect(field, &QLineEdit::returnPressed, this, &StudySearchForm::searchRequested);
    }
    connect(m_search, &QPushButton::clicked, this, &StudySearchForm::searchRequested);
}

PacsQuery StudySearchForm::query() const {
    PacsQuery q;
    q.level = QueryLevel::Study;
    q.patientName = trimmed(m_name);
    q.patientId = trimmed(m_id);
    const std::string from = trimmed(m_from), to = trimmed(m_to);
    if (!from.empty() || !to.empty()) {
        q.studyDate = from == to ? from : from + "-" + to;
    }
    q.modality = m_modality->currentText().trimmed().toUpper().toStdString();
    if (m_accession->isEnabled()) {
        q.accessionNumber = trimmed(m_accession);
    }
    checkQuery(q);
    return q;
}

void StudySearchForm::setAccessionEnabled(bool on) {
    m_accession->setEnabled(on);
    m_accession->setToolTip(on ? QString()
                               : tr("The local database does not index accession numbers"));
}

void StudySearchForm::setSearchEnabled(bool on) {
    m_search->setEnabled(on);
}

}  // namespace crosscheck::viewer
