#include "check/explanation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/trace.h"

namespace bs {

namespace {

std::string approx(double tol) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g", tol);
  return buf;
}

// The whole result of the entry's step(s), redone from the student's numbers.
const Tensor& redoneTensor(const std::vector<StepRecord>& records, const CheckEntry& e, const std::vector<int>& steps) {
  const StepRecord& last = records[size_t(steps.back())];
  return e.quantity == Quantity::Value ? last.result : last.gradAfter;
}

std::string describe(const Graph& mine, const std::vector<StepRecord>& records, const CheckEntry& e,
                     const std::vector<int>& steps, const ElementCheck& x) {
  const int prec = std::max(4, x.decimals + 1);
  const std::string name = answerName(mine, e.node, e.quantity, x.row, x.col);
  const std::string head = name + " = " + writeNumber({x.written, x.decimals});
  const std::string redone = formatNumber(x.redone, prec);
  if (x.verdict == Verdict::CarriedOver)
    return head + " is carried over from " + stepLabel(x.blamedStep) + " (" +
           answerName(mine, x.blamedNode, x.blamedQuantity, x.blamedRow, x.blamedCol) + "): from your numbers, " +
           stepLabel(e.step) + " gives " + redone + ", as you wrote";
  if (x.blamedStep < 0 && e.step < 0) return head + " is not the given value " + formatNumber(x.exact, prec);
  if (!x.missingSteps.empty()) {
    const Node& n = mine.node(e.node);
    std::string left;
    for (int s : x.missingSteps) {
      const auto k = std::find(steps.begin(), steps.end(), s) - steps.begin();
      left += std::string(left.empty() ? "" : " and ") + "contribution " + std::to_string(k + 1) + " (" + stepLabel(s) + ")";
    }
    return head + " leaves out " + left + ": " + n.name + " feeds " + std::to_string(steps.size()) +
           " nodes, and its gradient is the sum of all their contributions, " + redone;
  }
  std::string s = head + " is wrong: from your numbers, " + stepLabel(e.step) + " gives " + redone + " (± " + approx(x.tolerance) + ")";
  if (std::fabs(x.written + x.redone) <= x.tolerance && std::fabs(x.redone) > x.tolerance) s += "; the sign is flipped";
  const Tensor& all = redoneTensor(records, e, steps);
  if (all.rows() > 1 && all.cols() > 1 && x.row != x.col && x.col < all.rows() && x.row < all.cols() &&
      std::fabs(x.written - all(x.col, x.row)) <= x.tolerance)
    s += "; that is the number for " + answerName(mine, e.node, e.quantity, x.col, x.row) + " (row and column swapped?)";
  return s;
}

}  // namespace

std::vector<std::string> explainEntry(const Graph& mine, const std::vector<StepRecord>& records, const CheckEntry& e,
                                      const std::vector<int>& steps) {
  std::vector<std::string> lines;
  int decimals = 0;
  for (const ElementCheck& x : e.elements) {
    decimals = std::max(decimals, x.decimals);
    if (x.verdict >= Verdict::CarriedOver) lines.push_back(describe(mine, records, e, steps, x));
  }
  if (steps.empty() || steps.front() < 0) return lines;
  TraceOptions o;
  o.precision = std::max(4, decimals + 1);
  for (int s : steps) {
    lines.push_back(stepLabel(s) + " with your numbers:");
    StepText t = traceStep(mine, records[size_t(s)], o);
    for (const std::string& l : t.lines) lines.push_back("  " + l);
    if (!t.formula.empty()) lines.push_back("  local derivative: " + t.formula);
  }
  return lines;
}

}  // namespace bs
