#include "check/checker.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <stdexcept>
#include <tuple>

#include "i18n/i18n.h"
#include "check/explanation.h"
#include "check/spread.h"
#include "core/stepper.h"

namespace bs {

using check::flat;
using check::Operand;
using check::Origins;

const char* verdictName(Verdict v) {
  switch (v) {
    case Verdict::Correct: return tr("correct");
    case Verdict::Rounding: return tr("rounding");
    case Verdict::CarriedOver: return tr("carried over");
    case Verdict::Wrong: return tr("wrong");
  }
  return "?";
}

std::string stepLabel(int step) { return step < 0 ? std::string(tr("the given value")) : fmt(tr("step {}"), step + 1); }

int CheckReport::count(Verdict v) const {
  int n = 0;
  for (const CheckEntry& e : entries)
    for (const ElementCheck& x : e.elements) n += x.verdict == v;
  return n;
}

const CheckEntry* CheckReport::entryFor(int node, Quantity q, Index r, Index c) const {
  for (const CheckEntry& e : entries)
    if (e.node == node && e.quantity == q)
      for (const ElementCheck& x : e.elements)
        if (x.row == r && x.col == c) return &e;
  return nullptr;
}

const ElementCheck* CheckReport::element(int node, Quantity q, Index r, Index c) const {
  if (const CheckEntry* e = entryFor(node, q, r, c))
    for (const ElementCheck& x : e->elements)
      if (x.row == r && x.col == c) return &x;
  return nullptr;
}

std::optional<Verdict> CheckReport::verdictOf(int node, Quantity q) const {
  std::optional<Verdict> worst;
  for (const CheckEntry& e : entries)
    if (e.node == node && e.quantity == q) worst = std::max(worst.value_or(Verdict::Correct), e.verdict);
  return worst;
}

namespace {

constexpr Index kMaxNumbers = 5000;  // hand calculations are small; the spread is quadratic

double halfUnit(int decimals) { return 0.5 * std::pow(10.0, -std::min(decimals, 300)); }
double slack(double v) { return 1e-9 * std::max(1.0, std::fabs(v)); }
bool sameNumber(double a, double b) { return std::fabs(a - b) <= slack(b); }
// Whether writing `v` with `d` decimals loses nothing (1, 2.8 and -0.35 need no rounding).
bool exactAt(double v, int d) {
  if (d > 15 || !std::isfinite(v)) return true;
  const double s = std::pow(10.0, d);
  return sameNumber(std::round(v * s) / s, v);
}

// One quantity (a node's value or gradient) as the student has it: what they wrote, or
// what follows from their numbers where they wrote nothing.
struct Quant {
  Tensor v, h;                // the numbers, and how far the student's own may be from them
  Tensor g;                   // how far rounding alone may take the student's numbers from the exact ones
  std::vector<Origins> from;  // per element: the mistakes it inherits
};

// One step redone: its result, how far that moves with the rounding of its operands, the
// Σ |upstream| over local derivatives that a student rounds (in units of h), and what
// each element inherits.
struct Redone {
  Tensor value, width, localUnits;
  std::vector<Origins> from;
  void add(const Redone& o) {
    value += o.value;
    width += o.width;
    localUnits += o.localUnits;
    for (size_t k = 0; k < from.size(); ++k) from[k].insert(o.from[k].begin(), o.from[k].end());
  }
};

// Each step is redone twice: from the student's numbers (`mine`, the local check) and from
// the exact ones with the rounding drift allowed so far (`exact`, the global check).
struct Part {
  int step;
  Redone mine, exact;
  std::vector<Tensor> operands;  // the student's, as the step's kernels take them (for the slips)
};
struct Pending {  // a gradient being summed over its contributions
  std::vector<Part> parts;
};

Redone redo(const check::StepFn& f, const std::vector<Operand>& ops, Shape shape) {
  Redone r;
  r.value = check::evaluate(f, ops, shape);
  check::Spread sp = check::spread(f, ops, r.value);
  r.width = sp.width;
  r.from = sp.from;
  r.localUnits = Tensor::Zero(shape.rows, shape.cols);
  return r;
}

// How many rounded results a step's number may carry: its own; for a sum of
// contributions, each contribution that rounding changes (summed exactly or not).
int roundings(const std::vector<Part>& parts, bool mine, Index r, Index c, int d, unsigned mask = ~0u) {
  if (parts.size() < 2) return 1;
  int n = 0;
  for (size_t k = 0; k < parts.size(); ++k)
    if (mask == ~0u || (k < 32 && (mask & (1u << k)))) n += !exactAt((mine ? parts[k].mine : parts[k].exact).value(r, c), d);
  return std::max(1, n);
}

class Checker {
 public:
  Checker(const Graph& g, const AnswerSheet& sheet, int precision)
      : precision_(precision), g_(g), sheet_(sheet), exact_(g), stepper_(exact_), val_(size_t(g.size())), grad_(size_t(g.size())),
        pending_(size_t(g.size())) {}

