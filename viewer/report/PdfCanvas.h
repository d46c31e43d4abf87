#pragma once

#include <QColor>
#include <QFont>
#include <QImage>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

class QPainter;
class QPdfWriter;

namespace crosscheck::viewer {

/// One row of a PdfCanvas table: its cells, and how it stands out (fill, text colour, bold).
struct PdfTableRow {
    QStringList cells;
    QColor fill = Qt::transparent;
    QColor text = Qt::black;
    bool bold = false;
};

/// Lays out text, tables and images on A4 portrait pages of a QPdfWriter, in
/// millimetres from the page's top left corner, with a running cursor (`y`) that each
/// block advances. Fonts are in points (the writer's resolution makes them true size), so
/// 9 pt on the page is 9 pt on paper. The printable column is kLeftMm..kRightMm.
///
/// Flowing blocks (headings, paragraphs, fields, table rows) that would run into the footer
/// start a new page through the page-break callback, then continue under the continuation
/// title; a table repeats its header row. Blocks placed at absolute positions (textIn,
/// image, box, line) never break: their caller keeps them on the page.
class PdfCanvas {
public:
    static constexpr double kPageWidthMm = 210.0;
    static constexpr double kPageHeightMm = 297.0;
    static constexpr double kLeftMm = 15.0;
    static constexpr double kRightMm = 195.0;
    static constexpr double kTopMm = 15.0;
    static constexpr double kBottomMm = 280.0;  ///< the footer lies below
    static constexpr double kBodyPt = 9.5;

    /// Finishes the current page (footer) and starts the next one.
    using PageBreak = std::function<void()>;

    PdfCanvas(QPainter& painter, double dotsPerMm, PageBreak pageBreak = {});

    /// The heading a continuation page starts with ("ROI 2: lesion (continued)").
    void setContinuation(const QString& title) { m_continuation = title; }
    /// Starts a new page when fewer than `mm` are left above the footer (and the page is
    /// not still empty); true when it did.
    bool ensureRoom(double mm);

    QPainter& painter() { return m_painter; }
    double y() const { return m_y; }
    void setY(double yMm) { m_y = yMm; }
    void skip(double mm) { m_y += mm; }
    double widthMm() const { return kRightMm - kLeftMm; }
    double remainingMm() const { return kBottomMm - m_y; }

    static QFont font(double pt, bool bold = false, bool mono = false);
    /// Sets a PDF writer up for the reports' pages: A4 portrait, no margins (the canvas
    /// keeps its own), `dotsPerMm` resolution.
    static void setUpA4(QPdfWriter& writer, double dotsPerMm);
    /// Height of one line of text in this font, mm.
    double lineMm(const QFont& font) const;

    /// A title line in `pt`, bold, then a little space.
    void heading(const QString& text, double pt = 13.0, const QColor& colour = Qt::black);
    /// Wrapped text across the column (or `widthMm` from `xMm`).
    void paragraph(const QString& text, const QFont& font, const QColor& colour = Qt::black);
    /// "label: value" lines with the labels in a column of `labelMm`.
    void fields(const std::vector<std::pair<QString, QString>>& rows, double labelMm = 38.0,
                double pt = kBodyPt);
    /// A table across the given column widths (mm, left to right from kLeftMm): the first
    /// row is the header (bold, shaded), text is elided to fit, column 0 left-aligned and
    /// the others as `rightAligned` says.
    void table(const std::vector<double>& columnsMm, const std::vector<PdfTableRow>& rows,
               const std::vector<bool>& rightAligned, double pt = kBodyPt, bool header = true);
    /// Text in a box (mm), no cursor change.
    void textIn(const QRectF& boxMm, const QString& text, const QFont& font, int flags,
                const QColor& colour = Qt::black);
    /// The image scaled into the box (mm), with a thin frame.
    void image(const QRectF& boxMm, const QImage& image);
    /// A filled / outlined rectangle (mm).
    void box(const QRectF& boxMm, const QColor& fill, const QColor& border, double borderMm = 0.3);
    /// A straight line between two points (mm).
    void line(const QPointF& aMm, const QPointF& bMm, const QColor& colour, double widthMm);
    /// The footer every report page carries: a rule, `left` (what and when), "page N of M".
    void pageFooter(const QString& left, int page, int pages);
    /// Height (mm) that `text` wrapped to `widthMm` takes in this font.
    double wrappedHeightMm(const QString& text, const QFont& font, double widthMm) const;

    QRectF toDevice(const QRectF& boxMm) const;

private:
    void drawRow(const std::vector<double>& columnsMm, const PdfTableRow& row,
                 const std::vector<bool>& rightAligned, double pt, bool isHeader);

    QPainter& m_painter;
    double m_dotsPerMm;
    PageBreak m_pageBreak;
    QString m_continuation;
    double m_y = kTopMm;
};

}  // namespace crosscheck::viewer
