// One page per ROI: key images of CT, sCT, T1w and T2w through the ROI, its measurement rows
// and the CT - sCT line.
#include <QPainter>
#include <algorithm>

#include "viewer/report/PdfCanvas.h"
#include "viewer/report/ReportPdfStudyForm.h"
#include "viewer/report/ReportPdfText.h"
#include "viewer/report/ReportPdfWriter.h"

namespace crosscheck::viewer {

namespace {

const QColor kFlagRed(176, 0, 32);
constexpr int kImagePx = 480;  // about 150 dpi at 80 mm: sharp in print, small in the file

QString point(const Eigen::Vector3d& p) {
    return QStringLiteral("[%1, %2, %3]")
        .arg(formatReportValue(p.x()), formatReportValue(p.y()), formatReportValue(p.z()));
}

const ReportMeasurement* rowOf(const ReportRoi& roi, SeriesRole role) {
    for (const ReportMeasurement& m : roi.measurements) {
        if (m.row.role == role) {
            return &m;
        }
    }
    return nullptr;
}

std::optional<double> meanOf(const ReportRoi& roi, SeriesRole role) {
    const ReportMeasurement* m = rowOf(roi, role);
    if (m && m->row.measurement.hasNumbers) {
        return m->row.measurement.values.mean;
    }
    return std::nullopt;
}

PdfTableRow measurementRow(const ReportMeasurement& m, const RoiSizeMeaning& meaning) {
    const RoiMeasurement& r = m.row.measurement;
    const QString role = QString::fromLatin1(toString(m.row.role));
    if (!r.hasNumbers) {
        const QString none = QStringLiteral("\u2013");
        return {{role, QString::fromStdString(r.unit), none, none, none, none, none, none, none,
                 none, none},
                Qt::transparent,
                QColor(110, 110, 110)};
    }
    // A dash, not 0.0, where the shape has no such size (a ruler's area, a point's axes).
    const std::optional<double> none;
    const auto size = r.size.volumeMm3 ? r.size.volumeMm3 : meaning.area ? r.size.areaMm2 : none;
    return {{role, QString::fromStdString(r.unit), formatReportValue(r.values.mean),
             formatReportValue(r.values.sd), formatReportValue(r.values.min),
             formatReportValue(r.values.max), QString::number(r.values.count),
             formatReportValue(size),
             formatReportValue(meaning.longAxis ? std::optional(r.size.longAxisMm) : none),
             formatReportValue(meaning.shortAxis ? std::optional(r.size.shortAxisMm) : none),
             formatReportValue(r.visibleExtentMm)}};
}

/// "T1w x 11, T2w" for the roles of the series a note concerns, in order of appearance.
QString rolesWithCounts(const std::vector<SeriesRole>& roles) {
    std::vector<std::pair<SeriesRole, int>> counts;
    for (SeriesRole role : roles) {
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&](const auto& c) { return c.first == role; });
        if (it == counts.end()) {
            counts.emplace_back(role, 1);
        } else {
            ++it->second;
        }
    }
    QStringList parts;
    for (const auto& [role, n] : counts) {
        parts << (n == 1 ? QString::fromLatin1(toString(role))
                         : QStringLiteral("%1 x %2").arg(toString(role)).arg(n));
    }
    return parts.join(QStringLiteral(", "));
}

}  // namespace

