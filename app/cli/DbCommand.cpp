#include "app/cli/DbCommand.h"

#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/db/StudyDatabase.h"

namespace crosscheck::cli {

namespace {

struct DbOptions {
    std::string db;
    std::vector<std::string> paths;
    std::string studyUid;
    bool check = false;
    bool json = false;
};

std::filesystem::path fileOf(const DbOptions& o) {
    return o.db.empty() ? StudyDatabase::defaultLocation() : std::filesystem::path(o.db);
}

int runImport(const DbOptions& o) {
    StudyDatabase db(fileOf(o));
    const std::vector<std::filesystem::path> paths(o.paths.begin(), o.paths.end());
    const ImportSummary s = db.importPaths(paths);
    if (o.json) {
        nlohmann::json problems = nlohmann::json::array();
        for (const ScanProblem& p : s.problems) {
            problems.push_back({{"file", p.file}, {"reason", p.reason}});
        }
        std::cout << nlohmann::json{{"database", db.file().string()},
                                    {"series_added", s.seriesAdded},
                                    {"instances_added", s.instancesAdded},
                                    {"duplicates", s.duplicates},
                                    {"problems", problems}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << s.seriesAdded << " series and " << s.instancesAdded << " instances added to "
                  << db.file().string() << " (" << s.duplicates << " already there)\n";
    }
    for (const ScanProblem& p : s.problems) {
        std::cerr << "skipped " << p.file << ": " << p.reason << "\n";
    }
    const bool nothing = s.instancesAdded == 0 && s.duplicates == 0;
    return nothing && !s.problems.empty() ? 1 : 0;
}

int runList(const DbOptions& o) {
    StudyDatabase db(fileOf(o));
    std::vector<VanishedFile> vanished;
    if (o.check) {
        vanished = db.checkFiles();
    }
    const auto start = std::chrono::steady_clock::now();
    const std::vector<IndexedSeries> all = db.listSeries();
    const double listMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (o.json) {
        nlohmann::json series = nlohmann::json::array();
        for (const IndexedSeries& s : all) {
            series.push_back({{"patient_id", s.patientId},
                              {"patient_name", s.patientName},
                              {"study_instance_uid", s.studyInstanceUid},
                              {"study_date", s.studyDate},
                              {"study_description", s.studyDescription},
                              {"series_instance_uid", s.seriesInstanceUid},
                              {"modality", s.modality},
                              {"series_description", s.description},
                              {"series_number", s.seriesNumber},
                              {"role", s.role},
                              {"frame_of_reference_uid", s.frameOfReferenceUid},
                              {"instances", s.instances},
                              {"bytes", s.bytes},
                              {"missing", s.missing}});
        }
        nlohmann::json out{{"database", db.file().string()}, {"series", series}, {"ms", listMs}};
        if (o.check) {
            nlohmann::json gone = nlohmann::json::array();
            for (const VanishedFile& v : vanished) {
                gone.push_back({{"file", v.file},
                                {"series_instance_uid", v.seriesInstanceUid},
                                {"reason", v.reason}});
            }
            out["vanished"] = gone;
        }
        std::cout << out.dump(2) << "\n";
    } else {
        for (const IndexedSeries& s : all) {
            std::cout << s.patientId << "\t" << s.patientName << "\t" << s.studyDate << "\t"
                      << s.role << "\t" << s.modality << "\t" << s.description << "\t"
                      << s.instances << " instances" << (s.missing ? " (" : "")
                      << (s.missing ? std::to_string(s.missing) + " missing)" : "") << "\t"
                      << s.seriesInstanceUid << "\n";
        }
    }
    for (const VanishedFile& v : vanished) {
        std::cerr << "vanished " << v.file << ": " << v.reason << "\n";
    }
    return 0;
}

int runRemove(const DbOptions& o) {
    StudyDatabase db(fileOf(o));
    const int removed = db.removeStudy(o.studyUid);
    if (o.json) {
        std::cout << nlohmann::json{{"removed_instances", removed}}.dump(2) << "\n";
    } else {
        std::cout << removed << " instances removed from the index\n";
    }
    if (removed == 0) {
        std::cerr << "crosscheck-cli db remove: " << db.file().string() << ": no study "
                  << o.studyUid << "\n";
        return 1;
    }
    return 0;
}

int guarded(const char* name, int (*run)(const DbOptions&), const DbOptions& o) {
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::cerr << "crosscheck-cli db " << name << ": " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

void addDbCommand(CLI::App& app, CommandAction& action) {
    auto o = std::make_shared<DbOptions>();
    CLI::App* db = app.add_subcommand("db", "The local study database");
    db->require_subcommand(1);
    auto common = [o](CLI::App* c) {
        c->add_option("--db", o->db, "The database file (default: the XDG data folder)");
        c->add_flag("--json", o->json, "Print one JSON document on stdout");
    };
    auto bind = [o, &action](CLI::App* c, const char* name, int (*run)(const DbOptions&)) {
        c->callback([o, &action, name, run] {
            action = [o, name, run] { return guarded(name, run, *o); };
        });
    };
    CLI::App* import = db->add_subcommand("import", "Index DICOM folders and files");
    import->add_option("PATH", o->paths, "Folders, DICOMDIR files or DICOM files")->required();
    common(import);
    bind(import, "import", runImport);

    CLI::App* list = db->add_subcommand("list", "List the indexed series");
    list->add_flag("--check", o->check, "Check every indexed file is still there");
    common(list);
    bind(list, "list", runList);

    CLI::App* remove = db->add_subcommand("remove", "Remove a study from the index");
    remove->add_option("--study-uid", o->studyUid, "StudyInstanceUID")->required();
    common(remove);
    bind(remove, "remove", runRemove);
}

}  // namespace crosscheck::cli
