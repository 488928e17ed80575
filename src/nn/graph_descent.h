// Gradient descent on a graph's own loss: its params move against their gradients,
// its inputs and consts stay. This is training the graph a student has open (one
// sample, e.g. xor.bsg, or a neuron of exercise 1) on the numbers they step through;
// `backstep descend` and the window's Training > Gradient descent use it.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/graph.h"

namespace bs::nn {

struct DescentResult {
  std::vector<double> losses;  // losses[0] before the first step, then after each step
  std::string error;           // why it stopped early (a loss that is not finite), or ""
  bool stopped = false;        // onLoss asked it to stop
};

// Takes `steps` steps of plain gradient descent with learning rate `lr` on every param
// of `g`, in double precision, and writes the params' new values into `g`. Stops at
// a loss that is not finite (the params then keep their last finite values). Throws
// std::invalid_argument if the graph has no param or no output.
// `onLoss`, if given, sees each finite loss as it is computed and returns false to stop there
// (the window's Stop): the params then keep the values that gave that loss.
DescentResult descend(Graph& g, double lr, int steps, const std::function<bool(double loss)>& onLoss = {});

// "step,loss", one row per entry of `losses` (step 0: before the first step).
std::string descentCsv(const std::vector<double>& losses);

}  // namespace bs::nn