  CheckReport run() {
    stepper_.toEnd();
    if (const auto& f = stepper_.failure()) throw std::runtime_error(f->message);
    fits();
    assumed_ = assumedDecimals();
    mine_.assign(size_t(stepper_.size()), {});
    for (int i = 0; i < g_.size(); ++i)
      if (g_.node(i).isLeaf()) leaf(i);
    for (int s = 0; s < stepper_.size(); ++s) {
      const Step& st = stepper_.schedule()[size_t(s)];
      if (st.phase == Phase::Forward) forward(s, st);
      else backward(s, st);
    }
    return report();
  }

 private:
  const Tensor& exactOf(int node, Quantity q) const {
    return q == Quantity::Value ? exact_.node(node).value : exact_.node(node).grad;
  }

  // A sheet made for another graph (or before the graph was edited) is refused, not misread.
  void fits() const {
    for (const Answer& a : sheet_.answers()) {
      const bool ok = a.node >= 0 && a.node < g_.size() && shapeOf(a.value) == g_.node(a.node).shape &&
                      shapeOf(a.decimals) == g_.node(a.node).shape && shapeOf(a.line) == g_.node(a.node).shape &&
                      shapeOf(exactOf(a.node, a.quantity)) == g_.node(a.node).shape;
      if (!ok)
        throw std::invalid_argument("the answers do not fit this graph (answer " + std::to_string(a.node) +
                                    "); write them out with formatAnswers and read them again with parseAnswers");
    }
  }

  // Numbers the student did not write are taken as rounded like the coarsest number
  // they did write (whole numbers and numbers written exactly say nothing about it).
  int assumedDecimals() const {
    int d = -1;
    for (const Answer& a : sheet_.answers()) {
      const Tensor& ex = exactOf(a.node, a.quantity);
      for (Index k = 0; k < a.value.size(); ++k)
        if (a.decimals(k) > 0 && !sameNumber(a.value(k), ex(k))) d = d < 0 ? a.decimals(k) : std::min(d, a.decimals(k));
    }
    return d < 0 ? 4 : d;
  }

  int decimalsAt(int node, Quantity q, Index r, Index c) const {
    const Answer* a = sheet_.find(node, q);
    return a && a->written(r, c) ? a->decimals(r, c) : assumed_;
  }

  // A given value: exact unless the student wrote it differently.
  void leaf(int node) {
    const Tensor& ex = exactOf(node, Quantity::Value);
    Quant& q = val_[size_t(node)];
    q.v = ex;
    q.h = Tensor::Zero(ex.rows(), ex.cols());
    q.g = q.h;
    q.from.assign(size_t(ex.size()), {});
    const Answer* a = sheet_.find(node, Quantity::Value);
    if (!a) return;
    for (Index r = 0; r < ex.rows(); ++r)
      for (Index c = 0; c < ex.cols(); ++c) {
        if (!a->written(r, c)) continue;
        const double w = a->value(r, c), own = halfUnit(a->decimals(r, c));
        ElementCheck e = element(a, r, c, ex(r, c), ex(r, c), own);
        q.v(r, c) = w;
        q.h(r, c) = q.g(r, c) = sameNumber(w, ex(r, c)) ? 0 : own;
        if (std::fabs(w - ex(r, c)) > own + slack(ex(r, c))) {
          e.slips = findGivenSlips(exact_, node, r, c, w, own);
          blame(e, -1, node, Quantity::Value, q.from[flat(r, c, ex.cols())]);
        }
        checks_[{node, int(Quantity::Value), r, c}] = e;
      }
  }

