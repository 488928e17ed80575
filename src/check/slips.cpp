#include "check/slips.h"

#include <algorithm>
#include <cmath>

#include "i18n/i18n.h"
#include "check/checker.h"
#include "check/spread.h"
#include "core/trace.h"

namespace bs {

namespace {

constexpr Index kMaxEntries = 64;  // operands searched entry by entry: hand calculations are small

double slack(double v) { return 1e-9 * std::max(1.0, std::fabs(v)); }
bool same(double a, double b) { return std::fabs(a - b) <= slack(b); }
std::string num(double v) { return formatNumber(v, 4); }

struct Entry {
  size_t operand;
  Index row, col;
};

// The slips of one step, each with the number that step gives with it.
class StepSlips {
 public:
  StepSlips(const Graph& g, const SlipStep& part, Index r, Index c)
      : g_(g), part_(part), n_(g.node(part.step.node)), f_(check::stepFunction(g, part.step)), r_(r), c_(c),
        base_(part.result(r, c)) {
    const StepRecord rec{part.step, part.result, {}, {}};
    formula_ = elementFormula(g, rec, r, c);
    if (formula_.empty()) formula_ = stepLabel(part.index);
    head_ = traceStep(g, rec).lines.front();
    for (size_t k = 0; k < part.operands.size(); ++k) {
      const Tensor& t = part.operands[k];
      if (t.size() > kMaxEntries) continue;
      for (Index i = 0; i < t.rows(); ++i)
        for (Index j = 0; j < t.cols(); ++j) {
          std::vector<Tensor> ops = part.operands;
          ops[k](i, j) += 1 + std::fabs(t(i, j));
          if (!same(at(ops), base_)) affecting_.push_back({k, i, j});
        }
    }
  }

  std::vector<Slip> all() {
    add(SlipKind::Sign, -base_, tr("a sign error"), "−(" + formula_ + ")");
    entries();
    transposed();
    swapped();
    if (backward() && n_.op->style == GradStyle::Elementwise && n_.op->d.local && n_.op->localText) local();
    if (n_.op->magnitudeOp) terms();
    return out_;
  }

 private:
  bool backward() const { return part_.step.phase == Phase::Backward; }
  size_t firstInput() const { return backward() ? 1 : 0; }

  // Element (r, c) of the step with `ops` as its operands, through the op's kernels.
  double at(const std::vector<Tensor>& ops) const { return check::evaluate(f_, ops, shapeOf(part_.result))(r_, c_); }
  double with(size_t k, Tensor t) const {
    std::vector<Tensor> ops = part_.operands;
    ops[k] = std::move(t);
    return at(ops);
  }
  double withEntry(const Entry& e, double v) const {
    Tensor t = part_.operands[e.operand];
    t(e.row, e.col) = v;
    return with(e.operand, t);
  }

  void add(SlipKind k, double v, const std::string& label, const std::string& text) {
    if (std::isfinite(v) && !same(v, base_)) out_.push_back({k, part_.index, v, label, text});
  }

  // Operand k's node: backward steps take dL/d(node) first and the node's value last.
  const Node& operandNode(size_t k) const {
    if (backward() && (k == 0 || k + 1 == part_.operands.size())) return n_;
    return g_.node(n_.inputs[k - firstInput()]);
  }
  bool isUpstream(size_t k) const { return backward() && k == 0; }
  std::string operandName(size_t k) const { return isUpstream(k) ? gradName(g_, n_.name) : operandNode(k).name; }
  std::string entryName(size_t k, Index i, Index j) const {
    const Node& n = operandNode(k);
    const std::string e = elementName(n.name, n.shape, i, j);
    return isUpstream(k) ? gradName(g_, e) : e;
  }
  // The name of operand k's element that the result's element (r, c) sees (broadcast).
  std::string seenName(size_t k) const {
    const Tensor& t = part_.operands[k];
    return entryName(k, t.rows() == 1 ? 0 : r_, t.cols() == 1 ? 0 : c_);
  }
  // Whether the step uses the operand transposed, as in dL/dx = Wᵀ · dL/dy.
  bool appearsTransposed(size_t k) const { return head_.find(operandText(operandName(k)) + "ᵀ") != std::string::npos; }
  std::string asWritten(size_t k) const { return operandName(k) + (appearsTransposed(k) ? "ᵀ" : ""); }

