#pragma once

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include "core/dicom/DicomScanner.h"

namespace crosscheck {

/// The JSON of one series as `crosscheck-cli scan --json` prints it (docs/cli.md):
/// snake_case keys, lengths in mm, dims [cols, rows, slices], spacing [col, row, slice].
nlohmann::json toJson(const SeriesInfo& series);
/// `{"series": [...], "problems": [{"file", "reason"}]}`.
nlohmann::json toJson(const ScanResult& scan);
/// A 4x4 matrix as a row-major list of 16 numbers.
nlohmann::json rowMajor(const Eigen::Matrix4d& m);

}  // namespace crosscheck
