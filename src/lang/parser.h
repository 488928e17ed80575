// Reads the .bsg graph format (see README "The graph format").
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/graph.h"
#include "lang/lexer.h"

namespace bs {

// Throws ParseError with the line and column of the problem (syntax, unknown name or
// op, shape mismatch, cycle, redefinition, missing output).
Graph parseGraph(std::string_view text);

// A file path, the name of a built-in example ("ex2") or of a registered graph source
// ("ex3", a training preset). Throws std::runtime_error whose message starts with
// "FILE:LINE:COL: ".
Graph loadGraph(const std::string& pathOrExample);
// The source text behind loadGraph (the file's, the example's or the source's).
std::string readGraphSource(const std::string& pathOrExample);

// Graphs that other parts of the program know by name, as .bsg text: the training
// presets (nn/preset_graph.h). lang cannot depend on them, so the program registers
// them at start; readGraphSource asks them after files and built-in examples.
struct GraphSource {
  std::string what;                                    // "preset", for messages
  std::function<std::vector<std::string>()> names;     // for the error that lists what exists
  std::function<std::optional<std::string>(const std::string& name)> text;  // none: not one of them
};
void addGraphSource(GraphSource s);

}  // namespace bs
