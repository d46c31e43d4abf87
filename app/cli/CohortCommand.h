#pragma once

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `crosscheck-cli cohort run` and `cohort summarize` (docs/cli.md, docs/cohort.md).
void addCohortCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
