#include "app/cli/AnalyzeCommand.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "app/cli/AnalyzeRoiMetrics.h"
#include "core/analysis/AgreementMethods.h"
#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/analysis/ResampleToGrid.h"
#include "core/analysis/StudyComparison.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/NiftiWriter.h"
#include "core/dicom/SeriesInfoJson.h"
#include "core/dicom/SeriesLoader.h"
#include "core/dicom/SeriesSelection.h"
#include "core/findings/FindingMeasurement.h"
#include "core/geometry/RigidTransform.h"
#include "core/model/Study.h"
#include "core/registration/RigidMiRegistration.h"
#include "core/registration/TransformFile.h"

namespace crosscheck::cli {

namespace {

/// One line per measured finding: the visible size in its plane and the mean, CT and sCT.
void printMeasured(const std::vector<MeasuredFinding>& measured) {
    for (const MeasuredFinding& finding : measured) {
        std::printf("%s:", finding.label.c_str());
        for (const SeriesMeasurement& row : finding.measurements) {
            const RoiMeasurement& m = row.measurement;
            const auto& size =
                finding.plane == FindingPlane::Axial ? m.visibleAxialMm : m.visibleSagittalMm;
            if (!m.hasNumbers || !isHounsfield(row.role) || !size) {
                continue;
            }
            std::printf(" %s visible %.1f x %.1f mm, mean %.0f HU;", toString(row.role), (*size)[0],
                        (*size)[1], m.values.mean);
        }
        std::printf("\n");
    }
}

struct AnalyzeArgs {
    std::string ct, sct, ctSeries, sctSeries, ctRole, sctRole, t1w, t2w, transform;
    std::string writeMask, writeResampled;
    DiscrepancyThresholds thresholds;
    bool force = false;
    bool noRegister = false;
    bool measure = false;
    std::vector<std::string> metricsRois;
    bool json = false;
};

/// Scans each path once (--ct and --sct often name the same study folder).
class ScanCache {
public:
    const ScanResult& scan(const std::string& path) {
        auto it = m_scans.find(path);
        if (it == m_scans.end()) {
            it = m_scans.emplace(path, scanPaths({path})).first;
        }
        return it->second;
    }

private:
    std::map<std::string, ScanResult> m_scans;
};

/// SERIES of docs/cli.md. A folder with several series and neither a UID nor a role
/// given falls back to `fallback` (CT for --ct, sCT for --sct), so a study folder works.
SeriesInfo resolveSeries(ScanCache& scans, const std::string& path, const std::string& uid,
                         const std::string& roleText, SeriesRole fallback,
                         const std::string& option) {
    std::optional<SeriesRole> role;
    if (!roleText.empty()) {
        role = seriesRoleFromString(roleText);
        if (!role) {
            throw std::invalid_argument(option + "-role: unknown role " + roleText +
                                        " (CT, T1w, T2w, sCT)");
        }
    }
    const ScanResult& scan = scans.scan(path);
    if (uid.empty() && !role && scan.series.size() > 1) {
        role = fallback;
    }
    try {
        return selectSeries(scan, path, uid, role);
    } catch (const std::exception& e) {
        if (scan.series.size() < 2) {
            throw;
        }
        throw std::runtime_error(std::string(e.what()) + " (for analyze: " + option +
                                 "-series UID or " + option + "-role ROLE)");
    }
}

/// The T1w or T2w of the given option, else the only one of that role in the --ct or
/// --sct folder, else none.
std::optional<SeriesInfo> findMr(ScanCache& scans, const std::string& explicitPath, SeriesRole role,
                                 const std::vector<std::string>& studyPaths) {
    if (!explicitPath.empty()) {
        const ScanResult& scan = scans.scan(explicitPath);
        return selectSeries(scan, explicitPath, {},
                            scan.series.size() > 1 ? std::optional(role) : std::nullopt);
    }
    for (const std::string& path : studyPaths) {
        const ScanResult& scan = scans.scan(path);
        int found = 0;
        const SeriesInfo* match = nullptr;
        for (const SeriesInfo& s : scan.series) {
            if (s.role == role) {
                ++found;
                match = &s;
            }
        }
        if (found == 1) {
            return *match;
        }
    }
    return std::nullopt;
}

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

LoadedSeries asRole(const LoadedSeries& series, SeriesRole role) {
    LoadedSeries s = series;
    s.info.role = role;
    return s;
}

TransformProvenance provenanceOf(TransformBasis basis) {
    TransformProvenance p;
    p.basis = basis;
    return p;
}

/// Adds the T1w and T2w (given, or the only one in the --sct/--ct folder) whose frame has
/// a known transform from the CT's, for visible_on_mr; names any other and leaves it out.
void addMrSeries(Study& study, ScanCache& scans, const AnalyzeArgs& args,
                 const std::optional<TransformFile>& transformFile) {
    const std::string ctFrame = study.referenceFrameUid;
    const std::vector<std::string> studyPaths{args.sct, args.ct};
    for (const auto& [role, path] :
         {std::pair{SeriesRole::T1w, args.t1w}, std::pair{SeriesRole::T2w, args.t2w}}) {
        const std::optional<SeriesInfo> info = findMr(scans, path, role, studyPaths);
        if (!info) {
            continue;
        }
        const std::string& mrFrame = info->frameOfReferenceUid;
        if (mrFrame != ctFrame && !study.transforms.transform(ctFrame, mrFrame)) {
            if (const auto ctToMr =
                    transformFile ? transformFile->between(ctFrame, mrFrame) : std::nullopt) {
                study.transforms.set(ctFrame, mrFrame, *ctToMr, provenanceOf(TransformBasis::File));
            } else {
                std::cerr << "warning: " << toString(role) << " " << info->seriesInstanceUid
                          << " is in a frame with no known transform to the CT: not used for "
                             "visible_on_mr\n";
                continue;
            }
        }
        std::cerr << "loading " << toString(role) << " " << info->seriesInstanceUid << "\n";
        study.series.push_back(asRole(loadSeries(*info), role));
    }
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The --write-mask and --write-resampled files, checked before any work: NIfTI names
/// (else exit 2), two different files, and none already there unless --force and each in an
/// existing folder (else exit 1).
int checkOutputs(const AnalyzeArgs& args) {
    for (const std::string* path : {&args.writeMask, &args.writeResampled}) {
        if (path->empty()) {
            continue;
        }
        if (!endsWith(*path, ".nii") && !endsWith(*path, ".nii.gz")) {
            std::cerr << "crosscheck-cli analyze: " << *path << ": must end in .nii or .nii.gz\n";
            return 2;
        }
    }
    if (!args.writeMask.empty() && args.writeMask == args.writeResampled) {
        std::cerr << "crosscheck-cli analyze: --write-mask and --write-resampled name the same "
                     "file "
                  << args.writeMask << "\n";
        return 2;
    }
    for (const std::string* path : {&args.writeMask, &args.writeResampled}) {
        std::error_code ec;
        if (!path->empty() && !args.force && std::filesystem::exists(*path, ec)) {
            std::cerr << "crosscheck-cli analyze: " << *path
                      << ": already exists; not overwritten (use --force to replace it)\n";
            return 1;
        }
        const std::filesystem::path parent = std::filesystem::path(*path).parent_path();
        if (!path->empty() && !parent.empty() && !std::filesystem::is_directory(parent, ec)) {
            std::cerr << "crosscheck-cli analyze: " << *path << ": no folder " << parent.string()
                      << "\n";
            return 1;
        }
    }
    return 0;
}

/// Writes the metrics' mask and the sCT resampled into the whole CT grid (not only the
/// mask, so the file is a usable image), in the layout `convert` gives the CT. On failure
/// removes what it wrote and rethrows (the message names the file).
std::vector<std::string> writeRecomputeFiles(const AnalyzeArgs& args, const SeriesInfo& ctInfo,
                                             const Volume& sct,
                                             const DifferenceVolume& difference) {
    const NiftiLayout layout =
        ctInfo.mrAcquisitionType == "3D" ? NiftiLayout::Canonical : NiftiLayout::FlipRows;
    std::vector<std::string> written;
    try {
        if (!args.writeMask.empty()) {
            writeNiftiMask(difference.ct().geometry(), difference.domain(), args.writeMask, layout);
            written.push_back(args.writeMask);
        }
        if (!args.writeResampled.empty()) {
            const auto resampled =
                resampleToGrid(sct, difference.ct().geometry(), difference.ctToSct());
            writeNifti(*resampled, args.writeResampled, layout);
            written.push_back(args.writeResampled);
        }
    } catch (...) {
        std::error_code ec;
        for (const std::string& path : written) {
            std::filesystem::remove(path, ec);
        }
        throw;
    }
    return written;
}

int runAnalyze(const AnalyzeArgs& args) {
    const auto started = std::chrono::steady_clock::now();
    if (const int status = checkOutputs(args); status != 0) {
        return status;
    }
    const std::vector<MetricsRoi> metricsRois = readMetricsRois(args.metricsRois);
    ScanCache scans;
    SeriesInfo ctInfo, sctInfo;
    try {
        ctInfo = resolveSeries(scans, args.ct, args.ctSeries, args.ctRole, SeriesRole::CT, "--ct");
        sctInfo =
            resolveSeries(scans, args.sct, args.sctSeries, args.sctRole, SeriesRole::sCT, "--sct");
    } catch (const std::invalid_argument& e) {
        std::cerr << "crosscheck-cli analyze: " << e.what() << "\n";
        return 2;
    }
    std::optional<TransformFile> transformFile;
    if (!args.transform.empty()) {
        transformFile = readTransformFile(args.transform);
    }
    const std::string& ctFrame = ctInfo.frameOfReferenceUid;
    const std::string& sctFrame = sctInfo.frameOfReferenceUid;
    // Decide the transform before loading anything, so a missing one fails fast.
    std::optional<Eigen::Matrix4d> ctToSct;
    std::string method;
    if (transformFile) {
        ctToSct = transformFile->between(ctFrame, sctFrame);
        if (!ctToSct) {
            std::cerr << "crosscheck-cli analyze: " << args.transform << ": joins frames "
                      << transformFile->movingFrameUid << " and " << transformFile->fixedFrameUid
                      << ", not the CT's (" << ctFrame << ") and the sCT's (" << sctFrame << ")\n";
            return 1;
        }
        method = "transform file (" + transformFile->method + ")";
    } else if (!ctFrame.empty() && ctFrame == sctFrame) {
        ctToSct = Eigen::Matrix4d::Identity();
        method = "same-frame";
    } else if (args.noRegister) {
        std::cerr << "crosscheck-cli analyze: " << args.sct
                  << ": the sCT is in another frame of reference (" << sctFrame << ") than the CT ("
                  << ctFrame
                  << "); give --transform FILE.json (crosscheck-cli register --fixed CT --moving "
                     "sCT --out "
                     "FILE.json), or drop --no-register to register automatically\n";
        return 1;
    } else {
        method = "rigid-mi";
    }

    std::cerr << "loading CT " << args.ct << "\n";
    const LoadedSeries ct = loadSeries(ctInfo);
    std::cerr << "loading sCT " << args.sct << "\n";
    const LoadedSeries sct = loadSeries(sctInfo);
    for (const LoadedSeries* s : {&ct, &sct}) {
        if (s->volume->voxelType() != VoxelType::Int16) {
            std::cerr << "crosscheck-cli analyze: " << (s == &ct ? args.ct : args.sct)
                      << ": values do not fit int16 Hounsfield units ("
                      << toString(s->volume->voxelType()) << "); the analysis needs CT numbers\n";
            return 1;
        }
    }
    // The comparison follows core's one rule (comparisonInputs) on a study of these series
    // in the CT's frame; a known CT -> sCT transform is its link.
    Study study;
    study.referenceFrameUid = ctFrame;
    study.series = {asRole(ct, SeriesRole::CT), asRole(sct, SeriesRole::sCT)};
    if (ctToSct && ctFrame != sctFrame) {
        study.transforms.set(ctFrame, sctFrame, *ctToSct, provenanceOf(TransformBasis::File));
    }
    double registrationMs = 0.0;
    if (comparisonInputs(study).needsRegistration) {
        std::cerr << "CT and sCT are in different frames and no --transform was given: registering "
                     "the sCT "
                     "onto the CT (rigid MI)\n";
        const RigidMiResult reg = registerRigidMi(*ct.volume, *sct.volume);
        study.transforms.set(ctFrame, sctFrame, rigidInverse(reg.movingToFixed),
                             provenanceOf(TransformBasis::AutomaticMi));
        registrationMs = reg.ms;
    }
    addMrSeries(study, scans, args, transformFile);
    const StudyComparison comparison = comparisonInputs(study);
    if (!comparison.inputs) {
        std::cerr << "crosscheck-cli analyze: " << comparison.whyNot << "\n";
        return 1;
    }
    const DiscrepancyInputs& inputs = *comparison.inputs;
    ctToSct = inputs.ctToSct.matrix();
    const DiscrepancyResult result = analyzeDiscrepancy(inputs, args.thresholds);
    const auto writeStart = std::chrono::steady_clock::now();
    const std::vector<std::string> written =
        writeRecomputeFiles(args, ctInfo, *inputs.sct, *result.difference);
    const double writeMs = msSince(writeStart);
    const auto measureStart = std::chrono::steady_clock::now();
    const std::vector<MeasuredFinding> measured =
        args.measure ? measureFindings(result.regions, study, inputs.ct->geometry(), ctFrame)
                     : std::vector<MeasuredFinding>{};
    const double measureMs = msSince(measureStart);
    const double totalMs = msSince(started);

    nlohmann::json j;
    j["reference_frame_uid"] = ctFrame;
    j["ct_series_instance_uid"] = ctInfo.seriesInstanceUid;
    j["sct_series_instance_uid"] = sctInfo.seriesInstanceUid;
    j["flags"] = nlohmann::json::array();
    for (const DiscrepancyRegion& region : result.regions) {
        j["flags"].push_back(toJson(region));
    }
    j["metrics"] = toJson(result.difference->metrics());
    j["transform"] = {{"method", method}, {"ct_to_sct", rowMajor(*ctToSct)}};
    j["mr_series"] = nlohmann::json::array();
    for (const MrSeriesView& v : inputs.mr) {
        j["mr_series"].push_back(v.role);
    }
    j["thresholds"] = {{"dense_hu", args.thresholds.denseHu},
                       {"not_dense_hu", args.thresholds.notDenseHu},
                       {"large_difference_hu", args.thresholds.largeDifferenceHu},
                       {"min_volume_mm3", args.thresholds.minVolumeMm3}};
    const DifferenceTimings& t = result.difference->timings();
    j["timings_ms"] = {{"registration", registrationMs},
                       {"resample", t.resampleMs},
                       {"body_mask", t.bodyMaskMs},
                       {"difference", t.differenceMs},
                       {"ssim", t.ssimMs},
                       {"candidates", t.candidatesMs},
                       {"regions", result.regionsMs},
                       {"visibility", result.visibilityMs},
                       {"analysis", result.totalMs},
                       {"write", writeMs},
                       {"measure", measureMs}};
    j["written"] = written;
    if (args.measure) {
        j["measured"] = nlohmann::json::array();
        for (const MeasuredFinding& finding : measured) {
            j["measured"].push_back(toJson(finding));
        }
    }
    if (!metricsRois.empty()) {
        j["roi_metrics"] =
            roiMetricsJson(metricsRois, *result.difference, study.transforms, ctFrame);
    }
    j["ms"] = totalMs;
    if (args.json) {
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    const DiscrepancyMetrics& m = result.difference->metrics();
    std::printf("CT %s vs sCT %s (%s)\n", ctInfo.seriesInstanceUid.c_str(),
                sctInfo.seriesInstanceUid.c_str(), method.c_str());
    std::printf(
        "metrics in the body: MAE %.1f HU, ME %.1f HU, RMSE %.1f HU, PSNR %.2f dB, SSIM %.4f, "
        "bone Dice %.4f\n",
        m.maeHu, m.meHu, m.rmseHu, m.psnrDb, m.ssim, m.boneDice);
    std::printf("  (%s)\n", agreementMethods(m).c_str());
    std::printf("MAE by tissue: bone %.1f HU, soft tissue %.1f HU, air %.1f HU\n", m.bone.maeHu,
                m.softTissue.maeHu, m.air.maeHu);
    std::printf("%zu flag(s)\n", result.regions.size());
    for (const DiscrepancyRegion& r : result.regions) {
        std::printf(
            "%d. %s at (%.1f, %.1f, %.1f) mm: %.0f mm3, %.1f x %.1f x %.1f mm, CT %.0f HU vs sCT "
            "%.0f HU%s\n",
            r.rank, toString(r.kind), r.centroidMm.x(), r.centroidMm.y(), r.centroidMm.z(),
            r.volumeMm3, r.extentMm[0], r.extentMm[1], r.extentMm[2], r.objectCtHu(),
            r.objectSctHu(),
            !r.visibleOnMr   ? ""
            : *r.visibleOnMr ? ", visible on MR"
                             : ", not visible on MR");
    }
    for (const std::string& path : written) {
        std::printf("wrote %s\n", path.c_str());
    }
    printMeasured(measured);
    std::printf("%.0f ms\n", totalMs);
    return 0;
}

}  // namespace

void addAnalyzeCommand(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<AnalyzeArgs>();
    CLI::App* cmd =
        app.add_subcommand("analyze", "Where the sCT disagrees with the CT (discrepancy analysis)");
    cmd->add_option("--ct", args->ct,
                    "CT SERIES (folder with one series, a file, or a study folder)")
        ->required();
    cmd->add_option("--sct", args->sct, "sCT SERIES")->required();
    cmd->add_option("--ct-series", args->ctSeries, "SeriesInstanceUID picking the CT in a folder");
    cmd->add_option("--sct-series", args->sctSeries,
                    "SeriesInstanceUID picking the sCT in a folder");
    cmd->add_option("--ct-role", args->ctRole, "Role picking the CT in a folder (default CT)");
    cmd->add_option("--sct-role", args->sctRole, "Role picking the sCT in a folder (default sCT)");
    cmd->add_option(
        "--transform", args->transform,
        "Transform file joining the CT's and the sCT's frames (crosscheck-cli register)");
    cmd->add_option("--t1w", args->t1w,
                    "T1w SERIES for visible_on_mr (default: the T1w in the --sct/--ct folder)");
    cmd->add_option("--t2w", args->t2w,
                    "T2w SERIES for visible_on_mr (default: the T2w in the --sct/--ct folder)");
    cmd->add_option("--dense-hu", args->thresholds.denseHu, "Dense on one image, HU")
        ->capture_default_str();
    cmd->add_option("--not-dense-hu", args->thresholds.notDenseHu, "Not dense on the other, HU")
        ->capture_default_str();
    cmd->add_option("--large-difference-hu", args->thresholds.largeDifferenceHu,
                    "|CT - sCT| flagged, HU")
        ->capture_default_str();
    cmd->add_option("--min-volume-mm3", args->thresholds.minVolumeMm3,
                    "Smallest region reported, mm3")
        ->capture_default_str();
    cmd->add_flag("--no-register", args->noRegister,
                  "Fail instead of registering automatically when the frames differ and no "
                  "--transform is given");
    cmd->add_option("--write-mask", args->writeMask,
                    "Write the metrics' mask (CT grid, uint8 0/1) as NIfTI-1 .nii or .nii.gz");
    cmd->add_option("--write-resampled", args->writeResampled,
                    "Write the sCT resampled into the CT grid (int16 HU) as NIfTI-1 .nii or "
                    ".nii.gz");
    cmd->add_flag("--force", args->force, "Overwrite the --write-mask/--write-resampled files");
    cmd->add_flag("--measure", args->measure,
                  "Measure every flag through ellipses fitted in its axial and sagittal plane");
    cmd->add_option("--metrics-roi", args->metricsRois,
                    "Also compute the metrics inside this ROI (ROI.json; repeatable)");
    cmd->add_flag("--json", args->json, "Print one JSON document on stdout");
    cmd->callback([args, &action] { action = [args] { return runAnalyze(*args); }; });
}

}  // namespace crosscheck::cli
