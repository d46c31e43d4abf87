// The PDF's page "sCT agreement per structure": for a report whose ROIs include imported
// structures (DICOM SEG, RTSTRUCT, label map), the rows of the model's table as the JSON and
// structure_agreement.csv hold them (sorted by MAE, largest first), one decimal.
#include <cmath>

#include "viewer/report/PdfCanvas.h"
#include "viewer/report/ReportPdfText.h"
#include "viewer/report/ReportPdfWriter.h"

namespace crosscheck::viewer {

bool ReportPdfWriter::hasStructurePage() const {
    return m_report.structureAgreement.has_value();
}

void ReportPdfWriter::drawStructurePage(PdfCanvas& canvas) const {
    const ReportStructureAgreement& a = *m_report.structureAgreement;
    canvas.heading(QStringLiteral("sCT agreement per structure"));
    if (!a.whyNot.empty()) {
        canvas.paragraph(QStringLiteral("No table: %1.").arg(QString::fromStdString(a.whyNot)),
                         PdfCanvas::font(PdfCanvas::kBodyPt));
        return;
    }
    canvas.paragraph(
        QStringLiteral("Inside each imported structure, over the CT voxels it takes within the "
                       "CT body where the sCT has a value: CT and sCT mean HU, mean absolute "
                       "error (MAE) and mean error (ME = CT - sCT), sorted by MAE, largest "
                       "first. Exact values: structure_agreement.csv and report.json."),
        PdfCanvas::font(9.0));
    canvas.skip(1.5);
    std::vector<PdfTableRow> rows;
    PdfTableRow header;
    header.cells = {QStringLiteral("Structure"),   QStringLiteral("CT mean HU"),
                    QStringLiteral("sCT mean HU"), QStringLiteral("MAE HU"),
                    QStringLiteral("ME HU"),       QStringLiteral("Voxels")};
    rows.push_back(header);
    for (const StructureAgreementRow& r : a.rows) {
        PdfTableRow row;
        const QString label = QString::fromStdString(r.label);
        if (r.measured) {
            row.cells = {label,
                         formatReportValue(r.ctMeanHu),
                         formatReportValue(r.sctMeanHu),
                         formatReportValue(r.metrics.maeHu),
                         formatReportValue(r.metrics.meHu),
                         QString::number(r.metrics.voxels)};
        } else {
            row.cells = {label, QString::fromStdString(r.warning), {}, {}, {}, {}};
        }
        rows.push_back(row);
    }
    canvas.table({52.0, 27.0, 29.0, 25.0, 25.0, 22.0}, rows, {false, true, true, true, true, true});
}

}  // namespace crosscheck::viewer