  // One entry read wrongly: with its sign flipped, or another entry of the same tensor
  // (the one at the transposed place first) in its place.
  void entries() {
    for (const Entry& e : affecting_) {
      const Tensor& t = part_.operands[e.operand];
      const double v = t(e.row, e.col);
      const std::string entry = entryName(e.operand, e.row, e.col);
      if (v != 0)
        add(SlipKind::EntrySign, withEntry(e, -v), fmt(tr("a sign error in {}"), asWritten(e.operand)),
            fmt(tr("{} with {} in place of {} = {}"), formula_, num(-v), entry, num(v)));
      std::vector<std::pair<Index, Index>> others;
      if (e.row != e.col && e.col < t.rows() && e.row < t.cols()) others.push_back({e.col, e.row});
      for (Index i = 0; i < t.rows(); ++i)
        for (Index j = 0; j < t.cols(); ++j) others.push_back({i, j});
      std::vector<double> tried{v};
      for (size_t o = 0; o < others.size(); ++o) {
        const auto [i, j] = others[o];
        const double w = t(i, j);
        if (std::any_of(tried.begin(), tried.end(), [&](double x) { return same(w, x); })) continue;
        tried.push_back(w);
        const bool transposedPlace = o == 0 && i == e.col && j == e.row;
        add(transposedPlace ? SlipKind::TransposedEntry : SlipKind::MisreadEntry, withEntry(e, w),
            fmt(transposedPlace ? tr("a transposed entry of {}") : tr("a misread entry of {}"), asWritten(e.operand)),
            fmt(tr("{} with {} ({}) in place of {} = {}"), formula_, num(w), entryName(e.operand, i, j), entry, num(v)));
      }
    }
  }

  // A matrix read the other way round: W for Wᵀ. Where the matrix is not square, the
  // rows of one stand for the columns of the other as far as both exist.
  void transposed() {
    for (size_t k = 0; k < part_.operands.size(); ++k) {
      const Tensor& a = part_.operands[k];
      if (a.rows() < 2 || a.cols() < 2 || a.size() > kMaxEntries) continue;
      Tensor t = Tensor::Constant(a.rows(), a.cols(), std::nan(""));
      for (Index i = 0; i < a.rows() && i < a.cols(); ++i)
        for (Index j = 0; j < a.cols() && j < a.rows(); ++j) t(i, j) = a(j, i);
      const std::string w = operandName(k);
      if (appearsTransposed(k))
        add(SlipKind::Transposed, with(k, t), fmt(tr("{} used for {}"), w, w + "ᵀ"), fmt(tr("the step with {} in place of {}"), w, w + "ᵀ"));
      else add(SlipKind::Transposed, with(k, t), fmt(tr("{} used for {}"), w + "ᵀ", w), fmt(tr("the step with {} in place of {}"), w + "ᵀ", w));
    }
  }

  void swapped() {
    const size_t a = firstInput(), b = a + 1;
    if (n_.inputs.size() != 2 || shapeOf(part_.operands[a]) != shapeOf(part_.operands[b])) return;
    std::vector<Tensor> ops = part_.operands;
    std::swap(ops[a], ops[b]);
    add(SlipKind::SwappedOperands, at(ops), tr("two operands swapped"), fmt(tr("{} with {} and {} swapped"), formula_, operandName(a), operandName(b)));
  }

  // The local derivative taken wrongly: the chain rule's upstream · local redone with
  // another local derivative, through the mul op's own vjp (∂(a·b)/∂a = b, summed over
  // a broadcast like every elementwise contribution).
  double chain(const Tensor& local) const {
    const Tensor& up = part_.operands.front();
    const Tensor target = Tensor::Zero(part_.result.rows(), part_.result.cols());
    const std::vector<const Tensor*> ins{&target, &local};
    Tensor g;
    try {
      findOp("mul")->d.vjp(0, {ins, {}}, local, up, g);
    } catch (const std::exception&) {
      return std::nan("");
    }
    return shapeOf(g) == shapeOf(part_.result) ? g(r_, c_) : std::nan("");
  }

