#pragma once

#include "app/cli/CliCommand.h"

namespace crosscheck::cli {

/// `analyze --ct SERIES --sct SERIES [--transform FILE.json] [--t1w SERIES] [--t2w SERIES]
/// [--json]`: the CT-versus-sCT discrepancy analysis of docs/cli.md (core/analysis).
/// Without --transform, series in one frame of reference are compared as they are, and
/// series in different frames are registered automatically (rigid MI, sCT onto CT) unless
/// --no-register asks for an error instead. T1w/T2w (for visible_on_mr) come from
/// --t1w/--t2w, or are picked up when the --ct or --sct folder holds them.
void addAnalyzeCommand(CLI::App& app, CommandAction& action);

}  // namespace crosscheck::cli
