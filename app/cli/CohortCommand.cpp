#include "app/cli/CohortCommand.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#ifdef CROSSCHECK_CLI_HAS_PDF
#include "viewer/report/CohortPdfWriter.h"
#include "viewer/report/OffscreenGui.h"
#endif

#include "app/cli/CohortSlurm.h"
#include "core/cohort/CohortRun.h"
#include "core/cohort/CohortSummary.h"
#include "core/cohort/DatabaseStudies.h"
#include "core/cohort/PatientWork.h"
#include "core/cohort/StudyFolders.h"
#include "core/db/StudyDatabase.h"
#include "core/session/AtomicFile.h"

namespace crosscheck::cli {

namespace {

namespace fs = std::filesystem;

struct RunArgs {
    std::vector<std::string> studies;
    bool fromDb = false;
    std::string db;
    std::vector<std::string> studyUids;
    std::string out;
    int jobs = 0;
    bool slurm = false;
    SlurmOptions slurmOptions;
    bool json = false;
};

struct RunOneArgs {
    std::string study;
    std::string db;
    std::string out;
};

fs::path databaseFile(const std::string& db) {
    return db.empty() ? StudyDatabase::defaultLocation() : fs::path(db);
}

/// The studies of a run: the STUDY folders, then the database's studies (--from-db).
/// Throws std::invalid_argument when a study is missing or two share a result file name.
std::vector<fs::path> runStudies(const RunArgs& args) {
    std::vector<fs::path> studies =
        args.studies.empty() ? std::vector<fs::path>() : studyFolders(args.studies, args.out);
    if (args.fromDb) {
        const std::vector<fs::path> fromDb = databaseStudies(databaseFile(args.db), args.studyUids);
        if (fromDb.empty()) {
            throw std::invalid_argument(databaseFile(args.db).string() + ": holds no study");
        }
        studies.insert(studies.end(), fromDb.begin(), fromDb.end());
    }
    std::map<std::string, fs::path> byName;
    for (const fs::path& study : studies) {
        const auto [it, added] = byName.emplace(patientName(study), study);
        if (!added) {
            throw std::invalid_argument(study.string() + " and " + it->second.string() +
                                        " have the same result file name " + it->first +
                                        ".json; it must be unique");
        }
    }
    return studies;
}

struct SummarizeArgs {
    std::string dir;
    std::string formats = "csv,json";
    bool json = false;
};

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

/// `cohort run --slurm`: the missing patients as one job array; waits unless --no-wait.
int runCohortOnSlurm(const RunArgs& args, const std::vector<fs::path>& todo, int skipped,
                     std::chrono::steady_clock::time_point start) {
    const SlurmRun run = runOnSlurm(todo, args.out, args.slurmOptions);
    for (const std::string& study : run.missing) {
        std::cerr << "crosscheck-cli cohort run: " << study
                  << ": the Slurm task ended without a result file (see "
                  << (fs::path(args.out) / "slurm").string() << "/" << run.jobId
                  << "_*.out); rerun to retry it\n";
    }
    const nlohmann::json j{{"done", run.done},
                           {"failed", run.failed},
                           {"skipped", skipped},
                           {"ms", msSince(start)},
                           {"job_id", run.jobId},
                           {"submitted", run.submitted},
                           {"missing", run.missing.size()}};
    if (args.json) {
        std::cout << j.dump(2) << "\n";
    } else if (args.slurmOptions.noWait && !run.jobId.empty()) {
        std::printf("submitted Slurm job %s: %d patient(s); %d skipped (already done)\n",
                    run.jobId.c_str(), run.submitted, skipped);
    } else {
        std::printf("%d done, %d failed, %d skipped (already done), %zu missing, %.0f ms\n",
                    run.done, run.failed, skipped, run.missing.size(), msSince(start));
    }
    return run.missing.empty() ? 0 : 1;
}

int runOne(const RunOneArgs& args) {
    std::string study = args.study;
    if (isDatabaseStudy(study)) {
        try {
            const DatabaseStudy db = parseDatabaseStudy(study, databaseFile(args.db));
            study = databaseStudyReference(db.studyInstanceUid, db.database);
        } catch (const std::invalid_argument& e) {
            std::cerr << "crosscheck-cli cohort run-one: " << e.what() << "\n";
            return 1;
        }
    }
    const std::string patient = patientName(study);
    std::error_code ec;
    if (fs::exists(patientResultPath(args.out, patient), ec)) {
        std::cerr << patient << ": already done, skipped\n";
        return 0;
    }
    const PatientResult result = runPatient(study);
    writePatientResult(args.out, result);
    std::cerr << patient << ": " << (result.done ? "done" : "failed: " + result.reason) << " ("
              << static_cast<int>(result.ms) << " ms)\n";
    return 0;
}

int runCohort(const RunArgs& args) {
    const auto start = std::chrono::steady_clock::now();
    if (args.studies.empty() && !args.fromDb) {
        std::cerr << "crosscheck-cli cohort run: give STUDY folders, --from-db, or both\n";
        return 2;
    }
    std::vector<fs::path> folders;
    try {
        folders = runStudies(args);
    } catch (const std::invalid_argument& e) {
        // A missing folder or study, or two studies of one name: the input cannot be used.
        std::cerr << "crosscheck-cli cohort run: " << e.what() << "\n";
        return 1;
    } catch (const std::runtime_error& e) {
        std::cerr << "crosscheck-cli cohort run: " << e.what() << "\n";  // an unreadable --db
        return 1;
    }
    int skipped = 0;
    const std::vector<fs::path> todo = pendingStudies(folders, args.out, &skipped);
    if (args.slurm) {
        return runCohortOnSlurm(args, todo, skipped, start);
    }
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int jobs = std::max(1, std::min(args.jobs > 0 ? args.jobs : cores,
                                          static_cast<int>(std::max<std::size_t>(1, todo.size()))));
    std::cerr << "cohort: " << folders.size() << " studies, " << skipped
              << " already done, running " << todo.size() << " on " << jobs << " job(s)\n";
    const CohortRunCounts counts =
        runCohortLocally(todo, args.out, jobs, {}, [](const PatientResult& result, int, int) {
            std::cerr << "  " << result.patient << ": "
                      << (result.done ? "done" : "failed: " + result.reason) << " ("
                      << static_cast<int>(result.ms) << " ms)\n";
        });
    const double ms = msSince(start);
    if (args.json) {
        std::cout << nlohmann::json{{"done", counts.done},
                                    {"failed", counts.failed},
                                    {"skipped", skipped},
                                    {"ms", ms}}
                         .dump(2)
                  << "\n";
    } else {
        std::printf("%d done, %d failed, %d skipped (already done), %.0f ms\n", counts.done,
                    counts.failed, skipped, ms);
    }
    return 0;
}

std::string formatP(double p) {
    char text[32];
    std::snprintf(text, sizeof text, std::isfinite(p) ? "%.4g" : "n/a", p);
    return text;
}

void printSummary(const CohortSummary& s) {
    std::printf("%d patients, %d done, %zu failed; visible on CT %d/%d, on sCT %d/%d\n", s.patients,
                s.done, s.failed.size(), s.visibleOnCt, s.done, s.visibleOnSct, s.done);
    for (const auto& [patient, reason] : s.failed) {
        std::printf("  failed %s: %s\n", patient.c_str(), reason.c_str());
    }
    for (const MeasureSummary& m : s.measures) {
        const PairedComparison& c = m.comparison;
        std::printf(
            "%s (n=%d): CT %.1f (%.1f), sCT %.1f (%.1f); CT - sCT %.1f [%.1f, %.1f]; t-test p "
            "%s; Wilcoxon p %s (%s); Bland-Altman bias %.1f, LoA [%.1f, %.1f]\n",
            m.name.c_str(), c.difference.n, c.ct.mean, c.ct.sd, c.sct.mean, c.sct.sd,
            c.difference.mean, c.ci95Low, c.ci95High, formatP(c.tTestP).c_str(),
            formatP(c.wilcoxon.p).c_str(), c.wilcoxon.method.c_str(), c.bias, c.loaLow, c.loaHigh);
    }
}

#ifdef CROSSCHECK_CLI_HAS_PDF
/// DIR/cohort.pdf through a QGuiApplication on the "offscreen" platform (no display needed),
/// as `report` renders its PDF.
void writeCohortPdf(const fs::path& dir, const std::vector<PatientResult>& results,
                    const CohortSummary& summary) {
    const auto application = viewer::makeOffscreenGuiApplication();
    std::cerr << "rendering " << (dir / "cohort.pdf").string() << " (" << results.size()
              << " patients)\n";
    const fs::path absolute = fs::absolute(dir).lexically_normal();
    const std::string title =
        (absolute.filename().empty() ? absolute.parent_path() : absolute).filename().string();
    viewer::CohortPdfWriter(results, summary, QString::fromStdString(title))
        .write(dir / "cohort.pdf");
}
#endif

int summarize(const SummarizeArgs& args) {
    bool csv = false, json = false;
    [[maybe_unused]] bool pdf = false;  // only read when built with the viewer
    std::stringstream list(args.formats);
    for (std::string format; std::getline(list, format, ',');) {
        if (format == "csv") {
            csv = true;
        } else if (format == "json") {
            json = true;
        } else if (format == "pdf") {
#ifdef CROSSCHECK_CLI_HAS_PDF
            pdf = true;
#else
            std::cerr << "crosscheck-cli cohort summarize: --formats pdf: this crosscheck-cli "
                         "was built without the viewer (CROSSCHECK_BUILD_GUI=OFF)\n";
            return 2;
#endif
        } else {
            std::cerr << "crosscheck-cli cohort summarize: --formats: unknown format '" << format
                      << "' (csv, json, pdf)\n";
            return 2;
        }
    }
    const std::vector<PatientResult> results = readPatientResults(args.dir);
    const CohortSummary summary = summarizeCohort(results);
    const nlohmann::json j = toJson(summary);
    if (json) {
        writeFileAtomically(fs::path(args.dir) / "summary.json", j.dump(2) + "\n");
    }
    if (csv) {
        writeFileAtomically(fs::path(args.dir) / "patients.csv", patientsCsv(results));
    }
#ifdef CROSSCHECK_CLI_HAS_PDF
    if (pdf) {
        writeCohortPdf(args.dir, results, summary);
    }
#endif
    if (args.json) {
        std::cout << j.dump(2) << "\n";
    } else {
        printSummary(summary);
    }
    return 0;
}

}  // namespace

void addCohortCommand(CLI::App& app, CommandAction& action) {
    CLI::App* cohort = app.add_subcommand(
        "cohort", "Many patients measured alike: per-patient results and paired statistics");
    cohort->require_subcommand(1);

    auto run = std::make_shared<RunArgs>();
    CLI::App* runCmd = cohort->add_subcommand(
        "run", "Measure every study (one result file per patient; resumes where it stopped)");
    runCmd->add_option("STUDY", run->studies, "Study folders, or folders of study folders");
    CLI::Option* fromDb =
        runCmd->add_flag("--from-db", run->fromDb,
                         "Also every study of the local study database (or those of --study-uid)");
    runCmd->add_option("--db", run->db, "The study database file (--from-db)")->needs(fromDb);
    runCmd
        ->add_option("--study-uid", run->studyUids,
                     "Only this study of the database (repeatable; --from-db)")
        ->needs(fromDb)
        ->allow_extra_args(false);  // one UID per --study-uid: a STUDY after it stays a STUDY
    runCmd->add_option("--out", run->out, "Output folder (DIR/patients/<study>.json)")->required();
    runCmd->add_option("--jobs", run->jobs, "Patients at a time (default: the machine's cores)");
    CLI::Option* slurm = runCmd->add_flag(
        "--slurm", run->slurm, "Submit the missing patients to Slurm as one job array (sbatch)");
    runCmd->add_option("--partition", run->slurmOptions.partition, "Slurm partition (--slurm)")
        ->needs(slurm);
    runCmd
        ->add_option("--time", run->slurmOptions.time,
                     "Slurm time limit per patient, e.g. 00:30:00 (--slurm)")
        ->needs(slurm);
    runCmd
        ->add_option("--mem", run->slurmOptions.mem, "Slurm memory per patient, e.g. 4G (--slurm)")
        ->needs(slurm);
    runCmd
        ->add_flag("--no-wait", run->slurmOptions.noWait,
                   "Return once submitted; `cohort summarize` later (--slurm)")
        ->needs(slurm);
    runCmd->add_flag("--json", run->json, "Print one JSON document on stdout");
    runCmd->callback([run, &action] { action = [run] { return runCohort(*run); }; });

    auto one = std::make_shared<RunOneArgs>();
    CLI::App* oneCmd = cohort->add_subcommand(
        "run-one", "Measure one study into DIR/patients (what each Slurm task runs)");
    oneCmd->add_option("STUDY", one->study, "The study folder, or db:STUDY_UID of the database")
        ->required();
    oneCmd->add_option("--db", one->db, "The study database file (a db: STUDY)");
    oneCmd->add_option("--out", one->out, "Output folder")->required();
    oneCmd->callback([one, &action] { action = [one] { return runOne(*one); }; });

    auto sum = std::make_shared<SummarizeArgs>();
    CLI::App* sumCmd = cohort->add_subcommand(
        "summarize", "The study's table from DIR/patients: summary.json, patients.csv, cohort.pdf");
    sumCmd->add_option("DIR", sum->dir, "The folder of `cohort run --out`")->required();
    sumCmd->add_option("--formats", sum->formats,
                       "Files to write: csv,json,pdf (default csv,json)");
    sumCmd->add_flag("--json", sum->json, "Print the summary as one JSON document on stdout");
    sumCmd->callback([sum, &action] { action = [sum] { return summarize(*sum); }; });
}

}  // namespace crosscheck::cli
