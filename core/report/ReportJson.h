#pragma once

#include <nlohmann/json.hpp>

#include "core/report/ReportModel.h"

namespace crosscheck {

/// The version of report.json's schema (docs/report-formats.md). Raise it when a key is
/// changed or removed; adding keys keeps it.
inline constexpr int kReportJsonSchemaVersion = 1;

/// report.json: {"schema_version", "kind": "crosscheck_report", "software", "created_at",
/// "anonymized", "deidentification_method", "patient", "study", "reference_frame_uid",
/// "series", "parameters", "rois" (each with "roi" as ROI.json, "measurements" as
/// `crosscheck-cli measure --json` rows plus "transform" and "image", and "ct_minus_sct"),
/// "discrepancy" (flags and metrics as `crosscheck-cli analyze --json`, or null),
/// "statement"}. Lengths mm, HU as numbers, coordinates LPS mm.
nlohmann::json reportToJson(const ReportModel& report);

}  // namespace crosscheck
