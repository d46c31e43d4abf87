#include "viewer/report/CohortPdfWriter.h"

#include <QBuffer>
#include <QDateTime>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <cmath>
#include <stdexcept>
#include <string_view>

#include "core/Version.h"
#include "core/session/AtomicFile.h"
#include "viewer/report/PdfCanvas.h"

namespace crosscheck::viewer {

QString formatPValue(double p) {
    if (!std::isfinite(p)) {
        return QStringLiteral("n/a");
    }
    return QString::asprintf("%.3g", p);
}

CohortPdfWriter::CohortPdfWriter(std::vector<PatientResult> results, CohortSummary summary,
                                 QString title)
    : m_results(std::move(results)),
      m_summary(std::move(summary)),
      m_title(std::move(title)),
      m_createdAt(
          QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))) {}

int CohortPdfWriter::pageCount() const {
    int pages = 0;
    renderPages(0, {}, true, &pages);
    return pages;
}

QByteArray CohortPdfWriter::render(const Progress& progress) const {
    // "page N of M" needs M first: a layout pass without the thumbnails counts the pages.
    const int pages = pageCount();
    QByteArray bytes = renderPages(pages, progress, false, nullptr);
    progress(1.0, "PDF done");
    return bytes;
}

void CohortPdfWriter::drawFooter(PdfCanvas& canvas, int page, int pages) const {
    canvas.pageFooter(QStringLiteral("Crosscheck cohort report: %1, %2").arg(m_title, m_createdAt),
                      page, pages);
}

QByteArray CohortPdfWriter::renderPages(int pages, const Progress& progress, bool layoutOnly,
                                        int* pagesDrawn) const {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    int page = 1;
    {
        QPdfWriter writer(&buffer);
        PdfCanvas::setUpA4(writer, kDotsPerMm);
        writer.setTitle(QStringLiteral("Crosscheck cohort report: %1").arg(m_title));
        writer.setCreator(QStringLiteral("crosscheck %1").arg(versionString()));
        QPainter painter(&writer);
        PdfCanvas* current = nullptr;
        const auto nextPage = [&] {
            drawFooter(*current, page, pages);
            writer.newPage();
            ++page;
        };
        PdfCanvas canvas(painter, kDotsPerMm, nextPage);
        current = &canvas;
        // Each section starts on a page of its own; a long one continues under `continued`.
        const auto section = [&](bool first, const QString& continued) {
            if (progress.cancelled()) {
                throw Cancelled();
            }
            if (!first) {
                nextPage();
            }
            canvas.setY(PdfCanvas::kTopMm);
            canvas.setContinuation(continued);
        };
        section(true, QStringLiteral("Study (continued)"));
        drawStudyPage(canvas);
        section(false, QStringLiteral("Patients (continued)"));
        drawPatientTable(canvas);
        section(false, QStringLiteral("Thumbnails (continued)"));
        drawThumbnails(canvas, progress, layoutOnly);
        section(false, QStringLiteral("Methods (continued)"));
        drawMethods(canvas);
        drawFooter(canvas, page, pages);
        painter.end();
    }
    if (pagesDrawn) {
        *pagesDrawn = page;
    }
    return bytes;
}

void CohortPdfWriter::write(const std::filesystem::path& target, const Progress& progress) const {
    const QByteArray bytes = render(progress);
    if (bytes.isEmpty()) {
        throw std::runtime_error(target.string() + ": the PDF could not be rendered");
    }
    writeFileAtomically(
        target, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

}  // namespace crosscheck::viewer
