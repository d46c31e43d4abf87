// Where every number comes from: series and frames, transforms, methods, parameters, build.
#include <QPainter>
#include <map>
#include <tuple>

#include "core/analysis/AgreementMethods.h"
#include "viewer/report/PdfCanvas.h"
#include "viewer/report/ReportPdfText.h"
#include "viewer/report/ReportPdfWriter.h"

namespace crosscheck::viewer {

void ReportPdfWriter::drawProvenancePage(PdfCanvas& canvas) const {
    canvas.heading(QStringLiteral("Provenance"), 14.0);
    canvas.heading(QStringLiteral("Series"), 11.0);
    for (const ReportSeries& s : m_report.series) {
        canvas.fields(
            {{QStringLiteral("%1 (%2)").arg(toString(s.role), QString::fromStdString(s.modality)),
              QStringLiteral("series %1").arg(QString::fromStdString(s.seriesInstanceUid))},
             {QString(), QStringLiteral("frame %1; %2")
                             .arg(QString::fromStdString(s.frameOfReferenceUid),
                                  QString::fromStdString(s.syncBasis))}},
            34.0, 9.0);
    }
    canvas.fields(
        {{QStringLiteral("Reference frame"), QString::fromStdString(m_report.referenceFrameUid)}},
        34.0, 9.0);
    canvas.skip(2.0);

    // One row per ROI frame, series and transform (not per ROI): ROIs drawn in the same frame
    // reach a series through the same transform unless local registrations are picked by
    // nearness, and the page must hold any number of ROIs.
    canvas.heading(QStringLiteral("Transforms of the ROIs"), 11.0);
    std::vector<PdfTableRow> rows{{{QStringLiteral("ROIs"), QStringLiteral("Series"),
                                    QStringLiteral("ROI frame -> series frame")}}};
    std::map<std::tuple<std::string, std::string, std::string>, std::size_t> rowOf;
    for (const ReportRoi& roi : m_report.rois) {
        for (const ReportMeasurement& m : roi.measurements) {
            const auto key =
                std::make_tuple(roi.roi.frameOfReferenceUid, m.row.seriesInstanceUid, m.transform);
            const auto [it, added] = rowOf.emplace(key, rows.size());
            if (added) {
                rows.push_back(
                    {{QString::fromStdString(roi.id), QString::fromLatin1(toString(m.row.role)),
                      QString::fromStdString(m.transform)}});
            } else {
                rows[it->second].cells[0] += QStringLiteral(", ") + QString::fromStdString(roi.id);
            }
        }
    }
    canvas.table({30.0, 14.0, 136.0}, rows, {false, false, false}, 8.0);

    canvas.heading(QStringLiteral("Methods"), 11.0);
    const MeasureOptions& o = m_report.provenance.measureOptions;
    const QFont body = PdfCanvas::font(9.0);
    canvas.paragraph(
        QStringLiteral("ROIs are stored in DICOM patient coordinates (LPS, mm) of their frame and "
                       "carried to each series through the transform above; each series is "
                       "measured on its own voxels (no resampling). Statistics over the voxels "
                       "inside the ROI (SD with n - 1); area and axes from the ROI's shape; "
                       "visible extent = length of the ROI's voxels at or above %1 HU (CT, sCT)%2; "
                       "contrast against a %3 mm ring. CT - sCT is flagged when the means differ "
                       "by %4 HU or more, or the visible extents by %5 mm or more.")
            .arg(formatReportValue(o.visibleThresholdHu),
                 o.visibleThresholdIntensity
                     ? QStringLiteral(", at or above %1 (MR)")
                           .arg(formatReportValue(*o.visibleThresholdIntensity))
                     : QStringLiteral(", none for MR (no absolute scale)"),
                 formatReportValue(o.ringWidthMm), formatReportValue(kCtSctMeanFlagHu),
                 formatReportValue(kCtSctExtentFlagMm)),
        body);
    canvas.paragraph(
        QStringLiteral("Key images are resliced on the CPU (trilinear) from each series' voxels "
                       "through its true index-to-patient geometry and the transform from the "
                       "ROI's frame, so they show the anatomy the numbers were taken from. Axial "
                       "images are seen from the feet (patient's right on the left, anterior at "
                       "the top); orientation letters at the edges."),
        body);
    if (m_report.discrepancy) {
        const ReportDiscrepancy& d = *m_report.discrepancy;
        canvas.paragraph(
            QStringLiteral("Discrepancy analysis: CT series %1 against sCT series %2 (%3), sCT "
                           "resampled into the CT grid. Thresholds: dense %4 HU, not dense %5 HU, "
                           "large difference %6 HU, minimum volume %7 mm\u00b3, slivers %8 "
                           "(core fraction %9).")
                .arg(QString::fromStdString(d.ctSeriesInstanceUid),
                     QString::fromStdString(d.sctSeriesInstanceUid),
                     QString::fromStdString(d.transform), formatReportValue(d.thresholds.denseHu),
                     formatReportValue(d.thresholds.notDenseHu),
                     formatReportValue(d.thresholds.largeDifferenceHu),
                     formatReportValue(d.thresholds.minVolumeMm3),
                     d.thresholds.dropSlivers ? QStringLiteral("dropped") : QStringLiteral("kept"),
                     QString::number(d.thresholds.minCoreFraction)),
            body);
        canvas.paragraph(QString::fromStdString(agreementMethods(d.metrics)), body);
    } else {
        canvas.paragraph(QStringLiteral("Discrepancy analysis: not run (no CT and sCT joined by a "
                                        "known transform)."),
                         body);
    }
    canvas.skip(2.0);
    canvas.heading(QStringLiteral("Software"), 11.0);
    std::vector<std::pair<QString, QString>> software{
        {QStringLiteral("Software"),
         QStringLiteral("%1 %2").arg(QString::fromStdString(m_report.provenance.software),
                                     QString::fromStdString(m_report.provenance.version))},
        {QStringLiteral("Commit"), QString::fromStdString(m_report.provenance.gitCommit)},
        {QStringLiteral("Created (UTC)"), QString::fromStdString(m_report.provenance.createdAt)}};
    if (m_report.anonymized) {
        software.emplace_back(QStringLiteral("De-identification"),
                              QString::fromStdString(m_report.deidentificationMethod));
    }
    canvas.fields(software, 34.0, 9.0);
    canvas.skip(2.0);
    canvas.paragraph(QString::fromStdString(m_report.statement), PdfCanvas::font(9.5, true),
                     QColor(176, 0, 32));
}

}  // namespace crosscheck::viewer
