// The op applications that test_op_kernels.cpp and reference/op_dump.cpp run: for every
// op, random inputs of several shapes inside the op's domain. A new op needs its
// cases here; both fail while it has none.
#pragma once
#include <random>
#include <string>
#include <vector>

#include "core/op.h"

namespace bs::testing {

// Labels appended as the last input of softmax_ce and hinge.
enum class Target { None, Indices, OneHot, Probabilities };
inline const char* targetName(Target t) {
  const char* names[] = {"", "indices", "onehot", "probabilities"};
  return names[int(t)];
}

// Uniform in [lo, hi], then negated half of the time if `randomSign` (values away from 0).
struct Range {
  double lo = -2, hi = 2;
  bool randomSign = false;
};

struct OpCase {
  std::string op;
  std::vector<Shape> shapes;
  std::vector<Range> ranges = {};  // per input; inputs past its end: [-2, 2]
  std::vector<double> attrs = {};  // empty: the op's defaults
  Target target = Target::None;

  std::string label() const {
    std::string s = op;
    // Appended piece by piece: `" " + str` warns falsely with GCC 12 (-Wrestrict).
    for (Shape sh : shapes) s.append(" ").append(sh.str());
    for (double a : attrs) s.append(" attr ").append(formatNumber(a, 4));
    if (target != Target::None) s.append(" ").append(targetName(target));
    return s;
  }
};

inline const std::vector<OpCase>& opCases() {
  static const std::vector<OpCase> cases = [] {
    std::vector<OpCase> v;
    // Equal shapes, a scalar either side, a column or a row against a matrix, and a
    // column against a row (both broadcast).
    const std::vector<std::vector<Shape>> pairs = {
        {{3, 2}, {3, 2}}, {{3, 2}, {1, 1}}, {{1, 1}, {2, 3}}, {{3, 4}, {3, 1}},
        {{1, 4}, {3, 4}}, {{3, 1}, {1, 4}}, {{1, 1}, {1, 1}}};
    const Range awayFromZero{0.5, 2, true}, positive{0.5, 2};
    for (const auto& p : pairs) {
      for (const char* op : {"add", "sub", "mul"}) v.push_back({op, p});
      v.push_back({"div", p, {{}, awayFromZero}});
      v.push_back({"pow", p, {positive, {}}});  // a real power needs a base > 0
    }
    const std::vector<Shape> elementShapes = {{3, 4}, {1, 1}, {2, 1}, {1, 5}};
    for (Shape s : elementShapes) {
      for (const char* op : {"neg", "exp", "square", "sigmoid", "tanh", "relu", "leaky_relu", "elu",
                             "sum", "mean", "sum_squares", "l1", "l2", "transpose"})
        v.push_back({op, {s}});
      v.push_back({"log", {s}, {{0.2, 3}}});
      v.push_back({"leaky_relu", {s}, {}, {0.1}});
      v.push_back({"elu", {s}, {}, {0.5}});
      v.push_back({"mse", {s, s}});
    }
    // Batches of columns: one sample per column.
    for (auto p : std::vector<std::vector<Shape>>{{{2, 3}, {3, 4}}, {{1, 3}, {3, 1}}, {{4, 1}, {1, 3}}, {{3, 5}, {5, 8}}})
      v.push_back({"matmul", p});
    for (auto p : std::vector<std::vector<Shape>>{{{2, 3}}, {{2, 3}, {1, 3}}, {{1, 2}, {3, 2}, {2, 2}}})
      v.push_back({"concat", p});
    for (Shape s : {Shape{4, 3}, Shape{5, 1}, Shape{1, 3}, Shape{3, 6}}) v.push_back({"softmax", {s}, {{-4, 4}}});
    for (Shape s : {Shape{3, 4}, Shape{5, 1}, Shape{2, 6}}) {
      for (Target t : {Target::Indices, Target::OneHot, Target::Probabilities}) v.push_back({"softmax_ce", {s}, {}, {}, t});
      for (Target t : {Target::Indices, Target::OneHot}) v.push_back({"hinge", {s}, {}, {}, t});
    }
    return v;
  }();
  return cases;
}

// The attrs an application uses: the case's, or the op's defaults.
inline std::vector<double> attrsOf(const OpDef& op, const OpCase& c) {
  if (!c.attrs.empty()) return c.attrs;
  std::vector<double> a;
  for (const AttrSpec& s : op.attrs) a.push_back(s.defaultValue);
  return a;
}

// Every number is a float, so that the float kernels see the same inputs as the double ones.
inline Tensor randomTensor(Shape s, std::mt19937& rng, Range r = {}) {
  std::uniform_real_distribution<double> u(r.lo, r.hi);
  std::bernoulli_distribution flip(0.5);
  Tensor t(s.rows, s.cols);
  for (Index i = 0; i < t.size(); ++i) t(i) = double(float((r.randomSign && flip(rng) ? -1 : 1) * u(rng)));
  return t;
}

// The inputs of one application: the random ones, then the target if the case has one
// (class indices as a 1 x B row, one-hot columns, or columns of probabilities).
inline std::vector<Tensor> makeInputs(const OpCase& c, std::mt19937& rng) {
  std::vector<Tensor> in;
  for (size_t i = 0; i < c.shapes.size(); ++i)
    in.push_back(randomTensor(c.shapes[i], rng, i < c.ranges.size() ? c.ranges[i] : Range{}));
  if (c.target == Target::None) return in;
  const Index K = c.shapes[0].rows, B = c.shapes[0].cols;
  std::uniform_int_distribution<int> cls(0, int(K) - 1);
  Tensor t = Tensor::Zero(c.target == Target::Indices ? 1 : K, B);
  for (Index b = 0; b < B; ++b) {
    if (c.target == Target::Indices) t(0, b) = cls(rng);
    else if (c.target == Target::OneHot) t(cls(rng), b) = 1;
    else {
      Tensor p = randomTensor({K, 1}, rng, {0.1, 1});
      t.col(b) = p / p.sum();
    }
  }
  in.push_back(t.cast<float>().cast<double>());
  return in;
}

}  // namespace bs::testing
