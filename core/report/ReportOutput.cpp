#include "core/report/ReportOutput.h"

#include <algorithm>
#include <cctype>

#include "core/findings/StructureAgreement.h"
#include "core/report/ReportCsv.h"
#include "core/report/ReportJson.h"
#include "core/report/ReportSeg.h"
#include "core/report/ReportSr.h"
#include "core/session/AtomicFile.h"

namespace crosscheck {

const char* toString(ReportFormat format) {
    switch (format) {
        case ReportFormat::Csv:
            return "csv";
        case ReportFormat::Json:
            return "json";
        case ReportFormat::Sr:
            return "sr";
        case ReportFormat::Seg:
            return "seg";
    }
    return "?";
}

std::optional<ReportFormat> reportFormatFromString(const std::string& text) {
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (ReportFormat f :
         {ReportFormat::Csv, ReportFormat::Json, ReportFormat::Sr, ReportFormat::Seg}) {
        if (lower == toString(f)) {
            return f;
        }
    }
    return std::nullopt;
}

std::filesystem::path reportFileName(ReportFormat format) {
    switch (format) {
        case ReportFormat::Csv:
            return "measurements.csv";
        case ReportFormat::Json:
            return "report.json";
        case ReportFormat::Sr:
            return "report_sr.dcm";
        case ReportFormat::Seg:
            return "report_seg.dcm";
    }
    return {};
}

std::filesystem::path reportStructureAgreementFileName() {
    return "structure_agreement.csv";
}

std::vector<std::filesystem::path> writeReport(const ReportModel& report,
                                               const std::filesystem::path& outDir,
                                               const std::vector<ReportFormat>& formats, bool force,
                                               const ReportSegmentation* segmentation) {
    std::error_code error;
    std::filesystem::create_directories(outDir, error);
    if (error || !std::filesystem::is_directory(outDir)) {
        throw ReportWriteError(outDir.string() + ": cannot create the output folder" +
                               (error ? ": " + error.message() : std::string()));
    }
    std::vector<std::filesystem::path> names;
    for (ReportFormat f : formats) {
        names.push_back(reportFileName(f));
        if (f == ReportFormat::Csv && report.structureAgreement &&
            !report.structureAgreement->rows.empty()) {
            names.push_back(reportStructureAgreementFileName());
        }
    }
    std::vector<std::filesystem::path> targets;
    for (const std::filesystem::path& name : names) {
        const std::filesystem::path target = outDir / name;
        if (std::find(targets.begin(), targets.end(), target) != targets.end()) {
            continue;
        }
        if (name == reportFileName(ReportFormat::Seg)) {
            if (!segmentation) {
                throw ReportWriteError(
                    target.string() +
                    ": the DICOM SEG needs the ROIs rasterized on the study's CT "
                    "(buildReportSegmentation)");
            }
            if (segmentation->segments.empty()) {
                continue;  // nothing to segment: no file, as documented
            }
        }
        if (!force && std::filesystem::exists(std::filesystem::symlink_status(target))) {
            throw ReportWriteError(target.string() +
                                   ": already exists; not overwritten (use --force to replace it)");
        }
        targets.push_back(target);
    }
    std::vector<std::filesystem::path> written;
    for (const auto& target : targets) {
        try {
            if (target.filename() == reportStructureAgreementFileName()) {
                writeFileAtomically(target, structureAgreementCsv(report.structureAgreement->rows));
            } else if (target.filename() == reportFileName(ReportFormat::Csv)) {
                writeFileAtomically(target, reportToCsv(report));
            } else if (target.filename() == reportFileName(ReportFormat::Json)) {
                writeFileAtomically(target, reportToJson(report).dump(2) + "\n");
            } else if (target.filename() == reportFileName(ReportFormat::Seg)) {
                writeReportSeg(report, *segmentation, target);
            } else {
                writeReportSr(report, target);
            }
        } catch (const FileWriteError& e) {
            throw ReportWriteError(e.what());
        }
        written.push_back(target);
    }
    return written;
}

}  // namespace crosscheck
