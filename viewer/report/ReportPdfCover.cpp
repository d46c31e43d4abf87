// The cover page: who and what the report is about, the series and how they are joined,
// and the synthetic-CT statement where nobody can miss it.
#include <QPainter>

#include "core/analysis/MissedRegions.h"
#include "viewer/report/PdfCanvas.h"
#include "viewer/report/ReportPdfText.h"
#include "viewer/report/ReportPdfWriter.h"

namespace crosscheck::viewer {

namespace {

const QColor kWarningRed(176, 0, 32);

QString flaggedSummary(const ReportModel& report) {
    int flagged = 0;
    for (const ReportRoi& roi : report.rois) {
        flagged += roi.ctMinusSct && roi.ctMinusSct->flagged ? 1 : 0;
    }
    return QStringLiteral("%1 ROI(s), %2 with a flagged CT - sCT difference")
        .arg(report.rois.size())
        .arg(flagged);
}

QString findingsSummary(const ReportModel& report) {
    if (!report.discrepancy) {
        return QStringLiteral(
            "no CT-versus-sCT analysis (no CT and sCT joined by a known "
            "transform)");
    }
    const int missed = countMissed(report.discrepancy->findings);
    return QStringLiteral("%1 CT-versus-sCT discrepancy finding(s), %2 dense on CT but not on sCT")
        .arg(report.discrepancy->findings.size())
        .arg(missed);
}

}  // namespace

void ReportPdfWriter::drawMissBox(PdfCanvas& canvas) const {
    // The finding the report exists for: on the first page, before anything else.
    if (!m_report.discrepancy) {
        return;
    }
    const auto& findings = m_report.discrepancy->findings;
    const DiscrepancyRegion* largest = largestMissed(findings);
    if (largest == nullptr) {
        return;
    }
    const int missed = countMissed(findings);
    const QString title = QStringLiteral("sCT MISSES %1 dense region(s) seen on CT").arg(missed);
    const QString detail =
        QStringLiteral(
            "Largest: %1 x %2 x %3 mm, %4 mm\u00b3, CT %5 HU vs sCT %6 HU, centroid "
            "%7, %8, %9 mm (CT frame). Every finding is on the findings pages.")
            .arg(formatReportValue(largest->extentMm.x()), formatReportValue(largest->extentMm.y()),
                 formatReportValue(largest->extentMm.z()), formatReportValue(largest->volumeMm3),
                 formatReportValue(largest->objectCtHu()),
                 formatReportValue(largest->objectSctHu()),
                 formatReportValue(largest->centroidMm.x()),
                 formatReportValue(largest->centroidMm.y()),
                 formatReportValue(largest->centroidMm.z()));
    const QFont titleFont = PdfCanvas::font(13.0, true);
    const QFont detailFont = PdfCanvas::font(10.0);
    const double inner = canvas.widthMm() - 10.0;
    const double titleMm = canvas.lineMm(titleFont);
    const double h = titleMm + canvas.wrappedHeightMm(detail, detailFont, inner) + 8.0;
    canvas.box(QRectF(PdfCanvas::kLeftMm, canvas.y(), canvas.widthMm(), h), kWarningRed,
               kWarningRed, 0.8);
    canvas.textIn(QRectF(PdfCanvas::kLeftMm + 5.0, canvas.y() + 2.5, inner, titleMm), title,
                  titleFont, Qt::AlignLeft | Qt::AlignTop, Qt::white);
    canvas.textIn(
        QRectF(PdfCanvas::kLeftMm + 5.0, canvas.y() + 3.5 + titleMm, inner, h - titleMm - 4.0),
        detail, detailFont, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, Qt::white);
    canvas.skip(h + 2.0);
}

void ReportPdfWriter::drawCover(PdfCanvas& canvas) const {
    canvas.setY(18.0);
    canvas.heading(QStringLiteral("Crosscheck measurement report"), 20.0);
    canvas.paragraph(QStringLiteral("CT, synthetic CT (sCT) and MRI of one study: the same regions "
                                    "measured in every series, and where the sCT disagrees with "
                                    "the CT."),
                     PdfCanvas::font(10.5), QColor(60, 60, 60));
    canvas.skip(3.0);

    // The statement, prominently: a reader who sees nothing else must see this.
    const QFont statementFont = PdfCanvas::font(11.0, true);
    const QString statement = QString::fromStdString(m_report.statement);
    const double inner = canvas.widthMm() - 10.0;
    const double h = canvas.wrappedHeightMm(statement, statementFont, inner) + 11.0;
    canvas.box(QRectF(PdfCanvas::kLeftMm, canvas.y(), canvas.widthMm(), h), QColor(253, 236, 236),
               kWarningRed, 0.8);
    canvas.textIn(QRectF(PdfCanvas::kLeftMm + 5.0, canvas.y() + 2.5, inner, 5.0),
                  QStringLiteral("Synthetic CT"), PdfCanvas::font(9.5, true),
                  Qt::AlignLeft | Qt::AlignTop, kWarningRed);
    canvas.textIn(QRectF(PdfCanvas::kLeftMm + 5.0, canvas.y() + 7.5, inner, h - 8.0), statement,
                  statementFont, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, kWarningRed);
    canvas.skip(h + 4.0);
    drawMissBox(canvas);
    canvas.skip(2.0);

    canvas.heading(QStringLiteral("Patient"), 12.0);
    if (m_report.anonymized) {
        canvas.fields(
            {{QStringLiteral("Patient"), QStringLiteral("anonymized")},
             {QStringLiteral("Method"), QString::fromStdString(m_report.deidentificationMethod)}});
    } else {
        canvas.fields({{QStringLiteral("Name"), orDash(m_report.patient.name)},
                       {QStringLiteral("Patient ID"), orDash(m_report.patient.id)},
                       {QStringLiteral("Birth date"), formatDicomDate(m_report.patient.birthDate)},
                       {QStringLiteral("Sex"), orDash(m_report.patient.sex)}});
    }
    canvas.skip(3.0);
    canvas.heading(QStringLiteral("Study"), 12.0);
    if (m_report.anonymized) {
        canvas.fields({{QStringLiteral("Study"), QStringLiteral("anonymized")},
                       {QStringLiteral("Study UID"),
                        QString::fromStdString(m_report.study.studyInstanceUid)}});
    } else {
        canvas.fields({{QStringLiteral("Date"), formatDicomDate(m_report.study.studyDate)},
                       {QStringLiteral("Description"), orDash(m_report.study.description)},
                       {QStringLiteral("Accession"), orDash(m_report.study.accessionNumber)},
                       {QStringLiteral("Study ID"), orDash(m_report.study.studyId)},
                       {QStringLiteral("Study UID"),
                        QString::fromStdString(m_report.study.studyInstanceUid)}});
    }
    canvas.skip(3.0);

    canvas.heading(QStringLiteral("Series"), 12.0);
    std::vector<PdfTableRow> rows{
        {{QStringLiteral("Role"), QStringLiteral("Modality"), QStringLiteral("Description"),
          QStringLiteral("Images"), QStringLiteral("Sync basis to reference")}}};
    for (const ReportSeries& s : m_report.series) {
        PdfTableRow row{{QString::fromLatin1(toString(s.role)), orDash(s.modality),
                         orDash(s.description), QString::number(s.imageCount),
                         QString::fromStdString(s.syncBasis)}};
        if (s.syncBasis == "not registered") {
            row.text = kWarningRed;
        }
        rows.push_back(row);
    }
    canvas.table({16.0, 20.0, 62.0, 16.0, 66.0}, rows, {false, false, false, true, false});
    canvas.paragraph(QStringLiteral("Roles: CT = measured CT; sCT = synthetic CT derived from MRI; "
                                    "T1w, T2w = the MRI source series. Numbers of a series that is "
                                    "not registered are not reported."),
                     PdfCanvas::font(9.0), QColor(70, 70, 70));
    canvas.skip(3.0);

    canvas.heading(QStringLiteral("Contents"), 12.0);
    canvas.fields({{QStringLiteral("Regions"), flaggedSummary(m_report)},
                   {QStringLiteral("Findings"), findingsSummary(m_report)}});
    canvas.skip(3.0);
    canvas.heading(QStringLiteral("Report"), 12.0);
    canvas.fields(
        {{QStringLiteral("Created"), QString::fromStdString(m_report.provenance.createdAt)},
         {QStringLiteral("Software"),
          QStringLiteral("%1 %2").arg(QString::fromStdString(m_report.provenance.software),
                                      QString::fromStdString(m_report.provenance.version))},
         {QStringLiteral("Commit"), QString::fromStdString(m_report.provenance.gitCommit)}});
}

}  // namespace crosscheck::viewer
