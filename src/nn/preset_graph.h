// A training preset's network as a graph to step through, draw and edit, the way the
// course report draws it: x, W1, b1, z1 = W1 @ x, s1 = z1 + b1, h1 = σ(s1), W2, b2, ...,
// the loss, the L2 terms and their sum (Network::build), on a small batch of data.
#pragma once
#include <string>

#include "core/graph.h"
#include "nn/preset.h"

namespace bs::nn {

struct PresetGraphOptions {
  int batch = 4;               // CIFAR-10 presets: samples; XOR and parity use their whole set, as they train
  std::string data;            // CIFAR-10 folder or .tar.gz; empty: data::findCifar's places, synthetic if none exists
  int recordsPerFile = 10000;  // tests use small CIFAR-format files
};

struct PresetGraph {
  Graph graph;
  std::string note;        // where x and t come from; says so when they are synthetic
  bool synthetic = false;  // x and t are random: no CIFAR-10 files were found
};

// The weights are the preset's initial ones (its seed); x and t the first samples of
// the training set, preprocessed as the preset says. Without CIFAR-10 files (and no
// `data` given) x and t are random and the note says they are synthetic. Throws
// data::DataError for a `data` path that does not hold CIFAR-10, std::invalid_argument
// for a batch below 1.
PresetGraph presetGraph(const Preset& p, const PresetGraphOptions& o = {});

// The .bsg text: the preset's description and the note as comments, then the graph.
std::string presetGraphSource(const Preset& p, const PresetGraph& g);

// Lets lang's readGraphSource (so loadGraph and the window) open the built-in presets
// by name ("ex3"), with the default options.
void registerPresetGraphs();

}  // namespace bs::nn
