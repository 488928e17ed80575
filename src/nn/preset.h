// Experiment presets: one JSON file each in assets/experiments/ (compiled into the
// program), naming the dataset, preprocessing, layers, loss, regulariser, optimiser
// and the training settings. See the README for the format.
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/cifar.h"
#include "data/normalizer.h"
#include "nn/dataset.h"
#include "nn/network.h"
#include "nn/trainer.h"

namespace bs::nn {

struct PresetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Preset {
  std::string name;         // "ex3"
  std::string description;
  std::string source;       // the JSON text it was read from
  std::string dataset = "cifar10";  // "cifar10", "xor" or "parity"
  int bits = 2;                     // parity
  data::Preprocess preprocess = data::Preprocess::Mean;
  Network network;                  // starts with the input layer
  Objective objective;
  TrainOptions train;
  std::uint64_t seed = 1;           // weights from seed, sample order from seed + 1

  bool needsCifar() const { return dataset == "cifar10"; }
  // One line: "3072-100 sigmoid-10 linear, mse + l2 0.0002, sgd lr 0.0003, batch 100, 200 epochs".
  std::string summary() const;
  // What trained parameters mean: "cifar10 (mean): 3072 -> 100 sigmoid -> 10 linear, mse".
  std::string architecture() const;
  // One column: the trainer writes each batch into its executor, whatever its size, so
  // a batch option of 10^9 allocates nothing here.
  Model build() const { return network.build(objective, 1, seed); }
  // Samples in the training set: 2^bits for XOR and parity, 5 files of `recordsPerFile` for CIFAR-10.
  int trainingSamples(int recordsPerFile = 10000) const;
  // Refuses (BudgetError) a run whose batch, clamped to the training set, or whose
  // evaluation chunk needs more than kActivationBudget: before any data is allocated.
  void checkBudget(int recordsPerFile = 10000) const;
};

// What a user changes before a run (the training window's fields, `train`'s options):
// unset ones keep the preset's. The one place that knows the rules between settings:
// the sample order's seed follows the weights' seed, a regulariser strength of 0 turns
// it off and a positive one on an unregularised preset means L2.
struct PresetOverrides {
  std::optional<double> lr, reg;
  std::optional<int> batch, epochs;
  std::optional<std::uint64_t> seed;
};
Preset withOverrides(Preset p, const PresetOverrides& o);

// Parses a preset; `name` is used in messages and as the preset's name.
Preset parsePreset(const std::string& json, const std::string& name);
// A path to a preset file, or the name of a built-in preset ("ex3").
Preset loadPreset(const std::string& pathOrName);
std::vector<std::string> presetNames();  // the built-in ones

// Sets the number of bits of a parity preset and the units of its first hidden layer.
void setParity(Preset& p, int bits, int hidden);

// The data a preset trains on, ready for a Trainer.
struct PreparedData {
  std::unique_ptr<data::Cifar> cifar;
  data::Normalizer normalizer;
  std::unique_ptr<Dataset> train, test;  // for XOR / parity, test is the training set again
};
// `cifarPath` is used by CIFAR-10 presets only (a folder or the .tar.gz);
// `recordsPerFile` is 10 000 for the real data, fewer in tests' small files.
PreparedData prepareData(const Preset& p, const std::string& cifarPath, int recordsPerFile = 10000);

}  // namespace bs::nn