void ReportPdfWriter::drawRoiPage(PdfCanvas& canvas, std::size_t roiIndex) const {
    const ReportRoi& roi = m_report.rois[roiIndex];
    canvas.heading(roiTitle(roi.id, roi.label), 14.0);
    const double fov = keyImageFieldOfViewMm(roi.roi);
    const KeyImagePlane plane = keyImagePlaneForRoi(roi.roi, fov);
    canvas.paragraph(
        QStringLiteral("%1, centre %2 mm (LPS) in the frame %3. All four images: the ROI's "
                       "plane%4, the same %5 mm field of view, outline in orange.")
            .arg(QString::fromLatin1(toString(roi.roi.shape)), point(roi.centerMm),
                 QString::fromStdString(roi.roi.frameOfReferenceUid),
                 roi.roi.hasArea() || roi.roi.isLinear() ? QString()
                                                         : QStringLiteral(" (axial through its "
                                                                          "centre)"),
                 formatReportValue(fov)),
        PdfCanvas::font(9.0), QColor(60, 60, 60));

    // CT and sCT share the window chosen from the CT's mean in the ROI (dense: bone).
    const std::optional<double> ctMean = meanOf(roi, SeriesRole::CT);
    const std::optional<double> huMean = ctMean ? ctMean : meanOf(roi, SeriesRole::sCT);
    const std::string viewFrame = studyFrame(roi.roi.frameOfReferenceUid);
    const SeriesRole roles[] = {SeriesRole::CT, SeriesRole::sCT, SeriesRole::T1w, SeriesRole::T2w};
    // Smaller images when the study has more than four series, so the tables still fit.
    const std::size_t rowCount = roi.measurements.size();
    const double imageMm = rowCount <= 4 ? 66.0 : rowCount <= 6 ? 58.0 : 50.0;
    const double top = canvas.y() + 1.0;
    const double gap = 8.0;
    const double left = PdfCanvas::kLeftMm + 0.5 * (canvas.widthMm() - 2 * imageMm - gap);
    const double captionMm = 9.0;
    for (int i = 0; i < 4; ++i) {
        const SeriesRole role = roles[i];
        const LoadedSeries* series = studySeries(role);
        const KeyImageWindow window = windowFor(role, series, huMean);
        const QRectF box(left + (i % 2) * (imageMm + gap),
                         top + (i / 2) * (imageMm + captionMm + 1.0), imageMm, imageMm);
        bool placeholder = false;
        canvas.image(box, keyImage(series, role, viewFrame, plane, window, &roi.roi, kImagePx, 1.0,
                                   &placeholder));
        QString caption = QStringLiteral("%1: %2").arg(
            QString::fromLatin1(toString(role)),
            placeholder ? QStringLiteral("no image")
                        : QString::fromStdString(describeWindow(window)));
        if (role == SeriesRole::sCT) {
            caption += QStringLiteral(", synthetic");
        }
        canvas.textIn(QRectF(box.left(), box.bottom() + 0.8, box.width(), captionMm), caption,
                      PdfCanvas::font(9.0, true), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap);
    }
    canvas.setY(top + 2 * (imageMm + captionMm + 1.0) + 1.0);

    canvas.heading(QStringLiteral("Measurements"), 11.0);
    const bool volume = [&] {
        for (const ReportMeasurement& m : roi.measurements) {
            if (m.row.measurement.size.volumeMm3) {
                return true;
            }
        }
        return false;
    }();
    std::vector<PdfTableRow> rows{
        {{QStringLiteral("Series"), QStringLiteral("Unit"), QStringLiteral("Mean"),
          QStringLiteral("SD"), QStringLiteral("Min"), QStringLiteral("Max"),
          QStringLiteral("Count"),
          volume ? QStringLiteral("Vol. mm\u00b3") : QStringLiteral("Area mm\u00b2"),
          QStringLiteral("Long"), QStringLiteral("Short"), QStringLiteral("Visible")}}};
    // One note per warning, naming the series it concerns ("T1w x 11, T2w: no transform"):
    // a study with many series must not bury the page in repeats.
    std::vector<std::pair<std::string, std::vector<SeriesRole>>> warned;
    for (const ReportMeasurement& m : roi.measurements) {
        rows.push_back(measurementRow(m, roiSizeMeaning(roi.roi)));
        for (const std::string& w : m.row.measurement.warnings) {
            auto it = std::find_if(warned.begin(), warned.end(),
                                   [&](const auto& entry) { return entry.first == w; });
            if (it == warned.end()) {
                it = warned.insert(warned.end(), {w, {}});
            }
            it->second.push_back(m.row.role);
        }
    }
    QStringList notes;
    for (const auto& [warning, roles] : warned) {
        notes << QStringLiteral("%1: %2").arg(rolesWithCounts(roles),
                                              QString::fromStdString(warning));
    }
    canvas.table({15.0, 17.0, 17.0, 15.0, 17.0, 17.0, 14.0, 21.0, 15.0, 16.0, 16.0}, rows,
                 {false, false, true, true, true, true, true, true, true, true, true}, 9.0);
    canvas.paragraph(
        QStringLiteral("Values in HU (CT, sCT) or scanner intensity (MR); long and "
                       "short axis and visible extent (length above %1 HU) in mm; SD "
                       "with n - 1.")
            .arg(formatReportValue(m_report.provenance.measureOptions.visibleThresholdHu)),
        PdfCanvas::font(9.0), QColor(70, 70, 70));

    if (roi.ctMinusSct) {
        const CtSctDifference& d = *roi.ctMinusSct;
        QString text =
            QStringLiteral("CT - sCT: mean %1 HU, visible extent %2 mm")
                .arg(formatReportValue(d.deltaMeanHu), formatReportValue(d.deltaExtentMm));
        const std::pair<const char*, const std::optional<Eigen::Vector2d>*> planes[] = {
            {"axial", &d.deltaAxialMm}, {"sagittal", &d.deltaSagittalMm}};
        for (const auto& [plane, size] : planes) {
            if (*size) {
                text += QStringLiteral(", %1 %2 x %3 mm")
                            .arg(QLatin1String(plane), formatReportValue((**size)[0]),
                                 formatReportValue((**size)[1]));
            }
        }
        QStringList reasons;
        for (const auto& r : d.reasons) {
            reasons << QString::fromStdString(r);
        }
        text += d.flagged ? QStringLiteral("  FLAGGED: ") + reasons.join(QStringLiteral("; "))
                          : QStringLiteral("  (within %1 HU and %2 mm)")
                                .arg(kCtSctMeanFlagHu)
                                .arg(kCtSctExtentFlagMm);
        const QFont font = PdfCanvas::font(10.0, true);
        const double h = canvas.wrappedHeightMm(text, font, canvas.widthMm() - 4.0) + 3.0;
        canvas.ensureRoom(h + 2.0);
        if (d.flagged) {
            canvas.box(QRectF(PdfCanvas::kLeftMm, canvas.y(), canvas.widthMm(), h),
                       QColor(253, 236, 236), kFlagRed, 0.5);
        }
        canvas.textIn(QRectF(PdfCanvas::kLeftMm + 2.0, canvas.y() + 1.5, canvas.widthMm() - 4.0, h),
                      text, font, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                      d.flagged ? kFlagRed : Qt::black);
        canvas.skip(h + 2.0);
    } else {
        canvas.paragraph(QStringLiteral("CT - sCT: not available (CT or sCT has no numbers)."),
                         PdfCanvas::font(9.5));
    }
    if (!notes.isEmpty()) {
        canvas.paragraph(QStringLiteral("Notes: ") + notes.join(QStringLiteral("; ")),
                         PdfCanvas::font(9.0), QColor(70, 70, 70));
    }
    canvas.heading(QStringLiteral("Visible size and HU as the study reported them (mm, HU)"), 10.5);
    canvas.table({24.0, 28.0, 28.0, 30.0, 30.0, 24.0}, studyFormRows(roi),
                 {false, true, true, true, true, true}, 9.0);
}

}  // namespace crosscheck::viewer
