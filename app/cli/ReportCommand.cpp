#include "app/cli/ReportCommand.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "app/cli/StudyProblems.h"
#include "core/model/Study.h"
#include "core/registration/TransformFile.h"
#include "core/report/ReportBuilder.h"
#include "core/report/ReportOutput.h"
#include "core/report/ReportSeg.h"
#include "core/roi/RoiJson.h"
#include "core/session/SessionFile.h"
#include "core/session/SessionStudy.h"

#ifdef CROSSCHECK_CLI_HAS_PDF
#include "viewer/report/OffscreenGui.h"
#include "viewer/report/ReportExport.h"
#include "viewer/volume/FindingVolumeRenderer.h"
#endif

namespace crosscheck::cli {

namespace {

namespace fs = std::filesystem;

#ifdef CROSSCHECK_CLI_HAS_PDF
constexpr bool kHasPdf = true;
constexpr const char* kDefaultFormats = "pdf,csv,json,sr";
#else
constexpr bool kHasPdf = false;
constexpr const char* kDefaultFormats = "csv,json,sr";
#endif

struct ReportArgs {
    std::string study, session, transform, out;
    std::vector<std::string> rois;
    std::string formats = kDefaultFormats;
    double thresholdHu = 200.0;
    double ringMm = 3.0;
    bool anonymize = false;
    bool force = false;
};

constexpr const char* kName = "crosscheck-cli report: ";

/// The formats asked for: the core ones and whether the PDF is wanted.
struct Formats {
    std::vector<ReportFormat> core;
    bool pdf = false;
};

/// Parses --formats; returns the exit status of a usage error (2) or 0.
int parseFormats(const std::string& text, Formats& formats) {
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (item.empty()) {
            continue;
        }
        if (item == "pdf" || item == "PDF") {
            if (kHasPdf) {
                formats.pdf = true;
                continue;
            }
            std::cerr << kName
                      << "--formats pdf: the PDF report is rendered by the viewer (File > Export "
                         "report...) and is not available in crosscheck-cli yet; use --formats "
                         "csv,json,sr\n";
            return 2;
        }
        const auto f = reportFormatFromString(item);
        if (!f) {
            std::cerr << kName << "--formats: unknown format '" << item << "' ("
                      << (kHasPdf ? "pdf, " : "") << "csv, json, sr, seg)\n";
            return 2;
        }
        formats.core.push_back(*f);
    }
    if (formats.core.empty() && !formats.pdf) {
        std::cerr << kName << "--formats: no format given (pdf, csv, json, sr, seg)\n";
        return 2;
    }
    return 0;
}

/// The study and ROIs of a saved session: its series found again under their paths (by
/// UID), with the roles, transforms, reference frame and annotations it saved.
Study studyFromSession(const fs::path& sessionPath, std::vector<ReportRoiInput>& rois) {
    const LoadedSession loaded = loadSession(sessionPath);
    SessionStudy found = loadSessionStudy(loaded.document, sessionPath);
    if (!found.missingSeriesUids.empty()) {
        std::cerr << "warning: " << sessionPath.string() << ": " << found.missingSeriesUids.size()
                  << " of the session's series were not found under their paths\n";
    }
    for (const Annotation& a : loaded.document.annotations) {
        rois.push_back({a.id, a.label, a.roi});
    }
    return std::move(found.study);
}

/// Writes the files; the PDF (when built with the viewer) through a QGuiApplication on the
/// "offscreen" platform, created only when a PDF is asked for, so no display is needed. The
/// SEG only with a segmentation (without one, the reason was printed already).
std::vector<fs::path> writeFiles(const ReportModel& report, [[maybe_unused]] const Study& study,
                                 const fs::path& out, Formats formats, bool force,
                                 const std::optional<ReportSegmentation>& segmentation) {
    if (!segmentation) {
        formats.core.erase(std::remove(formats.core.begin(), formats.core.end(), ReportFormat::Seg),
                           formats.core.end());
    }
    if (formats.core.empty() && !formats.pdf) {
        return {};
    }
    const ReportSegmentation* seg = segmentation ? &*segmentation : nullptr;
#ifdef CROSSCHECK_CLI_HAS_PDF
    if (formats.pdf) {
        const auto application = viewer::makeOffscreenGuiApplication();
        std::cerr << "rendering the PDF report\n";
        // 3D key images need OpenGL: on the offscreen platform that is GLX, so a display
        // (xvfb-run); without one the PDF says so in their place.
        viewer::FindingVolumeRenderer volumeImages(viewer::FindingVolumeRenderer::makeSurface());
        return viewer::writeReportFiles(report, study, out, {formats.core, true}, force, {}, seg,
                                        &volumeImages);
    }
#endif
    return writeReport(report, out, formats.core, force, seg);
}

int runReport(const ReportArgs& args) {
    if (args.session.empty() == args.study.empty()) {
        std::cerr << kName << "give either --session FILE or STUDY (not both)\n";
        return 2;
    }
    if (!args.study.empty() && args.rois.empty()) {
        std::cerr << kName << "STUDY needs at least one --roi ROI.json\n";
        return 2;
    }
    if (!args.session.empty() && (!args.rois.empty() || !args.transform.empty())) {
        std::cerr << kName
                  << "--session takes its ROIs and transforms from the session; "
                     "--roi and --transform go with STUDY\n";
        return 2;
    }
    Formats formats;
    if (const int usage = parseFormats(args.formats, formats)) {
        return usage;
    }
    if (!args.force) {
        // Fail before the slow part.
        std::vector<fs::path> targets;
        if (formats.pdf) {
            targets.push_back(fs::path(args.out) / "report.pdf");
        }
        for (ReportFormat f : formats.core) {
            targets.push_back(fs::path(args.out) / reportFileName(f));
        }
        for (const fs::path& target : targets) {
            if (fs::exists(fs::symlink_status(target))) {
                std::cerr << kName << target.string()
                          << ": already exists; not overwritten (use --force to replace it)\n";
                return 1;
            }
        }
    }

    std::vector<ReportRoiInput> rois;
    Study study;
    if (!args.session.empty()) {
        study = studyFromSession(args.session, rois);
    } else {
        for (const std::string& path : args.rois) {
            rois.push_back({std::to_string(rois.size() + 1), fs::path(path).stem().string(),
                            readRoiFile(path)});
        }
        study = loadStudy({args.study});
        if (!args.transform.empty()) {
            const TransformFile file = readTransformFile(args.transform);
            if (file.movingFrameUid != file.fixedFrameUid) {
                try {
                    study.transforms.set(file.movingFrameUid, file.fixedFrameUid,
                                         file.movingToFixed, provenanceOf(file));
                } catch (const std::invalid_argument& e) {
                    std::cerr << kName << args.transform << ": " << e.what() << "\n";
                    return 1;
                }
            }
        }
    }
    printStudyProblems(study);
    if (study.series.empty()) {
        std::cerr << kName << (args.session.empty() ? args.study : args.session)
                  << ": no series could be loaded\n";
        return 1;
    }
    if (rois.empty()) {
        std::cerr << kName << args.session << ": the session has no annotations to report\n";
        return 1;
    }

    std::string whyNot;
    std::cerr << "running the CT-versus-sCT discrepancy analysis\n";
    const auto discrepancy = runReportDiscrepancy(study, {}, &whyNot);
    if (!discrepancy) {
        std::cerr << "note: no discrepancy analysis: " << whyNot << "\n";
    }
    ReportOptions options;
    options.measure.visibleThresholdHu = args.thresholdHu;
    options.measure.ringWidthMm = args.ringMm;
    ReportModel report = buildReport(study, rois, options, discrepancy);
    for (const ReportRoi& roi : report.rois) {
        for (const ReportMeasurement& m : roi.measurements) {
            for (const auto& w : m.row.measurement.warnings) {
                std::cerr << "warning: " << roi.label << " in " << toString(m.row.role) << ": " << w
                          << "\n";
            }
        }
    }
    std::optional<ReportSegmentation> segmentation;
    if (std::find(formats.core.begin(), formats.core.end(), ReportFormat::Seg) !=
        formats.core.end()) {
        segmentation = buildReportSegmentation(study, report, &whyNot);
        if (!segmentation || segmentation->segments.empty()) {
            std::cerr << "note: "
                      << (fs::path(args.out) / reportFileName(ReportFormat::Seg)).string()
                      << " not written: "
                      << (segmentation ? "no ROI with an area or volume covers a CT voxel" : whyNot)
                      << "\n";
            segmentation.reset();
        }
    }
    if (args.anonymize) {
        anonymizeExport(report, segmentation);
    }
    try {
        for (const fs::path& written :
             writeFiles(report, study, args.out, formats, args.force, segmentation)) {
            std::cout << written.string() << "\n";
        }
    } catch (const ReportWriteError& e) {
        std::cerr << kName << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

void addReportCommand(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<ReportArgs>();
    CLI::App* cmd = app.add_subcommand(
        "report",
        "Write the measurement report (PDF, CSV, JSON, DICOM SR TID 1500, DICOM SEG) of a study "
        "+ ROIs or of a saved session");
    cmd->add_option("STUDY", args->study, "A folder holding the study's series");
    cmd->add_option("--session", args->session, "A saved session (*.crosscheck.json)");
    cmd->add_option("--roi", args->rois, "ROI.json (repeat for several ROIs)");
    cmd->add_option("--transform", args->transform,
                    "A registration result (crosscheck-cli register) linking two frames");
    cmd->add_option("--out", args->out, "Output folder (created if missing)")->required();
    cmd->add_option(
           "--formats", args->formats,
           kHasPdf ? "Comma-separated: pdf, csv, json, sr, seg"
                   : "Comma-separated: csv, json, sr, seg (pdf needs the build with the viewer)")
        ->capture_default_str();
    cmd->add_flag("--anonymize", args->anonymize,
                  "Apply the DICOM basic de-identification profile to everything written");
    cmd->add_flag("--force", args->force, "Overwrite existing report files");
    cmd->add_option("--threshold", args->thresholdHu,
                    "Visible-extent threshold for CT and sCT, HU (default 200)");
    cmd->add_option("--ring-mm", args->ringMm, "Width of the contrast ring, mm (default 3)")
        ->check(CLI::NonNegativeNumber);
    cmd->callback([args, &action] { action = [args] { return runReport(*args); }; });
}

}  // namespace crosscheck::cli
