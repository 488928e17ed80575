// A network built with `add`, turned into an engine graph: leaves x (the batch, a
// const) and t (the targets, a const), parameters W1, b1, W2, b2, ..., op nodes for
// each layer (z1 = W1 @ x, s1 = z1 + b1, h1 = σ(s1)), the data loss and, with a
// regulariser, the penalty. The graph's output L is what training minimises.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/graph.h"
#include "nn/layers.h"

namespace bs::nn {

// How the targets reach the loss node.
enum class TargetForm {
  Indices,  // one class index per sample (1 x B): cce and hinge on labelled data
  OneHot,   // one-hot columns (classes x B): mse on labelled data
  Values,   // target columns as given (mse on XOR / parity)
};

struct Objective {
  LossKind loss = LossKind::Mse;
  Regularizer reg;
  TargetForm targets = TargetForm::OneHot;
};

struct Model {
  Graph graph;
  int input = -1, target = -1;   // the const leaves a batch is written into
  int prediction = -1;           // the last layer's output
  int dataLoss = -1;             // the loss without the penalty
  int loss = -1;                 // the graph's output: data loss + penalty
  std::vector<int> params;       // W1, b1, W2, b2, ... in layer order
  Objective objective;
};

class Network {
 public:
  Network& add(Layer layer);
  const std::vector<Layer>& layers() const { return layers_; }
  // Rows of the output (units of the last layer, or the sum over a concatenation).
  int outputs() const;
  // The graph for batches of `batch` columns (others work too: the executor takes any
  // number of columns); weights drawn from their initialisers with this seed.
  // Throws std::invalid_argument for an ill-formed network.
  Model build(const Objective& objective, int batch, std::uint64_t seed) const;

 private:
  std::vector<Layer> layers_;
};

}  // namespace bs::nn
