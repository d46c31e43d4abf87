// The cohort PDF's per-patient pages (the table and the thumbnails) and its methods.
#include <algorithm>
#include <future>

#include "core/analysis/DiscrepancyThresholds.h"
#include "core/cohort/WilcoxonSignedRank.h"
#include "core/roi/RoiMeasurement.h"
#include "viewer/report/CohortPdfText.h"
#include "viewer/report/CohortPdfWriter.h"
#include "viewer/report/CohortThumbnail.h"
#include "viewer/report/PdfCanvas.h"
#include "viewer/report/ReportPdfText.h"

namespace crosscheck::viewer {

namespace {

QString yesNo(bool v) {
    return v ? QStringLiteral("yes") : QStringLiteral("no");
}

/// The last column of a done patient: the registration, and what was measured when it was
/// not the flagged finding (the ROIs of the patient's saved session), or that none was found.
std::string doneNote(const PatientResult& r) {
    std::string note = r.registration;
    if (r.roiSource == "session") {
        note += ", session ROIs";
    } else if (!r.hasFinding) {
        note += ", no finding";
    }
    return note;
}

}  // namespace

void CohortPdfWriter::drawPatientTable(PdfCanvas& canvas) const {
    canvas.heading(QStringLiteral("Patients"), 14.0);
    canvas.paragraph(QStringLiteral("One row per result file. Visible: on CT / on sCT. Ax., Sag.: "
                                    "the visible long axes (>= 200 HU) of the measured finding in "
                                    "the axial and sagittal plane, mm; HU: the object's mean. Red: "
                                    "visible on CT, not on sCT. Grey: failed."),
                     PdfCanvas::font(8.5), QColor(60, 60, 60));
    std::vector<PdfTableRow> rows{
        {{QStringLiteral("Patient"), QStringLiteral("Status"), QStringLiteral("Visible"),
          QStringLiteral("Ax. CT"), QStringLiteral("Ax. sCT"), QStringLiteral("Sag. CT"),
          QStringLiteral("Sag. sCT"), QStringLiteral("HU CT"), QStringLiteral("HU sCT"),
          QStringLiteral("Registration / reason")}}};
    for (const PatientResult& r : m_results) {
        PdfTableRow row;
        row.cells = {QString::fromStdString(r.patient),
                     r.done ? QStringLiteral("done") : QStringLiteral("failed"),
                     r.done ? yesNo(r.visibleOnCt) + QStringLiteral(" / ") + yesNo(r.visibleOnSct)
                            : QString(),
                     formatReportValue(r.axialLongMm.ct),
                     formatReportValue(r.axialLongMm.sct),
                     formatReportValue(r.sagittalLongMm.ct),
                     formatReportValue(r.sagittalLongMm.sct),
                     formatReportValue(r.meanHu.ct),
                     formatReportValue(r.meanHu.sct),
                     QString::fromStdString(r.done ? doneNote(r) : r.reason)};
        if (!r.done) {
            row.fill = QColor(232, 232, 232);
            row.text = QColor(80, 80, 80);
        } else if (r.visibleOnCt && !r.visibleOnSct) {
            row.fill = QColor(250, 218, 222);
        }
        rows.push_back(row);
    }
    canvas.table({17.0, 14.0, 17.0, 16.0, 16.0, 16.0, 16.0, 16.0, 16.0, 36.0}, rows,
                 {false, false, false, true, true, true, true, true, true, false}, 8.0);
}

void CohortPdfWriter::drawThumbnails(PdfCanvas& canvas, const Progress& progress,
                                     bool layoutOnly) const {
    canvas.heading(QStringLiteral("Thumbnails"), 14.0);
    canvas.paragraph(QStringLiteral("Per patient: the CT's axial slice through the measured "
                                    "finding (left) and the sCT in the same plane through the "
                                    "run's registration (right), one window for both."),
                     PdfCanvas::font(8.5), QColor(60, 60, 60));
    const double cellMm = canvas.widthMm() / kThumbnailColumns;
    const double imageMm = (cellMm - 3.0) / 2.0;
    const QFont name = PdfCanvas::font(7.5, true), caption = PdfCanvas::font(6.5);
    const double rowMm = imageMm + canvas.lineMm(name) + canvas.lineMm(caption) + 2.5;
    const std::size_t n = m_results.size();
    // Loading the studies dominates: two at a time (the machine's cores), drawn in order.
    std::vector<std::future<CohortThumbnail>> pending(n);
    std::size_t launched = 0;
    const auto launch = [&](std::size_t upTo) {
        for (; !layoutOnly && launched < std::min(upTo, n); ++launched) {
            pending[launched] = std::async(std::launch::async, renderCohortThumbnail,
                                           std::cref(m_results[launched]), kThumbnailPx);
        }
    };
    launch(2);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t column = i % kThumbnailColumns;
        if (column == 0) {
            canvas.ensureRoom(rowMm);
        }
        const PatientResult& r = m_results[i];
        const double x = PdfCanvas::kLeftMm + column * cellMm;
        const double y = canvas.y();
        if (!layoutOnly) {
            if (progress.cancelled()) {
                for (std::size_t k = i; k < launched; ++k) {
                    pending[k].wait();
                }
                throw Cancelled();
            }
            launch(i + 2);
            const CohortThumbnail t = pending[i].get();
            canvas.image(QRectF(x, y, imageMm, imageMm), t.ct);
            canvas.image(QRectF(x + imageMm + 1.0, y, imageMm, imageMm), t.sct);
            progress(0.9 * static_cast<double>(i + 1) / static_cast<double>(n), r.patient);
        }
        canvas.textIn(QRectF(x, y + imageMm + 0.5, cellMm - 2.0, canvas.lineMm(name)),
                      QString::fromStdString(r.patient), name, Qt::AlignLeft | Qt::AlignVCenter);
        const QString text = !r.done         ? QStringLiteral("failed")
                             : !r.hasFinding ? QStringLiteral("no finding")
                                             : QStringLiteral("CT %1 / sCT %2 HU")
                                                   .arg(formatReportValue(r.meanHu.ct),
                                                        formatReportValue(r.meanHu.sct));
        canvas.textIn(QRectF(x, y + imageMm + 0.5 + canvas.lineMm(name), cellMm - 2.0,
                             canvas.lineMm(caption)),
                      text, caption, Qt::AlignLeft | Qt::AlignVCenter, QColor(60, 60, 60));
        if (column + 1 == kThumbnailColumns || i + 1 == n) {
            canvas.skip(rowMm);
        }
    }
}

