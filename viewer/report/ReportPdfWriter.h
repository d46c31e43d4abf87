#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "core/model/Study.h"
#include "core/report/ReportModel.h"
#include "core/util/Progress.h"
#include "viewer/report/FindingVolumeImages.h"
#include "viewer/report/KeyImageRenderer.h"

namespace crosscheck::viewer {

class PdfCanvas;

/// Renders a report model as an A4 portrait PDF (QPdfWriter + QPainter, no widgets, no GL):
///
/// 1. cover: the synthetic-CT statement in a red box, then, when the sCT misses a dense
///    region of the CT, a filled red box saying so with the largest one; patient and study
///    (or "anonymized"), the series with roles and sync basis, export time, software
///    version and commit;
/// 2. a page per ROI: key images of CT, sCT, T1w and T2w through the ROI (same field of
///    view, outline, orientation letters, scale bar, caption with role and window), the
///    measurement rows and the CT - sCT line (red when flagged);
/// 3. findings (kFindingsPerPage per page): each CT-vs-sCT discrepancy with CT and sCT
///    thumbnails at its centroid and a 3D key image (the CT's bone with the region in its
///    colour, from setVolumeImages), then the global metrics;
/// 4. sCT agreement per structure, when the report has imported structures: CT and sCT
///    mean HU, MAE and ME inside each, sorted by MAE (ReportPdfStructurePage.cpp);
/// 5. provenance: series and frame UIDs, transforms and methods, parameters, software.
/// Every page is numbered "page N of M". A cover, ROI or provenance page whose tables or
/// text do not fit (many series, many notes) continues on the next page under a
/// "(continued)" heading, with the table header repeated.
///
/// The images are resliced from `study`, which must be the study the report was built
/// from (buildReport): series are matched by position, so an anonymized report (whose UIDs
/// were replaced, in the same order) still finds its voxels. Numbers are printed with one
/// decimal (ReportPdfText); the exact values are in the CSV and JSON.
class ReportPdfWriter {
public:
    static constexpr int kFindingsPerPage = 4;
    static constexpr double kDotsPerMm = 300.0 / 25.4;

    ReportPdfWriter(const ReportModel& report, const Study& study);
    /// Where the findings' 3D key images come from (kept by the caller, used on the thread
    /// that renders); none: the findings page says there is no 3D rendering.
    void setVolumeImages(FindingVolumeImages* images) { m_volumeImages = images; }

    /// The pages the PDF will have: a cover, one or more per ROI, the findings pages (at
    /// least one), the provenance; a section longer than a page continues on the next.
    /// Found by laying the document out without its images.
    int pageCount() const;
    /// The whole PDF. Progress runs over the pages; cancel throws Cancelled.
    QByteArray render(const Progress& progress = {}) const;
    /// Renders and writes `target` atomically (temporary file in the same folder + rename).
    /// Without `force` an existing file is left alone and ReportWriteError says so; any
    /// failure throws ReportWriteError naming the file and the reason.
    void write(const std::filesystem::path& target, bool force,
               const Progress& progress = {}) const;

private:
    /// Draws the document with "of `pages`" in the footers (layoutOnly: without key images,
    /// to count the pages); `pagesDrawn` receives the number of pages.
    QByteArray renderPages(int pages, const Progress& progress, bool layoutOnly,
                           int* pagesDrawn) const;
    void drawCover(PdfCanvas& canvas) const;
    /// On the cover, when the sCT misses a dense region of the CT: a red box saying so.
    void drawMissBox(PdfCanvas& canvas) const;
    void drawRoiPage(PdfCanvas& canvas, std::size_t roiIndex) const;
    void drawFindingsPage(PdfCanvas& canvas, int findingsPage) const;
    void drawMetrics(PdfCanvas& canvas) const;
    bool hasStructurePage() const;
    void drawStructurePage(PdfCanvas& canvas) const;
    void drawProvenancePage(PdfCanvas& canvas) const;
    void drawFooter(PdfCanvas& canvas, int page, int pages) const;
    int findingsPageCount() const;

    /// The study series at the same position as the report's first series of this role.
    const LoadedSeries* studySeries(SeriesRole role, int* reportIndex = nullptr) const;
    const LoadedSeries* studySeriesByUid(const std::string& reportSeriesUid) const;
    /// The study's frame UID for a frame UID of the report (they differ when anonymized).
    std::string studyFrame(const std::string& reportFrameUid) const;
    /// A key image of `series` through `plane` (view frame = study frame `viewFrame`), or
    /// a placeholder saying why there is none (then `placeholder` is set).
    QImage keyImage(const LoadedSeries* series, SeriesRole role, const std::string& viewFrame,
                    const KeyImagePlane& plane, const KeyImageWindow& window, const Roi* roi,
                    int sizePx, double textScale = 1.0, bool* placeholder = nullptr) const;
    /// The 3D key image of finding `rank` (CT bone, the region in colour), or a placeholder.
    QImage volumeImage(const LoadedSeries* ct, int rank, int sizePx, QString* view) const;
    KeyImageWindow windowFor(SeriesRole role, const LoadedSeries* series,
                             std::optional<double> meanHu) const;

    const ReportModel& m_report;
    const Study& m_study;
    std::map<std::string, std::string> m_frameToStudy;
    mutable std::map<const Volume*, KeyImageWindow> m_mrWindows;
    FindingVolumeImages* m_volumeImages = nullptr;
    /// Set during the layout pass: keyImage() returns no pixels.
    mutable bool m_layoutOnly = false;
};

}  // namespace crosscheck::viewer
