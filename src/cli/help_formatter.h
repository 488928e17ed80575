// CLI11's help in the current language: its own words (Usage, Options, Subcommands,
// REQUIRED, ...) through tr(); the descriptions are translated where they are written.
#pragma once
#include <CLI/CLI.hpp>

namespace bs::cli {

class TranslatedFormatter : public CLI::Formatter {
 public:
  TranslatedFormatter();
  std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override;
  std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override;
};

// Sets the formatter and the help flag's words on the top-level app (before its
// subcommands are added, which inherit both) and adds --lang to it and to every
// subcommand added so far (so `backstep trace ex2 --lang es` works too).
void translateHelp(CLI::App& app);
void addLangOption(CLI::App& app, std::string& lang);

}  // namespace bs::cli