void CohortPdfWriter::drawMethods(PdfCanvas& canvas) const {
    const DiscrepancyThresholds thresholds;
    const MeasureOptions measure;
    canvas.heading(QStringLiteral("Methods"), 14.0);
    const QFont body = PdfCanvas::font(9.0);
    const auto item = [&](const QString& title, const QString& text) {
        canvas.fields({{title, text}}, 42.0, 9.0);
        canvas.skip(0.8);
    };
    item(QStringLiteral("Per patient"),
         QStringLiteral("Each study folder is one patient: its first CT and first sCT (roles "
                        "guessed from the DICOM tags) are loaded as int16 HU. A patient without "
                        "a CT or an sCT, with an unreadable series or a failed registration is a "
                        "failed row with its reason and is left out of the statistics."));
    item(QStringLiteral("Registration"),
         QStringLiteral("When the sCT's frame of reference differs from the CT's: automatic "
                        "rigid registration of the sCT onto the CT, Mattes mutual information, "
                        "multi-resolution; else the frames are taken as they are (same-frame)."));
    item(QStringLiteral("Discrepancy analysis"),
         QStringLiteral("In the CT's body, the sCT resampled into the CT grid (trilinear): dense "
                        "on CT, not on sCT where CT >= %1 HU and sCT < %2 HU; large difference "
                        "where |CT - sCT| >= %3 HU; regions of at least %4 mm3 that survive a "
                        "one-voxel erosion (at least %5 % of their voxels).")
             .arg(thresholds.denseHu)
             .arg(thresholds.notDenseHu)
             .arg(thresholds.largeDifferenceHu)
             .arg(thresholds.minVolumeMm3)
             .arg(thresholds.minCoreFraction * 100.0));
    item(QStringLiteral("Measured finding"),
         QStringLiteral("The top-ranked dense-on-CT, not-on-sCT region, measured as 'measure "
                        "this finding': ellipses fitted to it in its axial and sagittal planes, "
                        "measured on CT and sCT. Size: long and short axis of the section at or "
                        "above %1 HU (0 mm when nothing reaches it). Visible: a section longer "
                        "than 0 mm in either plane. HU: the object's mean at half maximum, not "
                        "the partial-volume rim.")
             .arg(measure.visibleThresholdHu));
    item(QStringLiteral("Descriptive"),
         QStringLiteral("Over the patients done that have the measure on CT and on sCT: mean, "
                        "SD (n - 1), median (mean of the middle two for even n), range."));
    item(QStringLiteral("Paired difference"),
         QStringLiteral("CT - sCT; 95 % CI mean +- t(0.975, n - 1) SD / sqrt(n)."));
    item(QStringLiteral("Paired t-test"),
         QStringLiteral("t = mean / (SD / sqrt(n)), n - 1 degrees of freedom, two-sided "
                        "(scipy.stats.ttest_rel)."));
    item(QStringLiteral("Wilcoxon signed-rank"),
         QStringLiteral("Two-sided; zero differences dropped; ties at their mean rank. Exact "
                        "(all 2^n sign assignments) when n <= %1 with no ties and no zeros; "
                        "otherwise the normal approximation with the tie correction and no "
                        "continuity correction. The method used is named next to each p.")
             .arg(kWilcoxonExactMaxN));
    item(QStringLiteral("Bland-Altman"),
         QStringLiteral("x: mean of CT and sCT; y: CT - sCT; bias the mean difference, limits "
                        "of agreement bias +- 1.96 SD of the differences."));
    item(QStringLiteral("Detection"),
         QStringLiteral("Visible on CT n/N and on sCT n/N, N the patients done."));
    canvas.paragraph(QStringLiteral("Numbers here have one decimal and p-values three "
                                    "significant digits; summary.json and patients.csv hold "
                                    "them unrounded."),
                     body, QColor(60, 60, 60));
}

}  // namespace crosscheck::viewer
