// The cohort PDF's first page: counts, detection, the study's tables and the
// Bland-Altman plots. Every number is core's (CohortSummary); this only lays them out.
#include <cmath>

#include "core/Version.h"
#include "viewer/report/BlandAltmanPlot.h"
#include "viewer/report/CohortPdfText.h"
#include "viewer/report/CohortPdfWriter.h"
#include "viewer/report/PdfCanvas.h"
#include "viewer/report/ReportPdfText.h"

namespace crosscheck::viewer {

namespace {

const QColor kWarningRed(176, 0, 32);

QString meanSd(const Descriptive& d) {
    return QStringLiteral("%1 (%2)").arg(formatReportValue(d.mean), formatReportValue(d.sd));
}

QString medianRange(const Descriptive& d) {
    return QStringLiteral("%1 (%2 to %3)")
        .arg(formatReportValue(d.median), formatReportValue(d.min), formatReportValue(d.max));
}

}  // namespace

void CohortPdfWriter::drawStudyPage(PdfCanvas& canvas) const {
    canvas.setY(18.0);
    canvas.heading(QStringLiteral("Crosscheck cohort report"), 20.0);
    canvas.paragraph(QStringLiteral("Results folder %1, summarized %2 by Crosscheck %3. CT against "
                                    "synthetic CT (sCT), each patient measured alike; methods on "
                                    "the last page.")
                         .arg(m_title, m_createdAt, QString::fromLatin1(versionString())),
                     PdfCanvas::font(9.5), QColor(60, 60, 60));
    canvas.skip(1.0);
    const CohortSummary& s = m_summary;
    canvas.fields(
        {{QStringLiteral("Patients"), QStringLiteral("%1 result files: %2 done, %3 failed")
                                          .arg(s.patients)
                                          .arg(s.done)
                                          .arg(s.failed.size())},
         {QStringLiteral("Detection"), detectionLine(s)}},
        30.0, 10.0);
    int missed = 0;
    for (const PatientResult& r : m_results) {
        missed += r.done && r.visibleOnCt && !r.visibleOnSct ? 1 : 0;
    }
    if (missed > 0) {
        const QString text =
            QStringLiteral("sCT MISSES the finding in %1 of %2 patients: visible on CT, not on sCT")
                .arg(missed)
                .arg(s.done);
        const QFont font = PdfCanvas::font(11.5, true);
        const double h = canvas.lineMm(font) + 4.0;
        canvas.skip(1.0);
        canvas.box(QRectF(PdfCanvas::kLeftMm, canvas.y(), canvas.widthMm(), h), kWarningRed,
                   kWarningRed, 0.6);
        canvas.textIn(QRectF(PdfCanvas::kLeftMm + 4.0, canvas.y(), canvas.widthMm() - 8.0, h), text,
                      font, Qt::AlignLeft | Qt::AlignVCenter, Qt::white);
        canvas.skip(h + 2.0);
    }
    for (const auto& [patient, reason] : s.failed) {
        canvas.paragraph(QStringLiteral("Failed %1: %2")
                             .arg(QString::fromStdString(patient), QString::fromStdString(reason)),
                         PdfCanvas::font(8.5), QColor(90, 90, 90));
    }
    drawStudyTables(canvas);
    drawPlots(canvas);
}

void CohortPdfWriter::drawStudyTables(PdfCanvas& canvas) const {
    canvas.skip(2.0);
    canvas.heading(QStringLiteral("Descriptive statistics (patients with the measure on both)"),
                   12.0);
    std::vector<PdfTableRow> rows{
        {{QStringLiteral("Measure"), QStringLiteral("n"), QStringLiteral("Series"),
          QStringLiteral("mean (SD)"), QStringLiteral("median (range)")}}};
    for (const MeasureSummary& m : m_summary.measures) {
        const PairedComparison& c = m.comparison;
        rows.push_back({{measureTitle(m.name), QString::number(c.ct.n), QStringLiteral("CT"),
                         meanSd(c.ct), medianRange(c.ct)}});
        rows.push_back(
            {{QString(), QString(), QStringLiteral("sCT"), meanSd(c.sct), medianRange(c.sct)}});
    }
    canvas.table({58.0, 12.0, 20.0, 40.0, 50.0}, rows, {false, true, false, true, true});

    canvas.heading(QStringLiteral("Paired comparison, CT - sCT"), 12.0);
    rows = {{{QStringLiteral("Measure"), QStringLiteral("n"), QStringLiteral("mean [95 % CI]"),
              QStringLiteral("t-test p"), QStringLiteral("Wilcoxon p"),
              QStringLiteral("bias; limits of agr.")}}};
    for (const MeasureSummary& m : m_summary.measures) {
        const PairedComparison& c = m.comparison;
        rows.push_back({{measureTitle(m.name), QString::number(c.difference.n),
                         QStringLiteral("%1 [%2, %3]")
                             .arg(formatReportValue(c.difference.mean),
                                  formatReportValue(c.ci95Low), formatReportValue(c.ci95High)),
                         formatPValue(c.tTestP),
                         QStringLiteral("%1 (%2)").arg(formatPValue(c.wilcoxon.p),
                                                       QString::fromStdString(c.wilcoxon.method)),
                         QStringLiteral("%1; %2 to %3")
                             .arg(formatReportValue(c.bias), formatReportValue(c.loaLow),
                                  formatReportValue(c.loaHigh))}});
    }
    canvas.table({40.0, 8.0, 44.0, 20.0, 30.0, 38.0}, rows, {false, true, true, true, true, true},
                 8.5);
}

void CohortPdfWriter::drawPlots(PdfCanvas& canvas) const {
    const double plotMm = 60.0;
    canvas.heading(QStringLiteral("Bland-Altman plots"), 12.0);
    canvas.ensureRoom(plotMm);
    const double width = canvas.widthMm() / 3.0;
    double x = PdfCanvas::kLeftMm;
    for (const MeasureSummary& m : m_summary.measures) {
        BlandAltmanData data;
        data.title = measureTitle(m.name);
        data.unit = measureUnit(m.name);
        for (const std::string& patient : m.patients) {
            for (const PatientResult& r : m_results) {
                const PairedValue* v = r.patient == patient ? measureValue(r, m.name) : nullptr;
                if (v && v->ct && v->sct) {
                    data.ct.push_back(*v->ct);
                    data.sct.push_back(*v->sct);
                }
            }
        }
        data.bias = m.comparison.bias;
        data.loaLow = m.comparison.loaLow;
        data.loaHigh = m.comparison.loaHigh;
        drawBlandAltman(canvas, QRectF(x + 1.0, canvas.y(), width - 3.0, plotMm), data);
        x += width;
    }
    canvas.skip(plotMm + 2.0);
}

}  // namespace crosscheck::viewer