  ElementCheck element(const Answer* a, Index r, Index c, double exact, double redone, double tolerance) const {
    ElementCheck e;
    e.row = r;
    e.col = c;
    e.written = a->value(r, c);
    e.decimals = a->decimals(r, c);
    e.text = a->textAt(r, c);
    e.exact = exact;
    e.redone = redone;
    e.tolerance = tolerance;
    return e;
  }

  // Marks `e` wrong at `step` and makes it the origin of what inherits it.
  void blame(ElementCheck& e, int step, int node, Quantity q, Origins& from) {
    e.verdict = Verdict::Wrong;
    e.blamedStep = step;
    e.origins = {{node, q, e.row, e.col, step}};
    mistakes_.push_back(e.origins[0]);
    from = {int(mistakes_.size()) - 1};
  }

  Operand operand(int node, Quantity q, bool mine) const {
    const Quant& x = (q == Quantity::Value ? val_ : grad_)[size_t(node)];
    if (mine) return {x.v, &x.h, &x.from};
    return {exactOf(node, q), &x.g, nullptr};
  }

  void forward(int s, const Step& st) {
    const Node& n = g_.node(st.node);
    const check::StepFn f = check::stepFunction(g_, st);
    std::vector<Operand> mine, exact;
    for (int in : n.inputs) {
      mine.push_back(operand(in, Quantity::Value, true));
      exact.push_back(operand(in, Quantity::Value, false));
    }
    Part p{s, redo(f, mine, n.shape), redo(f, exact, n.shape), {}};
    for (const Operand& o : mine) p.operands.push_back(o.value);
    mine_[size_t(s)].step = st;
    mine_[size_t(s)].result = p.mine.value;
    finish(st.node, Quantity::Value, s, p.mine, p.exact, {p});
  }

  // Operands of a backward step: dL/d(node), the node's inputs, the node's own value.
  std::vector<Operand> backwardOperands(const Node& n, int node, bool mine) const {
    std::vector<Operand> ops{operand(node, Quantity::Grad, mine)};
    for (int in : n.inputs) ops.push_back(operand(in, Quantity::Value, mine));
    ops.push_back(operand(node, Quantity::Value, mine));
    return ops;
  }

  void backward(int s, const Step& st) {
    const Shape ts = g_.node(st.target).shape;
    Part part{s, {}, {}, {}};
    if (st.isSeed()) {
      part.mine.value = Tensor::Ones(1, 1);
      part.mine.width = part.mine.localUnits = Tensor::Zero(1, 1);
      part.mine.from.assign(1, {});
      part.exact = part.mine;
    } else {
      const Node& n = g_.node(st.node);
      const check::StepFn f = check::stepFunction(g_, st);
      for (bool mine : {true, false}) {
        const std::vector<Operand> ops = backwardOperands(n, st.node, mine);
        Redone& r = mine ? part.mine : part.exact;
        r = redo(f, ops, ts);
        r.localUnits = roundedLocal(n, st, ops, ts);
        if (mine)
          for (const Operand& o : ops) part.operands.push_back(o.value);
      }
    }
    Pending& p = pending_[size_t(st.target)];
    StepRecord& rec = mine_[size_t(s)];
    rec.step = st;
    rec.result = part.mine.value;
    if (!p.parts.empty()) rec.gradBefore = sum(p.parts, true).value;
    p.parts.push_back(part);
    const Redone mine = sum(p.parts, true);
    rec.gradAfter = mine.value;
    if (st.contribution == st.contributions) finish(st.target, Quantity::Grad, s, mine, sum(p.parts, false), p.parts);
  }

