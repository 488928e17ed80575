// On paper, down to the element: every number of the course's hand calculations in
// the element form the trace, the inspector and the checker's explanations share.
#include "testing.h"

#include <regex>

#include "check/answer_reader.h"
#include "check/checker.h"
#include "core/arith.h"
#include "core/stepper.h"
#include "core/trace.h"
#include "assets/embedded.h"
#include "lang/parser.h"
#include "lang/printer.h"

using namespace bs;

namespace {

// Every trace line of a graph stepped to its end, leading spaces dropped.
std::vector<std::string> traceLines(Graph& g, const TraceOptions& o = {}) {
  Stepper s(g);
  s.toEnd();
  std::vector<std::string> all;
  for (const auto& r : s.records())
    for (auto l : traceStep(g, r, o).lines) all.push_back(l.substr(l.find_first_not_of(' ')));
  return all;
}

void expectLines(const std::vector<std::string>& all, const std::vector<std::string>& lines) {
  for (const auto& line : lines) {
    INFO("missing line: " << line);
    CHECK(std::find(all.begin(), all.end(), line) != all.end());
  }
}

}  // namespace

TEST_CASE("exercise 2 element by element, as the course's hand calculation writes it") {
  Graph g = loadGraph("ex2");
  expectLines(traceLines(g), {
      // the three products of each yi
      "y1 = W11·x1 + W12·x2 + W13·x3 = (-4)·1 + (-0.2)·(-3.1) + 2·1.5 = -4 + 0.62 + 3 = -0.38",
      "y2 = W21·x1 + W22·x2 + W23·x3 = (-1)·1 + (-0.5)·(-3.1) + (-0.3)·1.5 = -1 + 1.55 − 0.45 = 0.1",
      "z1 = σ(y1) = σ(-0.38) = 0.4061",
      "z2 = σ(y2) = σ(0.1) = 0.525",
      // L as z1² + z2²
      "L = Σ z² = z1² + z2² = 0.4061² + 0.525² = 0.1649 + 0.2756 = 0.4405",
      "dL/dz1 = dL/dL · 2·z1 = 1 · 2·0.4061 = 1 · 0.8123 = 0.8123",
      "dL/dz2 = dL/dL · 2·z2 = 1 · 2·0.525 = 1 · 1.05 = 1.05",
      // σ'(yi) as σ(1 − σ) with its numbers
      "dL/dy1 = dL/dz1 · σ'(y1) = dL/dz1 · σ(y1)(1 − σ(y1)) = 0.8123 · 0.4061 · 0.5939 = 0.8123 · 0.2412 = 0.1959",
      "dL/dy2 = dL/dz2 · σ'(y2) = dL/dz2 · σ(y2)(1 − σ(y2)) = 1.05 · 0.525 · 0.475 = 1.05 · 0.2494 = 0.2618",
      // each dL/dWij = dL/dyi · xj
      "dL/dW = dL/dy · xᵀ,  dL/dWij = dL/dyi · xj",
      "dL/dW11 = dL/dy1 · x1 = 0.1959 · 1 = 0.1959",
      "dL/dW12 = dL/dy1 · x2 = 0.1959 · (-3.1) = -0.6073",
      "dL/dW13 = dL/dy1 · x3 = 0.1959 · 1.5 = 0.2939",
      "dL/dW21 = dL/dy2 · x1 = 0.2618 · 1 = 0.2618",
      "dL/dW22 = dL/dy2 · x2 = 0.2618 · (-3.1) = -0.8117",
      "dL/dW23 = dL/dy2 · x3 = 0.2618 · 1.5 = 0.3928",
      "dL/dW = [[0.1959, -0.6073, 0.2939], [0.2618, -0.8117, 0.3928]]",
      // each dL/dxj as its two-term sum
      "dL/dx = Wᵀ · dL/dy,  dL/dxj = Σi Wij · dL/dyi",
      "dL/dx1 = W11·dL/dy1 + W21·dL/dy2 = (-4)·0.1959 + (-1)·0.2618 = -0.7836 − 0.2618 = -1.0455",
      "dL/dx2 = W12·dL/dy1 + W22·dL/dy2 = (-0.2)·0.1959 + (-0.5)·0.2618 = -0.0392 − 0.1309 = -0.1701",
      "dL/dx3 = W13·dL/dy1 + W23·dL/dy2 = 2·0.1959 + (-0.3)·0.2618 = 0.3918 − 0.0786 = 0.3133",
      "dL/dx = [-1.0455, -0.1701, 0.3133]",
  });
}

