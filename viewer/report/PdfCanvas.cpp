#include "viewer/report/PdfCanvas.h"

#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <cmath>

namespace crosscheck::viewer {

PdfCanvas::PdfCanvas(QPainter& painter, double dotsPerMm, PageBreak pageBreak)
    : m_painter(painter), m_dotsPerMm(dotsPerMm), m_pageBreak(std::move(pageBreak)) {}

bool PdfCanvas::ensureRoom(double mm) {
    // On a fresh page a block taller than the page cannot be helped by another break.
    if (!m_pageBreak || m_y + mm <= kBottomMm || m_y <= kTopMm + 1.0) {
        return false;
    }
    m_pageBreak();
    m_y = kTopMm;
    if (!m_continuation.isEmpty()) {
        heading(m_continuation, 12.0, QColor(80, 80, 80));
    }
    return true;
}

QFont PdfCanvas::font(double pt, bool bold, bool mono) {
    QFont f(mono ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans"));
    f.setStyleHint(mono ? QFont::Monospace : QFont::SansSerif);
    f.setPointSizeF(pt);
    f.setBold(bold);
    // No shaping for Latin text: no "fi"/"fl" ligatures, so the PDF's text is found by a
    // search, copied and read back (pdftotext) as it was written.
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

QRectF PdfCanvas::toDevice(const QRectF& b) const {
    return {b.x() * m_dotsPerMm, b.y() * m_dotsPerMm, b.width() * m_dotsPerMm,
            b.height() * m_dotsPerMm};
}

double PdfCanvas::lineMm(const QFont& font) const {
    return QFontMetricsF(font, m_painter.device()).lineSpacing() / m_dotsPerMm;
}

double PdfCanvas::wrappedHeightMm(const QString& text, const QFont& font, double widthMm) const {
    const QFontMetricsF metrics(font, m_painter.device());
    const QRectF bounds = metrics.boundingRect(QRectF(0, 0, widthMm * m_dotsPerMm, 1e7),
                                               Qt::TextWordWrap | Qt::AlignLeft, text);
    return bounds.height() / m_dotsPerMm;
}

void PdfCanvas::heading(const QString& text, double pt, const QColor& colour) {
    const QFont f = font(pt, true);
    // Not alone at the foot of a page: a heading keeps a few lines of what follows.
    ensureRoom(lineMm(f) + 1.5 + 3 * lineMm(font(kBodyPt)));
    textIn(QRectF(kLeftMm, m_y, widthMm(), lineMm(f)), text, f, Qt::AlignLeft | Qt::AlignVCenter,
           colour);
    m_y += lineMm(f) + 1.5;
}

void PdfCanvas::paragraph(const QString& text, const QFont& f, const QColor& colour) {
    const double h = wrappedHeightMm(text, f, widthMm());
    ensureRoom(h + 0.5);
    textIn(QRectF(kLeftMm, m_y, widthMm(), h + 0.5), text, f, Qt::AlignLeft | Qt::TextWordWrap,
           colour);
    m_y += h + 1.5;
}

void PdfCanvas::fields(const std::vector<std::pair<QString, QString>>& rows, double labelMm,
                       double pt) {
    const QFont label = font(pt, true), value = font(pt);
    for (const auto& [name, text] : rows) {
        const double h = std::max(lineMm(value), wrappedHeightMm(text, value, widthMm() - labelMm));
        ensureRoom(h + 0.6);
        textIn(QRectF(kLeftMm, m_y, labelMm, h), name, label, Qt::AlignLeft | Qt::AlignTop);
        textIn(QRectF(kLeftMm + labelMm, m_y, widthMm() - labelMm, h + 0.5), text, value,
               Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap);
        m_y += h + 0.6;
    }
}

void PdfCanvas::table(const std::vector<double>& columnsMm, const std::vector<PdfTableRow>& rows,
                      const std::vector<bool>& rightAligned, double pt, bool header) {
    const double rowMm = lineMm(font(pt)) + 1.2;
    // The header with at least one row under it.
    ensureRoom((header ? 2 : 1) * rowMm);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const bool isHeader = header && r == 0;
        if (!isHeader && ensureRoom(rowMm) && header) {
            drawRow(columnsMm, rows.front(), rightAligned, pt, true);
        }
        drawRow(columnsMm, rows[r], rightAligned, pt, isHeader);
    }
    m_y += 1.5;
}

void PdfCanvas::drawRow(const std::vector<double>& columnsMm, const PdfTableRow& row,
                        const std::vector<bool>& rightAligned, double pt, bool isHeader) {
    const double rowMm = lineMm(font(pt)) + 1.2;
    const double pad = 1.0;
    double total = 0.0;
    for (double c : columnsMm) {
        total += c;
    }
    const QFont f = font(pt, row.bold || isHeader);
    const QColor fill = isHeader ? QColor(225, 230, 238) : row.fill;
    if (fill.alpha() > 0) {
        box(QRectF(kLeftMm, m_y, total, rowMm), fill, Qt::transparent, 0.0);
    }
    double x = kLeftMm;
    const QFontMetricsF metrics(f, m_painter.device());
    for (std::size_t c = 0; c < columnsMm.size() && c < static_cast<std::size_t>(row.cells.size());
         ++c) {
        const QRectF cell(x + pad, m_y, columnsMm[c] - 2 * pad, rowMm);
        const QString text = metrics.elidedText(row.cells[static_cast<int>(c)], Qt::ElideRight,
                                                cell.width() * m_dotsPerMm);
        const bool right = c < rightAligned.size() && rightAligned[c];
        textIn(cell, text, f, (right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
               row.text);
        x += columnsMm[c];
    }
    m_y += rowMm;
    line(QPointF(kLeftMm, m_y), QPointF(kLeftMm + total, m_y), QColor(190, 190, 190), 0.2);
}

void PdfCanvas::textIn(const QRectF& boxMm, const QString& text, const QFont& f, int flags,
                       const QColor& colour) {
    m_painter.setFont(f);
    m_painter.setPen(colour);
    m_painter.drawText(toDevice(boxMm), flags, text);
}

void PdfCanvas::image(const QRectF& boxMm, const QImage& image) {
    m_painter.drawImage(toDevice(boxMm), image);
    box(boxMm, Qt::transparent, QColor(120, 120, 120), 0.2);
}

void PdfCanvas::box(const QRectF& boxMm, const QColor& fill, const QColor& border,
                    double borderMm) {
    m_painter.setPen(border.alpha() > 0 ? QPen(border, borderMm * m_dotsPerMm) : QPen(Qt::NoPen));
    m_painter.setBrush(fill.alpha() > 0 ? QBrush(fill) : QBrush(Qt::NoBrush));
    m_painter.drawRect(toDevice(boxMm));
    m_painter.setBrush(Qt::NoBrush);
}

void PdfCanvas::line(const QPointF& aMm, const QPointF& bMm, const QColor& colour, double widthMm) {
    m_painter.setPen(QPen(colour, widthMm * m_dotsPerMm));
    m_painter.drawLine(aMm * m_dotsPerMm, bMm * m_dotsPerMm);
}

void PdfCanvas::pageFooter(const QString& left, int page, int pages) {
    const QFont small = font(8.5);
    const QRectF band(kLeftMm, 285.0, kRightMm - kLeftMm, 6.0);
    const QColor grey(90, 90, 90);
    line(QPointF(band.left(), band.top() - 1.0), QPointF(band.right(), band.top() - 1.0),
         QColor(160, 160, 160), 0.2);
    textIn(band, left, small, Qt::AlignLeft | Qt::AlignVCenter, grey);
    textIn(band, QStringLiteral("page %1 of %2").arg(page).arg(pages), small,
           Qt::AlignRight | Qt::AlignVCenter, grey);
}

void PdfCanvas::setUpA4(QPdfWriter& writer, double dotsPerMm) {
    writer.setResolution(static_cast<int>(std::lround(dotsPerMm * 25.4)));
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));
}

}  // namespace crosscheck::viewer
