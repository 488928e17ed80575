// Every op's gradient against central finite differences in double precision, on
// random inputs of several shapes (broadcasting included).
#include "testing.h"

#include <cmath>
#include <random>
#include <set>

#include "core/executor.h"
#include "core/gradcheck.h"

using namespace bs;

namespace {

Tensor randomTensor(Shape s, std::mt19937& rng, double lo = -2, double hi = 2) {
  std::uniform_real_distribution<double> u(lo, hi);
  Tensor t(s.rows, s.cols);
  for (Index i = 0; i < t.size(); ++i) t(i) = u(rng);
  return t;
}

// L = sum(op(inputs) * R) with a random R, so every element of the Jacobian counts.
// `inputs` are (shape, low, high) of random params; `consts` are fixed extra inputs.
struct Case {
  std::string op;
  std::vector<Shape> shapes;
  std::vector<double> attrs = {};
  double lo = -2, hi = 2;
  std::vector<Tensor> constInputs = {};  // appended after the random inputs, no gradient
};

double checkCase(const Case& c, std::mt19937& rng) {
  Graph g;
  std::vector<int> ins;
  for (size_t i = 0; i < c.shapes.size(); ++i)
    ins.push_back(g.addLeaf("a" + std::to_string(i), NodeKind::Param, randomTensor(c.shapes[i], rng, c.lo, c.hi)));
  for (size_t i = 0; i < c.constInputs.size(); ++i)
    ins.push_back(g.addLeaf("c" + std::to_string(i), NodeKind::Const, c.constInputs[i]));
  int y = g.addOp("y", *findOp(c.op), ins, c.attrs);
  int r = g.addLeaf("R", NodeKind::Const, randomTensor(g.node(y).shape, rng));
  int p = g.addOp("p", *findOp("mul"), {y, r});
  int L = g.addOp("L", *findOp("sum"), {p});
  g.setOutput(L);
  return gradCheck(g).maxError;
}

Tensor indices(std::initializer_list<double> v) {
  Tensor t(1, Index(v.size()));
  Index i = 0;
  for (double x : v) t(0, i++) = x;
  return t;
}

}  // namespace

TEST_CASE("every op passes a finite-difference gradient check") {
  std::mt19937 rng(42);
  Tensor onehot = Tensor::Zero(3, 4);
  for (int c = 0; c < 4; ++c) onehot(c % 3, c) = 1;
  const std::vector<Case> cases = {
      {"add", {{3, 2}, {3, 2}}}, {"add", {{3, 2}, {1, 1}}}, {"add", {{3, 4}, {3, 1}}}, {"add", {{1, 4}, {3, 4}}},
      {"sub", {{2, 3}, {2, 3}}}, {"sub", {{1, 1}, {2, 2}}}, {"sub", {{3, 4}, {3, 1}}},
      {"mul", {{2, 3}, {2, 3}}}, {"mul", {{1, 1}, {4, 2}}}, {"mul", {{3, 4}, {1, 4}}},
      {"div", {{2, 3}, {2, 3}}, {}, 0.5, 2}, {"div", {{3, 2}, {1, 1}}, {}, 0.5, 2},
      {"pow", {{2, 3}, {2, 3}}, {}, 0.5, 2}, {"pow", {{3, 1}, {1, 1}}, {}, 0.5, 2},
      {"neg", {{3, 2}}}, {"exp", {{2, 2}}}, {"log", {{3, 2}}, {}, 0.2, 3}, {"square", {{2, 3}}},
      {"sum", {{3, 4}}}, {"mean", {{3, 4}}},
      {"matmul", {{2, 3}, {3, 4}}}, {"matmul", {{1, 3}, {3, 1}}}, {"matmul", {{4, 1}, {1, 3}}},
      {"transpose", {{2, 5}}}, {"concat", {{2, 3}, {1, 3}}}, {"concat", {{1, 2}, {3, 2}, {2, 2}}},
      {"sigmoid", {{3, 4}}}, {"tanh", {{3, 4}}}, {"relu", {{3, 4}}}, {"leaky_relu", {{3, 4}}, {0.1}},
      {"leaky_relu", {{2, 2}}}, {"elu", {{3, 4}}, {1.0}}, {"elu", {{3, 4}}, {0.5}}, {"softmax", {{4, 3}}},
      {"softmax", {{5, 1}}},
      {"sum_squares", {{3, 2}}}, {"l1", {{3, 3}}}, {"l2", {{2, 4}}},
      {"mse", {{3, 4}, {3, 4}}}, {"mse", {{1, 1}, {1, 1}}},
      {"softmax_ce", {{3, 4}}, {}, -2, 2, {onehot}}, {"softmax_ce", {{3, 4}}, {}, -2, 2, {indices({0, 2, 1, 1})}},
      {"hinge", {{3, 4}}, {}, -2, 2, {indices({0, 2, 1, 1})}}, {"hinge", {{3, 4}}, {}, -2, 2, {onehot}},
  };
  std::set<std::string> covered;
  for (const auto& c : cases) {
    std::string shapes;
    for (auto s : c.shapes) shapes += s.str() + " ";
    CAPTURE(c.op);
    CAPTURE(shapes);
    for (int trial = 0; trial < 3; ++trial) CHECK(checkCase(c, rng) < 1e-6);
    covered.insert(c.op);
  }
  for (const OpDef* op : allOps()) {
    INFO("op without a gradient check: " << op->name);
    CHECK(covered.count(op->name) == 1);
  }
}

