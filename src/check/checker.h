// Checks a hand calculation. Every written number is checked twice: globally against
// the exact value, and locally by redoing the one step that computes it from the
// student's own numbers (their upstream gradient and the values they wrote; numbers
// they did not write are computed from theirs). So a mistake is blamed on the step
// where it was made, and later numbers that inherit it are "carried over".
//
// Tolerance (README "Checking a hand calculation"): a number written with d decimals
// stands for anything within h = ½·10^−d. It is
// - correct: |written − exact| ≤ h;
// - rounding: |written − exact| ≤ the rounding drift accumulated up to it, or
//   |written − redone| ≤ tolerance and nothing it was computed from is wrong;
// - carried over: |written − redone| ≤ tolerance, but something it was computed from
//   is wrong or carried over;
// - wrong: otherwise.
// A number with decimals may also be truncated (its digits cut: 0.66 for 0.6660): it
// then stands for [0.66, 0.67). It is "rounding (truncated)" when that holds the exact
// number, or (nothing it was computed from being wrong) the redone one within the
// tolerance counted from the interval's middle, with every rounding in the step a whole
// unit; carried over when only the latter holds and something it was computed from is
// wrong. The numbers computed from it are judged from it.
// tolerance = n·h + Σ spread: n counts the rounded results in the step (1; for a sum of
// contributions, those that rounding changes; one more for a local derivative such as
// σ'(y) = 0.2412 that rounding changes), and each spread is how far the redone result
// moves when one number it was computed from moves by that number's own h (written
// numbers: ½·10^−d of their decimals; numbers not written: rounded like the coarsest
// number on the sheet; given values and numbers written exactly: 0). The drift is the
// same sum over the exact numbers, step after step.
//
// A front end (the window's answers mode, `backstep check`) keeps an AnswerSheet, sets
// the numbers typed (sheet.set(g, node, q, r, c, parseWrittenNumber(text))), calls
// checkAnswers after each change (0.02-2 ms for the example graphs), colours
// each number by report.element(node, q, r, c)->verdict and each node by
// report.verdictOf(node, q), shows report.entryFor(...)->explanation, and jumps to
// blamedStep (a schedule index: Stepper::goTo(blamedStep + 1) shows it done).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "check/answer_sheet.h"
#include "check/slips.h"

namespace bs {

// In order of severity.
enum class Verdict { Correct, Rounding, CarriedOver, Wrong };
const char* verdictName(Verdict v);  // "correct", "rounding", "carried over", "wrong"

// A number on the sheet that went wrong: where the blame for a mistake goes.
struct Origin {
  int node = -1;
  Quantity quantity = Quantity::Value;
  Index row = 0, col = 0;
  int step = -1;  // the step where it went wrong (-1: a given value copied wrongly)
};

// One written number.
struct ElementCheck {
  Index row = 0, col = 0;  // in the node (from 0)
  double written = 0, exact = 0;
  int decimals = 0;
  std::string text;        // `written` as the student wrote it
  double redone = 0;       // the step redone from the student's own numbers
  double tolerance = 0;    // how far `written` may be from `redone` (see the rule above)
  Verdict verdict = Verdict::Correct;
  bool truncated = false;  // rounding or carried over only when read as digits cut, not rounded
  // Wrong: the step where the mistake was made (-1: a given leaf value copied wrongly).
  // Carried over: the step of the earliest mistake it inherits. Otherwise -1.
  int blamedStep = -1;
  // Wrong: this number. Carried over: the wrong numbers it was computed from, earliest step first.
  std::vector<Origin> origins;
  std::vector<int> missingSteps;  // wrong gradient sums: the contribution steps left out
  // Wrong: the slips of the catalogue (slips.h) that give this number, at most two;
  // none when no slip does, or when more than two do.
  std::vector<Slip> slips;
};

// One answer: a whole tensor as written, or one element written on its own.
struct CheckEntry {
  int node = -1;
  Quantity quantity = Quantity::Value;
  Index row = -1, col = -1;      // one element, or -1: the whole tensor
  std::string name;              // as a student writes it: "dL/dy", "z1"
  int line = 0;                  // the sheet line (0 if typed in a window)
  Tensor written, exact;         // shaped like the answer (1x1 for one element)
  std::vector<ElementCheck> elements;  // row by row
  Verdict verdict = Verdict::Correct;  // the worst of the elements
  int step = -1;                 // the schedule step that computes it (-1: a given leaf value)
  int blamedStep = -1;           // of the first wrong element, else of the first carried-over one
  // Wrong or carried over: what is wrong, then the step (or steps, for a sum of
  // contributions) as Trace writes it, with the student's numbers plugged in.
  std::vector<std::string> explanation;
};

struct CheckReport {
  std::vector<CheckEntry> entries;  // values in forward order, then gradients in backward order
  int assumedDecimals = 4;          // how unwritten numbers are taken to be rounded
  int count(Verdict v) const;
  bool anyWrong() const { return count(Verdict::Wrong) + count(Verdict::CarriedOver) > 0; }
  // The entry holding (node, quantity, r, c) and that element's check; nullptr if not written.
  const CheckEntry* entryFor(int node, Quantity q, Index r, Index c) const;
  const ElementCheck* element(int node, Quantity q, Index r, Index c) const;
  // The worst verdict over everything written for a node's value or gradient (to colour
  // the node); nullopt if nothing is written.
  std::optional<Verdict> verdictOf(int node, Quantity q) const;
};

// Checks every number on the sheet; the graph's leaf values are the given numbers.
// Throws std::invalid_argument for a graph too large to check by hand.
// `precision`: the decimals of the explanations' numbers (at least one more than written).
CheckReport checkAnswers(const Graph& g, const AnswerSheet& sheet, int precision = 4);

// "step 6" for a schedule index (numbered from 1, as `backstep trace` prints them), and
// what it computes: "step 6 (dL/dy)". A given value (-1): "the given value".
std::string stepLabel(int step);

}  // namespace bs
