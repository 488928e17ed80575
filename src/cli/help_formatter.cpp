#include "cli/help_formatter.h"

#include "i18n/i18n.h"

namespace bs::cli {

TranslatedFormatter::TranslatedFormatter() {
  label("Usage", tr("Usage"));
  label("OPTIONS", tr("OPTIONS"));
  label("SUBCOMMAND", tr("SUBCOMMAND"));
  label("SUBCOMMANDS", tr("SUBCOMMANDS"));
  label("REQUIRED", tr("REQUIRED"));
  label("Positionals", tr("Positionals"));
  label("Needs", tr("Needs"));
  label("Excludes", tr("Excludes"));
  label("Env", tr("Env"));
}

std::string TranslatedFormatter::make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const {
  // "Options" is CLI11's default group; "Positionals" comes through get_label.
  return CLI::Formatter::make_group(group == "Options" ? tr("Options") : group, is_positional, opts);
}

std::string TranslatedFormatter::make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const {
  std::string out = CLI::Formatter::make_subcommands(app, mode);
  const std::string from = "Subcommands:", to = std::string(tr("Subcommands")) + ":";
  if (from != to)
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size())) out.replace(at, from.size(), to);
  return out;
}

void translateHelp(CLI::App& app) {
  app.formatter(std::make_shared<TranslatedFormatter>());
  app.set_help_flag("-h,--help", tr("Print this help message and exit"));
}

void addLangOption(CLI::App& app, std::string& lang) {
  app.add_option("--lang", lang, tr("The language of the output: es (Spanish) or en (English); default: the system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English"))
      ->check(CLI::IsMember({"es", "en"}));
  for (CLI::App* sub : app.get_subcommands({}))
    sub->add_option("--lang", lang, tr("The language of the output: es or en (as before the subcommand)"))->check(CLI::IsMember({"es", "en"}));
}

}  // namespace bs::cli