TEST_CASE("exercises 1a-1d element by element: the activation's derivative written out") {
  const std::vector<std::string> shared = {
      "p0 = w0 · x0 = 1.45 · 2.8 = 4.06", "p1 = w1 · x1 = (-0.35) · (-1.8) = 0.63", "q = p0 + p1 = 4.06 + 0.63 = 4.69",
      "s = q + b = 4.69 + (-4) = 0.69", "df/df = 1"};
  struct Item {
    const char* name;
    std::vector<std::string> lines;
  };
  const std::vector<Item> items = {
      {"ex1a",
       {"f = σ(s) = σ(0.69) = 0.666",
        "df/ds = df/df · σ'(s) = df/df · σ(s)(1 − σ(s)) = 1 · 0.666 · 0.334 = 1 · 0.2225 = 0.2225", "df/db = df/ds = 0.2225",
        "df/dw0 = df/dp0 · x0 = 0.2225 · 2.8 = 0.6229", "df/dx0 = df/dp0 · w0 = 0.2225 · 1.45 = 0.3226",
        "df/dw1 = df/dp1 · x1 = 0.2225 · (-1.8) = -0.4004", "df/dx1 = df/dp1 · w1 = 0.2225 · (-0.35) = -0.0779"}},
      {"ex1b",
       {"f = tanh(s) = tanh(0.69) = 0.598",
        "df/ds = df/df · tanh'(s) = df/df · (1 − tanh²(s)) = 1 · (1 − 0.598²) = 1 · 0.6424 = 0.6424",
        "df/dw0 = df/dp0 · x0 = 0.6424 · 2.8 = 1.7988", "df/dx0 = df/dp0 · w0 = 0.6424 · 1.45 = 0.9315",
        "df/dw1 = df/dp1 · x1 = 0.6424 · (-1.8) = -1.1564", "df/dx1 = df/dp1 · w1 = 0.6424 · (-0.35) = -0.2248",
        "df/db = df/ds = 0.6424"}},
      {"ex1c",
       {"f = ELU(s) = ELU(0.69) = 0.69", "df/ds = df/df · ELU'(s) = 1 · 1 = 1   (s = 0.69 ≥ 0)",
        "df/dw0 = df/dp0 · x0 = 1 · 2.8 = 2.8", "df/dx0 = df/dp0 · w0 = 1 · 1.45 = 1.45",
        "df/dw1 = df/dp1 · x1 = 1 · (-1.8) = -1.8", "df/dx1 = df/dp1 · w1 = 1 · (-0.35) = -0.35", "df/db = df/ds = 1"}},
      {"ex1d",
       {"f = LReLU(s) = LReLU(0.69) = 0.69", "df/ds = df/df · LReLU'(s) = 1 · 1 = 1   (s = 0.69 > 0)",
        "df/dw0 = df/dp0 · x0 = 1 · 2.8 = 2.8", "df/dx1 = df/dp1 · w1 = 1 · (-0.35) = -0.35", "df/db = df/ds = 1"}},
  };
  for (const Item& item : items) {
    INFO(item.name);
    Graph g = loadGraph(item.name);
    const auto all = traceLines(g);
    expectLines(all, shared);
    expectLines(all, item.lines);
  }
}

TEST_CASE("the fan-out example: each contribution, then their sum") {
  Graph g = loadGraph("fanout");
  expectLines(traceLines(g), {"q = x + y = 3 + (-2) = 1", "f = q · x = 1 · 3 = 3", "df/dq = df/df · x = 1 · 3 = 3",
                              "df/dx = df/df · q = 1 · 1 = 1", "(contribution 1 of 2 to df/dx: x feeds 2 nodes)",
                              "df/dx = df/dq = 3", "df/dx = 1 + 3 = 4   (contribution 2 of 2)", "df/dy = df/dq = 3"});
}

