// Summary numbers of a tensor, for tensors too large to read number by number (a
// batch's activations when the window steps into training): mean, standard deviation,
// min, max and, for an activation's output, the share of saturated units.
#pragma once
#include <string>

#include "core/graph.h"

namespace bs {

struct TensorStats {
  double mean = 0, std = 0, min = 0, max = 0;
  double saturated = -1;  // share of saturated elements in 0..1; -1 when the op has no such notion
};

// The statistics of `node`'s value, the saturation by its op's rule (OpDef::saturated).
TensorStats valueStats(const Node& node);
// The statistics of any tensor (no saturation).
TensorStats tensorStats(const Tensor& t);

// "mean 0.012  std 0.45  min -1.2  max 2.3", then `sep` and "saturated 12.5% (σ < 0.01
// or > 0.99, ...)" when known; numbers with 4 significant digits.
std::string formatStats(const TensorStats& s, const std::string& saturation = "", const std::string& sep = "  ");

}  // namespace bs
