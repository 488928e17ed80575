// A simulated student for the checker's tests: works a graph on paper, every number
// rounded (or truncated) to a number of decimals, each step from their own numbers; a
// `slip` changes one step's result the way a mistake would. And helpers that compare a
// report's flagged numbers with the ones expected.
#pragma once
#include "testing.h"

#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "check/answer_sheet.h"
#include "check/checker.h"
#include "core/stepper.h"

namespace bs::testing {

inline double roundTo(double v, int d) {
  const double s = std::pow(10.0, d);
  return std::round(v * s) / s;
}
inline Tensor roundTo(const Tensor& t, int d) { return t.unaryExpr([d](double v) { return roundTo(v, d); }); }

// Digits cut after `d` decimals (0.6660 -> 0.66), as some students write numbers.
inline double truncateTo(double v, int d) {
  const double s = std::pow(10.0, d);
  return std::trunc(v * s + (v < 0 ? -1e-9 : 1e-9)) / s;  // 0.63 stays 0.63 despite its binary digits
}

// A student working on paper: every number rounded (or truncated) to `decimals`, each
// step computed from their own numbers, local derivatives (σ'(y) = 0.241) rounded too.
// `slip` changes one step's result the way a mistake would.
class Student {
 public:
  Student(const Graph& g, int decimals) : g_(g), d_(decimals), vals_(size_t(g.size())), grads_(size_t(g.size())) {}
  std::function<void(int step, Tensor& result)> slip;
  bool truncate = false;  // cut digits instead of rounding

  AnswerSheet work() {
    Graph copy = g_;
    Stepper s(copy);
    for (int i = 0; i < g_.size(); ++i) {
      vals_[size_t(i)] = g_.node(i).value;
      grads_[size_t(i)].resize(0, 0);
    }
    for (int k = 0; k < s.size(); ++k) {
      const Step& st = s.schedule()[size_t(k)];
      Tensor r = st.phase == Phase::Forward ? forward(st) : backward(st);
      r = written(r);
      if (slip) slip(k, r);
      if (st.phase == Phase::Forward) vals_[size_t(st.node)] = r;
      else if (grads_[size_t(st.target)].size() == 0) grads_[size_t(st.target)] = r;
      else grads_[size_t(st.target)] = written(grads_[size_t(st.target)] + r);
    }
    AnswerSheet sheet;
    for (int i = 0; i < g_.size(); ++i) {
      if (!g_.node(i).isLeaf()) write(sheet, i, Quantity::Value, vals_[size_t(i)]);
      if (grads_[size_t(i)].size()) write(sheet, i, Quantity::Grad, grads_[size_t(i)]);
    }
    return sheet;
  }

  const Tensor& value(const std::string& n) const { return vals_[size_t(*g_.find(n))]; }
  const Tensor& grad(const std::string& n) const { return grads_[size_t(*g_.find(n))]; }

 private:
  Tensor written(const Tensor& t) const {
    return t.unaryExpr([this](double v) { return truncate ? truncateTo(v, d_) : roundTo(v, d_); });
  }
  std::vector<const Tensor*> inputs(const Node& n) const {
    std::vector<const Tensor*> v;
    for (int in : n.inputs) v.push_back(&vals_[size_t(in)]);
    return v;
  }
  Tensor forward(const Step& st) const {
    const Node& n = g_.node(st.node);
    Tensor out;
    n.op->d.forward({inputs(n), n.attrs}, out);
    return out;
  }
  Tensor backward(const Step& st) const {
    if (st.isSeed()) return Tensor::Ones(1, 1);
    const Node& n = g_.node(st.node);
    const Tensor& up = grads_[size_t(st.node)];
    Tensor out;
    if (n.op->style == GradStyle::Elementwise && n.op->d.local) {
      Tensor loc;
      n.op->d.local(st.inputIndex, {inputs(n), n.attrs}, vals_[size_t(st.node)], loc);
      loc = written(loc);
      Tensor prod(loc.rows(), loc.cols());
      for (Index c = 0; c < loc.cols(); ++c)
        for (Index r = 0; r < loc.rows(); ++r) prod(r, c) = bcastAt(up, r, c) * loc(r, c);
      reduceTo(prod, g_.node(st.target).shape, out);
    } else {
      n.op->d.vjp(st.inputIndex, {inputs(n), n.attrs}, vals_[size_t(st.node)], up, out);
    }
    return out;
  }
  void write(AnswerSheet& sheet, int node, Quantity q, const Tensor& t) const {
    for (Index r = 0; r < t.rows(); ++r)
      for (Index c = 0; c < t.cols(); ++c) sheet.set(g_, node, q, r, c, {t(r, c), d_});
  }

