// How far one step's result moves when the numbers it was computed from move within
// their rounding: the local sensitivity behind the checker's tolerance. The step is
// evaluated through the op's own kernels (a function of its operands), once per
// operand element moved up and once moved down, so kinks (ReLU at 0) are handled too.
#pragma once
#include <functional>
#include <set>
#include <vector>

#include "core/stepper.h"

namespace bs::check {

// The mistakes (ids) a number inherits; element k of a tensor is (k / cols, k % cols).
using Origins = std::set<int>;

// One operand of a step: its value, the half-width of each element, and what each
// element inherits (nullptr: nothing).
struct Operand {
  Tensor value;
  const Tensor* half = nullptr;
  const std::vector<Origins>* from = nullptr;
};

struct Spread {
  Tensor width;               // per result element: Σ over operand elements of the largest move
  std::vector<Origins> from;  // per result element: what it inherits from the operands it depends on
};

using StepFn = std::function<void(const std::vector<const Tensor*>& operands, Tensor& result)>;

// One step of the schedule as a function of its operands, through its op's kernels:
// forward, the inputs' values; backward, dL/d(node), the inputs' values and the node's
// value. Not for the seed.
StepFn stepFunction(const Graph& g, const Step& st);

// The step's result, or all NaN (shaped `shape`) if a kernel rejects the numbers
// (a class index that is not whole, say) or gives another shape.
Tensor evaluate(const StepFn& f, const std::vector<Operand>& ops, Shape shape);
Tensor evaluate(const StepFn& f, const std::vector<Tensor>& ops, Shape shape);

// `base` is evaluate(f, ops, ...).
Spread spread(const StepFn& f, std::vector<Operand> ops, const Tensor& base);

inline size_t flat(Index r, Index c, Index cols) { return size_t(r * cols + c); }

}  // namespace bs::check