TEST_CASE("every op record is complete") {
  for (const OpDef* op : allOps()) {
    CAPTURE(op->name);
    CHECK(!op->symbol.empty());
    CHECK(!op->formula.empty());
    CHECK(bool(op->shape));
    CHECK(bool(op->text));
    CHECK(bool(op->d.forward));
    CHECK(bool(op->d.vjp));
    CHECK(bool(op->f.forward));
    CHECK(bool(op->f.vjp));
    if (op->style == GradStyle::Elementwise) {
      CHECK(bool(op->d.local));
      CHECK(bool(op->localText));
    } else {
      CHECK(bool(op->gradText));
    }
  }
}

TEST_CASE("float kernels agree with double kernels") {
  std::mt19937 rng(7);
  Graph g;
  int x = g.addLeaf("x", NodeKind::Const, randomTensor({5, 4}, rng));
  int W = g.addLeaf("W", NodeKind::Param, randomTensor({3, 5}, rng));
  int b = g.addLeaf("b", NodeKind::Param, randomTensor({3, 1}, rng));
  int z = g.addOp("z", *findOp("matmul"), {W, x});
  int a = g.addOp("a", *findOp("add"), {z, b});
  int h = g.addOp("h", *findOp("sigmoid"), {a});
  int t = g.addLeaf("t", NodeKind::Const, indices({0, 1, 2, 1}));
  int L = g.addOp("L", *findOp("softmax_ce"), {h, t});
  g.setOutput(L);
  Executor<double> ed(g);
  Executor<float> ef(g);
  ed.forward();
  ed.backward();
  ef.forward();
  ef.backward();
  CHECK(std::fabs(ed.loss() - double(ef.loss())) < 1e-5);
  CHECK((ed.grad(W) - ef.grad(W).cast<double>()).cwiseAbs().maxCoeff() < 1e-5);
  CHECK((ed.grad(b) - ef.grad(b).cast<double>()).cwiseAbs().maxCoeff() < 1e-5);
  CHECK(ef.grad(x).isZero());  // data gets no gradient
}

TEST_CASE("shape errors name both nodes and both shapes") {
  Graph g;
  int W = g.addLeaf("W", NodeKind::Param, Tensor::Zero(2, 3));
  int x = g.addLeaf("x", NodeKind::Input, Tensor::Zero(4, 1));
  try {
    g.addOp("y", *findOp("matmul"), {W, x});
    FAIL("no error");
  } catch (const GraphError& e) {
    CHECK(std::string(e.what()) == "shape mismatch in 'y': `@` needs the columns of W (2x3) to equal the rows of x (4x1)");
  }
  int v = g.addLeaf("v", NodeKind::Input, Tensor::Zero(3, 1));
  CHECK_THROWS_WITH_AS(g.addOp("s", *findOp("add"), {x, v}), doctest::Contains("x (4x1) and v (3x1) differ"), GraphError);
  CHECK_THROWS_WITH_AS(g.setOutput(x), doctest::Contains("must be a scalar"), GraphError);
  CHECK_THROWS_AS(g.addLeaf("x", NodeKind::Input, Tensor::Zero(1, 1)), GraphError);
}

TEST_CASE("class indices out of range are refused") {
  Graph g;
  int z = g.addLeaf("z", NodeKind::Param, Tensor::Zero(3, 2));
  int t = g.addLeaf("t", NodeKind::Const, indices({0, 3}));
  g.setOutput(g.addOp("L", *findOp("softmax_ce"), {z, t}));
  Executor<double> ex(g);
  CHECK_THROWS_WITH(ex.forward(), doctest::Contains("class index 3 is not one of 0..2"));
}

