#include "cli/graph_input.h"

#include <algorithm>
#include <filesystem>

#include "i18n/i18n.h"
#include "assets/embedded.h"
#include "lang/parser.h"

namespace bs::cli {

void addPresetGraphOptions(CLI::App* sub, nn::PresetGraphOptions& o) {
  // Up to 100 samples the .bsg of ex8 stays under the 16 MiB a graph file may have.
  sub->add_option("--batch", o.batch, tr("Presets: samples of CIFAR-10 in x (default 4, at most 100; XOR and parity use all theirs)"))
      ->check(CLI::Range(1, 100));
  sub->add_option("--data", o.data,
                  tr("Presets: CIFAR-10 folder or .tar.gz (default: $BACKSTEP_DATA, ./cifar-10-batches-bin, "
                  "~/cifar-10-batches-bin; synthetic samples if none exists)"));
  sub->add_option("--data-records", o.recordsPerFile, tr("Presets: records per CIFAR-10 file (10000; tests use small files)"))
      ->check(CLI::PositiveNumber);
}

bool isPreset(const std::string& name) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(name, ec)) return name.ends_with(".json");
  const auto names = nn::presetNames();
  return !exampleSource(name) && std::find(names.begin(), names.end(), name) != names.end();
}

GraphInput loadGraphInput(const std::string& name, const nn::PresetGraphOptions& o) {
  if (!isPreset(name)) return {loadGraph(name), ""};
  nn::PresetGraph g = nn::presetGraph(nn::loadPreset(name), o);
  return {std::move(g.graph), g.note};
}

}  // namespace bs::cli
