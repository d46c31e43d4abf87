#include "app/cli/MeasureCommand.h"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "app/cli/MeasureImported.h"
#include "app/cli/StudyProblems.h"
#include "core/model/Study.h"
#include "core/registration/TransformFile.h"
#include "core/roi/RoiJson.h"
#include "core/roi/StudyMeasurement.h"

namespace crosscheck::cli {

namespace {

struct MeasureArgs {
    std::string study, roi, transform;
    std::string seg, rtstruct, labels, labelTable;
    ImportedMeasureArgs imported;
    double thresholdHu = 200.0;
    std::optional<double> mrThreshold;
    double ringMm = 3.0;
    bool json = false;
};

std::string cell(const std::optional<double>& v, int precision = 1) {
    if (!v) {
        return "-";
    }
    std::ostringstream s;
    s << std::fixed << std::setprecision(precision) << *v;
    return s.str();
}

/// "long x short" of a visible section, or "-".
std::string sizeCell(const std::optional<Eigen::Vector2d>& v) {
    return v ? cell(v->x()) + "x" + cell(v->y()) : std::string("-");
}

void printTable(const Roi& roi, const std::vector<SeriesMeasurement>& rows) {
    std::cout << toString(roi.shape) << " in frame " << roi.frameOfReferenceUid << "\n";
    std::cout << std::left << std::setw(6) << "role" << std::right << std::setw(10) << "unit"
              << std::setw(10) << "mean" << std::setw(9) << "sd" << std::setw(9) << "median"
              << std::setw(9) << "min" << std::setw(9) << "max" << std::setw(8) << "count"
              << std::setw(10) << "extent" << std::setw(12) << "axial" << std::setw(12)
              << "sagittal" << std::setw(10) << "contrast"
              << "  warnings\n";
    for (const auto& r : rows) {
        const RoiMeasurement& m = r.measurement;
        auto num = [&](double v) { return m.hasNumbers ? std::optional<double>(v) : std::nullopt; };
        std::string warnings;
        for (const auto& w : m.warnings) {
            warnings += (warnings.empty() ? "" : "; ") + w;
        }
        std::cout << std::left << std::setw(6) << toString(r.role) << std::right << std::setw(10)
                  << m.unit << std::setw(10) << cell(num(m.values.mean)) << std::setw(9)
                  << cell(num(m.values.sd)) << std::setw(9) << cell(num(m.values.median))
                  << std::setw(9) << cell(num(m.values.min)) << std::setw(9)
                  << cell(num(m.values.max)) << std::setw(8) << cell(num(m.values.count), 0)
                  << std::setw(10) << cell(m.hasNumbers ? m.visibleExtentMm : std::nullopt)
                  << std::setw(12) << sizeCell(m.hasNumbers ? m.visibleAxialMm : std::nullopt)
                  << std::setw(12) << sizeCell(m.hasNumbers ? m.visibleSagittalMm : std::nullopt)
                  << std::setw(10) << cell(m.hasNumbers ? m.contrast : std::nullopt) << "  "
                  << warnings << "\n";
    }
    if (!rows.empty()) {
        const RoiSize& s = rows.front().measurement.size;
        std::cout << "size: "
                  << (s.volumeMm3 ? "volume " + cell(s.volumeMm3) + " mm3"
                                  : "area " + cell(s.areaMm2) + " mm2")
                  << ", long axis " << cell(s.longAxisMm) << " mm, short axis "
                  << cell(s.shortAxisMm) << " mm\n";
    }
    if (const auto d = compareCtSct(rows)) {
        std::cout << "CT - sCT: mean " << cell(d->deltaMeanHu) << " HU, visible extent "
                  << cell(d->deltaExtentMm) << " mm, axial " << sizeCell(d->deltaAxialMm)
                  << " mm, sagittal " << sizeCell(d->deltaSagittalMm) << " mm"
                  << (d->flagged ? "  FLAGGED" : "") << "\n";
    }
}

/// Which of --roi, --seg, --rtstruct, --labels was given; usage error unless exactly one.
bool chooseInput(MeasureArgs& args) {
    const int given =
        !args.roi.empty() + !args.seg.empty() + !args.rtstruct.empty() + !args.labels.empty();
    if (given != 1) {
        std::cerr << "crosscheck-cli measure: give exactly one of --roi, --seg, --rtstruct, "
                     "--labels\n";
        return false;
    }
    if (!args.labelTable.empty() && args.labels.empty()) {
        std::cerr << "crosscheck-cli measure: --label-table names the values of --labels\n";
        return false;
    }
    ImportRequest& r = args.imported.request;
    if (!args.seg.empty()) {
        r.file = args.seg;
        r.format = ImportFormat::Seg;
    } else if (!args.rtstruct.empty()) {
        r.file = args.rtstruct;
        r.format = ImportFormat::RtStruct;
    } else if (!args.labels.empty()) {
        r.file = args.labels;
        r.format = ImportFormat::LabelMap;
        if (!args.labelTable.empty()) {
            r.labelTable = std::filesystem::path(args.labelTable);
        }
    }
    args.imported.json = args.json;
    return true;
}

int runMeasure(MeasureArgs& args) {
    if (!chooseInput(args)) {
        return 2;
    }
    const bool importing = args.roi.empty();
    const Roi roi = importing ? Roi{} : readRoiFile(args.roi);
    Study study = loadStudy({args.study});
    printStudyProblems(study);
    if (study.series.empty()) {
        std::cerr << "crosscheck-cli measure: " << args.study << ": no series could be loaded\n";
        return 1;
    }
    if (!args.transform.empty()) {
        const TransformFile file = readTransformFile(args.transform);
        if (file.movingFrameUid != file.fixedFrameUid) {
            try {
                study.transforms.set(file.movingFrameUid, file.fixedFrameUid, file.movingToFixed,
                                     provenanceOf(file));
            } catch (const std::invalid_argument& e) {
                std::cerr << "crosscheck-cli measure: " << args.transform << ": " << e.what()
                          << "\n";
                return 1;
            }
        }
    }
    MeasureOptions options;
    options.visibleThresholdHu = args.thresholdHu;
    options.visibleThresholdIntensity = args.mrThreshold;
    options.ringWidthMm = args.ringMm;
    if (importing) {
        return measureImported(args.imported, study, options);
    }
    const std::vector<SeriesMeasurement> rows = measureInStudy(roi, study, options);
    bool anyNumbers = false;
    for (const auto& r : rows) {
        anyNumbers = anyNumbers || r.measurement.hasNumbers;
        for (const auto& w : r.measurement.warnings) {
            std::cerr << "warning: " << toString(r.role) << " " << r.seriesInstanceUid << ": " << w
                      << "\n";
        }
    }
    if (!anyNumbers) {
        std::cerr << "warning: the ROI (frame " << roi.frameOfReferenceUid
                  << ") measured no series; is the frame right, or is --transform missing?\n";
    }
    if (args.json) {
        nlohmann::json j;
        j["roi"] = toJson(roi);
        j["measurements"] = nlohmann::json::array();
        for (const auto& r : rows) {
            j["measurements"].push_back(toJson(r, options));
        }
        const auto diff = compareCtSct(rows);
        j["ct_minus_sct"] = diff ? toJson(*diff) : nlohmann::json(nullptr);
        std::cout << j.dump(2) << "\n";
    } else {
        printTable(roi, rows);
    }
    return 0;
}

}  // namespace

void addMeasureCommand(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<MeasureArgs>();
    CLI::App* cmd = app.add_subcommand(
        "measure", "Sample one ROI, or every structure of a segmentation, in every series");
    cmd->add_option("STUDY", args->study, "A folder holding the study's series")->required();
    cmd->add_option("--roi", args->roi, "ROI.json (see docs/roi-json.md)");
    cmd->add_option("--seg", args->seg, "A DICOM Segmentation: every segment (docs/import.md)");
    cmd->add_option("--rtstruct", args->rtstruct,
                    "A DICOM RT Structure Set: every structure with closed contours");
    cmd->add_option("--labels", args->labels,
                    "A NIfTI-1/-2 label map (.nii, .nii.gz): every label");
    cmd->add_option("--label-table", args->labelTable,
                    "Names of the label values: ITK-SNAP .txt, .json or .csv");
    cmd->add_option("--agreement-csv", args->imported.agreementCsv,
                    "Write the table 'sCT agreement per structure' as CSV");
    cmd->add_flag(
        "--no-agreement", [args](std::int64_t) { args->imported.agreement = false; },
        "Skip the sCT agreement table of imported structures");
    cmd->add_option("--transform", args->transform,
                    "A registration result (crosscheck-cli register) linking two frames");
    cmd->add_option("--threshold", args->thresholdHu,
                    "Visible-extent threshold for CT and sCT, HU (default 200)");
    cmd->add_option("--mr-threshold", args->mrThreshold,
                    "Visible-extent threshold for MR series (intensity; none by default)");
    cmd->add_option("--ring-mm", args->ringMm, "Width of the contrast ring, mm (default 3)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_flag("--json", args->json, "Print one JSON document on stdout");
    cmd->callback([args, &action] { action = [args] { return runMeasure(*args); }; });
}

}  // namespace crosscheck::cli
