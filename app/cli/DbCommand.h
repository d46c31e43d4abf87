#pragma once

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `db import PATH... | db list | db remove --study-uid UID`, each with `--db FILE`: the
/// local study database (docs/cli.md, docs/pacs.md).
void addDbCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
