// The Stepper: schedule, cursor moves, fan-out contributions, recomputation.
#include "testing.h"

#include <set>

#include "core/executor.h"
#include "core/stepper.h"
#include "core/trace.h"
#include "lang/parser.h"

using namespace bs;

namespace {
int id(const Graph& g, const char* n) { return *g.find(n); }

void checkSameRecords(const std::vector<StepRecord>& a, const std::vector<StepRecord>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CAPTURE(i);
    CHECK(a[i].step.node == b[i].step.node);
    CHECK(a[i].step.target == b[i].step.target);
    CHECK(a[i].result == b[i].result);  // bit for bit
    CHECK(a[i].gradAfter == b[i].gradAfter);
  }
}
}  // namespace

TEST_CASE("schedule: one forward step per op node, then the seed and one step per gradient edge") {
  Graph g = loadGraph("ex1a");
  Stepper s(g);
  CHECK(s.forwardCount() == 5);                 // p0 p1 q s f
  CHECK(s.size() == 5 + 1 + 9);                 // seed + 9 edges
  CHECK(s.schedule()[5].isSeed());
  for (int i = 0; i < s.forwardCount(); ++i) CHECK(s.schedule()[size_t(i)].phase == Phase::Forward);
  // Backward goes from the output towards the leaves: the first edge is f -> s.
  CHECK(s.schedule()[6].node == id(g, "f"));
  CHECK(s.schedule()[6].target == id(g, "s"));
}

TEST_CASE("forward to the end, back to the start and forward again gives identical records") {
  Graph g = loadGraph("ex2");
  Stepper s(g);
  while (!s.atEnd()) s.stepForward();
  const std::vector<StepRecord> first = s.records();
  s.stepForward();  // no-op at the end
  CHECK(s.cursor() == s.size());
  while (!s.atStart()) s.stepBack();
  CHECK(s.records().empty());
  CHECK(g.node(id(g, "z")).value.size() == 0);  // nothing computed at the start
  s.stepBack();  // no-op at the start
  CHECK(s.cursor() == 0);
  s.toEnd();
  checkSameRecords(first, s.records());
  s.goTo(3);
  checkSameRecords(std::vector<StepRecord>(first.begin(), first.begin() + 3), s.records());
  s.goTo(1000);
  CHECK(s.atEnd());
  s.goTo(-5);
  CHECK(s.atStart());
}

TEST_CASE("stepping matches a whole pass of the executor") {
  for (const char* ex : {"ex1a", "ex1b", "ex2", "fanout", "xor"}) {
    const std::string name = ex;
    CAPTURE(name);
    Graph stepped = loadGraph(ex), whole = loadGraph(ex);
    Stepper s(stepped);
    s.toEnd();
    runPasses(whole);
    for (int i = 0; i < stepped.size(); ++i) {
      CAPTURE(stepped.node(i).name);
      CHECK(stepped.node(i).value.isApprox(whole.node(i).value, 1e-14));
      if (stepped.node(i).needsGrad) CHECK(stepped.node(i).grad.isApprox(whole.node(i).grad, 1e-14));
    }
  }
}

TEST_CASE("a node used twice gets two contribution steps and their sum") {
  Graph g = loadGraph("fanout");  // f = (x + y) * x
  Stepper s(g);
  s.toEnd();
  const int x = id(g, "x");
  std::vector<const StepRecord*> toX;
  for (const auto& r : s.records())
    if (r.step.phase == Phase::Backward && r.step.target == x) toX.push_back(&r);
  REQUIRE(toX.size() == 2);
  CHECK(toX[0]->step.contribution == 1);
  CHECK(toX[1]->step.contribution == 2);
  CHECK(toX[0]->step.contributions == 2);
  CHECK(toX[0]->result(0, 0) == 1.0);   // through f = q * x: q = 1
  CHECK(toX[1]->result(0, 0) == 3.0);   // through q = x + y: df/dq = x = 3
  CHECK(toX[1]->gradBefore(0, 0) == 1.0);
  CHECK(toX[1]->gradAfter(0, 0) == 4.0);
  CHECK(g.node(x).grad(0, 0) == 4.0);
  auto lines = traceStep(g, *toX[1]).lines;
  CHECK(std::find(lines.begin(), lines.end(), "df/dx = 1 + 3 = 4   (contribution 2 of 2)") != lines.end());

  // Half-way, the gradient is partial and known as such.
  s.goTo(int(&*toX[0] - &s.records()[0]) + 1);
  CHECK(s.contributionsDone(x) == 1);
  CHECK(s.contributionsTotal(x) == 2);
  CHECK_FALSE(s.gradKnown(x));
}

TEST_CASE("what is known after k steps") {
  Graph g = loadGraph("ex2");
  Stepper s(g);
  const int y = id(g, "y"), z = id(g, "z"), W = id(g, "W");
  CHECK(s.valueKnown(W));  // leaves are given
  CHECK_FALSE(s.valueKnown(y));
  s.goTo(1);
  CHECK(s.valueKnown(y));
  CHECK_FALSE(s.valueKnown(z));
  s.goTo(s.forwardCount());
  CHECK_FALSE(s.gradKnown(z));
  s.toEnd();
  CHECK(s.gradKnown(z));
  CHECK(s.gradKnown(W));
}

