#pragma once

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `report (--session FILE | STUDY --roi ROI.json [--roi ...] [--transform FILE.json])
/// --out DIR [--formats pdf,csv,json,sr] [--anonymize] [--force]` (docs/cli.md):
/// measures the ROIs in every series, runs the discrepancy analysis when a CT and an sCT are
/// joined by a known transform, and writes DIR/report.pdf, DIR/measurements.csv,
/// DIR/report.json and DIR/report_sr.dcm. The PDF needs the build with the viewer
/// (CROSSCHECK_BUILD_GUI: crosscheck_report_pdf, rendered on Qt's offscreen platform; the
/// default formats are then all four); without it, asking for pdf is a usage error (exit 2)
/// that says so and the default is csv,json,sr. Extra options: --threshold, --ring-mm.
void addReportCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
