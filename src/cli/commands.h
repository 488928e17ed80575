// Each terminal subcommand registers itself on the CLI11 app and returns the function
// that runs it; exit codes: 0 fine, 1 the check found a problem, 2 bad input or usage.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>

namespace bs::cli {

using Run = std::function<int()>;

Run addTrace(CLI::App& app);
Run addGradcheck(CLI::App& app);
Run addExamples(CLI::App& app);
Run addCheck(CLI::App& app);
Run addGrade(CLI::App& app);
Run addWorksheet(CLI::App& app);
Run addTrain(CLI::App& app);
Run addSweep(CLI::App& app);
Run addBench(CLI::App& app);
Run addDescend(CLI::App& app);
Run addExplain(CLI::App& app);
Run addGraph(CLI::App& app);
Run addDraw(CLI::App& app);
// The window's options on the top-level command (backstep [FILE] --screenshot ...).
// langGiven: --lang was on the command line (else the window's remembered language wins).
Run addWindow(CLI::App& app, bool langGiven);

// Prints "error: MESSAGE" (its word translated) to stderr and returns 2.
int fail(const std::string& message);

}  // namespace bs::cli
