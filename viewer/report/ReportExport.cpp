#include "viewer/report/ReportExport.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/report/ReportWriteError.h"
#include "viewer/report/ReportPdfWriter.h"

namespace crosscheck::viewer {

namespace fs = std::filesystem;

fs::path reportPdfFileName() {
    return "report.pdf";
}

std::optional<ReportFormats> parseReportFormats(const std::string& text, std::string* bad) {
    ReportFormats formats;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (item.empty()) {
            continue;
        }
        std::string lower = item;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lower == "pdf") {
            formats.pdf = true;
        } else if (const auto f = reportFormatFromString(lower)) {
            if (std::find(formats.core.begin(), formats.core.end(), *f) == formats.core.end()) {
                formats.core.push_back(*f);
            }
        } else {
            if (bad) {
                *bad = item;
            }
            return std::nullopt;
        }
    }
    return formats;
}

std::vector<fs::path> reportTargets(const fs::path& outDir, const ReportFormats& formats) {
    std::vector<fs::path> targets;
    if (formats.pdf) {
        targets.push_back(outDir / reportPdfFileName());
    }
    for (ReportFormat f : formats.core) {
        targets.push_back(outDir / reportFileName(f));
    }
    return targets;
}

std::vector<fs::path> existingReportTargets(const fs::path& outDir, const ReportFormats& formats) {
    std::vector<fs::path> existing;
    for (const fs::path& target : reportTargets(outDir, formats)) {
        if (fs::exists(fs::symlink_status(target))) {
            existing.push_back(target);
        }
    }
    return existing;
}

std::vector<fs::path> writeReportFiles(const ReportModel& report, const Study& study,
                                       const fs::path& outDir, const ReportFormats& formats,
                                       bool force, const Progress& progress,
                                       const ReportSegmentation* segmentation,
                                       FindingVolumeImages* volumeImages) {
    if (!force) {
        const auto existing = existingReportTargets(outDir, formats);
        if (!existing.empty()) {
            throw ReportWriteError(existing.front().string() +
                                   ": already exists; not overwritten (use --force to replace it)");
        }
    }
    // Render the PDF first: it is the slow part and the likeliest to be cancelled, and a
    // cancelled export should leave nothing behind.
    std::vector<fs::path> written;
    if (formats.pdf) {
        std::error_code error;
        fs::create_directories(outDir, error);
        if (error || !fs::is_directory(outDir)) {
            throw ReportWriteError(outDir.string() + ": cannot create the output folder" +
                                   (error ? ": " + error.message() : std::string()));
        }
        ReportPdfWriter writer(report, study);
        writer.setVolumeImages(volumeImages);
        writer.write(outDir / reportPdfFileName(), force, progress);
        written.push_back(outDir / reportPdfFileName());
    }
    if (!formats.core.empty()) {
        for (const fs::path& p : writeReport(report, outDir, formats.core, force, segmentation)) {
            written.push_back(p);
        }
    }
    return written;
}

}  // namespace crosscheck::viewer
