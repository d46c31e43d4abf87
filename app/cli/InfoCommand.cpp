#include "app/cli/InfoCommand.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>

#include "app/cli/StudyProblems.h"
#include "core/dicom/DicomError.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/PictureLoader.h"
#include "core/dicom/SeriesInfoJson.h"
#include "core/dicom/SeriesLoader.h"
#include "core/dicom/SeriesSelection.h"
#include "core/dicom/VoxelSummary.h"

namespace crosscheck::cli {

namespace {

struct InfoOptions {
    std::string series;
    std::string uid;
    std::string role;
    int volume = -1;  // -1: not given (the first volume)
    bool json = false;
};

// A colour or palette image: its RGB bytes hashed, null for what a picture does not have.
nlohmann::json problemsJson(const std::vector<ScanProblem>& problems) {
    nlohmann::json out = nlohmann::json::array();
    for (const ScanProblem& p : problems) {
        out.push_back({{"file", p.file}, {"reason", p.reason}});
    }
    return out;
}

int describePicture(const SeriesInfo& info, const std::vector<ScanProblem>& problems, bool json,
                    std::chrono::steady_clock::time_point start) {
    const LoadedPicture loaded = loadPicture(info);
    const double loadMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const RgbPicture& picture = *loaded.picture;
    const std::string sha = sha256Hex(picture.rgb.data(), picture.rgb.size());
    nlohmann::json j = toJson(info);
    j["min"] = nullptr;
    j["max"] = nullptr;
    j["mean"] = nullptr;
    j["sha256"] = sha;
    j["load_ms"] = loadMs;
    j["voxel_type"] = "rgb8";
    j["warning_details"] = loaded.warnings;
    j["problems"] = problemsJson(problems);
    if (json) {
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << "series      " << info.seriesInstanceUid << "\n"
                  << "picture     " << info.photometric << " as 8-bit RGB, " << picture.columns
                  << "x" << picture.rows << ", " << picture.frames << " frame(s)\n"
                  << "geometry    " << (info.hasGeometry ? toString(info.orientation) : "none")
                  << "\n"
                  << "sha256      " << sha << "\n";
    }
    for (const std::string& w : loaded.warnings) {
        std::cerr << "warning: " << w << "\n";
    }
    return 0;
}

int runInfo(const InfoOptions& options) {
    std::optional<SeriesRole> role;
    if (!options.role.empty()) {
        role = seriesRoleFromString(options.role);
        if (!role) {
            std::cerr << "crosscheck-cli info: unknown role " << options.role
                      << " (CT, T1w, T2w, sCT)\n";
            return 2;
        }
    }
    const auto start = std::chrono::steady_clock::now();
    const ScanResult scan = scanPaths({options.series});
    const SeriesInfo& info =
        selectSeries(scan, options.series, options.uid, role,
                     options.volume >= 0 ? std::optional<int>(options.volume) : std::nullopt);
    // Every file the scan skipped, with its reason: a truncated slice is named, not
    // only seen as a gap.
    printStudyProblems(scan.problems);
    if (info.isColour()) {
        return describePicture(info, scan.problems, options.json, start);
    }
    const auto scanned = std::chrono::steady_clock::now();
    const LoadedSeries loaded = loadSeries(info);
    const auto end = std::chrono::steady_clock::now();
    const double loadMs = std::chrono::duration<double, std::milli>(end - start).count();
    const double scanMs = std::chrono::duration<double, std::milli>(scanned - start).count();
    const VoxelSummary summary = summarizeVoxels(*loaded.volume);

    nlohmann::json j = toJson(info);
    if (info.hasGeometry) {  // else null, as in scan: a placeholder is not a place
        j["index_to_patient"] = rowMajor(loaded.volume->geometry().indexToPatient());
    }
    j["min"] = summary.min;
    j["max"] = summary.max;
    j["mean"] = summary.mean;
    j["sha256"] = summary.sha256;
    j["load_ms"] = loadMs;
    j["scan_ms"] = scanMs;
    j["warnings"] = info.warnings;
    j["warning_details"] = loaded.warnings;
    j["voxel_type"] = toString(loaded.volume->voxelType());
    j["problems"] = problemsJson(scan.problems);
    if (options.json) {
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << "series      " << info.seriesInstanceUid << "\n"
                  << "role        " << toString(info.role) << " (" << info.modality << ", "
                  << info.description << ")\n"
                  << "dims        " << info.dims.transpose() << "\n"
                  << "spacing mm  " << info.spacingMm.transpose() << "\n"
                  << "orientation " << toString(info.orientation) << "\n"
                  << "voxels      " << toString(loaded.volume->voxelType()) << ", min "
                  << summary.min << ", max " << summary.max << ", mean " << summary.mean << "\n"
                  << "sha256      " << summary.sha256 << "\n"
                  << "load ms     " << std::fixed << std::setprecision(1) << loadMs << "\n"
                  << "index to patient (LPS mm)\n"
                  << loaded.volume->geometry().indexToPatient() << "\n";
    }
    for (const std::string& w : loaded.warnings) {
        std::cerr << "warning: " << w << "\n";
    }
    return 0;
}

}  // namespace

void addInfoCommand(CLI::App& app, CommandAction& action) {
    auto options = std::make_shared<InfoOptions>();
    CLI::App* info = app.add_subcommand("info", "Load one series and describe it");
    info->add_option("SERIES", options->series,
                     "A folder holding one series, a file, or a folder with --series/--role")
        ->required();
    info->add_option("--series", options->uid, "SeriesInstanceUID to pick");
    info->add_option("--role", options->role, "Role to pick: CT, T1w, T2w, sCT");
    info->add_option("--volume", options->volume,
                     "Volume of a multi-volume series (0-based; `scan` lists them)")
        ->check(CLI::NonNegativeNumber);
    info->add_flag("--json", options->json, "Print one JSON document on stdout");
    info->callback([options, &action] { action = [options] { return runInfo(*options); }; });
}

}  // namespace crosscheck::cli
