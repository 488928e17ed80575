// The graph a command works on: a .bsg file, a built-in example, or a training preset
// built as a graph (nn/preset_graph.h) with the preset options the command was given.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "core/graph.h"
#include "nn/preset_graph.h"

namespace bs::cli {

struct GraphInput {
  Graph graph;
  std::string note;  // a preset's: where x and t come from (empty for .bsg graphs)
};

// --batch, --data, --data-records for commands that open presets.
void addPresetGraphOptions(CLI::App* sub, nn::PresetGraphOptions& o);

// A preset by name (not shadowed by a file or example of that name) or as a .json file.
bool isPreset(const std::string& name);
GraphInput loadGraphInput(const std::string& name, const nn::PresetGraphOptions& o);

}  // namespace bs::cli