  void local() {
    const int i = part_.step.inputIndex;
    const Tensor& up = part_.operands.front();
    const Tensor& out = part_.operands.back();
    std::vector<const Tensor*> ins;
    std::vector<Shape> shapes;
    std::vector<std::string> names;
    for (size_t k = 1; k + 1 < part_.operands.size(); ++k) {
      ins.push_back(&part_.operands[k]);
      shapes.push_back(shapeOf(part_.operands[k]));
      names.push_back(seenName(k));
    }
    Tensor loc;
    try {
      n_.op->d.local(i, {ins, n_.attrs}, out, loc);
    } catch (const std::exception&) {
      return;
    }
    const std::string upName = seenName(0), localName = n_.op->localText(i, names, n_.attrs);
    add(SlipKind::UpstreamOnly, chain(Tensor::Ones(loc.rows(), loc.cols())), tr("the local derivative left out"),
        fmt(tr("{} alone, without {}"), upName, localName));
    std::vector<Tensor> ops = part_.operands;
    ops.front() = Tensor::Ones(up.rows(), up.cols());
    add(SlipKind::LocalOnly, at(ops), tr("the upstream gradient left out"), fmt(tr("{} alone, without {}"), localName, upName));
    if (n_.op->localFactors)
      for (const LocalFactor& f : n_.op->localFactors(i, shapes))
        if (f.value != 1)
          add(SlipKind::MissingFactor, chain(loc / f.value), fmt(tr("the factor {} left out"), f.text.substr(0, f.text.find(" ="))),
              fmt(tr("{} without its factor {}"), upName + " · " + localName, f.text));
    if (n_.op->arity != 1 || shapes[0] != shapeOf(out)) return;
    // A unary elementwise op (an activation): its value, or its derivative at its output.
    const std::vector<std::string> x{"x"};
    Tensor value, atOut, locAtOut;
    const std::vector<const Tensor*> outIn{&out};
    try {
      n_.op->d.forward({ins, n_.attrs}, value);
      n_.op->d.forward({outIn, n_.attrs}, atOut);
      n_.op->d.local(0, {outIn, n_.attrs}, atOut, locAtOut);
    } catch (const std::exception&) {
      return;
    }
    add(SlipKind::ValueForDerivative, chain(value), fmt(tr("{} where {} belongs"), n_.op->text(x, n_.attrs), n_.op->localText(0, x, n_.attrs)),
        upName + " · " + n_.op->text(names, n_.attrs));
    const std::vector<std::string> outName{seenName(part_.operands.size() - 1)};
    add(SlipKind::DerivativeAtOutput, chain(locAtOut), fmt(tr("{} taken at the output instead of the input"), n_.op->localText(0, x, n_.attrs)),
        upName + " · " + n_.op->localText(0, outName, n_.attrs));
  }

  // One product of a sum wrong. The op's terms are products of operand entries (it has
  // a magnitudeOp), so an entry set to 0 drops the term it is in; two entries are in the
  // same term when dropping both drops no more than dropping one.
  void terms() {
    auto zeroed = [&](std::vector<Entry> es) {
      std::vector<Tensor> ops = part_.operands;
      for (const Entry& e : es) ops[e.operand](e.row, e.col) = 0;
      return at(ops);
    };
    std::vector<std::vector<Entry>> groups;
    std::vector<double> without;  // the result without each group's term
    for (const Entry& e : affecting_) {
      size_t gi = 0;
      while (gi < groups.size() && !same(zeroed({groups[gi][0], e}), without[gi])) ++gi;
      if (gi == groups.size()) {
        groups.push_back({});
        without.push_back(zeroed({e}));
      }
      groups[gi].push_back(e);
    }
    if (groups.size() < 2) return;
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      const double t = base_ - without[gi];
      if (same(t, 0)) continue;
      // The term named by its factors in the order the formula writes them.
      std::vector<std::pair<size_t, std::string>> factors;
      for (const Entry& e : groups[gi]) {
        const std::string name = entryName(e.operand, e.row, e.col);
        factors.push_back({formula_.find(name), name});
      }
      std::stable_sort(factors.begin(), factors.end());
      std::string term;
      for (const auto& f : factors) term += (term.empty() ? "" : "·") + f.second;
      add(SlipKind::TermWrong, without[gi], tr("one term of the sum left out"), fmt(tr("{} without {}"), formula_, term));
      add(SlipKind::TermWrong, base_ - 2 * t, tr("one term of the sum with its sign flipped"), fmt(tr("{} with the sign of {} flipped"), formula_, term));
      for (double m : {10.0, 0.1})
        add(SlipKind::TermWrong, base_ + (m - 1) * t, tr("one product of the sum with its decimal point moved"),
            fmt(tr("{} with {} = {} for {}"), formula_, term, num(m * t), num(t)));
    }
  }

