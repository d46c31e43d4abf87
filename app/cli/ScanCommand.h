#pragma once

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `scan PATH... [--json]`: indexes folders, DICOMDIRs and files (docs/cli.md).
void addScanCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
