#pragma once

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `convert SERIES OUT.nii[.gz] [--series UID | --role ROLE]`: NIfTI-1 with dcm2niix's
/// orientation convention (docs/cli.md).
void addConvertCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