TEST_CASE("changing a leaf and refreshing recomputes up to the cursor") {
  Graph g = loadGraph("ex1a");
  Stepper s(g);
  s.goTo(4);
  const int w0 = id(g, "w0"), s_ = id(g, "s");
  CHECK(roundsTo(g.node(s_).value(0, 0), 0.69));
  Tensor v(1, 1);
  v << 2.0;  // w0 * x0 = 5.6
  g.setValue(w0, v);
  s.refresh();
  CHECK(s.cursor() == 4);
  CHECK(roundsTo(g.node(s_).value(0, 0), 5.6 + 0.63 - 4));
  CHECK_THROWS_AS(g.setValue(w0, Tensor::Zero(2, 1)), GraphError);
}

TEST_CASE("a graph without an output only steps forward") {
  Graph g = parseGraph("input a = 2\nb = a * a\noutput b\n");
  Graph h;
  h.addLeaf("a", NodeKind::Input, g.node(0).value);
  h.addOp("b", *findOp("mul"), {0, 0});
  Stepper s(h);
  CHECK(s.size() == 1);
  // With an output, a * a gives a two contributions.
  Stepper t(g);
  CHECK(t.size() == 1 + 1 + 2);
  t.toEnd();
  CHECK(g.node(0).grad(0, 0) == 4.0);
}

TEST_CASE("every op's steps can be written out") {
  // One graph using every op; every step's text is an equation ending in a number.
  Graph g = parseGraph(R"(
input a = [0.5, -1.2, 2]
input b = [1.5, 0.3, -0.7]
param W = [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]]
const t = [[1], [0]]
const k = [[1]]
s1 = a + b
s2 = a - b
s3 = a * b
s4 = a / b
s5 = exp(a) ^ 2
s6 = -s5
s7 = log(exp(b))
s8 = square(s7)
m = W @ s1
tr = transpose(m)
c = concat(m, s2)
h1 = sigmoid(c)
h2 = tanh(h1)
h3 = relu(s3)
h4 = leaky_relu(s4, 0.1)
h5 = elu(s6, 0.5)
sm = softmax(m)
r = sum(h2) + mean(h3) + sum_squares(h4) + l1(h5) + l2(s8)
ce = softmax_ce(m, t) + hinge(m, k) + mse(sm, t) + sum(tr)
L = r + ce + sum(s6)
output L
)");
  std::set<std::string> ops;
  for (const Node& n : g.nodes())
    if (n.op) ops.insert(n.op->name);
  CHECK(ops.size() == allOps().size());
  Stepper s(g);
  s.toEnd();
  for (const auto& r : s.records()) {
    StepText t = traceStep(g, r);
    REQUIRE(!t.lines.empty());
    for (const auto& line : t.lines) {
      INFO(line);
      CHECK((line.find(" = ") != std::string::npos || line.find("(contribution 1 of") == 0));
    }
    if (r.step.phase == Phase::Backward && !r.step.isSeed()) CHECK(!t.formula.empty());
  }
  auto has = [&](const std::string& line) {
    for (const auto& r : s.records())
      for (auto& l : traceStep(g, r).lines)
        if (l == line) return true;
    return false;
  };
  CHECK(has("  s6[1] = −s5[1] = −2.7183 = -2.7183"));
  CHECK(has("  s2[2] = a2 − b2 = (-1.2) − 0.3 = -1.5"));
  CHECK(has("  h4[2] = LReLU(s4[2]) = LReLU(-4) = -0.4"));
  CHECK(has("dL/dm = the rows of dL/dc that came from m,  dL/dmi = dL/dci"));
  CHECK(has("dL/ds2 = the rows of dL/dc that came from s2,  dL/ds2i = dL/dc(i+2)"));
  CHECK(has("dL/dm = [0.14, 0.2052]"));
}

TEST_CASE("an op's error while stepping stops the cursor before the step and says what and where") {
  Graph g = parseGraph("input z = [1, 2, 3]\nconst t = [[7]]\nL = softmax_ce(z, t)\noutput L\n");
  Stepper s(g);
  s.toEnd();
  CHECK(s.cursor() == 0);
  REQUIRE(s.failure());
  CHECK(s.failure()->message == "step 1 (L): class index 7 is not one of 0..2");
  CHECK(s.failure()->loc.line == 3);
  s.stepForward();  // stays put
  CHECK(s.cursor() == 0);
  // The value fixed, it steps on.
  Tensor t(1, 1);
  t(0, 0) = 2;
  g.setValue(*g.find("t"), t);
  s.refresh();
  CHECK_FALSE(s.failure());
  s.toEnd();
  CHECK(s.atEnd());
}
