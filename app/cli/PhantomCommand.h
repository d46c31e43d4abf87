#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `crosscheck-cli phantom OUTDIR [--seed N] [--size small|full] [--sct-shows-tumor]
/// [--same-frame] [--tumor-mm A,B,C] [--tumor-hu H] [--patients N] [--json]`: writes the
/// synthetic spine study (docs/cli.md, docs/phantom.md).
void addPhantomCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
