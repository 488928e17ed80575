// Gradient check: every input and parameter's analytic gradient against central
// finite differences, in double precision.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/graph.h"

namespace bs {

struct GradCheckOptions {
  double h = 1e-5;  // the finite-difference step
  // Elements checked per leaf; a bigger leaf is sampled evenly (each element costs two
  // forward passes: a 3072x100 weight would take minutes). 0: every element.
  Index maxElementsPerLeaf = 2000;
  // Called now and then with the forward passes done and the total.
  std::function<void(long done, long total)> progress;
};

struct GradCheckNode {
  int node = -1;
  // max over the checked elements of
  //   max(0, |analytic − numeric| − noise) / max(1, |analytic|, |numeric|)
  // where noise = ε (|L(x+h)| + |L(x−h)|) / h is what rounding the loss alone can make
  // of the difference: an exact gradient of a large loss (L = x + 1e8) passes.
  double maxError = 0;
  Tensor analytic, numeric;  // numeric: NaN where an element was not checked
  Index checked = 0;         // elements checked (all unless sampled)
  // The first element where L(x ± h) is not finite: its gradient cannot be checked.
  std::optional<std::string> notFinite;
};

struct GradCheckResult {
  std::vector<GradCheckNode> nodes;  // one per input or parameter leaf
  double maxError = 0;
  double loss = 0;  // at the given values; not finite: nothing is checked
};

// The graph must have an output.
GradCheckResult gradCheck(const Graph& g, const GradCheckOptions& o = {});

}  // namespace bs