  static Redone sum(const std::vector<Part>& parts, bool mine) {
    Redone r = mine ? parts[0].mine : parts[0].exact;
    for (size_t k = 1; k < parts.size(); ++k) r.add(mine ? parts[k].mine : parts[k].exact);
    return r;
  }

  // Elementwise steps multiply by a local derivative (σ'(y) = 0.2412) that a student may
  // round too: Σ |upstream| over the local derivatives that rounding changes.
  Tensor roundedLocal(const Node& n, const Step& st, const std::vector<Operand>& ops, Shape ts) const {
    Tensor units = Tensor::Zero(ts.rows, ts.cols);
    if (n.op->style != GradStyle::Elementwise || !n.op->d.local) return units;
    const Tensor& up = ops.front().value;
    std::vector<const Tensor*> ins;
    for (size_t k = 1; k + 1 < ops.size(); ++k) ins.push_back(&ops[k].value);
    Tensor loc;
    try {
      n.op->d.local(st.inputIndex, {ins, n.attrs}, ops.back().value, loc);
    } catch (const std::exception&) {
      return units;
    }
    auto fits = [](Index small, Index big) { return small == 1 || small == big; };
    if (!fits(up.rows(), loc.rows()) || !fits(up.cols(), loc.cols()) || !fits(ts.rows, loc.rows()) || !fits(ts.cols, loc.cols()))
      return units;
    for (Index r = 0; r < loc.rows(); ++r)
      for (Index c = 0; c < loc.cols(); ++c) {
        const Index tr = ts.rows == 1 ? 0 : r, tc = ts.cols == 1 ? 0 : c;
        if (!exactAt(loc(r, c), decimalsAt(st.target, Quantity::Grad, tr, tc))) units(tr, tc) += std::fabs(bcastAt(up, r, c));
      }
    return units;
  }

  // The quantity is complete: check what the student wrote of it, and keep their numbers.
  void finish(int node, Quantity q, int step, const Redone& mine, const Redone& exact, const std::vector<Part>& parts) {
    Quant& Q = (q == Quantity::Value ? val_ : grad_)[size_t(node)];
    const Tensor& ex = exactOf(node, q);
    Q.v = mine.value;
    Q.h = Tensor::Zero(ex.rows(), ex.cols());
    Q.g = Q.h;
    Q.from = mine.from;
    const Answer* a = sheet_.find(node, q);
    for (Index r = 0; r < ex.rows(); ++r)
      for (Index c = 0; c < ex.cols(); ++c) {
        const size_t k = flat(r, c, ex.cols());
        const int d = decimalsAt(node, q, r, c);
        const double h = halfUnit(d);
        const int n = roundings(parts, true, r, c, d), nExact = roundings(parts, false, r, c, d);
        const double tol = n * h + mine.width(r, c) + mine.localUnits(r, c) * h;
        Q.g(r, c) = nExact * h + exact.width(r, c) + exact.localUnits(r, c) * h;
        if (!a || !a->written(r, c)) {
          Q.h(r, c) = tol;
          continue;
        }
        const double w = a->value(r, c), redone = mine.value(r, c), off = std::fabs(w - ex(r, c));
        ElementCheck e = element(a, r, c, ex(r, c), redone, tol);
        const double gtol = Q.g(r, c);
        // Truncated: digits cut, not rounded (0.66 for 0.666). The number then stands for
        // [0.66, 0.67), whose middle is half a unit further from zero; redone from the
        // student's numbers, every rounding of the step may have been a cut too, a whole
        // unit instead of half.
        const bool cuttable = d >= 1 && !sameNumber(w, ex(r, c));
        auto cutOff = [&](double target) { return std::fabs(w + (w != 0 ? std::copysign(h, w) : std::copysign(h, target)) - target); };
        // Globally only the exact number itself cut: with the drift of rounding on top, a
        // number inherited from a mistake could pass for a cut one.
        const bool cutGlobal = cuttable && cutOff(ex(r, c)) <= h + slack(ex(r, c));
        const bool cutLocal = cuttable && cutOff(redone) <= tol + (n + mine.localUnits(r, c)) * h + slack(redone);
        const bool local = std::fabs(w - redone) <= tol + slack(redone);
        Q.v(r, c) = w;
        if (sameNumber(w, ex(r, c))) Q.h(r, c) = Q.g(r, c) = 0;  // written exactly: no rounding to carry on
        else Q.h(r, c) = h;
        if (off <= h + slack(ex(r, c))) {
          e.verdict = Verdict::Correct;
          Q.from[k].clear();
        } else if (off <= gtol + slack(ex(r, c)) || (local && Q.from[k].empty())) {
          e.verdict = Verdict::Rounding;  // drift that rounding explains, globally or step by step
          Q.from[k].clear();
        } else if (cutGlobal || (cutLocal && Q.from[k].empty())) {
          e.verdict = Verdict::Rounding;
          e.truncated = true;
          Q.from[k].clear();
        } else if (local || cutLocal) {
          // Right from their numbers, but those came from an earlier mistake.
          e.verdict = Verdict::CarriedOver;
          e.truncated = !local;
          for (int id : Q.from[k]) e.origins.push_back(mistakes_[size_t(id)]);
          std::stable_sort(e.origins.begin(), e.origins.end(), [](const Origin& x, const Origin& y) { return x.step < y.step; });
          e.blamedStep = e.origins.front().step;
        } else {
          e.missingSteps = missingParts(parts, r, c, w, d);
          e.slips = findSlips(exact_, slipSteps(parts), e.missingSteps, r, c, w, tol, (n + mine.localUnits(r, c)) * h);
          // Blamed on the step of the slip when the slips agree on one.
          int at = e.missingSteps.empty() ? step : e.missingSteps.front();
          if (!e.slips.empty() && std::all_of(e.slips.begin(), e.slips.end(), [&](const Slip& x) { return x.step == e.slips[0].step; }))
            at = e.slips[0].step;
          blame(e, at, node, q, Q.from[k]);
        }
        if (e.truncated) {  // later numbers are judged from it, allowing the whole unit it may have lost
          Q.h(r, c) = 2 * h;
          Q.g(r, c) += (nExact + exact.localUnits(r, c)) * h;
        }
        checks_[{node, int(q), r, c}] = e;
      }
  }

