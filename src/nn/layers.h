// The parts a network is made of (exercise 8): layers (input, dense, concatenation),
// activations, weight initialisers, losses and regularisers. Each becomes nodes of an
// engine graph (see network.h), so a built network can be stepped through like any graph.
#pragma once
#include <string>
#include <vector>

namespace bs::nn {

enum class Activation { Linear, Sigmoid, Tanh, Relu, LeakyRelu, Elu, Softmax };
Activation parseActivation(const std::string& s);  // "linear", "sigmoid", "tanh", "relu", ...
const char* activationName(Activation a);          // the engine op's name ("" for linear)

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
  Activation activation = Activation::Linear;
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