TEST_CASE("numbers are written as on paper") {
  CHECK(formatNumber(0.69, 4) == "0.69");
  CHECK(formatNumber(-0.38, 4) == "-0.38");
  CHECK(formatNumber(1.0, 4) == "1");
  CHECK(formatNumber(0.66596, 4) == "0.666");
  CHECK(formatNumber(-0.000001, 4) == "-1.000e-06");
  CHECK(formatNumber(0.0, 4) == "0");
  Tensor v(2, 1);
  v << -0.38, 0.1;
  CHECK(formatTensor(v, 4) == "[-0.38, 0.1]");
  Tensor m(2, 2);
  m << 1, 2, 3, 4;
  CHECK(formatTensor(m, 4) == "[[1, 2], [3, 4]]");
  CHECK(elementName("y", {2, 1}, 1, 0) == "y2");
  CHECK(elementName("w0", {2, 1}, 1, 0) == "w0[2]");
  CHECK(elementName("W", {2, 3}, 1, 2) == "W23");
  CHECK(elementName("W", {2, 12}, 1, 11) == "W[2,12]");
  CHECK(elementName("y − t", {2, 1}, 1, 0) == "(y − t)[2]");
}

TEST_CASE("a NaN in a target makes every loss NaN, never a finite number") {
  const double nan = std::nan("");
  struct Target {
    const char* op;
    Tensor t;
  };
  Tensor oneHot = Tensor::Zero(3, 2);
  oneHot(0, 0) = 1;
  oneHot(1, 1) = nan;
  for (const Target& c : {Target{"mse", oneHot}, Target{"softmax_ce", oneHot}, Target{"softmax_ce", indices({0, nan})},
                          Target{"hinge", oneHot}, Target{"hinge", indices({nan, 1})}}) {
    CAPTURE(c.op);
    CAPTURE(c.t.rows());
    Graph g;
    const Tensor z = (Tensor(3, 2) << 0.5, -1, 2, 0.1, -0.3, 0.7).finished();
    const int zi = g.addLeaf("z", NodeKind::Param, c.t.rows() == 3 || std::string(c.op) != "mse" ? z : z.topRows(1));
    const int ti = g.addLeaf("t", NodeKind::Const, c.t);
    g.setOutput(g.addOp("L", *findOp(c.op), {zi, ti}));
    Executor<double> ex(g);
    ex.forward();
    CHECK(std::isnan(ex.loss()));
    ex.backward();
    CHECK(ex.grad(zi).hasNaN());
  }
}

namespace {
Graph oneInput(const std::string& op, Tensor x, std::vector<double> attrs = {}) {
  Graph g;
  const int xi = g.addLeaf("x", NodeKind::Input, std::move(x));
  g.setOutput(g.addOp("L", *findOp(op), {xi}, attrs));
  return g;
}
}  // namespace

TEST_CASE("gradcheck: an exact gradient of a large loss passes (rounding noise is not an error)") {
  Graph g;
  const int x = g.addLeaf("x", NodeKind::Input, Tensor::Constant(1, 1, 2));
  const int big = g.addLeaf("big", NodeKind::Const, Tensor::Constant(1, 1, 1e8));
  g.setOutput(g.addOp("L", *findOp("add"), {x, big}));
  const GradCheckResult r = gradCheck(g);
  CHECK(r.maxError <= 1e-6);
  CHECK(r.nodes.at(0).numeric(0, 0) == doctest::Approx(1).epsilon(1e-3));  // only rounding keeps it from 1
}

TEST_CASE("gradcheck: a loss that is not finite is said, not checked") {
  const GradCheckResult atStart = gradCheck(oneInput("log", Tensor::Constant(1, 1, -1)));
  CHECK(std::isnan(atStart.loss));
  CHECK(atStart.nodes.empty());
  // log(x) at x = 1e-6 with h = 1e-5: L(x − h) is log of a negative number.
  const GradCheckResult nearEdge = gradCheck(oneInput("log", Tensor::Constant(1, 1, 1e-6)));
  REQUIRE(nearEdge.nodes.size() == 1);
  CHECK(nearEdge.nodes[0].notFinite == std::optional<std::string>("x - h"));
}

TEST_CASE("gradcheck samples a big leaf evenly and reports how many it checked") {
  Graph g = oneInput("sum_squares", Tensor::Constant(100, 100, 0.5));
  GradCheckOptions o;
  long calls = 0, lastDone = 0, lastTotal = 0;
  o.progress = [&](long done, long total) { ++calls, lastDone = done, lastTotal = total; };
  const GradCheckResult r = gradCheck(g, o);
  REQUIRE(r.nodes.size() == 1);
  CHECK(r.nodes[0].checked == 2000);
  CHECK(r.maxError < 1e-6);
  CHECK(std::isnan(r.nodes[0].numeric(1, 0)));               // between two sampled elements
  CHECK(r.nodes[0].numeric(0, 0) == doctest::Approx(1.0));  // the first and the last are checked
  CHECK(r.nodes[0].numeric(99, 99) == doctest::Approx(1.0));
  CHECK(lastDone == 4000);
  CHECK(lastTotal == 4000);
  CHECK(calls > 1);
  o.maxElementsPerLeaf = 0;
  CHECK(gradCheck(g, o).nodes[0].checked == 10000);
}