  std::vector<SlipStep> slipSteps(const std::vector<Part>& parts) const {
    std::vector<SlipStep> steps;
    for (const Part& p : parts) steps.push_back({p.step, stepper_.schedule()[size_t(p.step)], p.operands, p.mine.value});
    return steps;
  }

  // A gradient that is a sum of contributions, written as the sum of only some of them:
  // the steps of the ones left out (the most contributions that still match).
  static std::vector<int> missingParts(const std::vector<Part>& parts, Index r, Index c, double w, int d) {
    const int n = int(parts.size());
    if (n < 2 || n > 12) return {};
    const double h = halfUnit(d);
    unsigned best = 0;
    for (unsigned mask = 1; mask + 1 < (1u << n); ++mask) {
      double sum = 0, tol = roundings(parts, true, r, c, d, mask) * h;
      for (int k = 0; k < n; ++k)
        if (mask & (1u << k)) {
          const Redone& p = parts[size_t(k)].mine;
          sum += p.value(r, c);
          tol += p.width(r, c) + p.localUnits(r, c) * h;
        }
      if (std::fabs(w - sum) <= tol + slack(sum) && (!best || std::popcount(mask) > std::popcount(best))) best = mask;
    }
    std::vector<int> missing;
    if (best)
      for (int k = 0; k < n; ++k)
        if (!(best & (1u << k))) missing.push_back(parts[size_t(k)].step);
    return missing;
  }

