#pragma once

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `info SERIES [--series UID | --role ROLE] [--json]`: loads one series and prints its
/// geometry, value range, voxel SHA-256 and load time (docs/cli.md).
void addInfoCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
