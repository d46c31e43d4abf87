// crosscheck-cli: the headless contract of docs/cli.md. Parsing and dispatch only;
// each command lives in its own file and does its work through crosscheck_core.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <string>

#include "app/cli/AnalyzeCommand.h"
#include "app/cli/CliCommand.h"
#include "app/cli/CohortCommand.h"
#include "app/cli/ConvertCommand.h"
#include "app/cli/DbCommand.h"
#include "app/cli/InfoCommand.h"
#include "app/cli/MeasureCommand.h"
#include "app/cli/PacsCommand.h"
#include "app/cli/PhantomCommand.h"
#include "app/cli/RegisterCommand.h"
#include "app/cli/ReportCommand.h"
#include "app/cli/ScanCommand.h"
#include "core/Version.h"

int main(int argc, char** argv) {
    using namespace crosscheck;
    CLI::App app{"crosscheck-cli: headless CT / MRI / synthetic-CT comparison"};
    app.require_subcommand(0, 1);
    app.set_version_flag(
        "--version", std::string("crosscheck-cli ") + versionString() + " (" + gitCommit() + ")");
    cli::CommandAction action;
    cli::addScanCommand(app, action);
    cli::addInfoCommand(app, action);
    cli::addConvertCommand(app, action);
    cli::addRegisterCommand(app, action);
    cli::addPhantomCommand(app, action);
    cli::addAnalyzeCommand(app, action);
    cli::addMeasureCommand(app, action);
    cli::addReportCommand(app, action);
    cli::addPacsCommand(app, action);
    cli::addDbCommand(app, action);
    cli::addCohortCommand(app, action);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }
    if (!action) {
        std::cerr << "crosscheck-cli: no command given (see --help)\n";
        return 2;
    }
    try {
        return action();
    } catch (const std::exception& e) {
        std::cerr << "crosscheck-cli: " << e.what() << "\n";
        return 1;
    }
}
