// backstep: the terminal front end. With no subcommand it opens the window.
#include <iostream>
#include <vector>

#include "cli/commands.h"
#include "cli/help_formatter.h"
#include "i18n/i18n.h"
#include "nn/preset_graph.h"

int main(int argc, char** argv) {
  // The language first: the help text is written as the options are added.
  const std::optional<std::string> langGiven = bs::i18n::langFlag(argc, argv);
  bs::i18n::setLanguage(bs::i18n::chooseLanguage(langGiven));
  CLI::App app{bs::tr("Backstep: step through backpropagation, node by node")};
  bs::cli::translateHelp(app);
  app.require_subcommand(0, 1);
  bs::nn::registerPresetGraphs();  // every command and the window open presets by name
  std::vector<std::pair<CLI::App*, bs::cli::Run>> commands;
  for (auto add : {bs::cli::addTrace, bs::cli::addGradcheck, bs::cli::addExamples, bs::cli::addCheck, bs::cli::addGrade,
                   bs::cli::addWorksheet, bs::cli::addTrain, bs::cli::addSweep, bs::cli::addBench, bs::cli::addDescend,
                   bs::cli::addExplain, bs::cli::addGraph, bs::cli::addDraw}) {
    bs::cli::Run run = add(app);
    commands.push_back({app.get_subcommands({}).back(), run});
  }
  bs::cli::Run window = bs::cli::addWindow(app, langGiven.has_value());
  std::string lang;  // read above, before parsing; here so that CLI11 accepts and checks it
  bs::cli::addLangOption(app, lang);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  for (auto& [sub, run] : commands)
    if (sub->parsed()) {
      try {
        return run();
      } catch (const std::exception& e) {
        return bs::cli::fail(e.what());
      }
    }
  try {
    return window();
  } catch (const std::exception& e) {
    return bs::cli::fail(e.what());
  }
}