TEST_CASE("a gradient that is a sum says why: several nodes, or one node using it twice") {
  Graph g = parseGraph("input x = 3\nf = x * x\noutput f\n");
  expectLines(traceLines(g), {"df/dx = df/df · x = 1 · 3 = 3", "(contribution 1 of 2 to df/dx: x is used 2 times by f)",
                              "df/dx = 3 + 3 = 6   (contribution 2 of 2)"});
}

TEST_CASE("a sum that is zero within rounding is 0, and ReLU at 0 follows the stated convention") {
  Graph g = parseGraph("input a = 0.5\ninput b = 0.6\ninput c = 0.1\ns = a - b + c\nf = relu(s)\noutput f\n");
  const auto all = traceLines(g);
  expectLines(all, {"a − b = 0.5 − 0.6 = -0.1", "s = (a − b) + c = (-0.1) + 0.1 = 0", "f = ReLU(s) = ReLU(0) = 0",
                    "df/ds = df/df · ReLU'(s) = 1 · 0 = 0   (s = 0 is on the kink: ReLU'(0) is taken as 0)"});
  CHECK(g.node(*g.find("s")).value(0, 0) == 0.0);
  // Without the rule the floating-point sum is 2.8e-17 and ReLU' would be 1.
  CHECK(0.5 - 0.6 + 0.1 != 0.0);
  // The same in a matrix product whose terms cancel: [1, -1]·[0.1, 0.1] = 0 exactly.
  Graph m = parseGraph("param W = [[0.3, 0.6]]\ninput x = [0.7, -0.35]\ny = W @ x\nf = relu(y)\noutput f\n");
  Stepper s(m);
  s.toEnd();
  CHECK(m.node(*m.find("y")).value(0, 0) == 0.0);
  CHECK(m.node(*m.find("W")).grad.isZero(0));
}

TEST_CASE("no floating-point residue in any example's trace, no generated names anywhere") {
  const std::regex residue("e-1[0-9]"), generated("(^|[^A-Za-z0-9])_[0-9]");
  for (const std::string& name : exampleNames()) {
    INFO(name);
    Graph g = loadGraph(name);
    for (const Node& n : g.nodes()) CHECK(!std::regex_search(n.name, generated));
    for (const std::string& l : traceLines(g, {4, -1, -1})) {
      INFO(l);
      CHECK(!std::regex_search(l, residue));
      CHECK(!std::regex_search(l, generated));
    }
  }
}

TEST_CASE("a nested expression is named by its expression, constants by their value") {
  Graph g = parseGraph("input y = 0.3\nconst t = 1\nL = (y - t)^2\noutput L\n");
  CHECK(g.node(0).name == "y");
  CHECK(g.find("y − t"));
  CHECK(g.find("2"));
  const auto all = traceLines(g);
  expectLines(all, {"y − t = 0.3 − 1 = -0.7", "L = (y − t)^2 = (-0.7)^2 = 0.49",
                    "dL/d(y − t) = dL/dL · 2·(y − t) = 1 · 2·(-0.7) = 1 · (-1.4) = -1.4", "dL/dy = dL/d(y − t) = -1.4"});
  for (const auto& l : all) CHECK(l.find("_") == std::string::npos);
  // Printed back as the user wrote it, and parsed again to the same graph.
  const std::string text = printGraph(g);
  CHECK(text.find("L = (y - t) ^ 2\n") != std::string::npos);
  CHECK(sameGraph(parseGraph(text), g));
  // Constants that repeat keep their value as name.
  Graph twice = parseGraph("input x = 3\nf = 2*x + 2\noutput f\n");
  CHECK(twice.node(1).name == "2");
  CHECK(twice.node(3).name == "2");
  CHECK(sameGraph(parseGraph(printGraph(twice)), twice));
  // A shape error names the nested node by its expression.
  CHECK_THROWS_WITH_AS(parseGraph("param W = [[1, 2], [3, 4]]\ninput x = [1, 2]\ninput b = [1, 2, 3]\nz = W @ x + b\noutput z\n"),
                       doctest::Contains("(W x) (2x1) and b (3x1) differ"), ParseError);
}

