// The ROI's numbers in the form the study behind Crosscheck reported them: visible long and
// short axis in the axial and the sagittal plane and the mean HU, on CT and on sCT, and
// CT - sCT for each.
#include "viewer/report/ReportPdfStudyForm.h"

#include "viewer/report/ReportPdfText.h"

namespace crosscheck::viewer {

namespace {

const RoiMeasurement* measurementOf(const ReportRoi& roi, SeriesRole role) {
    for (const ReportMeasurement& m : roi.measurements) {
        if (m.row.role == role && m.row.measurement.hasNumbers) {
            return &m.row.measurement;
        }
    }
    return nullptr;
}

/// Axial long, axial short, sagittal long, sagittal short, mean: empty where not measured.
std::vector<std::optional<double>> studyNumbers(const RoiMeasurement* m) {
    if (!m) {
        return std::vector<std::optional<double>>(5);
    }
    auto axis = [](const std::optional<Eigen::Vector2d>& size, int i) {
        return size ? std::optional<double>((*size)[i]) : std::nullopt;
    };
    return {axis(m->visibleAxialMm, 0), axis(m->visibleAxialMm, 1), axis(m->visibleSagittalMm, 0),
            axis(m->visibleSagittalMm, 1), m->values.mean};
}

}  // namespace

std::vector<PdfTableRow> studyFormRows(const ReportRoi& roi) {
    const auto ct = studyNumbers(measurementOf(roi, SeriesRole::CT));
    const auto sct = studyNumbers(measurementOf(roi, SeriesRole::sCT));
    std::vector<std::optional<double>> difference(5);
    for (std::size_t i = 0; i < difference.size(); ++i) {
        if (ct[i] && sct[i]) {
            difference[i] = *ct[i] - *sct[i];
        }
    }
    std::vector<PdfTableRow> rows{{{QStringLiteral(""), QStringLiteral("Axial long"),
                                    QStringLiteral("Axial short"), QStringLiteral("Sagittal long"),
                                    QStringLiteral("Sagittal short"), QStringLiteral("Mean HU")}}};
    const std::pair<QString, const std::vector<std::optional<double>>*> lines[] = {
        {QStringLiteral("CT"), &ct},
        {QStringLiteral("sCT"), &sct},
        {QStringLiteral("CT - sCT"), &difference}};
    for (const auto& [name, numbers] : lines) {
        PdfTableRow row;
        row.cells << name;
        for (const std::optional<double>& n : *numbers) {
            row.cells << formatReportValue(n);
        }
        rows.push_back(row);
    }
    return rows;
}

}  // namespace crosscheck::viewer
