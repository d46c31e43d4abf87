#include "app/cli/PacsCommand.h"

#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/pacs/DimseClient.h"
#include "core/pacs/PacsError.h"
#ifdef CROSSCHECK_CLI_HAS_DICOMWEB
#include "viewer/net/DicomWebClient.h"
#endif

namespace crosscheck::cli {

namespace {

/// Ctrl-C during a retrieve stops it between instances, leaving only complete files.
std::atomic<bool> g_cancel{false};
extern "C" void onInterrupt(int) {
    g_cancel = true;
}

struct PacsOptions {
    std::string node, callingAet = "CROSSCHECK", user, password, token;
    int timeout = 30;
    bool json = false;
    bool tls = false;
    std::string tlsCa, tlsCert, tlsKey;
    // find
    std::string level = "study", patientId, patientName, birthDate, studyDate, modality, accession,
                description;
    // get, move
    std::string studyUid, seriesUid, outDir, destAet;
    int port = 0;
    // store
    std::vector<std::string> files;
};

struct UsageError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

bool isDicomWeb(const PacsOptions& o) {
    return o.node.rfind("http://", 0) == 0 || o.node.rfind("https://", 0) == 0;
}

/// --tls needs --tls-ca; the other TLS options need --tls; certificate and key go together.
void checkTlsOptions(const PacsOptions& o) {
    const bool any = !o.tlsCa.empty() || !o.tlsCert.empty() || !o.tlsKey.empty();
    if (isDicomWeb(o) && (o.tls || any)) {
        throw UsageError(
            "--tls and its files are for DIMSE nodes; give a DICOMweb node as https://");
    }
    if (any && !o.tls) {
        throw UsageError("--tls-ca, --tls-cert and --tls-key need --tls");
    }
    if (o.tls && o.tlsCa.empty()) {
        throw UsageError("--tls needs --tls-ca FILE, the CA certificate that signed the node's");
    }
    if (o.tlsCert.empty() != o.tlsKey.empty()) {
        throw UsageError("--tls-cert and --tls-key go together");
    }
}

PacsNode nodeOf(const PacsOptions& o) {
    checkTlsOptions(o);
    PacsNode node;
    try {
        node = parsePacsNode(o.node);
        checkAeTitle(o.callingAet, "--calling-aet");
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    node.callingAeTitle = o.callingAet;
    node.timeoutSeconds = o.timeout;
    node.useTls = o.tls;
    node.tlsCaFile = o.tlsCa;
    node.tlsCertFile = o.tlsCert;
    node.tlsKeyFile = o.tlsKey;
    return node;
}

/// A DIMSE client for AET@HOST:PORT, a DICOMweb client for an http(s) root.
std::unique_ptr<PacsClient> clientOf(const PacsOptions& o) {
    checkTlsOptions(o);
    if (!isDicomWeb(o)) {
        return std::make_unique<DimseClient>(nodeOf(o));
    }
#ifdef CROSSCHECK_CLI_HAS_DICOMWEB
    if (!o.user.empty() && !o.token.empty()) {
        throw UsageError("give either --user/--password or --token, not both");
    }
    DicomWebNode node;
    node.root = o.node;
    node.user = o.user;
    node.password = o.password;
    node.token = o.token;
    node.timeoutSeconds = o.timeout;
    return std::make_unique<DicomWebClient>(node);
#else
    throw UsageError(o.node +
                     ": this build has no DICOMweb client (Qt Network); give a "
                     "DIMSE node AET@HOST:PORT");
#endif
}

nlohmann::json matchJson(const PacsMatch& m) {
    nlohmann::json j;
    j["level"] = toString(m.level);
    j["patient_id"] = m.patientId;
    j["patient_name"] = m.patientName;
    if (m.level != QueryLevel::Patient) {
        j["study_instance_uid"] = m.studyInstanceUid;
        j["study_date"] = m.studyDate;
        j["study_description"] = m.studyDescription;
        j["accession_number"] = m.accessionNumber;
        j["modality"] = m.modality;
    }
    if (m.level == QueryLevel::Series) {
        j["series_instance_uid"] = m.seriesInstanceUid;
        j["series_description"] = m.seriesDescription;
    }
    j["instances"] = m.instances ? nlohmann::json(*m.instances) : nlohmann::json(nullptr);
    return j;
}

int runEcho(const PacsOptions& o) {
    const auto client = clientOf(o);
    const double ms = client->echo();
    if (o.json) {
        std::cout << nlohmann::json{{"node", client->address()}, {"ok", true}, {"ms", ms}}.dump(2)
                  << "\n";
    } else {
        std::cout << client->address() << " answers (" << ms << " ms)\n";
    }
    return 0;
}

int runFind(const PacsOptions& o) {
    PacsQuery q;
    q.level = *queryLevelFromString(o.level);
    q.patientId = o.patientId;
    q.patientName = o.patientName;
    q.patientBirthDate = o.birthDate;
    q.studyDate = o.studyDate;
    q.modality = o.modality;
    q.accessionNumber = o.accession;
    q.studyDescription = o.description;
    q.studyInstanceUid = o.studyUid;
    try {
        checkQuery(q);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    const std::vector<PacsMatch> matches = clientOf(o)->find(q);
    if (o.json) {
        nlohmann::json results = nlohmann::json::array();
        for (const PacsMatch& m : matches) {
            results.push_back(matchJson(m));
        }
        std::cout << nlohmann::json{{"results", results}}.dump(2) << "\n";
    } else {
        for (const PacsMatch& m : matches) {
            std::cout << m.patientId << "\t" << m.patientName;
            if (m.level != QueryLevel::Patient) {
                std::cout << "\t" << m.studyDate << "\t" << m.modality << "\t" << m.studyDescription
                          << "\t" << m.studyInstanceUid;
            }
            if (m.level == QueryLevel::Series) {
                std::cout << "\t" << m.seriesDescription << "\t" << m.seriesInstanceUid;
            }
            std::cout << "\t" << (m.instances ? std::to_string(*m.instances) : "?")
                      << " instances\n";
        }
    }
    return 0;
}

Progress cancellable() {
    g_cancel = false;
    std::signal(SIGINT, onInterrupt);
    Progress progress;
    progress.cancel = &g_cancel;
    return progress;
}

int printRetrieve(const RetrieveResult& r, const std::vector<std::string>& notes, bool json) {
    for (const std::string& note : notes) {
        std::cerr << "note: " << note << "\n";
    }
    if (json) {
        std::cout << nlohmann::json{{"instances", r.instances},
                                    {"expected", r.expected},
                                    {"bytes", r.bytes},
                                    {"ms", r.ms},
                                    {"files", r.files}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << r.instances << " instances, " << r.bytes << " bytes in " << r.ms << " ms\n";
    }
    return 0;
}

int runGet(const PacsOptions& o) {
    const RetrieveResult r =
        clientOf(o)->retrieve({o.studyUid, o.seriesUid, o.outDir}, cancellable());
    return printRetrieve(r, {}, o.json);
}

int runMove(const PacsOptions& o) {
    try {
        checkAeTitle(o.destAet, "--dest-aet");
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (isDicomWeb(o)) {
        throw UsageError("C-MOVE needs a DIMSE node AET@HOST:PORT (use get for DICOMweb)");
    }
    DimseClient client(nodeOf(o));
    try {
        const RetrieveResult r =
            client.move({o.studyUid, o.seriesUid, o.outDir}, o.destAet, o.port, cancellable());
        return printRetrieve(r, client.notes(), o.json);
    } catch (const PacsError&) {
        for (const std::string& note : client.notes()) {
            std::cerr << "note: " << note << "\n";
        }
        throw;
    }
}

int runStore(const PacsOptions& o) {
    const auto client = clientOf(o);
    const StoreResult r = client->store(o.files, cancellable());
    if (o.json) {
        nlohmann::json failed = nlohmann::json::array();
        for (const StoreFailure& f : r.failed) {
            failed.push_back({{"file", f.file}, {"reason", f.reason}});
        }
        std::cout << nlohmann::json{{"sent", r.sent}, {"failed", failed}}.dump(2) << "\n";
    } else {
        std::cout << r.sent << " sent to " << client->address() << "\n";
    }
    for (const StoreFailure& f : r.failed) {
        std::cerr << "crosscheck-cli pacs store: " << f.file << ": " << f.reason << "\n";
    }
    return r.failed.empty() ? 0 : 1;
}

/// Runs one subcommand: usage errors exit 2, node and file errors 1 (one line on stderr).
int guarded(const char* name, int (*run)(const PacsOptions&), const PacsOptions& o) {
    try {
        return run(o);
    } catch (const UsageError& e) {
        std::cerr << "crosscheck-cli pacs " << name << ": " << e.what() << "\n";
        return 2;
    } catch (const Cancelled&) {
        std::cerr << "crosscheck-cli pacs " << name << ": cancelled; complete files kept\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "crosscheck-cli pacs " << name << ": " << e.what() << "\n";
        return 1;
    }
}

CLI::App* subcommand(CLI::App& pacs, const char* name, const char* what, PacsOptions& o) {
    CLI::App* c = pacs.add_subcommand(name, what);
    c->add_option("--node", o.node, "The node: AET@HOST:PORT or a DICOMweb root URL")->required();
    c->add_option("--calling-aet", o.callingAet, "Crosscheck's AE title (default CROSSCHECK)");
    c->add_option("--timeout", o.timeout, "Seconds any network step may take (default 30)")
        ->check(CLI::Range(1, 3600));
    c->add_option("--user", o.user, "DICOMweb user (basic authentication)");
    c->add_option("--password", o.password, "DICOMweb password");
    c->add_option("--token", o.token, "DICOMweb bearer token");
    c->add_flag("--tls", o.tls, "DIMSE over DICOM TLS (needs --tls-ca)");
    c->add_option("--tls-ca", o.tlsCa, "PEM CA certificate the node's certificate must chain to");
    c->add_option("--tls-cert", o.tlsCert, "PEM client certificate, for nodes that require one");
    c->add_option("--tls-key", o.tlsKey, "PEM private key of --tls-cert (unencrypted)");
    c->add_flag("--json", o.json, "Print one JSON document on stdout");
    return c;
}

}  // namespace

void addPacsCommand(CLI::App& app, CommandAction& action) {
    auto o = std::make_shared<PacsOptions>();
    CLI::App* pacs = app.add_subcommand("pacs", "Query, retrieve from and send to a PACS node");
    pacs->require_subcommand(1);
    auto bind = [o, &action](CLI::App* c, const char* name, int (*run)(const PacsOptions&)) {
        c->callback([o, &action, name, run] {
            action = [o, name, run] { return guarded(name, run, *o); };
        });
    };

    bind(subcommand(*pacs, "echo", "Check the node answers (C-ECHO)", *o), "echo", runEcho);

    CLI::App* find = subcommand(*pacs, "find", "Search the node (C-FIND)", *o);
    find->add_option("--level", o->level, "patient, study or series (default study)")
        ->check(CLI::IsMember({"patient", "study", "series"}));
    find->add_option("--patient-id", o->patientId, "PatientID to match");
    find->add_option("--patient-name", o->patientName, "PatientName, wildcards * and ?");
    find->add_option("--birth-date", o->birthDate, "PatientBirthDate YYYYMMDD");
    find->add_option("--study-date", o->studyDate, "YYYYMMDD or YYYYMMDD-YYYYMMDD");
    find->add_option("--modality", o->modality, "Modality (series) or modality in study");
    find->add_option("--accession", o->accession, "AccessionNumber");
    find->add_option("--description", o->description, "StudyDescription, wildcards allowed");
    find->add_option("--study-uid", o->studyUid, "StudyInstanceUID");
    bind(find, "find", runFind);

    CLI::App* get = subcommand(*pacs, "get", "Retrieve a study or series (C-GET)", *o);
    get->add_option("--study-uid", o->studyUid, "StudyInstanceUID")->required();
    get->add_option("--series-uid", o->seriesUid, "Only this series of the study");
    get->add_option("--out", o->outDir, "Folder to write into")->required();
    bind(get, "get", runGet);

    CLI::App* move = subcommand(*pacs, "move", "Retrieve by C-MOVE to Crosscheck's SCP", *o);
    move->add_option("--study-uid", o->studyUid, "StudyInstanceUID")->required();
    move->add_option("--series-uid", o->seriesUid, "Only this series of the study");
    move->add_option("--out", o->outDir, "Folder to write into")->required();
    move->add_option("--dest-aet", o->destAet, "AE title of Crosscheck's storage SCP")->required();
    move->add_option("--port", o->port, "Port the storage SCP listens on")
        ->required()
        ->check(CLI::Range(1, 65535));
    bind(move, "move", runMove);

    CLI::App* store = subcommand(*pacs, "store", "Send DICOM files to the node (C-STORE)", *o);
    store->add_option("FILE", o->files, "DICOM files to send")->required();
    bind(store, "store", runStore);
}

}  // namespace crosscheck::cli
