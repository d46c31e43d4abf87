#include "app/cli/MeasureImported.h"

#include <chrono>
#include <ctime>
#include <iomanip>
#include <iostream>

#include "core/analysis/DifferenceVolume.h"
#include "core/analysis/StudyComparison.h"
#include "core/findings/StructureAgreement.h"
#include "core/roi/RoiImport.h"
#include "core/roi/StudyMeasurement.h"
#include "core/session/AtomicFile.h"

namespace crosscheck::cli {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/// Processor time of the whole process (every thread) since `c0`, ms: what a step costs
/// regardless of what else runs on the machine.
double cpuMsSince(std::clock_t c0) {
    return 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
}

struct Measured {
    const ImportedRoi* structure = nullptr;
    std::vector<SeriesMeasurement> rows;
};

std::string fixed(double v, int precision = 1) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(precision) << v;
    return s.str();
}

void printTables(const std::vector<Measured>& measured,
                 const std::vector<StructureAgreementRow>& agreement) {
    std::cout << std::left << std::setw(24) << "structure" << std::setw(6) << "role" << std::right
              << std::setw(10) << "mean" << std::setw(9) << "sd" << std::setw(9) << "count"
              << std::setw(14) << "volume_mm3"
              << "  warnings\n";
    for (const Measured& m : measured) {
        for (const SeriesMeasurement& r : m.rows) {
            const RoiMeasurement& v = r.measurement;
            std::string warnings;
            for (const auto& w : v.warnings) {
                warnings += (warnings.empty() ? "" : "; ") + w;
            }
            std::cout << std::left << std::setw(24) << m.structure->label.substr(0, 23)
                      << std::setw(6) << toString(r.role) << std::right << std::setw(10)
                      << (v.hasNumbers ? fixed(v.values.mean) : "-") << std::setw(9)
                      << (v.hasNumbers ? fixed(v.values.sd) : "-") << std::setw(9)
                      << (v.hasNumbers ? std::to_string(v.values.count) : "-") << std::setw(14)
                      << fixed(v.size.volumeMm3.value_or(0.0)) << "  " << warnings << "\n";
        }
    }
    if (!agreement.empty()) {
        std::cout << "\nsCT agreement per structure (sorted by MAE)\n"
                  << std::left << std::setw(24) << "structure" << std::right << std::setw(12)
                  << "CT mean HU" << std::setw(12) << "sCT mean HU" << std::setw(10) << "MAE"
                  << std::setw(10) << "ME" << std::setw(10) << "voxels\n";
        for (const StructureAgreementRow& r : agreement) {
            std::cout << std::left << std::setw(24) << r.label.substr(0, 23) << std::right;
            if (r.measured) {
                std::cout << std::setw(12) << fixed(r.ctMeanHu) << std::setw(12)
                          << fixed(r.sctMeanHu) << std::setw(10) << fixed(r.metrics.maeHu)
                          << std::setw(10) << fixed(r.metrics.meHu) << std::setw(10)
                          << r.metrics.voxels << "\n";
            } else {
                std::cout << "  " << r.warning << "\n";
            }
        }
    }
}

}  // namespace

int measureImported(const ImportedMeasureArgs& args, const Study& study,
                    const MeasureOptions& options) {
    const auto t0 = Clock::now();
    const std::clock_t c0 = std::clock();
    ImportResult imported;
    try {
        imported = importRois(args.request, study);
    } catch (const RoiImportError& e) {
        std::cerr << "crosscheck-cli measure: " << e.what() << "\n";
        return 1;
    }
    const double importMs = msSince(t0);
    const double importCpuMs = cpuMsSince(c0);
    for (const std::string& w : imported.warnings) {
        std::cerr << "warning: " << w << "\n";
    }

    const auto t1 = Clock::now();
    const std::clock_t c1 = std::clock();
    std::vector<Measured> measured;
    for (const ImportedRoi& s : imported.rois) {
        measured.push_back({&s, measureInStudy(s.roi, study, options)});
    }
    const double measureMs = msSince(t1);
    const double measureCpuMs = cpuMsSince(c1);

    const auto t2 = Clock::now();
    std::vector<StructureAgreementRow> agreement;
    std::string whyNoAgreement = "not asked (--no-agreement)";
    const StudyComparison pair = comparisonInputs(study);
    if (args.agreement) {
        whyNoAgreement = pair.whyNot;
        if (pair.inputs) {
            try {
                const auto difference = DifferenceVolume::compute(
                    pair.inputs->ct, *pair.inputs->sct, pair.inputs->ctToSct.matrix());
                agreement = structureAgreement(*difference, imported.rois, study.transforms,
                                               pair.ct->info.frameOfReferenceUid);
            } catch (const std::exception& e) {
                whyNoAgreement = e.what();
            }
        }
    }
    const double agreementMs = msSince(t2);
    const bool haveAgreement = args.agreement && pair.inputs && whyNoAgreement.empty();

    if (!args.agreementCsv.empty()) {
        if (!haveAgreement) {
            std::cerr << "crosscheck-cli measure: " << args.agreementCsv
                      << ": no sCT agreement table to write (" << whyNoAgreement << ")\n";
            return 1;
        }
        try {
            writeFileAtomically(args.agreementCsv, structureAgreementCsv(agreement));
        } catch (const std::exception& e) {
            std::cerr << "crosscheck-cli measure: " << e.what() << "\n";
            return 1;
        }
    }

    if (!args.json) {
        printTables(measured, agreement);
        if (!haveAgreement) {
            std::cout << "\nno sCT agreement table: " << whyNoAgreement << "\n";
        }
        return 0;
    }
    nlohmann::json j;
    j["source"] = {{"file", args.request.file.string()}, {"format", toString(args.request.format)}};
    j["structures"] = nlohmann::json::array();
    j["measurements"] = nlohmann::json::array();
    for (const Measured& m : measured) {
        const Roi& roi = m.structure->roi;
        j["structures"].push_back(
            {{"label", m.structure->label},
             {"frame_of_reference_uid", roi.frameOfReferenceUid},
             {"voxels", roi.mask ? roi.mask->labelledCount() : 0},
             {"volume_mm3",
              roi.mask ? roi.mask->labelledCount() * roi.mask->voxelVolumeMm3() : 0.0},
             {"imported_from", toJson(*roi.importedFrom)}});
        for (const SeriesMeasurement& r : m.rows) {
            nlohmann::json row = toJson(r, options);
            row["label"] = m.structure->label;
            j["measurements"].push_back(row);
        }
    }
    if (haveAgreement) {
        j["structure_agreement"] = {{"ct_series_instance_uid", pair.ct->info.seriesInstanceUid},
                                    {"sct_series_instance_uid", pair.sct->info.seriesInstanceUid},
                                    {"sorted_by", "mae_hu, largest first"},
                                    {"rows", toJson(agreement)}};
    } else {
        j["structure_agreement"] = {{"rows", nlohmann::json::array()}, {"why_not", whyNoAgreement}};
    }
    j["warnings"] = imported.warnings;
    j["ms"] = {{"import", importMs}, {"measure", measureMs}, {"agreement", agreementMs}};
    j["cpu_ms"] = {{"import", importCpuMs}, {"measure", measureCpuMs}};
    std::cout << j.dump(2) << "\n";
    return 0;
}

}  // namespace crosscheck::cli
