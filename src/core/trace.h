// The Trace writes one step as a student writes it on paper. The GUI, the CLI and the
// tests all use this text.
#pragma once
#include <string>
#include <vector>

#include "core/stepper.h"

namespace bs {

// The size rule: a result up to `expand` elements is written element by element, a
// bigger one as its first three elements (at most `expand`) and how many more; a sum
// of more than `maxTerms` terms as its first terms and how many more. -1: all.
struct TraceOptions {
  int precision = 4;  // decimals
  int expand = 12;
  int maxTerms = 6;
};

struct StepText {
  std::vector<std::string> lines;  // the arithmetic, e.g. "dL/dW12 = dL/dy1 · x2 = 0.1959 · (-3.1) = -0.6073"
  std::string formula;             // the op's local derivative formula (backward steps), else empty
};

StepText traceStep(const Graph& g, const StepRecord& r, const TraceOptions& o = {});
// The arithmetic of one element (row, col) of the step's result, whatever the result's
// size: "dL/dW12 = dL/dy1 · x2 = 0.1959 · (-3.1) = -0.6073". Empty outside the result.
std::string traceElement(const Graph& g, const StepRecord& r, Index row, Index col, const TraceOptions& o = {});

// The element's arithmetic with names only, after "name =": "W11·x1 + W12·x2 + W13·x3",
// "dL/dz1 · σ'(y1)". Empty where the step is written as a whole tensor.
std::string elementFormula(const Graph& g, const StepRecord& r, Index row, Index col);

// The arithmetic of one element of a node's value (grad false) or gradient, from the
// steps the stepper has done: its forward step, or each backward contribution and their
// sum. Empty while it is not computed.
std::vector<std::string> nodeElementText(const Stepper& s, int node, bool grad, Index row, Index col, const TraceOptions& o = {});

// "dL/dx" where L is the graph's output.
std::string gradName(const Graph& g, const std::string& node);

}  // namespace bs
