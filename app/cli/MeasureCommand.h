#pragma once

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `measure STUDY --roi ROI.json [--transform FILE.json] [--json]`: samples one ROI in every
/// series of the study (docs/cli.md); extra options --threshold, --mr-threshold,
/// --ring-mm.
void addMeasureCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
