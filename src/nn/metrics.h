// Accuracy: the largest output is the label (classification), or, for ±1 targets
// (XOR, parity), every output beyond ±threshold on the target's side.
#pragma once
#include <string>

#include "core/tensor.h"

namespace bs::nn {

struct Metric {
  enum Kind { Argmax, Sign } kind = Argmax;
  double threshold = 0.9;  // Sign: y ≥ threshold for t > 0, y ≤ −threshold for t < 0
};
Metric parseMetric(const std::string& s, double threshold = 0.9);  // "argmax", "sign"
// The rule in words, short enough for a plot title: "outputs beyond ±0.9 only" (on the
// target's side; accuracy 0 until then, however close), or the argmax rule.
std::string metricRule(const Metric& m);

// The number of correct samples (columns). Argmax takes labels as a 1 x B row of class
// indices; Sign takes target values shaped like y.
long countCorrect(const Metric& m, const Mat<float>& y, const Mat<float>& labelsOrTargets);

}  // namespace bs::nn