  const Graph& g_;
  const SlipStep& part_;
  const Node& n_;
  check::StepFn f_;
  Index r_, c_;
  double base_;
  std::string formula_, head_;
  std::vector<Entry> affecting_;  // the operand entries element (r, c) depends on
  std::vector<Slip> out_;
};

// The same number for the same reason is named once: a factor's sign is the sign of
// its product (the whole result, or one term of a sum), reading a whole matrix
// transposed covers its transposed entries, and a local derivative that is only a
// factor (a mean's 1/n) is that factor left out.
void dropCovered(std::vector<Slip>& s) {
  auto covers = [](SlipKind by, SlipKind x) {
    return (x == SlipKind::EntrySign && (by == SlipKind::Sign || by == SlipKind::TermWrong)) ||
           (x == SlipKind::TransposedEntry && by == SlipKind::Transposed) || (x == SlipKind::UpstreamOnly && by == SlipKind::MissingFactor);
  };
  auto covered = [&](const Slip& x) {
    return std::any_of(s.begin(), s.end(), [&](const Slip& y) { return covers(y.kind, x.kind) && y.step == x.step && same(y.value, x.value); });
  };
  std::vector<Slip> kept;
  for (const Slip& x : s)
    if (!covered(x) && std::none_of(kept.begin(), kept.end(), [&](const Slip& y) { return y.label == x.label && y.text == x.text; }))
      kept.push_back(x);
  s = std::move(kept);
}

}  // namespace

std::vector<Slip> findSlips(const Graph& g, const std::vector<SlipStep>& parts, const std::vector<int>& missing, Index r, Index c,
                            double written, double tolerance, double closeTolerance) {
  double total = 0;
  for (const SlipStep& p : parts) total += p.result(r, c);
  std::vector<Slip> all;
  for (int s : missing) {
    const auto k = std::find_if(parts.begin(), parts.end(), [&](const SlipStep& p) { return p.index == s; }) - parts.begin();
    all.push_back({SlipKind::ForgottenContribution, s, written, tr("a forgotten fan-out contribution"),
                   fmt(tr("the sum without contribution {} ({})"), k + 1, stepLabel(s))});
  }
  for (size_t k = 0; k < parts.size(); ++k) {
    if (parts[k].step.isSeed()) continue;
    for (Slip s : StepSlips(g, parts[k], r, c).all()) {
      s.value += total - parts[k].result(r, c);  // the other contributions, as the student has them
      if (parts.size() > 1) s.text = fmt(tr("contribution {} ({}) as {}"), k + 1, stepLabel(parts[k].index), s.text);
      all.push_back(s);
    }
  }
  const Step& last = parts.back().step;
  if (parts.size() > 1) all.push_back({SlipKind::Sign, parts.back().index, -total, tr("a sign error"), tr("−(the sum of the contributions)")});
  // Row and column swapped: the number of the element at the transposed place.
  const Tensor& shape = parts.front().result;
  if (shape.rows() > 1 && shape.cols() > 1 && r != c && c < shape.rows() && r < shape.cols()) {
    double v = 0;
    for (const SlipStep& p : parts) v += p.result(c, r);
    const Node& n = g.node(last.phase == Phase::Forward ? last.node : last.target);
    const std::string name = elementName(n.name, n.shape, c, r);
    all.push_back({SlipKind::SwappedElement, parts.back().index, v, tr("row and column swapped"),
                   fmt(tr("the number for {}"), last.phase == Phase::Forward ? name : gradName(g, name))});
  }
  // The slips that give the number as written from the student's own numbers come first;
  // the wider tolerance (numbers they may have had more digits of) only when none does.
  std::vector<Slip> found;
  for (double tol : {closeTolerance, tolerance}) {
    for (const Slip& s : all)
      if (std::fabs(s.value - written) <= tol + slack(written)) found.push_back(s);
    dropCovered(found);
    if (!found.empty()) break;
  }
  if (found.size() > 2) return {};
  return found;
}

std::vector<Slip> findGivenSlips(const Graph& g, int node, Index r, Index c, double written, double tolerance) {
  const Node& n = g.node(node);
  const double v = n.value(r, c);
  if (v == 0 || std::fabs(written + v) > tolerance + slack(v)) return {};
  return {{SlipKind::Sign, -1, -v, tr("a sign error"), fmt(tr("the given {} = {} with its sign flipped"), elementName(n.name, n.shape, r, c), num(v))}};
}

}  // namespace bs
