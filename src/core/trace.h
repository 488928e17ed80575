// The Trace writes one step as a student writes it on paper. The GUI, the CLI and the
// tests all use this text.
#pragma once
#include <string>
#include <vector>

#include "core/stepper.h"

namespace bs {

struct TraceOptions {
  int precision = 4;          // decimals
  Index maxElementLines = 12; // tensors up to this many elements get one line per element
};

struct StepText {
  std::vector<std::string> lines;  // the arithmetic, e.g. "dL/dy1 = dL/dz1 · σ'(y1) = 0.8123 · 0.2412 = 0.1959"
  std::string formula;             // the op's local derivative formula (backward steps), else empty
};

StepText traceStep(const Graph& g, const StepRecord& r, const TraceOptions& o = {});

// "dL/dx" where L is the graph's output.
std::string gradName(const Graph& g, const std::string& node);

}  // namespace bs
