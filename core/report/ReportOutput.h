#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/report/ReportModel.h"
#include "core/report/ReportWriteError.h"

namespace crosscheck {

/// The report formats core writes (PDF is rendered by the viewer).
enum class ReportFormat { Csv, Json, Sr, Seg };

struct ReportSegmentation;

/// structure_agreement.csv: the table "sCT agreement per structure" (structureAgreementCsv),
/// written beside measurements.csv when the report has imported structures with numbers.
std::filesystem::path reportStructureAgreementFileName();

/// "csv", "json", "sr", "seg".
const char* toString(ReportFormat format);
std::optional<ReportFormat> reportFormatFromString(const std::string& text);

/// The file of each format in the output folder (docs/cli.md): measurements.csv,
/// report.json, report_sr.dcm, report_seg.dcm.
std::filesystem::path reportFileName(ReportFormat format);

/// Writes the report in the given formats into `outDir` (created if missing) and returns
/// the files written (the CSV format also writes structure_agreement.csv when the report has
/// a table "sCT agreement per structure" with rows). Without `force`, first checks that none of the
/// target files exists and throws ReportWriteError naming the first one that does, before writing
/// anything. Each file is written atomically (temporary file + rename), so a failure leaves the
/// previous file or none, never a partial one. Throws ReportWriteError naming the file and
/// the reason.
///
/// The SEG (ReportFormat::Seg) is written from `segmentation` (buildReportSegmentation, then
/// anonymizeSegmentation with the report's remapper when anonymizing); without one, asking
/// for it throws ReportWriteError. A segmentation without segments (no ROI covers a CT
/// voxel) writes no SEG: the returned list then lacks report_seg.dcm.
std::vector<std::filesystem::path> writeReport(const ReportModel& report,
                                               const std::filesystem::path& outDir,
                                               const std::vector<ReportFormat>& formats, bool force,
                                               const ReportSegmentation* segmentation = nullptr);

}  // namespace crosscheck
