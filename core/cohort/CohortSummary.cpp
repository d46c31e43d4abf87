#include "core/cohort/CohortSummary.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace crosscheck {

namespace {

const PairedValue& valueOf(const PatientResult& r, const std::string& name) {
    if (name == "axial_long_mm") {
        return r.axialLongMm;
    }
    if (name == "axial_short_mm") {
        return r.axialShortMm;
    }
    if (name == "sagittal_long_mm") {
        return r.sagittalLongMm;
    }
    if (name == "sagittal_short_mm") {
        return r.sagittalShortMm;
    }
    if (name == "mean_hu") {
        return r.meanHu;
    }
    throw std::invalid_argument("unknown cohort measure " + name);
}

nlohmann::json number(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

nlohmann::json toJson(const Descriptive& d) {
    return {{"n", d.n},
            {"mean", number(d.mean)},
            {"sd", number(d.sd)},
            {"median", number(d.median)},
            {"min", number(d.min)},
            {"max", number(d.max)}};
}

/// The shortest text that reads back as the same double (as the JSON files have it): the
/// CSV is what an independent recomputation reads.
std::string csvNumber(const std::optional<double>& v) {
    return v ? nlohmann::json(*v).dump() : std::string();
}

std::string csvText(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) {
        return s;
    }
    std::string quoted = "\"";
    for (char c : s) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c == '\n' ? ' ' : c);
    }
    return quoted + "\"";
}

}  // namespace

const std::vector<std::string>& cohortMeasureNames() {
    static const std::vector<std::string> names{"axial_long_mm", "sagittal_long_mm", "mean_hu"};
    return names;
}

CohortSummary summarizeCohort(const std::vector<PatientResult>& results) {
    CohortSummary s;
    s.patients = static_cast<int>(results.size());
    for (const PatientResult& r : results) {
        if (!r.done) {
            s.failed.emplace_back(r.patient, r.reason);
            continue;
        }
        ++s.done;
        s.visibleOnCt += r.visibleOnCt ? 1 : 0;
        s.visibleOnSct += r.visibleOnSct ? 1 : 0;
    }
    for (const std::string& name : cohortMeasureNames()) {
        MeasureSummary m;
        m.name = name;
        std::vector<double> ct, sct;
        for (const PatientResult& r : results) {
            const PairedValue& v = valueOf(r, name);
            if (r.done && v.ct && v.sct) {
                m.patients.push_back(r.patient);
                ct.push_back(*v.ct);
                sct.push_back(*v.sct);
            }
        }
        m.comparison = comparePaired(ct, sct);
        s.measures.push_back(std::move(m));
    }
    return s;
}

std::vector<PatientResult> readPatientResults(const std::filesystem::path& outDir) {
    const std::filesystem::path folder = outDir / "patients";
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
        throw std::runtime_error(folder.string() + ": no such folder (run `cohort run` first)");
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        // Skip the atomic writer's temporary files (".NAME.tmp-XXXXXX").
        if (entry.is_regular_file() && entry.path().extension() == ".json" && name[0] != '.') {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<PatientResult> results;
    for (const auto& file : files) {
        results.push_back(readPatientResult(file));
    }
    return results;
}

nlohmann::json toJson(const CohortSummary& s) {
    nlohmann::json j;
    j["patients"] = s.patients;
    j["done"] = s.done;
    j["failed"] = nlohmann::json::array();
    for (const auto& [patient, reason] : s.failed) {
        j["failed"].push_back({{"patient", patient}, {"reason", reason}});
    }
    j["visible_on_ct"] = s.visibleOnCt;
    j["visible_on_sct"] = s.visibleOnSct;
    j["difference"] = "ct - sct";
    j["measures"] = nlohmann::json::object();
    for (const MeasureSummary& m : s.measures) {
        const PairedComparison& c = m.comparison;
        j["measures"][m.name] = {
            {"n", c.difference.n},
            {"patients", m.patients},
            {"ct", toJson(c.ct)},
            {"sct", toJson(c.sct)},
            {"difference",
             {{"mean", number(c.difference.mean)},
              {"sd", number(c.difference.sd)},
              {"ci95", {number(c.ci95Low), number(c.ci95High)}}}},
            {"t_statistic", number(c.tStatistic)},
            {"t_test_p", number(c.tTestP)},
            {"wilcoxon_statistic", number(c.wilcoxon.statistic)},
            {"wilcoxon_p", number(c.wilcoxon.p)},
            {"wilcoxon_method", c.wilcoxon.method},
            {"bland_altman",
             {{"bias", number(c.bias)}, {"loa", {number(c.loaLow), number(c.loaHigh)}}}}};
    }
    return j;
}

std::string patientsCsv(const std::vector<PatientResult>& results) {
    static const std::vector<std::string> measures{
        "axial_long_mm", "axial_short_mm", "sagittal_long_mm", "sagittal_short_mm", "mean_hu"};
    std::string csv = "patient,status,reason,visible_on_ct,visible_on_sct";
    for (const std::string& m : measures) {
        csv += "," + m + "_ct," + m + "_sct";
    }
    csv += ",roi_source\n";
    for (const PatientResult& r : results) {
        csv += csvText(r.patient) + "," + (r.done ? "done" : "failed") + "," + csvText(r.reason) +
               "," + (r.visibleOnCt ? "1" : "0") + "," + (r.visibleOnSct ? "1" : "0");
        for (const std::string& m : measures) {
            const PairedValue& v = valueOf(r, m);
            csv += "," + csvNumber(r.done ? v.ct : std::nullopt) + "," +
                   csvNumber(r.done ? v.sct : std::nullopt);
        }
        csv += "," + csvText(r.roiSource) + "\n";
    }
    return csv;
}

}  // namespace crosscheck
