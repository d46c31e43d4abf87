#pragma once

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `report (--session FILE | STUDY --roi ROI.json [--roi ...] [--transform FILE.json])
/// --out DIR [--formats csv,json,sr] [--anonymize] [--force]` (../shared/CLI.md): measures
/// the ROIs in every series, runs the discrepancy analysis when a CT and an sCT are joined
/// by a known transform, and writes DIR/measurements.csv, DIR/report.json and
/// DIR/report_sr.dcm. `pdf` is rendered by the viewer: asking for it here is a usage error
/// (exit 2) that says so. Extra options: --threshold, --ring-mm.
void addReportCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
