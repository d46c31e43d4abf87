#pragma once

#include <QByteArray>
#include <QString>
#include <filesystem>
#include <string>
#include <vector>

#include "core/cohort/CohortSummary.h"
#include "core/cohort/PatientResult.h"
#include "core/util/Progress.h"

namespace crosscheck::viewer {

class PdfCanvas;

/// Renders a cohort's results as an A4 portrait PDF (QPdfWriter + QPainter; no widgets, no
/// GL, so `crosscheck-cli cohort summarize --formats pdf` runs it headless):
///
/// 1. the study's table: counts and failures, the detection line ("visible on CT n/N, on
///    sCT n/N"), mean (SD) and median (range) of each measure on CT and sCT, the paired
///    difference CT - sCT with its 95 % CI, the t-test p and the Wilcoxon p with its
///    method, Bland-Altman bias and limits; then the Bland-Altman plots of the axial and
///    sagittal sizes and of the HU;
/// 2. the per-patient table (a row per result file; red where the CT shows the finding
///    and the sCT does not, grey for a failed patient with its reason);
/// 3. a thumbnail pair per patient: the CT's axial slice through the measured finding
///    and the sCT beside it (CohortThumbnail; loads each study again);
/// 4. methods: every test, threshold and definition the numbers follow.
///
/// Every number comes from core (summarizeCohort, the result files); numbers print with
/// one decimal (formatReportValue) and p-values with three significant digits
/// (formatPValue); the exact values are in summary.json and patients.csv. Pages are
/// numbered "page N of M".
class CohortPdfWriter {
public:
    static constexpr double kDotsPerMm = 300.0 / 25.4;
    static constexpr int kThumbnailColumns = 4;
    static constexpr int kThumbnailPx = 200;

    /// `results` sorted by patient (readPatientResults), `summary` = summarizeCohort of
    /// them, `title` the folder's name for the header.
    CohortPdfWriter(std::vector<PatientResult> results, CohortSummary summary, QString title);

    /// Pages of the document (a layout pass without the thumbnails).
    int pageCount() const;
    /// The whole PDF. Progress runs over the patients' thumbnails; cancel throws Cancelled.
    QByteArray render(const Progress& progress = {}) const;
    /// Renders and writes `target` atomically (temporary name, then rename); throws
    /// std::runtime_error naming the file and the reason.
    void write(const std::filesystem::path& target, const Progress& progress = {}) const;

private:
    QByteArray renderPages(int pages, const Progress& progress, bool layoutOnly,
                           int* pagesDrawn) const;
    void drawStudyPage(PdfCanvas& canvas) const;
    void drawStudyTables(PdfCanvas& canvas) const;
    void drawPlots(PdfCanvas& canvas) const;
    void drawPatientTable(PdfCanvas& canvas) const;
    void drawThumbnails(PdfCanvas& canvas, const Progress& progress, bool layoutOnly) const;
    void drawMethods(PdfCanvas& canvas) const;
    void drawFooter(PdfCanvas& canvas, int page, int pages) const;

    std::vector<PatientResult> m_results;
    CohortSummary m_summary;
    QString m_title;
    QString m_createdAt;
};

/// "0.000512", "1.2e-05": three significant digits (printf %.3g); "n/a" when undefined.
QString formatPValue(double p);

}  // namespace crosscheck::viewer
