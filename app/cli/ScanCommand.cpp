#include "app/cli/ScanCommand.h"

#include <iostream>
#include <memory>

#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesInfoJson.h"

namespace crosscheck::cli {

namespace {

struct ScanOptions {
    std::vector<std::string> paths;
    bool json = false;
};

int runScan(const ScanOptions& options) {
    std::vector<std::filesystem::path> paths(options.paths.begin(), options.paths.end());
    const ScanResult scan = scanPaths(paths);
    if (options.json) {
        std::cout << toJson(scan).dump(2) << "\n";
    } else {
        for (const SeriesInfo& s : scan.series) {
            std::cout << toString(s.role) << "\t" << s.modality << "\t" << s.dims[0] << "x"
                      << s.dims[1] << "x" << s.dims[2] << "\t" << toString(s.orientation) << "\t"
                      << s.description << "\t" << s.seriesInstanceUid
                      << (s.volumeCount() > 1 ? " volume " + std::to_string(s.volumeIndex) + "/" +
                                                    std::to_string(s.volumeCount())
                                              : "")
                      << (s.splitLabel.empty() ? "" : " [" + s.splitLabel + "]")
                      << (s.isColour() ? " (colour " + s.photometric + ")" : "") << "\n";
            for (const std::string& w : s.warningDetails) {
                std::cout << "\twarning: " << w << "\n";
            }
        }
    }
    for (const ScanProblem& p : scan.problems) {
        std::cerr << "skipped " << p.file << ": " << p.reason << "\n";
    }
    // Nothing usable and something refused: the input could not be used (exit 1).
    return scan.series.empty() && !scan.problems.empty() ? 1 : 0;
}

}  // namespace

void addScanCommand(CLI::App& app, CommandAction& action) {
    auto options = std::make_shared<ScanOptions>();
    CLI::App* scan = app.add_subcommand("scan", "Index DICOM folders, DICOMDIRs and files");
    scan->add_option("PATH", options->paths, "Folders, DICOMDIR files or DICOM files")->required();
    scan->add_flag("--json", options->json, "Print one JSON document on stdout");
    scan->callback([options, &action] { action = [options] { return runScan(*options); }; });
}

}  // namespace crosscheck::cli
