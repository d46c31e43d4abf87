#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `crosscheck-cli register --fixed SERIES --moving SERIES [--landmarks FILE.json]
/// [--method rigid-mi|landmarks] [--json]` (docs/cli.md): prints (and with --out
/// writes) the transform file that every `--transform FILE.json` takes.
void addRegisterCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
