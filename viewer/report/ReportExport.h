#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/model/Study.h"
#include "core/report/ReportModel.h"
#include "core/report/ReportOutput.h"
#include "core/report/ReportSeg.h"
#include "core/util/Progress.h"
#include "viewer/report/FindingVolumeImages.h"

namespace crosscheck::viewer {

/// What to write: the core formats (CSV, JSON, SR, SEG) and / or the PDF.
struct ReportFormats {
    std::vector<ReportFormat> core;
    bool pdf = false;

    bool empty() const { return core.empty() && !pdf; }
};

/// report.pdf (docs/cli.md).
std::filesystem::path reportPdfFileName();

/// Parses "pdf,csv,json,sr" (any order, case-insensitive, empty items ignored); empty with
/// the offending item in `bad` when one is unknown.
std::optional<ReportFormats> parseReportFormats(const std::string& text,
                                                std::string* bad = nullptr);

/// The files these formats would write in `outDir`, in the order pdf, csv, json, sr.
std::vector<std::filesystem::path> reportTargets(const std::filesystem::path& outDir,
                                                 const ReportFormats& formats);
/// Those of the targets that exist already.
std::vector<std::filesystem::path> existingReportTargets(const std::filesystem::path& outDir,
                                                         const ReportFormats& formats);

/// Writes every requested file into `outDir` (created if missing): the core formats with
/// writeReport and the PDF with ReportPdfWriter (images from `study`, the study the report
/// was built from). Without `force`, every target is checked before anything is written
/// and ReportWriteError names the first that exists. Each file is written atomically.
/// Returns the files written. Progress covers the PDF's pages (the slow part). The SEG
/// needs `segmentation` (buildReportSegmentation on the report before anonymizing); one
/// without segments writes no file. `volumeImages` renders the findings' 3D key images
/// (ReportPdfWriter::setVolumeImages; none: placeholders).
std::vector<std::filesystem::path> writeReportFiles(
    const ReportModel& report, const Study& study, const std::filesystem::path& outDir,
    const ReportFormats& formats, bool force, const Progress& progress = {},
    const ReportSegmentation* segmentation = nullptr, FindingVolumeImages* volumeImages = nullptr);

}  // namespace crosscheck::viewer
