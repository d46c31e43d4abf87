#pragma once

#include <QString>
#include <optional>
#include <string>

namespace crosscheck::viewer {

/// How the PDF prints numbers, shared with the tests that look for them in `pdftotext`
/// output: one decimal ("463.6", "-12.0"; ASCII minus), an en dash for no value. The
/// unrounded numbers are in measurements.csv and report.json.
QString formatReportValue(double value);
QString formatReportValue(const std::optional<double>& value);
/// A value with its unit: "463.6 HU", "12.0 mm".
QString formatReportValue(double value, const QString& unit);
/// "2026-11-26" from a DICOM date "20261126"; the text as it is otherwise; an en dash when
/// empty.
QString formatDicomDate(const std::string& date);
/// The text, or an en dash when empty.
QString orDash(const std::string& text);
/// An ROI's page title: its label ("tumour"), or "ROI <id>" when it has none.
QString roiTitle(const std::string& id, const std::string& label);

}  // namespace crosscheck::viewer
