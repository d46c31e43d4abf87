#pragma once

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `pacs echo|find|get|move|store --node NODE ...`: a DIMSE node (docs/cli.md, docs/pacs.md).
void addPacsCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
