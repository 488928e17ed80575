// backstep graph PRESET [--batch B] [--data PATH] [--out FILE]: a training preset's
// network as an editable .bsg graph (parses back to the same graph).
#include <iostream>

#include "i18n/i18n.h"
#include "cli/commands.h"
#include "cli/graph_input.h"
#include "io/atomic_file.h"

namespace bs::cli {

namespace {
struct GraphArgs {
  std::string preset, out;
  nn::PresetGraphOptions options;
};
}  // namespace

Run addGraph(CLI::App& app) {
  auto a = std::make_shared<GraphArgs>();
  auto* sub = app.add_subcommand("graph", tr("Write a training preset's network as a .bsg graph (x, W1, b1, ..., the loss)"));
  sub->add_option("preset", a->preset, tr("A built-in preset (ex3, ex4, ...) or a preset .json file"))->required();
  addPresetGraphOptions(sub, a->options);
  sub->add_option("--out", a->out, tr("Write the graph to this file instead of the standard output"));
  return [a]() {
    if (!isPreset(a->preset)) {
      std::string names;
      for (const auto& n : nn::presetNames()) names += (names.empty() ? "" : ", ") + n;
      return fail(a->preset + ": not a preset (" + names + ") or a preset .json file");
    }
    const nn::Preset p = nn::loadPreset(a->preset);
    const nn::PresetGraph g = nn::presetGraph(p, a->options);
    if (g.synthetic) std::cerr << tr("note: ") << g.note << "\n";
    const std::string text = nn::presetGraphSource(p, g);
    if (a->out.empty()) std::cout << text;
    else io::writeFileAtomically(a->out, text);
    return 0;
  };
}

}  // namespace bs::cli
