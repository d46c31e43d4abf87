// The CT-versus-sCT findings with thumbnails at their centroids and a 3D key image each,
// and the global metrics.
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "viewer/report/PdfCanvas.h"
#include "viewer/report/ReportPdfText.h"
#include "viewer/report/ReportPdfWriter.h"

namespace crosscheck::viewer {

namespace {

const QColor kFlagRed(176, 0, 32);
// Three images a row (CT, sCT, 3D) leave the text a column of about 58 mm.
constexpr double kThumbMm = 38.0;
constexpr double kGapMm = 2.0;
constexpr int kThumbPx = 300;
/// The 3D image is rendered larger than it is printed: VTK draws no antialiased edges.
constexpr int kVolumePx = 450;
constexpr double kRowMm = 48.0;

QString kindText(DiscrepancyKind kind) {
    return QString::fromLatin1(describe(kind));
}

QString visibility(const DiscrepancyRegion& r) {
    if (!r.visibleOnMr) {
        return QStringLiteral("not judged (no registered MR)");
    }
    QStringList contrasts;
    for (const MrContrast& c : r.mrContrast) {
        contrasts << QStringLiteral("%1 contrast %2")
                         .arg(QString::fromStdString(c.role), formatReportValue(c.contrast));
    }
    return (*r.visibleOnMr ? QStringLiteral("yes") : QStringLiteral("no")) +
           (contrasts.isEmpty() ? QString()
                                : QStringLiteral(" (") + contrasts.join(QStringLiteral(", ")) +
                                      QStringLiteral(")"));
}

}  // namespace

void ReportPdfWriter::drawFindingsPage(PdfCanvas& canvas, int findingsPage) const {
    const int pages = findingsPageCount();
    canvas.heading(
        pages > 1
            ? QStringLiteral("CT versus sCT findings (%1 of %2)").arg(findingsPage + 1).arg(pages)
            : QStringLiteral("CT versus sCT findings"),
        14.0);
    if (!m_report.discrepancy) {
        canvas.paragraph(QStringLiteral("No CT-versus-sCT analysis: the study has no CT and sCT "
                                        "joined by a known transform."),
                         PdfCanvas::font(10.0));
        return;
    }
    const ReportDiscrepancy& d = *m_report.discrepancy;
    if (findingsPage == 0) {
        canvas.paragraph(
            QStringLiteral("Regions where the sCT disagrees with the CT, ranked by volume x mean "
                           "|CT - sCT| (dense: >= %1 HU; not dense: < %2 HU; large difference: "
                           ">= %3 HU; at least %4 mm\u00b3). Thumbnails: axial through the "
                           "centroid, CT and sCT in the same window, the region's box outlined; "
                           "3D: the CT's bone with the region drawn over it in its colour, "
                           "seen from the side that shows it best.")
                .arg(formatReportValue(d.thresholds.denseHu),
                     formatReportValue(d.thresholds.notDenseHu),
                     formatReportValue(d.thresholds.largeDifferenceHu),
                     formatReportValue(d.thresholds.minVolumeMm3)),
            PdfCanvas::font(9.0), QColor(60, 60, 60));
    }
    if (d.findings.empty()) {
        canvas.paragraph(QStringLiteral("No finding: the sCT agrees with the CT within these "
                                        "thresholds."),
                         PdfCanvas::font(10.0, true));
    }
    const LoadedSeries* ct = studySeriesByUid(d.ctSeriesInstanceUid);
    const LoadedSeries* sct = studySeriesByUid(d.sctSeriesInstanceUid);
    const std::string ctFrame = ct ? ct->info.frameOfReferenceUid : std::string();
    const std::size_t first = static_cast<std::size_t>(findingsPage) * kFindingsPerPage;
    const std::size_t last = std::min(d.findings.size(), first + kFindingsPerPage);
    for (std::size_t i = first; i < last; ++i) {
        const DiscrepancyRegion& r = d.findings[i];
        const double top = canvas.y();
        const double fov = std::clamp(2.5 * r.extentMm.maxCoeff(), 30.0, 120.0);
        const KeyImagePlane plane = axialKeyImagePlane(r.centroidMm, fov);
        const KeyImageWindow window = huWindowFor(r.ctMeanHu);
        // The region's box on the plane, as a rectangle ROI in the CT frame.
        const Eigen::Vector3d boxCentre = 0.5 * (r.bboxMinMm + r.bboxMaxMm);
        const Eigen::Vector3d boxSize = r.bboxMaxMm - r.bboxMinMm;
        const Roi box = Roi::rectangle(ctFrame, {boxCentre.x(), boxCentre.y(), r.centroidMm.z()},
                                       Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(),
                                       {boxSize.x(), boxSize.y()});
        const std::pair<SeriesRole, const LoadedSeries*> images[] = {{SeriesRole::CT, ct},
                                                                     {SeriesRole::sCT, sct}};
        for (int k = 0; k < 2; ++k) {
            const QRectF cell(PdfCanvas::kLeftMm + k * (kThumbMm + kGapMm), top, kThumbMm,
                              kThumbMm);
            canvas.image(cell, keyImage(images[k].second, images[k].first, ctFrame, plane, window,
                                        &box, kThumbPx, 1.7));
            canvas.textIn(QRectF(cell.left(), cell.bottom() + 0.3, cell.width(), 4.0),
                          QString::fromLatin1(toString(images[k].first)),
                          PdfCanvas::font(9.0, true), Qt::AlignHCenter | Qt::AlignTop);
        }
        const QRectF cell3d(PdfCanvas::kLeftMm + 2 * (kThumbMm + kGapMm), top, kThumbMm, kThumbMm);
        QString view;
        canvas.image(cell3d, volumeImage(ct, r.rank, kVolumePx, &view));
        canvas.textIn(QRectF(cell3d.left(), cell3d.bottom() + 0.3, cell3d.width(), 4.0),
                      view.isEmpty() ? QStringLiteral("3D") : QStringLiteral("3D, ") + view,
                      PdfCanvas::font(9.0, true), Qt::AlignHCenter | Qt::AlignTop);
        const double textLeft = PdfCanvas::kLeftMm + 3 * kThumbMm + 2 * kGapMm + 4.0;
        const double textWidth = PdfCanvas::kRightMm - textLeft;
        const QFont body = PdfCanvas::font(8.5);
        const double line = canvas.lineMm(body);
        const QString lines[] = {
            // The code is the one report.json and the DICOM SR use for this kind.
            QStringLiteral("Rank %1 of %2 (code %3)")
                .arg(r.rank)
                .arg(d.findings.size())
                .arg(QString::fromLatin1(toString(r.kind))),
            QStringLiteral("Size %1 x %2 x %3 mm, volume %4 mm\u00b3")
                .arg(formatReportValue(r.extentMm.x()), formatReportValue(r.extentMm.y()),
                     formatReportValue(r.extentMm.z()), formatReportValue(r.volumeMm3)),
            QStringLiteral("CT %1 HU, sCT %2 HU (CT - sCT %3 HU)")
                .arg(formatReportValue(r.objectCtHu()), formatReportValue(r.objectSctHu()),
                     formatReportValue(r.meanDifferenceHu)),
            QStringLiteral("Visible on MR: %1").arg(visibility(r)),
            QStringLiteral("Centroid %1, %2, %3 mm (CT frame, LPS); window %4")
                .arg(formatReportValue(r.centroidMm.x()), formatReportValue(r.centroidMm.y()),
                     formatReportValue(r.centroidMm.z()),
                     QString::fromStdString(describeWindow(window)))};
        canvas.textIn(QRectF(textLeft, top, textWidth, line + 0.5),
                      QStringLiteral("#%1  %2").arg(r.rank).arg(kindText(r.kind)),
                      PdfCanvas::font(10.0, true), Qt::AlignLeft | Qt::AlignTop,
                      r.kind == DiscrepancyKind::CtDenseSctNot ? kFlagRed : Qt::black);
        double y = top + line + 1.5;
        for (const QString& text : lines) {
            const double h = canvas.wrappedHeightMm(text, body, textWidth);
            canvas.textIn(QRectF(textLeft, y, textWidth, h + 0.5), text, body,
                          Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap);
            y += h + 0.4;
        }
        canvas.setY(top + kRowMm);
    }
    if (findingsPage == pages - 1) {
        drawMetrics(canvas);
    }
}

void ReportPdfWriter::drawMetrics(PdfCanvas& canvas) const {
    const ReportDiscrepancy& d = *m_report.discrepancy;
    const DiscrepancyMetrics& m = d.metrics;
    canvas.skip(2.0);
    canvas.heading(QStringLiteral("Global agreement of sCT with CT"), 11.0);
    auto tissue = [](const TissueError& t) {
        return QStringLiteral("%1 HU (%2 voxels)").arg(formatReportValue(t.maeHu)).arg(t.voxels);
    };
    canvas.fields(
        {{QStringLiteral("MAE / ME / RMSE"),
          QStringLiteral("%1 / %2 / %3 HU")
              .arg(formatReportValue(m.maeHu), formatReportValue(m.meHu),
                   formatReportValue(m.rmseHu))},
         {QStringLiteral("PSNR, SSIM"),
          QStringLiteral("%1 dB, %2 (clipped to -1024..3000 HU, peak 4024; SSIM 3D 7x7x7)")
              .arg(std::isfinite(m.psnrDb) ? formatReportValue(m.psnrDb) : QStringLiteral("inf"))
              .arg(std::isfinite(m.ssim) ? QString::number(m.ssim, 'f', 3)
                                         : QStringLiteral("n/a"))},
         {QStringLiteral("Bone Dice"), QString::number(m.boneDice, 'f', 3)},
         {QStringLiteral("MAE by tissue"),
          QStringLiteral("bone %1; soft tissue %2; air %3")
              .arg(tissue(m.bone), tissue(m.softTissue), tissue(m.air))},
         {QStringLiteral("Domain"),
          QStringLiteral("%1 CT voxels (body above %2 HU where the sCT has a value; SSIM over "
                         "%3 of them, 3 edge voxels left out); CT -> sCT: %4")
              .arg(m.voxels)
              .arg(formatReportValue(m.bodyThresholdHu))
              .arg(m.ssimVoxels)
              .arg(QString::fromStdString(d.transform))}},
        38.0, 9.0);
}

}  // namespace crosscheck::viewer