TEST_CASE("the size rule: big results show their first elements and how many more") {
  Graph g = loadGraph("ex2");
  Stepper s(g);
  s.goTo(1);
  TraceOptions o;
  o.expand = 1;
  const auto t = traceStep(g, s.record(0), o);
  REQUIRE(t.lines.size() == 4);
  CHECK(t.lines[1] == "  y1 = W11·x1 + W12·x2 + W13·x3 = (-4)·1 + (-0.2)·(-3.1) + 2·1.5 = -4 + 0.62 + 3 = -0.38");
  CHECK(t.lines[2].find("… and 1 more element") != std::string::npos);
  o.expand = 0;
  CHECK(traceStep(g, s.record(0), o).lines == std::vector<std::string>{"y = W x = [-0.38, 0.1]"});
  // A long sum shows its first terms.
  o = {};
  o.maxTerms = 2;
  CHECK(traceStep(g, s.record(0), o).lines[1] ==
        "  y1 = W11·x1 + W12·x2 + … (1 more terms) = (-4)·1 + (-0.2)·(-3.1) + … (1 more terms) = -4 + 0.62 + … (1 more terms) = -0.38");
}

TEST_CASE("one element of a batch gradient, whatever its size") {
  // A 10x300 weight times a batch of 4 columns: dL/dW has 3000 elements.
  std::string src = "param W = [";
  for (int r = 0; r < 10; ++r) {
    src += r ? ", [" : "[";
    for (int c = 0; c < 300; ++c) src += (c ? ", " : "") + formatNumber(((r * 7 + c * 3) % 11 - 5) / 10.0, 1);
    src += "]";
  }
  src += "]\nconst x = [";
  for (int k = 0; k < 300; ++k) {
    src += k ? ", [" : "[";
    for (int b = 0; b < 4; ++b) src += (b ? ", " : "") + formatNumber(((k + b) % 5) / 4.0, 2);
    src += "]";
  }
  src += "]\ny = W @ x\nL = sum_squares(y)\noutput L\n";
  Graph g = parseGraph(src);
  Stepper s(g);
  s.toEnd();
  int dW = -1;
  for (int k = 0; k < s.size(); ++k)
    if (s.record(k).step.phase == Phase::Backward && s.record(k).step.target == *g.find("W")) dW = k;
  REQUIRE(dW >= 0);
  const StepRecord& r = s.record(dW);
  const std::string line = traceElement(g, r, 2, 299);
  INFO(line);
  // dL/dW[3,300] = Σ_b dL/dy3b · x300b: four products, and the sum they make.
  CHECK(line.rfind("dL/dW[3,300] = dL/dy[3,1]·x[300,1] + dL/dy[3,2]·x[300,2] + dL/dy[3,3]·x[300,3] + dL/dy[3,4]·x[300,4] = ", 0) == 0);
  CHECK(line.substr(line.rfind(" = ") + 3) == formatNumber(r.result(2, 299), 4));
  // The whole step stays short.
  CHECK(traceStep(g, r).lines.size() < 20);
  CHECK(traceElement(g, r, 10, 0).empty());
}

TEST_CASE("the checker's explanation of a wrong dL/dx2 shows that element's two products") {
  Graph g = loadGraph("ex2");
  const std::string sheet =
      "y = [-0.38, 0.1]\nz = [0.406, 0.525]\nL = 0.441\ndL/dz = [0.812, 1.05]\ndL/dy = [0.196, 0.262]\n"
      "dL/dW = [[0.196, -0.608, 0.294], [0.262, -0.812, 0.393]]\n"
      "dL/dx = [-1.046, 0.483, 0.313]\n";  // dL/dx2 with 2 in place of W22 = -0.5
  const CheckReport rep = checkAnswers(g, parseAnswers(sheet, g));
  const CheckEntry* e = rep.entryFor(*g.find("x"), Quantity::Grad, 1, 0);
  REQUIRE(e);
  REQUIRE(e->explanation.size() >= 2);
  CHECK(e->explanation[0].find("dL/dx2 = 0.483 is wrong: from your numbers, step 8 gives -0.1702") == 0);
  CHECK(e->explanation[1] == "  dL/dx2 = W12·dL/dy1 + W22·dL/dy2 = (-0.2)·0.196 + (-0.5)·0.262 = -0.0392 − 0.131 = -0.1702");
}

