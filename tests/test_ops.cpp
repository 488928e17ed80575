// Every op's gradient against central finite differences in double precision, on
// random inputs of several shapes (broadcasting included).
#include "testing.h"

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
