#include "core/cohort/PatientResult.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/session/AtomicFile.h"

namespace crosscheck {

namespace {

constexpr int kVersion = 1;

nlohmann::json optionalJson(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json pairJson(const PairedValue& v) {
    return {{"ct", optionalJson(v.ct)}, {"sct", optionalJson(v.sct)}};
}

std::optional<double> optionalFrom(const nlohmann::json& j, const std::string& key) {
    const nlohmann::json& v = j.at(key);
    if (v.is_null()) {
        return std::nullopt;
    }
    return v.get<double>();
}

PairedValue pairFrom(const nlohmann::json& j, const std::string& key) {
    const nlohmann::json& v = j.at(key);
    return {optionalFrom(v, "ct"), optionalFrom(v, "sct")};
}

nlohmann::json matrixJson(const std::optional<Eigen::Matrix4d>& m) {
    if (!m) {
        return nullptr;
    }
    nlohmann::json rows = nlohmann::json::array();
    for (int r = 0; r < 4; ++r) {
        rows.push_back({(*m)(r, 0), (*m)(r, 1), (*m)(r, 2), (*m)(r, 3)});
    }
    return rows;
}

std::optional<Eigen::Matrix4d> matrixFrom(const nlohmann::json& j) {
    if (j.is_null()) {
        return std::nullopt;
    }
    Eigen::Matrix4d m;
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            m(r, c) =
                j.at(static_cast<std::size_t>(r)).at(static_cast<std::size_t>(c)).get<double>();
        }
    }
    return m;
}

nlohmann::json textOrNull(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

/// An optional text key: absent or null reads as empty.
std::string textFrom(const nlohmann::json& j, const char* key) {
    return j.contains(key) && !j.at(key).is_null() ? j.at(key).get<std::string>() : std::string();
}

}  // namespace

nlohmann::json toJson(const PatientResult& r) {
    return {{"version", kVersion},
            {"patient", r.patient},
            {"study", r.study},
            {"status", r.done ? "done" : "failed"},
            {"reason", r.reason},
            {"ct_series_instance_uid", r.ctSeriesUid},
            {"sct_series_instance_uid", r.sctSeriesUid},
            {"registration", r.registration},
            {"has_finding", r.hasFinding},
            {"axial_long_mm", pairJson(r.axialLongMm)},
            {"axial_short_mm", pairJson(r.axialShortMm)},
            {"sagittal_long_mm", pairJson(r.sagittalLongMm)},
            {"sagittal_short_mm", pairJson(r.sagittalShortMm)},
            {"mean_hu", pairJson(r.meanHu)},
            {"visible_on_ct", r.visibleOnCt},
            {"visible_on_sct", r.visibleOnSct},
            {"warnings", r.warnings},
            {"flags", r.flags},
            {"metrics", r.metrics},
            {"ms", r.ms},
            {"timings_ms",
             {{"load", r.timingsMs.load},
              {"registration", r.timingsMs.registration},
              {"analysis", r.timingsMs.analysis},
              {"measurement", r.timingsMs.measurement}}},
            {"ct_to_sct", matrixJson(r.ctToSct)},
            {"roi_source", textOrNull(r.roiSource)},
            {"session", textOrNull(r.sessionFile)},
            {"database", textOrNull(r.database)}};
}

PatientResult patientResultFromJson(const nlohmann::json& j) {
    PatientResult r;
    try {
        if (j.at("version").get<int>() != kVersion) {
            throw std::runtime_error("version " + j.at("version").dump() + " (this build reads " +
                                     std::to_string(kVersion) + ")");
        }
        r.patient = j.at("patient").get<std::string>();
        r.study = j.at("study").get<std::string>();
        const std::string status = j.at("status").get<std::string>();
        if (status != "done" && status != "failed") {
            throw std::runtime_error("status '" + status + "' is neither done nor failed");
        }
        r.done = status == "done";
        r.reason = j.at("reason").get<std::string>();
        r.ctSeriesUid = j.at("ct_series_instance_uid").get<std::string>();
        r.sctSeriesUid = j.at("sct_series_instance_uid").get<std::string>();
        r.registration = j.at("registration").get<std::string>();
        r.hasFinding = j.at("has_finding").get<bool>();
        r.axialLongMm = pairFrom(j, "axial_long_mm");
        r.axialShortMm = pairFrom(j, "axial_short_mm");
        r.sagittalLongMm = pairFrom(j, "sagittal_long_mm");
        r.sagittalShortMm = pairFrom(j, "sagittal_short_mm");
        r.meanHu = pairFrom(j, "mean_hu");
        r.visibleOnCt = j.at("visible_on_ct").get<bool>();
        r.visibleOnSct = j.at("visible_on_sct").get<bool>();
        r.warnings = j.at("warnings").get<std::vector<std::string>>();
        r.flags = j.at("flags");
        r.metrics = j.at("metrics");
        r.ms = j.at("ms").get<double>();
        if (j.contains("timings_ms")) {
            const nlohmann::json& t = j.at("timings_ms");
            r.timingsMs = {t.at("load").get<double>(), t.at("registration").get<double>(),
                           t.at("analysis").get<double>(), t.at("measurement").get<double>()};
        }
        if (j.contains("ct_to_sct")) {
            r.ctToSct = matrixFrom(j.at("ct_to_sct"));
        }
        r.roiSource = textFrom(j, "roi_source");
        r.sessionFile = textFrom(j, "session");
        r.database = textFrom(j, "database");
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(e.what());
    }
    return r;
}

std::filesystem::path patientResultPath(const std::filesystem::path& outDir,
                                        const std::string& patient) {
    return outDir / "patients" / (patient + ".json");
}

void writePatientResult(const std::filesystem::path& outDir, const PatientResult& result) {
    std::error_code ec;
    std::filesystem::create_directories(outDir / "patients", ec);
    if (ec) {
        throw FileWriteError((outDir / "patients").string() + ": " + ec.message());
    }
    writeFileAtomically(patientResultPath(outDir, result.patient), toJson(result).dump(2) + "\n");
}

PatientResult readPatientResult(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        throw std::runtime_error(file.string() + ": cannot be read");
    }
    try {
        return patientResultFromJson(nlohmann::json::parse(in));
    } catch (const std::exception& e) {
        throw std::runtime_error(file.string() + ": not a cohort patient result (" + e.what() +
                                 ")");
    }
}

}  // namespace crosscheck