TEST_CASE("answer files accept the element names the trace shows") {
  Graph g = loadGraph("ex2");
  const AnswerSheet s = parseAnswers("dL/dW12 = -0.608\nW21 = -1\ndL/dW[2,3] = 0.393\n", g);
  CHECK(s.find(*g.find("W"), Quantity::Grad)->value(0, 1) == -0.608);
  CHECK(s.find(*g.find("W"), Quantity::Grad)->value(1, 2) == 0.393);
  CHECK(s.find(*g.find("W"), Quantity::Value)->value(1, 0) == -1);
  CHECK_THROWS_WITH_AS(parseAnswers("W33 = 1\n", g), doctest::Contains("W is 2x3, so there is no element [3,3]"), ParseError);  // as W[3,3] would
}

TEST_CASE("answer files accept an expression's name as the trace shows it") {
  Graph g = parseGraph("input y = [0.3, -1.2]\nconst t = [1, 0]\nL = sum((y - t)^2)\noutput L\n");
  const AnswerSheet s = parseAnswers("y - t = [-0.7, -1.2]\ndL/d(y − t)[2] = -2.4\n(y − t)^2 = [0.49, 1.44]\n", g);
  const int d = *g.find("y − t");
  REQUIRE(s.find(d, Quantity::Value));
  CHECK(s.find(d, Quantity::Value)->value(1, 0) == -1.2);
  REQUIRE(s.find(d, Quantity::Grad));
  CHECK(s.find(d, Quantity::Grad)->value(1, 0) == -2.4);
  // Written back with the names shown, and read again.
  const CheckReport rep = checkAnswers(g, s);
  CHECK_FALSE(rep.anyWrong());
  CHECK_THROWS_WITH_AS(parseAnswers("dL/d(y − t)[2] = 1\ndL/d(y − t)[2] = 2\n", g), doctest::Contains("is already written on line 1"), ParseError);
}

TEST_CASE("every op has its derivation and writes its elements") {
  for (const OpDef* op : allOps()) {
    INFO(op->name);
    CHECK(!op->derivation.empty());
    CHECK(bool(op->gradElement));
    CHECK(bool(op->forwardElement));
  }
}

TEST_CASE("a line wrapped to a panel's width never breaks inside a number, prose included") {
  auto chars = [](const std::string& t) { return float(t.size()); };  // a monospaced measure
  const std::string prose = "dL/dW is carried over from step 6 (dL/dy1, dL/dy2): step 7 is right with your numbers 0.3928 and -0.6073";
  for (float width : {20.f, 32.f, 48.f}) {
    const std::vector<std::string> lines = wrapArithmetic(prose, chars, width);
    REQUIRE(lines.size() > 1);
    std::string joined;
    for (const std::string& l : lines) {
      CHECK(chars(l) <= width);  // no word here is wider than the narrowest width
      joined += " " + l.substr(l.find_first_not_of(' '));
    }
    CHECK(joined.find(" 0.3928 ") != std::string::npos);  // each number whole on one line
    CHECK(joined.find(" -0.6073") != std::string::npos);
    for (const std::string& l : lines) CHECK(l.back() != '.');  // never `0.` / `3928`
  }
  // Runs of spaces between words (the inspector's "W  ·  param") never start a line.
  for (const std::string& l : wrapArithmetic("W  ·  param  ·  2x3   (the current step's node)", chars, 14)) CHECK(l.find_first_not_of(' ') != std::string::npos);
  // A word wider than the line (an address) is cut after its slashes, not clipped.
  const std::string hint = "download https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz and unpack it";
  const auto url = wrapArithmetic(hint, chars, 30);
  std::string whole;
  for (const std::string& l : url) {
    CHECK(chars(l) <= 30);
    whole += l.substr(l.find_first_not_of(' '));
  }
  CHECK(whole.find("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz") != std::string::npos);
  CHECK(url[1].back() == '/');
  // Arithmetic still breaks at its forms first.
  const auto forms = wrapArithmetic("dL/dW23 = dL/dy2 · x3 = 0.2618 · 1.5 = 0.3928", chars, 30);
  REQUIRE(forms.size() >= 2);
  CHECK(forms[1].rfind("    = ", 0) == 0);
}
