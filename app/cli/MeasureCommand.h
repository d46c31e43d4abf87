#pragma once

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `measure STUDY (--roi ROI.json | --seg FILE | --rtstruct FILE | --labels FILE.nii[.gz]
/// [--label-table F]) [--transform FILE.json] [--json]`: samples one ROI, or every imported
/// structure (MeasureImported.h), in every
/// series of the study (docs/cli.md); extra options --threshold, --mr-threshold,
/// --ring-mm.
void addMeasureCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
