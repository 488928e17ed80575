#include "check/explanation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "i18n/i18n.h"
#include "core/trace.h"

namespace bs {

namespace {

std::string approx(double tol) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g", tol);
  return buf;
}

// One wrong number: the slips it matches, and what it should be from the student's own numbers.
std::string describeWrong(const Graph& mine, const CheckEntry& e, const std::vector<int>& steps, const ElementCheck& x, int precision) {
  const int prec = std::max(precision, x.decimals + 1);
  const std::string name = answerName(mine, e.node, e.quantity, x.row, x.col);
  const std::string head = name + " = " + writeNumber({x.written, x.decimals, x.text});
  const std::string redone = formatNumber(x.redone, prec);
  if (e.step < 0)
    return fmt(tr("{} is not the given value {}"), head, formatNumber(x.exact, prec)) + (x.slips.empty() ? "" : " (" + x.slips[0].label + ")");
  std::string also;  // the slips it matches, beyond a forgotten contribution
  for (const Slip& slip : x.slips)
    if (slip.kind != SlipKind::ForgottenContribution) also += std::string(also.empty() ? "" : tr(", or ")) + slip.text + " (" + slip.label + ")";
  if (!x.missingSteps.empty()) {
    const Node& n = mine.node(e.node);
    std::string left;
    for (int s : x.missingSteps) {
      const auto k = std::find(steps.begin(), steps.end(), s) - steps.begin();
      left += std::string(left.empty() ? "" : tr(" and ")) + fmt(tr("contribution {} ({})"), k + 1, stepLabel(s));
    }
    return fmt(tr("{} leaves out {}: {} feeds {} nodes, and its gradient is the sum of all their contributions, {}"), head, left, n.name,
               steps.size(), redone) +
           (also.empty() ? "" : fmt(tr("; it also matches {}"), also));
  }
  if (!also.empty())
    return fmt(x.slips.size() == 1 ? tr("{} matches {}; without that slip, {} gives {} from your numbers")
                                   : tr("{} matches {}; without either slip, {} gives {} from your numbers"),
               head, also, stepLabel(e.step), redone);
  return fmt(tr("{} is wrong: from your numbers, {} gives {} (± {})"), head, stepLabel(e.step), redone, approx(x.tolerance));
}

// The carried-over numbers of an entry, in one line: what they inherit, from which steps.
std::string describeCarried(const Graph& mine, const CheckEntry& e, const std::vector<const ElementCheck*>& carried) {
  std::string what;
  if (carried.size() == e.elements.size()) {
    what = e.name;
  } else {
    for (const ElementCheck* x : carried) what += (what.empty() ? "" : ", ") + answerName(mine, e.node, e.quantity, x->row, x->col);
  }
  std::vector<Origin> origins;
  for (const ElementCheck* x : carried)
    for (const Origin& o : x->origins)
      if (std::none_of(origins.begin(), origins.end(), [&](const Origin& p) {
            return p.node == o.node && p.quantity == o.quantity && p.row == o.row && p.col == o.col;
          }))
        origins.push_back(o);
  std::stable_sort(origins.begin(), origins.end(), [](const Origin& a, const Origin& b) { return a.step < b.step; });
  std::string from;
  for (size_t i = 0; i < origins.size(); ++i) {
    const bool newStep = i == 0 || origins[i].step != origins[i - 1].step;
    if (newStep) from += std::string(i ? "), " : "") + stepLabel(origins[i].step) + " (";
    else from += ", ";
    from += answerName(mine, origins[i].node, origins[i].quantity, origins[i].row, origins[i].col);
  }
  const bool one = carried.size() == 1 || carried.size() == e.elements.size();
  return fmt(one ? tr("{} is carried over from {}): {} is right with your numbers") : tr("{} are carried over from {}): {} is right with your numbers"),
             what, from, stepLabel(e.step));
}

}  // namespace

std::string truncationNote(const std::string& name, const ElementCheck& x) {
  const std::string w = writeNumber({x.written, x.decimals, x.text});
  // Cut from the exact number, or else from the one redone from the student's numbers.
  const double scale = std::pow(10.0, x.decimals), from = std::trunc(x.exact * scale) / scale == x.written ? x.exact : x.redone;
  return name + " = " + w + ": " +
         fmt(trn("the digits of {0} cut after {1} decimal, not rounded ({2}); counted as rounding, and the numbers computed from {3} are judged from it",
                 "the digits of {0} cut after {1} decimals, not rounded ({2}); counted as rounding, and the numbers computed from {3} are judged from it",
                 (unsigned long)x.decimals),
             formatNumber(from, std::max(4, x.decimals + 2)), x.decimals, writeNumber({from, x.decimals}), w);
}

std::vector<std::string> explainEntry(const Graph& mine, const std::vector<StepRecord>& records, const CheckEntry& e,
                                      const std::vector<int>& steps, int precision) {
  std::vector<std::string> lines;
  int decimals = 0;
  std::vector<const ElementCheck*> carried;
  for (const ElementCheck& x : e.elements) {
    decimals = std::max(decimals, x.decimals);
    if (x.verdict == Verdict::Wrong) {
      lines.push_back(describeWrong(mine, e, steps, x, precision));
      // That element's own arithmetic, from the student's numbers: which product went wrong.
      if (steps.size() == 1 && steps[0] >= 0 && x.missingSteps.empty() && records[size_t(steps[0])].result.size() > 1) {
        TraceOptions o;
        o.precision = std::max(precision, x.decimals + 1);
        lines.push_back("  " + traceElement(mine, records[size_t(steps[0])], x.row, x.col, o));
      }
    }
    if (x.verdict == Verdict::CarriedOver) carried.push_back(&x);
  }
  if (!carried.empty()) lines.push_back(describeCarried(mine, e, carried));
  if (steps.empty() || steps.front() < 0) return lines;
  TraceOptions o;
  o.precision = std::max(precision, decimals + 1);
  for (int s : steps) {
    lines.push_back(fmt(tr("{} with your numbers:"), stepLabel(s)));
    StepText t = traceStep(mine, records[size_t(s)], o);
    for (const std::string& l : t.lines) lines.push_back("  " + l);
    if (!t.formula.empty()) lines.push_back(std::string("  ") + tr("local derivative:") + " " + tr(t.formula));
  }
  return lines;
}

}  // namespace bs
