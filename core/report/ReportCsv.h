#pragma once

#include <string>
#include <vector>

#include "core/report/ReportModel.h"

namespace crosscheck {

/// The columns of measurements.csv, in order (docs/report-formats.md explains each).
const std::vector<std::string>& reportCsvColumns();

/// measurements.csv: a header row, then one row per ROI and series (RFC 4180: comma
/// separated, fields with commas, quotes or line breaks quoted, "\r\n" line ends). Numbers
/// are written in the shortest form that reads back to the same double; empty when the
/// series has no numbers. Every row repeats the provenance (series UID, transform,
/// software version and commit, export time) so a row stands on its own.
std::string reportToCsv(const ReportModel& report);

}  // namespace crosscheck
