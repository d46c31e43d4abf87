#pragma once

#include <Eigen/Core>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace crosscheck {

/// One measure of the cohort table on CT and on sCT: empty values where the series gave
/// no number (no finding to measure).
struct PairedValue {
    std::optional<double> ct;
    std::optional<double> sct;
};

/// Where a patient's wall time went (ms): scanning the folder and loading the CT and sCT,
/// registering the sCT onto the CT (0 for the same frame), the discrepancy analysis, and
/// measuring the finding ("measure this finding" in two planes). 0 for a stage not reached.
struct PatientTimings {
    double load = 0.0;
    double registration = 0.0;
    double analysis = 0.0;
    double measurement = 0.0;
};

/// What the cohort run found for one patient (one study folder): the tumour measured as
/// "measure this finding" measures the top ct_dense_sct_not flag, or why it could not be.
///
/// Sizes are the visible [long, short] axes (mm) of the tumour's section in the axial and
/// the sagittal plane through the flag, on CT and sCT at the 200 HU visibility threshold
/// (0 when nothing reaches it). meanHu is the object's HU at half maximum
/// (RegionAttenuation) on CT and on the sCT resampled into the CT grid. `patient` is the
/// study folder's name, the key of the result file: anonymized or repeated PatientIDs
/// cannot collide. `flags` and `metrics` are the analysis' own JSON (docs/cli.md analyze).
struct PatientResult {
    std::string patient;  ///< study folder name
    std::string study;    ///< the study folder as given
    bool done = false;    ///< false: failed, `reason` says why (one sentence)
    std::string reason;
    std::string ctSeriesUid;
    std::string sctSeriesUid;
    std::string registration;  ///< "same-frame" or "rigid-mi"
    bool hasFinding = false;   ///< a tumour was measured (session ROI or flag)
    PairedValue axialLongMm, axialShortMm, sagittalLongMm, sagittalShortMm, meanHu;
    bool visibleOnCt = false;           ///< a visible section on CT in either plane
    bool visibleOnSct = false;          ///< a visible section on sCT in either plane
    std::vector<std::string> warnings;  ///< "CT: gap", ... (the series' load warnings)
    nlohmann::json flags = nlohmann::json::array();
    nlohmann::json metrics = nlohmann::json::object();
    double ms = 0.0;  ///< wall time of the patient's work
    PatientTimings timingsMs;
    /// Maps the CT's patient coordinates (LPS, mm) to the sCT's: identity for the same
    /// frame, the inverse of the registration's sCT -> CT otherwise. Lets a viewer show the
    /// sCT at the finding without registering again. Unset when no registration was reached.
    std::optional<Eigen::Matrix4d> ctToSct;
    /// Where the tumour ROIs came from: "session" (the patient's saved session), "finding"
    /// ("measure this finding" on the top ct_dense_sct_not flag), or empty (nothing measured).
    std::string roiSource;
    /// The saved session whose ROIs were measured (roiSource "session"); empty otherwise.
    std::string sessionFile;
    /// The study database a `db:` study was read from (absolute); empty for a study folder.
    std::string database;
};

/// The result file's JSON: `patient`, `study`, `status` ("done" | "failed"), `reason`,
/// `ct_series_instance_uid`, `sct_series_instance_uid`, `registration`, `has_finding`,
/// `axial_long_mm`, `axial_short_mm`, `sagittal_long_mm`, `sagittal_short_mm`, `mean_hu`
/// (each `{"ct", "sct"}`, numbers or null), `visible_on_ct`, `visible_on_sct`, `warnings`, `flags`,
/// `metrics`, `ms`, `timings_ms` {`load`, `registration`, `analysis`, `measurement`},
/// `ct_to_sct` (4x4 row-major or null), `roi_source` ("session" | "finding" | null),
/// `session` and `database` (paths or null), `version` (1). The keys from `timings_ms` on
/// are optional when read (result files of earlier builds lack them).
nlohmann::json toJson(const PatientResult& result);

/// Reads what toJson wrote; throws std::runtime_error naming the missing or mistyped key.
PatientResult patientResultFromJson(const nlohmann::json& j);

/// DIR/patients/<patient>.json
std::filesystem::path patientResultPath(const std::filesystem::path& outDir,
                                        const std::string& patient);

/// Writes the result file atomically (temporary name, then rename); creates DIR/patients.
void writePatientResult(const std::filesystem::path& outDir, const PatientResult& result);

/// Reads one result file; throws std::runtime_error naming the file and the reason.
PatientResult readPatientResult(const std::filesystem::path& file);

}  // namespace crosscheck
