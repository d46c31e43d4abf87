#include "app/cli/ReportCommand.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include "core/model/Study.h"
#include "core/registration/TransformFile.h"
#include "core/report/ReportAnonymizer.h"
#include "core/report/ReportBuilder.h"
#include "core/report/ReportOutput.h"
#include "core/roi/RoiJson.h"
#include "core/session/SessionFile.h"

namespace crosscheck::cli {

namespace {

namespace fs = std::filesystem;

struct ReportArgs {
    std::string study, session, transform, out;
    std::vector<std::string> rois;
    std::string formats = "csv,json,sr";
    double thresholdHu = 200.0;
    double ringMm = 3.0;
    bool anonymize = false;
    bool force = false;
};

constexpr const char* kName = "crosscheck-cli report: ";

/// Parses --formats; returns the exit status of a usage error (2) or 0.
int parseFormats(const std::string& text, std::vector<ReportFormat>& formats) {
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (item.empty()) {
            continue;
        }
        if (item == "pdf" || item == "PDF") {
            std::cerr << kName
                      << "--formats pdf: the PDF report is rendered by the viewer (File > Export "
                         "report...) and is not available in crosscheck-cli yet; use --formats "
                         "csv,json,sr\n";
            return 2;
        }
        const auto f = reportFormatFromString(item);
        if (!f) {
            std::cerr << kName << "--formats: unknown format '" << item << "' (csv, json, sr)\n";
            return 2;
        }
        formats.push_back(*f);
    }
    if (formats.empty()) {
        std::cerr << kName << "--formats: no format given (csv, json, sr)\n";
        return 2;
    }
    return 0;
}

/// The study and ROIs of a saved session: its series found again under their paths (by
/// UID), with the roles, transforms, reference frame and annotations it saved.
Study studyFromSession(const fs::path& sessionPath, std::vector<ReportRoiInput>& rois) {
    const LoadedSession loaded = loadSession(sessionPath);
    const SessionDocument& doc = loaded.document;
    std::vector<fs::path> paths;
    std::set<std::string> uids;
    for (const SessionSeries& s : doc.series) {
        fs::path p = s.path;
        if (p.is_relative() && !fs::exists(p)) {
            p = sessionPath.parent_path() / p;
        }
        if (std::find(paths.begin(), paths.end(), p) == paths.end()) {
            paths.push_back(p);
        }
        uids.insert(s.seriesInstanceUid);
    }
    Study study = loadStudy(paths);
    std::vector<LoadedSeries> kept;
    for (LoadedSeries& s : study.series) {
        for (const SessionSeries& saved : doc.series) {
            if (saved.seriesInstanceUid == s.info.seriesInstanceUid) {
                s.info.role = saved.role;
                kept.push_back(std::move(s));
                break;
            }
        }
    }
    if (kept.size() < uids.size()) {
        std::cerr << "warning: " << sessionPath.string() << ": " << uids.size() - kept.size()
                  << " of the session's series were not found under their paths\n";
    }
    study.series = std::move(kept);
    for (const FrameLink& link : doc.transforms) {
        study.transforms.set(link.fromFrame, link.toFrame, link.fromToTo, link.provenance);
    }
    study.referenceFrameUid =
        doc.referenceFrameUid.empty() ? chooseReferenceFrame(study.series) : doc.referenceFrameUid;
    for (const Annotation& a : doc.annotations) {
        rois.push_back({a.id, a.label, a.roi});
    }
    return study;
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
    std::vector<ReportFormat> formats;
    if (const int usage = parseFormats(args.formats, formats)) {
        return usage;
    }
    if (!args.force) {
        // Fail before the slow part.
        for (ReportFormat f : formats) {
            const fs::path target = fs::path(args.out) / reportFileName(f);
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
    for (const auto& p : study.problems) {
        std::cerr << "warning: " << p.file << ": " << p.reason << "\n";
    }
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
    if (args.anonymize) {
        UidRemapper uids;
        report = anonymizeReport(report, uids);
    }
    try {
        for (const fs::path& written : writeReport(report, args.out, formats, args.force)) {
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
        "Write the measurement report (CSV, JSON, DICOM SR TID 1500) of a study + ROIs "
        "or of a saved session");
    cmd->add_option("STUDY", args->study, "A folder holding the study's series");
    cmd->add_option("--session", args->session, "A saved session (*.crosscheck.json)");
    cmd->add_option("--roi", args->rois, "ROI.json (repeat for several ROIs)");
    cmd->add_option("--transform", args->transform,
                    "A registration result (crosscheck-cli register) linking two frames");
    cmd->add_option("--out", args->out, "Output folder (created if missing)")->required();
    cmd->add_option("--formats", args->formats,
                    "Comma-separated: csv, json, sr (pdf: only in the viewer for now)")
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
