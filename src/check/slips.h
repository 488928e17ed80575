// The catalogue of slips: the usual ways one number of a step goes wrong on paper. For
// a wrong number the checker redoes its step with each slip, through the op's own
// kernels (an operand or the local derivative changed, then d.forward, d.vjp or
// d.local), and names the slips that give the student's number within its tolerance.
// None fits: the number is only "wrong". More than two fit: none is named, since
// naming one would be a guess.
#pragma once
#include <string>
#include <vector>

#include "core/stepper.h"

namespace bs {

enum class SlipKind {
  MisreadEntry,           // another entry of the same tensor read in place of one
  TransposedEntry,        // the entry at the transposed place (W21 for W12)
  EntrySign,              // one number taken with the wrong sign
  Transposed,             // W used for Wᵀ, or Wᵀ for W
  Sign,                   // the result's sign
  ValueForDerivative,     // σ(y) where σ'(y) belongs
  DerivativeAtOutput,     // σ'(z) where σ'(y) belongs
  MissingFactor,          // the 2 of 2z, the 1/n of a mean
  LocalOnly,              // the local derivative without the upstream gradient
  UpstreamOnly,           // the upstream gradient alone
  ForgottenContribution,  // a fan-out contribution left out of a gradient sum
  SwappedOperands,        // b − a for a − b; dL/dp · w for dL/dp · x
  TermWrong,              // one product of a sum left out, its sign flipped or its decimal point moved
  SwappedElement,         // the number of the element at the transposed place
};

struct Slip {
  SlipKind kind = SlipKind::Sign;
  int step = -1;      // the step it was made in (a schedule index; -1: a given value)
  double value = 0;   // the number it gives
  std::string label;  // what went wrong, without numbers (table, window, class summary): "a misread entry of Wᵀ"
  std::string text;   // what the number matches: "W12·dL/dy1 + W22·dL/dy2 with 2 (W13) in place of W22 = -0.5"
};

// One step as the student did it: its operands as the op's kernels take them (see
// check::stepFunction), from the student's numbers, and its result from them.
struct SlipStep {
  int index = -1;  // in the schedule
  Step step;
  std::vector<Tensor> operands;
  Tensor result;
};

// The slips that give `written` at element (r, c) of a quantity computed by `parts`:
// one step, or every contribution of a gradient sum. Those within `closeTolerance` (the
// rounding of the step's own results) if any, else those within `tolerance` (the
// checker's, which adds the rounding of the numbers it was computed from). `missing`:
// the contributions the checker found left out. `g` holds every value and gradient
// (the exact graph); it only names things.
std::vector<Slip> findSlips(const Graph& g, const std::vector<SlipStep>& parts, const std::vector<int>& missing, Index r, Index c,
                            double written, double tolerance, double closeTolerance);

// A given value written with its sign flipped.
std::vector<Slip> findGivenSlips(const Graph& g, int node, Index r, Index c, double written, double tolerance);

}  // namespace bs
