#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace crosscheck::cli {

/// Each command adds its subcommand to the root and sets `run` to the action that
/// executes it once parsing succeeded. The action returns the process exit status:
/// 0 success, 1 the input could not be used (docs/cli.md).
using CommandAction = std::function<int()>;

}  // namespace crosscheck::cli
