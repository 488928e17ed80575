// Every number of exercises 1a-1d and 2 of the course (the README lists them), from the built-in examples.
#include "testing.h"

#include "core/executor.h"
#include "core/stepper.h"
#include "core/trace.h"
#include "lang/parser.h"

using namespace bs;

namespace {
double val(const Graph& g, const char* n) { return g.node(*g.find(n)).value(0, 0); }
double grad(const Graph& g, const char* n) { return g.node(*g.find(n)).grad(0, 0); }

struct Ex1 {
  const char* file;
  double f, df, dw0, dx0, dw1, dx1, db;
};
}  // namespace

TEST_CASE("exercise 1a-1d: forward values, f'(s) and every gradient") {
  const Ex1 rows[] = {
      {"ex1a", 0.6660, 0.2225, 0.6229, 0.3226, -0.4004, -0.0779, 0.2225},
      {"ex1b", 0.5980, 0.6424, 1.7988, 0.9315, -1.1564, -0.2248, 0.6424},
      {"ex1c", 0.69, 1, 2.8, 1.45, -1.8, -0.35, 1},
      {"ex1d", 0.69, 1, 2.8, 1.45, -1.8, -0.35, 1},
  };
  for (const auto& e : rows) {
    const std::string file = e.file;
    CAPTURE(file);
    Graph g = loadGraph(e.file);
    runPasses(g);
    CHECK_ROUNDS(val(g, "p0"), 4.06);
    CHECK_ROUNDS(val(g, "p1"), 0.63);
    CHECK_ROUNDS(val(g, "q"), 4.69);
    CHECK_ROUNDS(val(g, "s"), 0.69);
    CHECK_ROUNDS(val(g, "f"), e.f);
    CHECK(grad(g, "f") == 1.0);  // df/df = 1
    CHECK_ROUNDS(grad(g, "s"), e.df);  // f'(s)
    CHECK_ROUNDS(grad(g, "w0"), e.dw0);
    CHECK_ROUNDS(grad(g, "x0"), e.dx0);
    CHECK_ROUNDS(grad(g, "w1"), e.dw1);
    CHECK_ROUNDS(grad(g, "x1"), e.dx1);
    CHECK_ROUNDS(grad(g, "b"), e.db);
    // "+" passes the upstream gradient unchanged to both inputs.
    CHECK(grad(g, "q") == grad(g, "s"));
    CHECK(grad(g, "p0") == grad(g, "s"));
    CHECK(grad(g, "p1") == grad(g, "s"));
  }
}

TEST_CASE("exercise 2: the vector graph, forward and backward") {
  Graph g = loadGraph("ex2");
  runPasses(g);
  auto node = [&](const char* n) -> const Node& { return g.node(*g.find(n)); };
  checkTensorRounds(node("y").value, {-0.38, 0.1}, "y");
  checkTensorRounds(node("z").value, {0.4061, 0.5250}, "z");
  CHECK_ROUNDS(node("L").value(0, 0), 0.4405);
  checkTensorRounds(node("z").grad, {0.8123, 1.0500}, "dL/dz");
  checkTensorRounds(node("y").grad, {0.1959, 0.2618}, "dL/dy");
  checkTensorRounds(node("x").grad, {-1.0455, -0.1701, 0.3133}, "dL/dx");
  checkTensorRounds(node("W").grad, {0.1959, -0.6073, 0.2939, 0.2618, -0.8117, 0.3928}, "dL/dW");

  // sigma'(y) is the local derivative of the sigmoid node.
  const Node& z = node("z");
  std::vector<const Tensor*> ins{&node("y").value};
  Tensor loc;
  z.op->d.local(0, {ins, z.attrs}, z.value, loc);
  checkTensorRounds(loc, {0.2412, 0.2494}, "sigma'(y)");
}

TEST_CASE("exercise 2: the trace writes the chain rule with the numbers") {
  Graph g = loadGraph("ex2");
  Stepper s(g);
  s.toEnd();
  std::vector<std::string> all;
  for (const auto& r : s.records())
    for (auto& l : traceStep(g, r).lines) all.push_back(l);
  auto has = [&](const std::string& line) {
    INFO("missing line: " << line);
    CHECK(std::find(all.begin(), all.end(), line) != all.end());
  };
  has("y = [-0.38, 0.1]");
  has("  z1 = σ(y1) = σ(-0.38) = 0.4061");
  has("L = Σ z² = z1² + z2² = 0.4061² + 0.525² = 0.1649 + 0.2756 = 0.4405");
  has("  dL/dz1 = dL/dL · 2·z1 = 1 · 2·0.4061 = 1 · 0.8123 = 0.8123");
  has("  dL/dy1 = dL/dz1 · σ'(y1) = dL/dz1 · σ(y1)(1 − σ(y1)) = 0.8123 · 0.4061 · 0.5939 = 0.8123 · 0.2412 = 0.1959");
  has("  dL/dy2 = dL/dz2 · σ'(y2) = dL/dz2 · σ(y2)(1 − σ(y2)) = 1.05 · 0.525 · 0.475 = 1.05 · 0.2494 = 0.2618");
  has("dL/dx = [-1.0455, -0.1701, 0.3133]");
  has("dL/dW = [[0.1959, -0.6073, 0.2939], [0.2618, -0.8117, 0.3928]]");
}

TEST_CASE("exercise 1a: the trace of the neuron") {
  Graph g = loadGraph("ex1a");
  Stepper s(g);
  s.toEnd();
  std::vector<std::string> all;
  for (const auto& r : s.records())
    for (auto& l : traceStep(g, r).lines) all.push_back(l);
  for (const char* line : {"p0 = w0 · x0 = 1.45 · 2.8 = 4.06", "p1 = w1 · x1 = (-0.35) · (-1.8) = 0.63",
                           "s = q + b = 4.69 + (-4) = 0.69", "f = σ(s) = σ(0.69) = 0.666", "df/df = 1",
                           "df/ds = df/df · σ'(s) = df/df · σ(s)(1 − σ(s)) = 1 · 0.666 · 0.334 = 1 · 0.2225 = 0.2225", "df/db = df/ds = 0.2225",
                           "df/dw0 = df/dp0 · x0 = 0.2225 · 2.8 = 0.6229", "df/dx1 = df/dp1 · w1 = 0.2225 · (-0.35) = -0.0779"}) {
    INFO("missing line: " << line);
    CHECK(std::find(all.begin(), all.end(), line) != all.end());
  }
}