  const Graph& g_;
  int d_;
  std::vector<Tensor> vals_, grads_;
};

// The exact numbers rounded (or truncated) to `decimals`, every value and gradient.
inline AnswerSheet exactSheet(const Graph& g, int decimals, bool truncate = false) {
  auto w = [&](double v) { return truncate ? truncateTo(v, decimals) : roundTo(v, decimals); };
  Graph copy = g;
  Stepper s(copy);
  s.toEnd();
  AnswerSheet sheet;
  for (int i = 0; i < g.size(); ++i) {
    const Node& n = copy.node(i);
    for (Index r = 0; r < n.shape.rows; ++r)
      for (Index c = 0; c < n.shape.cols; ++c) {
        if (!n.isLeaf()) sheet.set(g, i, Quantity::Value, r, c, {w(n.value(r, c)), decimals});
        if (n.grad.size()) sheet.set(g, i, Quantity::Grad, r, c, {w(n.grad(r, c)), decimals});
      }
  }
  return sheet;
}

inline int forwardStep(const Graph& g, const std::string& node) {
  Graph copy = g;
  Stepper s(copy);
  for (int k = 0; k < s.forwardCount(); ++k)
    if (s.schedule()[size_t(k)].node == *g.find(node)) return k;
  FAIL("no forward step for " << node);
  return -1;
}

// Contribution `k` (from 1) to the gradient of `node`; k = 0: the last one.
inline int gradStep(const Graph& g, const std::string& node, int k = 0) {
  Graph copy = g;
  Stepper s(copy);
  int last = -1;
  for (int i = s.forwardCount(); i < s.size(); ++i) {
    const Step& st = s.schedule()[size_t(i)];
    if (st.target != *g.find(node)) continue;
    if (st.contribution == k) return i;
    last = i;
  }
  REQUIRE(k == 0);
  return last;
}

// Every element name of a node's value or gradient ("dL/dW12", ...).
inline std::vector<std::string> elements(const Graph& g, const std::string& node, Quantity q) {
  const Node& n = g.node(*g.find(node));
  std::vector<std::string> v;
  for (Index r = 0; r < n.shape.rows; ++r)
    for (Index c = 0; c < n.shape.cols; ++c) v.push_back(answerName(g, *g.find(node), q, r, c));
  return v;
}

struct Flag {
  Verdict verdict;
  int blamedStep;
  bool operator==(const Flag&) const = default;
};
inline std::ostream& operator<<(std::ostream& o, const Flag& f) { return o << verdictName(f.verdict) << " at step index " << f.blamedStep; }

// Every flagged number (wrong or carried over) of the report, by its name.
inline std::map<std::string, Flag> flagged(const Graph& g, const CheckReport& rep) {
  std::map<std::string, Flag> m;
  for (const CheckEntry& e : rep.entries)
    for (const ElementCheck& x : e.elements)
      if (x.verdict >= Verdict::CarriedOver) m[answerName(g, e.node, e.quantity, x.row, x.col)] = {x.verdict, x.blamedStep};
  return m;
}

// Checks the report flags exactly `expected`, and nothing else.
inline void expectFlags(const Graph& g, const CheckReport& rep, const std::map<std::string, Flag>& expected) {
  const auto got = flagged(g, rep);
  for (const auto& [name, flag] : expected) {
    INFO(name << " should be " << flag);
    auto it = got.find(name);
    REQUIRE(it != got.end());
    CHECK(it->second == flag);
  }
  for (const auto& [name, flag] : got) {
    INFO(name << " is flagged " << flag << " but should not be");
    CHECK(expected.count(name) == 1);
  }
}

inline void addAll(std::map<std::string, Flag>& m, const std::vector<std::string>& names, Flag f) {
  for (const auto& n : names) m[n] = f;
}

}  // namespace bs::testing
