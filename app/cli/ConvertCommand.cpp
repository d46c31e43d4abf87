#include "app/cli/ConvertCommand.h"

#include <iostream>
#include <memory>

#include "app/cli/StudyProblems.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/NiftiWriter.h"
#include "core/dicom/SeriesLoader.h"
#include "core/dicom/SeriesSelection.h"

namespace crosscheck::cli {

namespace {

struct ConvertOptions {
    std::string series;
    std::string output;
    std::string uid;
    std::string role;
    int volume = -1;  // -1: not given (the first volume)
};

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int runConvert(const ConvertOptions& options) {
    if (!endsWith(options.output, ".nii") && !endsWith(options.output, ".nii.gz")) {
        std::cerr << "crosscheck-cli convert: the output must end in .nii or .nii.gz\n";
        return 2;
    }
    std::optional<SeriesRole> role;
    if (!options.role.empty()) {
        role = seriesRoleFromString(options.role);
        if (!role) {
            std::cerr << "crosscheck-cli convert: unknown role " << options.role
                      << " (CT, T1w, T2w, sCT)\n";
            return 2;
        }
    }
    const ScanResult scan = scanPaths({options.series});
    const SeriesInfo& info =
        selectSeries(scan, options.series, options.uid, role,
                     options.volume >= 0 ? std::optional<int>(options.volume) : std::nullopt);
    printStudyProblems(scan.problems);  // every skipped file, named with its reason
    const LoadedSeries loaded = loadSeries(info);
    for (const std::string& w : loaded.warnings) {
        std::cerr << "warning: " << w << "\n";
    }
    // dcm2niix turns 3D acquisitions to the closest canonical orientation by default.
    const NiftiLayout layout =
        info.mrAcquisitionType == "3D" ? NiftiLayout::Canonical : NiftiLayout::FlipRows;
    writeNifti(*loaded.volume, options.output, layout);
    return 0;
}

}  // namespace

void addConvertCommand(CLI::App& app, CommandAction& action) {
    auto options = std::make_shared<ConvertOptions>();
    CLI::App* convert =
        app.add_subcommand("convert", "Convert one series to NIfTI-1 (dcm2niix orientation)");
    convert
        ->add_option("SERIES", options->series,
                     "A folder holding one series, a file, or a folder with --series/--role")
        ->required();
    convert->add_option("OUT", options->output, "Output .nii or .nii.gz")->required();
    convert->add_option("--series", options->uid, "SeriesInstanceUID to pick");
    convert->add_option("--role", options->role, "Role to pick: CT, T1w, T2w, sCT");
    convert
        ->add_option("--volume", options->volume,
                     "Volume of a multi-volume series (0-based; `scan` lists them)")
        ->check(CLI::NonNegativeNumber);
    convert->callback([options, &action] { action = [options] { return runConvert(*options); }; });
}

}  // namespace crosscheck::cli
