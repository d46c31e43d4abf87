#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/cohort/PairedStatistics.h"
#include "core/cohort/PatientResult.h"

namespace crosscheck {

/// One measure of the study's table over the patients that have it on both CT and sCT.
struct MeasureSummary {
    std::string name;  ///< "axial_long_mm", "sagittal_long_mm", "mean_hu"
    std::vector<std::string> patients;
    PairedComparison comparison;
};

/// The study's table: counts, failures and the paired statistics of each measure.
struct CohortSummary {
    int patients = 0;  ///< result files, done or failed
    int done = 0;
    std::vector<std::pair<std::string, std::string>> failed;  ///< patient, reason
    int visibleOnCt = 0;
    int visibleOnSct = 0;
    std::vector<MeasureSummary> measures;
};

/// The measures of the table, in order: axial_long_mm, sagittal_long_mm, mean_hu.
const std::vector<std::string>& cohortMeasureNames();

/// The statistics of the given results (in the given order; summarize sorts by patient).
CohortSummary summarizeCohort(const std::vector<PatientResult>& results);

/// Every DIR/patients/*.json, sorted by patient name; throws std::runtime_error naming an
/// unreadable file.
std::vector<PatientResult> readPatientResults(const std::filesystem::path& outDir);

/// docs/cli.md `cohort summarize --json`: patients, done, failed [{patient, reason}],
/// visible_on_ct, visible_on_sct, measures {name: {n, ct, sct, difference {mean, sd, ci95},
/// t_test_p, t_statistic, wilcoxon_p, wilcoxon_method, wilcoxon_statistic, bland_altman {bias,
/// loa}}}. Undefined numbers (NaN) are null.
nlohmann::json toJson(const CohortSummary& summary);

/// One row per patient (patients.csv): patient, status, reason, visible_on_ct,
/// visible_on_sct, then <measure>_ct and <measure>_sct for axial_long, axial_short,
/// sagittal_long, sagittal_short and mean_hu, each number as the shortest text that reads back as
/// the same double (empty where missing), then roi_source ("session", "finding" or empty).
std::string patientsCsv(const std::vector<PatientResult>& results);

}  // namespace crosscheck
