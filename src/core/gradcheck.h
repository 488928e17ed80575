// Gradient check: every input and parameter's analytic gradient against central
// finite differences, in double precision.
#pragma once
#include <vector>

#include "core/graph.h"

namespace bs {

struct GradCheckNode {
  int node = -1;
  double maxError = 0;   // max over elements of |analytic − numeric| / max(1, |analytic|, |numeric|)
  Tensor analytic, numeric;
};

struct GradCheckResult {
  std::vector<GradCheckNode> nodes;  // one per input or parameter leaf
  double maxError = 0;
};

// The graph must have an output. h is the finite-difference step.
GradCheckResult gradCheck(const Graph& g, double h = 1e-5);

}  // namespace bs
