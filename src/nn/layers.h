// The parts a network is made of (exercise 8): layers (input, dense, concatenation),
// activations, weight initialisers, losses and regularisers. Each becomes nodes of an
// engine graph (see network.h), so a built network can be stepped through like any graph.
#pragma once
#include <string>
#include <vector>

#include "core/op.h"

namespace bs::nn {

// An activation: an op of the engine's activation family (sigmoid, tanh, relu,
// leaky_relu, elu, softmax: OpDef::activation) with its numeric parameters (leaky
// ReLU's slope, ELU's alpha), or none. Taken from the op table, so a new activation op
// needs nothing here.
struct Activation {
  const OpDef* op = nullptr;  // null: linear
  std::vector<double> attrs;  // the op's parameters, its defaults where not given

  bool isLinear() const { return op == nullptr; }
  // "linear", "tanh", "leaky_relu(slope 0.1)"
  std::string name() const;
  bool operator==(const Activation&) const = default;
  static Activation linear() { return {}; }
  // "linear" (or "none", ""), or the name of an activation op; throws std::invalid_argument.
  static Activation of(const std::string& name, std::vector<double> attrs = {});
};

// How a dense layer's weights start (biases start at 0).
struct Init {
  enum Kind { Normal, Uniform, Xavier, He } kind = Normal;
  double a = 0.01;  // Normal: the standard deviation; Uniform: the lower bound
  double b = 0;     // Uniform: the upper bound
};
Init parseInit(const std::string& kind, double a, double b);

struct Layer {
  enum Kind { Input, Dense, Concat } kind = Dense;
  std::string name;                 // refers to the layer's output; defaults: x, h1, h2, ..., c1
  int units = 0;                    // Input: features; Dense: outputs
  Activation activation;
  std::vector<std::string> inputs;  // Dense: one (default: the previous layer); Concat: two or more
  Init init;
};

// Shorthands for building networks in code.
Layer input(int features, std::string name = "x");
Layer dense(int units, Activation a, Init init = {}, std::string name = "");
Layer concat(std::vector<std::string> inputs, std::string name = "");

enum class LossKind { Mse, Cce, Hinge };
LossKind parseLoss(const std::string& s);  // "mse", "cce", "hinge"
const char* lossName(LossKind k);          // the names above

struct Regularizer {
  enum Kind { None, L1, L2 } kind = None;
  double strength = 0;  // the penalty strength · l1(W) or strength · l2(W) = strength · ½Σw²
};
Regularizer parseRegularizer(const std::string& kind, double strength);

}  // namespace bs::nn