  CheckReport report() {
    // The student's graph: their numbers where written, computed from theirs elsewhere.
    Graph mine = g_;
    for (int i = 0; i < g_.size(); ++i) {
      mine.node(i).value = val_[size_t(i)].v;
      mine.node(i).grad = grad_[size_t(i)].v;
    }
    std::vector<int> stepOfValue(size_t(g_.size()), -1), stepOfGrad(size_t(g_.size()), -1);
    std::vector<std::vector<int>> gradSteps(size_t(g_.size()));
    for (int s = 0; s < stepper_.size(); ++s) {
      const Step& st = stepper_.schedule()[size_t(s)];
      if (st.phase == Phase::Forward) stepOfValue[size_t(st.node)] = s;
      else {
        stepOfGrad[size_t(st.target)] = s;
        gradSteps[size_t(st.target)].push_back(s);
      }
    }
    CheckReport rep;
    rep.assumedDecimals = assumed_;
    auto add = [&](const Answer& a, Index r, Index c) {
      CheckEntry e;
      e.node = a.node;
      e.quantity = a.quantity;
      e.row = r;
      e.col = c;
      e.name = answerName(g_, a.node, a.quantity, r, c);
      e.step = a.quantity == Quantity::Value ? stepOfValue[size_t(a.node)] : stepOfGrad[size_t(a.node)];
      const Index rows = r < 0 ? a.value.rows() : 1, cols = r < 0 ? a.value.cols() : 1;
      e.written.resize(rows, cols);
      e.exact.resize(rows, cols);
      for (Index i = 0; i < rows; ++i)
        for (Index j = 0; j < cols; ++j) {
          const Index rr = r < 0 ? i : r, cc = r < 0 ? j : c;
          const ElementCheck& x = checks_.at({a.node, int(a.quantity), rr, cc});
          e.elements.push_back(x);
          e.written(i, j) = x.written;
          e.exact(i, j) = x.exact;
          e.line = e.line ? e.line : a.line(rr, cc);
          e.verdict = std::max(e.verdict, x.verdict);
        }
      for (Verdict v : {Verdict::Wrong, Verdict::CarriedOver})
        for (const ElementCheck& x : e.elements)
          if (e.blamedStep < 0 && x.verdict == v && x.blamedStep >= 0) e.blamedStep = x.blamedStep;
      if (e.verdict >= Verdict::CarriedOver) {
        const std::vector<int>& steps = a.quantity == Quantity::Value ? std::vector<int>{e.step} : gradSteps[size_t(a.node)];
        e.explanation = explainEntry(mine, mine_, e, steps, precision_);
      }
      for (const ElementCheck& x : e.elements)
        if (x.truncated) e.explanation.push_back(truncationNote(answerName(g_, a.node, a.quantity, x.row, x.col), x));
      rep.entries.push_back(std::move(e));
    };
    for (const Answer& a : sheet_.answers()) {
      if (a.complete()) {
        add(a, -1, -1);
        continue;
      }
      for (Index r = 0; r < a.value.rows(); ++r)
        for (Index c = 0; c < a.value.cols(); ++c)
          if (a.written(r, c)) add(a, r, c);
    }
    std::stable_sort(rep.entries.begin(), rep.entries.end(), [](const CheckEntry& x, const CheckEntry& y) {
      return std::tie(x.step, x.node, x.row, x.col) < std::tie(y.step, y.node, y.row, y.col);
    });
    return rep;
  }

  int precision_;  // the explanations' decimals
  const Graph& g_;
  const AnswerSheet& sheet_;
  Graph exact_;      // the exact values and gradients, once the stepper has run
  Stepper stepper_;  // over exact_
  std::vector<Quant> val_, grad_;
  std::vector<Pending> pending_;
  std::vector<Origin> mistakes_;  // every number found wrong; the ids in check::Origins index it
  std::vector<StepRecord> mine_;  // each step redone with the student's numbers
  std::map<std::tuple<int, int, Index, Index>, ElementCheck> checks_;
  int assumed_ = 4;
};

}  // namespace

CheckReport checkAnswers(const Graph& g, const AnswerSheet& sheet, int precision) {
  Index numbers = 0;
  for (const Node& n : g.nodes()) numbers += n.shape.size();
  if (numbers > kMaxNumbers)  // before the checker copies the graph
    throw std::invalid_argument("this graph has " + std::to_string(numbers) + " numbers; hand calculations can be checked on graphs of up to " +
                                std::to_string(kMaxNumbers));
  return Checker(g, sheet, precision).run();
}

}  // namespace bs
