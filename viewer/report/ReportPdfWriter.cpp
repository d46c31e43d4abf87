#include "viewer/report/ReportPdfWriter.h"

#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <string_view>

#include "core/report/ReportWriteError.h"
#include "core/session/AtomicFile.h"
#include "viewer/report/PdfCanvas.h"
#include "viewer/report/ReportPdfText.h"

namespace crosscheck::viewer {

ReportPdfWriter::ReportPdfWriter(const ReportModel& report, const Study& study)
    : m_report(report), m_study(study) {
    // An anonymized report renamed the frames; the study's series, in the same order, say
    // which frame each new UID stands for.
    for (std::size_t i = 0; i < report.series.size() && i < study.series.size(); ++i) {
        m_frameToStudy.emplace(report.series[i].frameOfReferenceUid,
                               study.series[i].info.frameOfReferenceUid);
    }
    m_frameToStudy.emplace(report.referenceFrameUid, study.referenceFrameUid);
}

int ReportPdfWriter::findingsPageCount() const {
    if (!m_report.discrepancy || m_report.discrepancy->findings.empty()) {
        return 1;
    }
    const int n = static_cast<int>(m_report.discrepancy->findings.size());
    return (n + kFindingsPerPage - 1) / kFindingsPerPage;
}

int ReportPdfWriter::pageCount() const {
    int pages = 0;
    renderPages(0, {}, true, &pages);
    return pages;
}

std::string ReportPdfWriter::studyFrame(const std::string& reportFrameUid) const {
    const auto it = m_frameToStudy.find(reportFrameUid);
    return it == m_frameToStudy.end() ? reportFrameUid : it->second;
}

const LoadedSeries* ReportPdfWriter::studySeries(SeriesRole role, int* reportIndex) const {
    for (std::size_t i = 0; i < m_report.series.size() && i < m_study.series.size(); ++i) {
        if (m_report.series[i].role == role) {
            if (reportIndex) {
                *reportIndex = static_cast<int>(i);
            }
            return &m_study.series[i];
        }
    }
    return nullptr;
}

const LoadedSeries* ReportPdfWriter::studySeriesByUid(const std::string& uid) const {
    for (std::size_t i = 0; i < m_report.series.size() && i < m_study.series.size(); ++i) {
        if (m_report.series[i].seriesInstanceUid == uid) {
            return &m_study.series[i];
        }
    }
    return nullptr;
}

KeyImageWindow ReportPdfWriter::windowFor(SeriesRole role, const LoadedSeries* series,
                                          std::optional<double> meanHu) const {
    if (isHounsfield(role) || !series || !series->volume) {
        return huWindowFor(meanHu);
    }
    const Volume* volume = series->volume.get();
    auto it = m_mrWindows.find(volume);
    if (it == m_mrWindows.end()) {
        it = m_mrWindows.emplace(volume, mrWindowFor(*volume)).first;
    }
    return it->second;
}

QImage ReportPdfWriter::keyImage(const LoadedSeries* series, SeriesRole role,
                                 const std::string& viewFrame, const KeyImagePlane& plane,
                                 const KeyImageWindow& window, const Roi* roi, int sizePx,
                                 double textScale, bool* placeholder) const {
    if (placeholder) {
        *placeholder = true;
    }
    if (m_layoutOnly) {
        return {};  // images sit in fixed boxes: the layout does not need their pixels
    }
    if (!series || !series->volume) {
        return placeholderKeyImage(QStringLiteral("no %1 series").arg(toString(role)), sizePx);
    }
    const auto viewToSeries =
        m_study.transforms.transform(viewFrame, series->info.frameOfReferenceUid);
    if (!viewToSeries) {
        return placeholderKeyImage(
            QStringLiteral("%1: not registered to the ROI's frame, no image").arg(toString(role)),
            sizePx);
    }
    bool empty = false;
    QImage image = renderKeyImage({series->volume.get(), *viewToSeries}, plane, window, roi, sizePx,
                                  &empty, textScale);
    if (placeholder) {
        *placeholder = empty;
    }
    if (empty) {
        return placeholderKeyImage(
            QStringLiteral("%1: the plane lies outside this series").arg(toString(role)), sizePx);
    }
    return image;
}

QImage ReportPdfWriter::volumeImage(const LoadedSeries* ct, int rank, int sizePx,
                                    QString* view) const {
    if (m_layoutOnly) {
        return {};
    }
    if (!ct || !ct->volume) {
        return placeholderKeyImage(QStringLiteral("no CT series"), sizePx);
    }
    if (!m_volumeImages) {
        return placeholderKeyImage(QStringLiteral("no 3D rendering here"), sizePx);
    }
    const FindingVolumeImage rendered =
        m_volumeImages->render(ct->volume, m_report.discrepancy->findings, rank, sizePx, 1.7);
    if (rendered.image.isNull()) {
        return placeholderKeyImage(QStringLiteral("3D: %1").arg(rendered.whyNot), sizePx);
    }
    if (view) {
        *view = rendered.view;
    }
    return rendered.image;
}

void ReportPdfWriter::drawFooter(PdfCanvas& canvas, int page, int pages) const {
    canvas.pageFooter(QStringLiteral("Crosscheck measurement report, %1")
                          .arg(QString::fromStdString(m_report.provenance.createdAt)),
                      page, pages);
}

QByteArray ReportPdfWriter::render(const Progress& progress) const {
    // "page N of M" needs M before the first page is drawn: a first pass lays the pages out
    // without the key images (cheap), the second draws them.
    const int pages = pageCount();
    int drawn = 0;
    QByteArray bytes = renderPages(pages, progress, false, &drawn);
    progress(1.0, "PDF done");
    return bytes;
}

QByteArray ReportPdfWriter::renderPages(int pages, const Progress& progress, bool layoutOnly,
                                        int* pagesDrawn) const {
    m_layoutOnly = layoutOnly;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    int page = 1;
    {
        QPdfWriter writer(&buffer);
        PdfCanvas::setUpA4(writer, kDotsPerMm);
        writer.setTitle(QStringLiteral("Crosscheck measurement report"));
        writer.setCreator(QStringLiteral("crosscheck %1").arg(m_report.provenance.version.c_str()));
        QPainter painter(&writer);
        PdfCanvas* current = nullptr;
        const auto nextPage = [&] {
            drawFooter(*current, page, pages);
            writer.newPage();
            ++page;
        };
        PdfCanvas canvas(painter, kDotsPerMm, nextPage);
        current = &canvas;
        bool first = true;
        // Each section starts on a page of its own; a long one continues under `continued`.
        const auto section = [&](const std::string& stage, const QString& continued) {
            if (progress.cancelled()) {
                m_layoutOnly = false;
                throw Cancelled();
            }
            if (!layoutOnly) {
                progress(static_cast<double>(page - 1) / std::max(pages, 1), stage);
            }
            if (!first) {
                nextPage();
            }
            first = false;
            canvas.setY(PdfCanvas::kTopMm);
            canvas.setContinuation(continued);
        };
        section("cover", QStringLiteral("Crosscheck measurement report (continued)"));
        drawCover(canvas);
        for (std::size_t r = 0; r < m_report.rois.size(); ++r) {
            const ReportRoi& roi = m_report.rois[r];
            section("key images of " + roi.label,
                    roiTitle(roi.id, roi.label) + QStringLiteral(" (continued)"));
            drawRoiPage(canvas, r);
        }
        for (int f = 0; f < findingsPageCount(); ++f) {
            section("findings", QStringLiteral("Findings (continued)"));
            drawFindingsPage(canvas, f);
        }
        if (hasStructurePage()) {
            section("sCT agreement per structure",
                    QStringLiteral("sCT agreement per structure (continued)"));
            drawStructurePage(canvas);
        }
        section("provenance", QStringLiteral("Provenance (continued)"));
        drawProvenancePage(canvas);
        drawFooter(canvas, page, pages);
        painter.end();
    }
    m_layoutOnly = false;
    if (pagesDrawn) {
        *pagesDrawn = page;
    }
    return bytes;
}

void ReportPdfWriter::write(const std::filesystem::path& target, bool force,
                            const Progress& progress) const {
    if (!force && std::filesystem::exists(std::filesystem::symlink_status(target))) {
        throw ReportWriteError(target.string() +
                               ": already exists; not overwritten (use --force to replace it)");
    }
    const QByteArray bytes = render(progress);
    if (bytes.isEmpty()) {
        throw ReportWriteError(target.string() + ": the PDF could not be rendered");
    }
    try {
        writeFileAtomically(
            target, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    } catch (const FileWriteError& e) {
        throw ReportWriteError(e.what());
    }
}

}  // namespace crosscheck::viewer
