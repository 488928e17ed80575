// Checking hand calculations: answer sheets worked out by a simulated student who
// rounds every number and computes each step from their own rounded numbers, with and
// without planted mistakes; the answers format, its errors and saving.
#include "testing.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>

#include "check/answer_reader.h"
#include "check/answer_writer.h"
#include "check/checker.h"
#include "core/stepper.h"
#include "lang/parser.h"
#include "student.h"

using namespace bs;
using namespace bs::testing;

namespace {

const char* kFanoutChain =
    "# y feeds two nodes; its gradient flows on to w and x\n"
    "input x = 0.7\n"
    "param w = -1.3\n"
    "y = w * x\n"
    "z = tanh(y)\n"
    "a = z * y\n"
    "output a\n";

const char* kCorrectEx2 =
    "# exercise 2, three decimals\n"
    "y = [-0.38, 0.1]\n"
    "z = [0.406, 0.525]\n"
    "L = 0.441\n"
    "dL/dL = 1\n"
    "dL/dz = [0.812, 1.05]\n"
    "dL/dy = [0.196, 0.262]\n"
    "W.grad = [[0.196, -0.608, 0.294], [0.262, -0.812, 0.393]]\n"
    "dL/dx = [-1.046, -0.170, 0.313]\n";

}  // namespace

// ---- no false alarms ---------------------------------------------------------------

TEST_CASE("all-correct sheets: the exact numbers rounded give only correct verdicts") {
  for (const char* name : {"ex1a", "ex1b", "ex1c", "ex1d", "ex2", "fanout", "xor"})
    for (int d : {2, 3, 4}) {
      CAPTURE(name);
      CAPTURE(d);
      Graph g = loadGraph(name);
      CheckReport rep = checkAnswers(g, exactSheet(g, d));
      CHECK(rep.count(Verdict::Correct) > 0);
      CHECK(rep.count(Verdict::Rounding) == 0);
      CHECK_FALSE(rep.anyWrong());
    }
}

TEST_CASE("all-correct sheets: rounded step by step from rounded numbers, no false alarms") {
  for (const char* name : {"ex1a", "ex1b", "ex1c", "ex1d", "ex2", "fanout", "xor"})
    for (int d : {2, 3}) {
      CAPTURE(name);
      CAPTURE(d);
      Graph g = loadGraph(name);
      Student s(g, d);
      CheckReport rep = checkAnswers(g, s.work());
      const auto got = flagged(g, rep);
      std::ostringstream flags;
      for (const auto& [n, f] : got) flags << n << " " << f << "; ";
      CAPTURE(flags.str());
      CHECK(got.empty());
      CHECK_FALSE(rep.anyWrong());
    }
  Graph g = parseGraph(kFanoutChain);
  for (int d : {2, 3}) {
    Student s(g, d);
    CHECK_FALSE(checkAnswers(g, s.work()).anyWrong());
  }
}

TEST_CASE("all-correct sheets for other given numbers: no false alarms") {
  // The same graphs with other given values (a fixed seed), worked by the rounding student.
  std::mt19937 rng(4);
  std::uniform_real_distribution<double> u(-2, 2);
  int sheets = 0;
  for (const char* name : {"ex1a", "ex1b", "ex1c", "ex1d", "ex2", "fanout", "xor"})
    for (int trial = 0; trial < 40; ++trial) {
      Graph g = loadGraph(name);
      for (int i = 0; i < g.size(); ++i)
        if (g.node(i).kind == NodeKind::Input || g.node(i).kind == NodeKind::Param)
          g.setValue(i, g.node(i).value.unaryExpr([&](double) { return roundTo(u(rng), 2); }));
      for (int d : {2, 3}) {
        Student s(g, d);
        CheckReport rep = checkAnswers(g, s.work());
        const auto got = flagged(g, rep);
        CAPTURE(name);
        CAPTURE(trial);
        CAPTURE(d);
        std::ostringstream flags;
        for (const auto& [n, f] : got) flags << n << " " << f << "; ";
        CAPTURE(flags.str());
        CHECK(got.empty());
        ++sheets;
      }
    }
  CHECK(sheets == 7 * 40 * 2);
}

TEST_CASE("exercise 2 by hand at three decimals: the drift in dL/dx is rounding, not a mistake") {
  Graph g = loadGraph("ex2");
  CheckReport rep = checkAnswers(g, parseAnswers(kCorrectEx2, g));
  CHECK_FALSE(rep.anyWrong());
  // dL/dx1 = -1.046 from dL/dy = [0.196, 0.262]; the exact -1.0455 rounds to -1.045 (or -1.046).
  const ElementCheck* x1 = rep.element(*g.find("x"), Quantity::Grad, 0, 0);
  REQUIRE(x1);
  CHECK(x1->verdict != Verdict::Wrong);
  CHECK(x1->redone == doctest::Approx(-4 * 0.196 - 1 * 0.262));
  // The tolerance: its own rounding (0.0005) plus the rounding of dL/dy moved through Wᵀ:
  // |W11|·0.0005 + |W21|·0.0005 = 0.0025.
  CHECK(x1->tolerance == doctest::Approx(0.0005 + 4 * 0.0005 + 1 * 0.0005));
  const ElementCheck* w12 = rep.element(*g.find("W"), Quantity::Grad, 0, 1);
  REQUIRE(w12);
  CHECK(w12->verdict == Verdict::Rounding);  // -0.608 = 0.196 · (-3.1) = -0.6076 rounded, not -0.607
}

// ---- truncation: digits cut, not rounded -------------------------------------------------

TEST_CASE("sheets with every number truncated: nothing wrong") {
  for (const char* name : {"ex1a", "ex1b", "ex1c", "ex1d", "ex2", "fanout", "xor"})
    for (int d : {2, 3}) {
      CAPTURE(name);
      CAPTURE(d);
      Graph g = loadGraph(name);
      // The exact numbers cut, and a student who cuts every number they compute from their own.
      Student s(g, d);
      s.truncate = true;
      for (const AnswerSheet& sheet : {exactSheet(g, d, true), s.work()}) {
        CheckReport rep = checkAnswers(g, sheet);
        const auto got = flagged(g, rep);
        std::ostringstream flags;
        for (const auto& [n, f] : got) flags << n << " " << f << "; ";
        CAPTURE(flags.str());
        CHECK(got.empty());
      }
    }
}

TEST_CASE("a truncated number is rounding (truncated) with a note, and later numbers are judged from it") {
  Graph g = loadGraph("ex1a");
  // f = σ(0.69) = 0.6660 cut to 0.66; df/ds from it: 0.66 · 0.34 = 0.2244, cut to 0.22.
  CheckReport rep = checkAnswers(g, parseAnswers("s = 0.69\nf = 0.66\ndf/ds = 0.22\n", g));
  const CheckEntry* f = rep.entryFor(*g.find("f"), Quantity::Value, 0, 0);
  REQUIRE(f);
  CHECK(f->verdict == Verdict::Rounding);
  CHECK(f->elements[0].truncated);
  REQUIRE(f->explanation.size() == 1);
  CHECK(f->explanation[0] == "f = 0.66: the digits of 0.666 cut after 2 decimals, not rounded (0.67); counted as rounding, and the numbers computed from 0.66 are judged from it");
  CHECK_FALSE(rep.anyWrong());
  // Judged from 0.66: a df/ds computed from the exact f instead is off by more than a cut explains.
  AnswerSheet s = parseAnswers("f = 0.66\ndf/ds = 0.2244\n", g);
  CHECK(checkAnswers(g, s).element(*g.find("s"), Quantity::Grad, 0, 0)->verdict == Verdict::Rounding);  // 0.66 · 0.34
  s = parseAnswers("f = 0.66\ndf/ds = 0.2225\n", g);  // the exact σ'(s), from the calculator: within the cut of f
  CHECK_FALSE(checkAnswers(g, s).anyWrong());
  // A rounded number is not called truncated, and a cut of more than one unit is still wrong.
  auto verdictOfF = [&](const char* f) { return checkAnswers(g, parseAnswers(std::string("s = 0.69\nf = ") + f, g)).entries[1]; };
  CHECK(verdictOfF("0.67").verdict == Verdict::Correct);
  CHECK_FALSE(verdictOfF("0.67").elements[0].truncated);
  CHECK(verdictOfF("0.65").verdict == Verdict::Wrong);
  CHECK(verdictOfF("0.667").verdict == Verdict::Wrong);  // 0.6660 cut or rounded is 0.666
  // Negative numbers are cut towards zero: df/dx1 = 0.2225 · (-0.35) = -0.0779 -> -0.07.
  // (Written above it at 4 decimals: numbers not written would be taken as rounded like -0.07.)
  auto x1 = [&](const char* v) {
    return *checkAnswers(g, parseAnswers(std::string("s = 0.69\nf = 0.666\ndf/ds = 0.2225\ndf/dq = 0.2225\ndf/dp1 = 0.2225\ndf/dx1 = ") + v, g))
                .element(*g.find("x1"), Quantity::Grad, 0, 0);
  };
  CHECK(x1("-0.07").verdict == Verdict::Rounding);
  CHECK(x1("-0.07").truncated);
  CHECK(x1("-0.08").verdict == Verdict::Correct);
  CHECK(x1("-0.06").verdict == Verdict::Wrong);
  // Whole numbers are not read as cut: fanout's df/dx = 3 for 4 stays wrong.
  Graph fan = loadGraph("fanout");
  CHECK(checkAnswers(fan, parseAnswers("df/dx = 3\n", fan)).entries[0].verdict == Verdict::Wrong);
}

// ---- planted mistakes ----------------------------------------------------------------

TEST_CASE("a wrong local derivative, σ(y) instead of σ(y)(1 − σ(y)): wrong at its step, carried over after") {
  Graph g = loadGraph("ex2");
  const int step = gradStep(g, "y");
  for (int d : {2, 3}) {
    CAPTURE(d);
    Student s(g, d);
    s.slip = [&](int k, Tensor& r) {
      if (k == step) r = roundTo(s.grad("z").cwiseProduct(s.value("z")), d);
    };
    CheckReport rep = checkAnswers(g, s.work());
    std::map<std::string, Flag> want;
    addAll(want, elements(g, "y", Quantity::Grad), {Verdict::Wrong, step});
    addAll(want, elements(g, "W", Quantity::Grad), {Verdict::CarriedOver, step});
    addAll(want, elements(g, "x", Quantity::Grad), {Verdict::CarriedOver, step});
    expectFlags(g, rep, want);
    const CheckEntry* e = rep.entryFor(*g.find("y"), Quantity::Grad, 0, 0);
    REQUIRE(e);
    CHECK(e->blamedStep == step);
    CHECK(e->step == step);
  }
}

TEST_CASE("exercise 1a-1d: a wrong local derivative at f is carried down to every weight") {
  // σ(s) for σ'(s); 1 − tanh(s), the square forgotten; eˢ, ELU's other branch; the slope
  // of leaky ReLU's other branch.
  const std::map<std::string, std::function<double(double s, double f)>> wrong{
      {"ex1a", [](double, double f) { return f; }},
      {"ex1b", [](double, double f) { return 1 - f; }},
      {"ex1c", [](double s, double) { return std::exp(s); }},
      {"ex1d", [](double, double) { return 0.1; }},
  };
  for (const auto& [name, local] : wrong)
    for (int d : {2, 3}) {
      CAPTURE(name);
      CAPTURE(d);
      Graph g = loadGraph(name);
      const int step = gradStep(g, "s");
      Student s(g, d);
      s.slip = [&, local = local](int k, Tensor& r) {
        if (k == step) r(0, 0) = roundTo(local(s.value("s")(0, 0), s.value("f")(0, 0)), d);
      };
      CheckReport rep = checkAnswers(g, s.work());
      std::map<std::string, Flag> want{{"df/ds", {Verdict::Wrong, step}}};
      for (const char* n : {"q", "b", "p0", "p1", "w0", "x0", "w1", "x1"}) want["df/d" + std::string(n)] = {Verdict::CarriedOver, step};
      expectFlags(g, rep, want);
    }
}

TEST_CASE("a sign error: flagged at its step, and the gradients below it are carried over") {
  for (const char* name : {"ex1a", "ex1b", "ex1c", "ex1d"}) {
    CAPTURE(name);
    Graph g = loadGraph(name);
    const int step = gradStep(g, "p1");
    Student s(g, 3);
    s.slip = [&](int k, Tensor& r) {
      if (k == step) r = -r;
    };
    CheckReport rep = checkAnswers(g, s.work());
    expectFlags(g, rep, {{"df/dp1", {Verdict::Wrong, step}}, {"df/dw1", {Verdict::CarriedOver, step}}, {"df/dx1", {Verdict::CarriedOver, step}}});
    const CheckEntry* e = rep.entryFor(*g.find("p1"), Quantity::Grad, 0, 0);
    REQUIRE(e);
    REQUIRE_FALSE(e->explanation.empty());
    CHECK(e->explanation[0].find("matches −(df/dq) (a sign error); without that slip, step 11 gives") != std::string::npos);
  }
  // A sign error on a leaf's gradient: nothing inherits it.
  Graph g = loadGraph("ex2");
  const int step = gradStep(g, "x");
  Student s(g, 3);
  s.slip = [&](int k, Tensor& r) {
    if (k == step) r(2, 0) = -r(2, 0);
  };
  expectFlags(g, checkAnswers(g, s.work()), {{"dL/dx3", {Verdict::Wrong, step}}});
}

TEST_CASE("a sign error in exercise 2's dL/dz: wrong there, every gradient below carried over") {
  Graph g = loadGraph("ex2");
  const int step = gradStep(g, "z");
  Student s(g, 3);
  s.slip = [&](int k, Tensor& r) {
    if (k == step) r = -r;
  };
  std::map<std::string, Flag> want;
  addAll(want, elements(g, "z", Quantity::Grad), {Verdict::Wrong, step});
  for (const char* n : {"y", "W", "x"}) addAll(want, elements(g, n, Quantity::Grad), {Verdict::CarriedOver, step});
  expectFlags(g, checkAnswers(g, s.work()), want);
}

TEST_CASE("exercise 1a-1d: an arithmetic slip in the backward product at s, carried down to every weight") {
  for (const char* name : {"ex1a", "ex1b", "ex1c", "ex1d"}) {
    CAPTURE(name);
    Graph g = loadGraph(name);
    const int step = gradStep(g, "s");  // df/ds = df/df · f'(s)
    Student s(g, 3);
    s.slip = [&](int k, Tensor& r) {
      if (k == step) r(0, 0) += 0.1;  // in the first decimal: no rounding explains it
    };
    std::map<std::string, Flag> want{{"df/ds", {Verdict::Wrong, step}}};
    for (const char* n : {"q", "b", "p0", "p1", "w0", "x0", "w1", "x1"}) want["df/d" + std::string(n)] = {Verdict::CarriedOver, step};
    expectFlags(g, checkAnswers(g, s.work()), want);
  }
}

TEST_CASE("an arithmetic slip in one product, forward: everything computed from it is carried over") {
  Graph g = loadGraph("ex1a");
  const int step = forwardStep(g, "p0");
  for (int d : {2, 3}) {
    CAPTURE(d);
    Student s(g, d);
    // 1.45 · 2.8 = 4.06; at 2 decimals a slip in the second digit would pass for rounding
    // further down, so the slip is in the first.
    const double slipped = d == 3 ? 4.16 : 5.06;
    s.slip = [&](int k, Tensor& r) {
      if (k == step) r(0, 0) = slipped;
    };
    CheckReport rep = checkAnswers(g, s.work());
    std::map<std::string, Flag> want{{"p0", {Verdict::Wrong, step}}};
    for (const char* n : {"q", "s", "f"}) want[n] = {Verdict::CarriedOver, step};
    // σ'(s) is computed from the student's f, so every gradient below f inherits the slip.
    for (const char* n : {"s", "q", "b", "p0", "p1", "w0", "x0", "w1", "x1"}) want["df/d" + std::string(n)] = {Verdict::CarriedOver, step};
    expectFlags(g, checkAnswers(g, s.work()), want);
    const CheckEntry* e = rep.entryFor(*g.find("p0"), Quantity::Value, 0, 0);
    REQUIRE(e);
    REQUIRE(e->explanation.size() >= 2);
    CHECK(e->explanation[1] == "step 1 with your numbers:");
    CHECK(e->explanation[2] == "  p0 = w0 · x0 = 1.45 · 2.8 = 4.06");
  }
  // In 1c (ELU, derivative 1 at s > 0) the backward pass does not depend on the values.
  Graph c = loadGraph("ex1c");
  Student s(c, 3);
  s.slip = [&](int k, Tensor& r) {
    if (k == step) r(0, 0) = 4.16;
  };
  expectFlags(c, checkAnswers(c, s.work()),
              {{"p0", {Verdict::Wrong, step}}, {"q", {Verdict::CarriedOver, step}}, {"s", {Verdict::CarriedOver, step}}, {"f", {Verdict::CarriedOver, step}}});
}

TEST_CASE("an arithmetic slip in one product, backward: wrong at its step only") {
  Graph g = loadGraph("ex2");
  const int step = gradStep(g, "W");
  Student s(g, 3);
  s.slip = [&](int k, Tensor& r) {
    if (k == step) r(1, 1) = -0.821;  // 0.262 · (-3.1) = -0.812
  };
  CheckReport rep = checkAnswers(g, s.work());
  expectFlags(g, rep, {{"dL/dW22", {Verdict::Wrong, step}}});
  CHECK(rep.anyWrong());
  CHECK(rep.count(Verdict::Wrong) == 1);
}

TEST_CASE("a transposed matrix entry: wrong where it was used, carried over below") {
  Graph g = loadGraph("ex2");
  SUBCASE("dL/dx = Wᵀ dL/dy computed with W[1,2] and W[2,1] swapped") {
    const int step = gradStep(g, "x");
    Student s(g, 3);
    s.slip = [&](int k, Tensor& r) {
      if (k != step) return;
      Tensor w = g.node(*g.find("W")).value;
      std::swap(w(0, 1), w(1, 0));
      r = roundTo(w.transpose() * s.grad("y"), 3);
    };
    expectFlags(g, checkAnswers(g, s.work()), {{"dL/dx1", {Verdict::Wrong, step}}, {"dL/dx2", {Verdict::Wrong, step}}});
  }
  SUBCASE("dL/dW written with two entries swapped") {
    const int step = gradStep(g, "W");
    Student s(g, 3);
    s.slip = [&](int k, Tensor& r) {
      if (k == step) std::swap(r(0, 1), r(1, 0));
    };
    CheckReport rep = checkAnswers(g, s.work());
    expectFlags(g, rep, {{"dL/dW12", {Verdict::Wrong, step}}, {"dL/dW21", {Verdict::Wrong, step}}});
    const CheckEntry* e = rep.entryFor(*g.find("W"), Quantity::Grad, 0, 1);
    REQUIRE(e);
    CHECK(e->explanation[0].find("matches the number for dL/dW21 (row and column swapped)") != std::string::npos);
  }
  SUBCASE("the forward pass of the XOR network with W1 transposed: everything after it is carried over") {
    Graph x = loadGraph("xor");
    const int step = forwardStep(x, "z1");
    Student s(x, 3);
    s.slip = [&](int k, Tensor& r) {
      if (k == step) r = roundTo(x.node(*x.find("W1")).value.transpose() * x.node(*x.find("x")).value, 3);
    };
    CheckReport rep = checkAnswers(x, s.work());
    const auto got = flagged(x, rep);
    for (const std::string& n : elements(x, "z1", Quantity::Value)) CHECK(got.at(n) == Flag{Verdict::Wrong, step});
    int carried = 0;
    for (const auto& [n, f] : got) {
      CAPTURE(n);
      if (f.verdict == Verdict::CarriedOver) ++carried;
      CHECK(f.blamedStep == step);
    }
    CHECK(rep.count(Verdict::Wrong) == 2);
    CHECK(carried >= 20);  // every value after z1, and the gradients that depend on them
    CHECK(got.at("L") == Flag{Verdict::CarriedOver, step});
    CHECK(got.at("dL/dW2[1]") == Flag{Verdict::CarriedOver, step});
  }
}

TEST_CASE("a forgotten fan-out contribution is blamed on the contribution left out") {
  Graph g = loadGraph("fanout");
  for (int k : {1, 2}) {
    CAPTURE(k);
    const int step = gradStep(g, "x", k);
    Student s(g, 3);
    s.slip = [&](int i, Tensor& r) {
      if (i == step) r.setZero();
    };
    CheckReport rep = checkAnswers(g, s.work());
    expectFlags(g, rep, {{"df/dx", {Verdict::Wrong, step}}});
    const ElementCheck* x = rep.element(*g.find("x"), Quantity::Grad, 0, 0);
    REQUIRE(x);
    CHECK(x->missingSteps == std::vector<int>{step});
    const CheckEntry* e = rep.entryFor(*g.find("x"), Quantity::Grad, 0, 0);
    CHECK(e->step == gradStep(g, "x"));
    CHECK(e->explanation[0].find("leaves out contribution " + std::to_string(k)) != std::string::npos);
    // Both contributions are written out with the student's numbers.
    CHECK(std::count_if(e->explanation.begin(), e->explanation.end(), [](const std::string& l) { return l.find("with your numbers:") != std::string::npos; }) == 2);
  }
  // When the fan-out gradient flows on, what is computed from it is carried over.
  Graph c = parseGraph(kFanoutChain);
  for (int k : {1, 2}) {
    CAPTURE(k);
    const int step = gradStep(c, "y", k);
    Student s(c, 3);
    s.slip = [&](int i, Tensor& r) {
      if (i == step) r.setZero();
    };
    expectFlags(c, checkAnswers(c, s.work()),
                {{"da/dy", {Verdict::Wrong, step}}, {"da/dw", {Verdict::CarriedOver, step}}, {"da/dx", {Verdict::CarriedOver, step}}});
  }
}

TEST_CASE("a given value copied wrongly: its own mistake, and what uses it is carried over") {
  Graph g = loadGraph("ex1a");
  Student s(g, 3);
  AnswerSheet sheet = s.work();
  sheet.set(g, *g.find("x0"), Quantity::Value, 0, 0, {8.2, 1});  // 2.8 read as 8.2, and p0 = 1.45 · 2.8 computed right
  CheckReport rep = checkAnswers(g, sheet);
  // p0 is right (the global check), though it does not follow from the 8.2 written.
  expectFlags(g, rep, {{"x0", {Verdict::Wrong, -1}}});
  CHECK(rep.entryFor(*g.find("x0"), Quantity::Value, 0, 0)->explanation[0] == "x0 = 8.2 is not the given value 2.8");
  // Computed from the miscopied value, p0 and what follows are carried over from it.
  Student t(g, 3);
  t.slip = [&](int k, Tensor& r) {
    if (k == forwardStep(g, "p0")) r(0, 0) = roundTo(1.45 * 8.2, 3);
  };
  sheet = t.work();
  sheet.set(g, *g.find("x0"), Quantity::Value, 0, 0, {8.2, 1});
  const auto got = flagged(g, checkAnswers(g, sheet));
  CHECK(got.at("x0") == Flag{Verdict::Wrong, -1});
  CHECK(got.at("p0") == Flag{Verdict::CarriedOver, -1});
  CHECK(got.at("f") == Flag{Verdict::CarriedOver, -1});
}

// ---- partial sheets (what a student fills in the window) -------------------------------

TEST_CASE("numbers not written are computed from the student's own") {
  Graph g = loadGraph("ex2");
  AnswerSheet sheet;
  const int z = *g.find("z"), y = *g.find("y"), x = *g.find("x");
  // z1 slipped (σ(-0.38) = 0.406, written 0.460); dL/dz not written; dL/dy1 computed from 0.460.
  sheet.set(g, z, Quantity::Value, 0, 0, {0.460, 3});
  sheet.set(g, z, Quantity::Value, 1, 0, {0.525, 3});
  sheet.set(g, y, Quantity::Grad, 0, 0, {roundTo(2 * 0.46 * 0.46 * 0.54, 3), 3});
  CheckReport rep = checkAnswers(g, sheet);
  CHECK(rep.element(z, Quantity::Value, 0, 0)->verdict == Verdict::Wrong);
  CHECK(rep.element(z, Quantity::Value, 1, 0)->verdict == Verdict::Correct);
  const ElementCheck* dy1 = rep.element(y, Quantity::Grad, 0, 0);
  REQUIRE(dy1);
  CHECK(dy1->verdict == Verdict::CarriedOver);
  CHECK(dy1->blamedStep == forwardStep(g, "z"));
  // Element answers are their own entries; a complete tensor is one entry.
  CHECK(rep.entries.size() == 2);
  CHECK(rep.entries[0].row == -1);
  CHECK(rep.entries[1].name == "dL/dy1");

  // Only the final answer written, wrong: blamed on its own step, as nothing before it is known.
  AnswerSheet only;
  only.set(g, x, Quantity::Grad, 1, 0, {0.170, 3});
  CheckReport r2 = checkAnswers(g, only);
  CHECK(r2.element(x, Quantity::Grad, 1, 0)->verdict == Verdict::Wrong);
  CHECK(r2.element(x, Quantity::Grad, 1, 0)->blamedStep == gradStep(g, "x"));
  only.set(g, x, Quantity::Grad, 1, 0, {-0.17, 2});
  CHECK(checkAnswers(g, only).element(x, Quantity::Grad, 1, 0)->verdict == Verdict::Correct);
  only.erase(x, Quantity::Grad, 1, 0);
  CHECK(only.empty());
  CHECK(checkAnswers(g, only).entries.empty());
}

TEST_CASE("whole numbers are compared as whole numbers, exact ones count as exact") {
  Graph g = loadGraph("fanout");
  CheckReport rep = checkAnswers(g, parseAnswers("q = 1\nf = 3\ndf/df = 1\ndf/dq = 3\ndf/dx = 4\ndf/dy = 3\n", g));
  CHECK(rep.count(Verdict::Correct) == 6);
  rep = checkAnswers(g, parseAnswers("q = 1\nf = 3\ndf/dq = 3\ndf/dx = 3\ndf/dy = 3\n", g));
  CHECK(rep.element(*g.find("x"), Quantity::Grad, 0, 0)->verdict == Verdict::Wrong);
  CHECK(rep.count(Verdict::Wrong) == 1);
}

// ---- the answers format -----------------------------------------------------------------

TEST_CASE("answers: names, elements, comments, separators and decimals") {
  Graph g = loadGraph("ex2");
  AnswerSheet s = parseAnswers(
      "# comment\n"
      "z = [0.406, 0.50]   # trailing zero kept: 2 decimals\n"
      "dL/dy1 = 0.196; dL/dy2 = 2.62e-1\n"
      "W.grad[1, 2] = -0.608\n"
      "dL/dW[2,3] = 0.39\n"
      "y.value = [-0.38, 0.1]\n"
      "L = 0.4405\n",
      g);
  const int z = *g.find("z"), y = *g.find("y"), W = *g.find("W");
  CHECK(s.get(z, Quantity::Value, 1, 0)->decimals == 2);
  CHECK(s.get(z, Quantity::Value, 1, 0)->value == 0.5);
  CHECK(s.get(y, Quantity::Grad, 1, 0)->decimals == 3);
  CHECK(s.get(y, Quantity::Grad, 1, 0)->value == doctest::Approx(0.262));
  CHECK(s.get(W, Quantity::Grad, 0, 1)->value == -0.608);
  CHECK(s.get(W, Quantity::Grad, 1, 2)->decimals == 2);
  CHECK_FALSE(s.get(W, Quantity::Grad, 0, 0));
  CHECK(s.find(y, Quantity::Grad)->line(0, 0) == 3);
  CHECK(s.get(*g.find("L"), Quantity::Value, 0, 0)->decimals == 4);
  // The output's name, or L, in gradients: ex1 graphs call it f.
  Graph e1 = loadGraph("ex1a");
  CHECK(parseAnswers("df/dw0 = 0.623\ndL/dx0 = 0.323\nb.grad = 0.22\n", e1).answers().size() == 3);
  CHECK(parseAnswers("\xEF\xBB\xBFz = [0.406, 0.525]\r\nL = 0.44\r\n", g).answers().size() == 2);  // a Windows editor's file
  CHECK(decimalsOf("4") == 0);
  CHECK(decimalsOf("4.50") == 2);
  CHECK(decimalsOf("1.5e-3") == 4);
  CHECK(decimalsOf("2e3") == 0);
  CHECK(parseWrittenNumber(" -0.38 ").value == -0.38);
  CHECK_THROWS_AS(parseWrittenNumber("0.3.8"), ParseError);
  CHECK_THROWS_AS(parseWrittenNumber("abc"), ParseError);
  CHECK_THROWS_AS(parseWrittenNumber("1 2"), ParseError);
}

TEST_CASE("answers: malformed sheets give located errors") {
  Graph g = loadGraph("ex2");
  struct Bad {
    const char* text;
    int line, col;
    const char* message;
  };
  const Bad cases[] = {
      {"zz = 1\n", 1, 1, "unknown node 'zz' (this graph has W, x, y, z, L)"},
      {"z = [0.4, 0.5]\ndL/dq = [1, 2]\n", 2, 1, "unknown node 'q' in 'dL/dq'"},
      {"z = [0.4, 0.5, 0.6]\n", 1, 5, "z has 2 numbers, but you wrote 3 numbers"},
      {"dL/dW = [[1, 2], [3, 4], [5, 6]]\n", 1, 9, "dL/dW is 2x3 (2 rows of 3), but you wrote 3x2: transposed?"},
      {"z = [0.4, 0.5.1]\n", 1, 11, "'0.5.1' is not a number"},
      {"z = [0.4, abc]\n", 1, 11, "expected a number, found 'abc'"},
      {"z = [0.4, 0.5] 7\n", 1, 16, "expected the end of the answer after the number, found '7'"},
      {"z 0.4\n", 1, 3, "expected '=' after 'z', found '0.4'"},
      {"z1 = 0.4\n\nz1 = 0.41\n", 3, 1, "z1 is already written on line 1"},
      {"dL/dy3 = 1\n", 1, 1, "y has 2 elements, so there is no element 3"},
      {"y[3] = 1\n", 1, 2, "y has 2 elements, so there is no element 3"},
      {"W[1] = 1\n", 1, 2, "W is a 2x3 matrix: name one element by row and column, like W[1,2]"},
      {"W[3,1] = 1\n", 1, 2, "W is 2x3, so there is no element [3,1]"},
      {"dz/dy = 1\n", 1, 1, "gradients are of the output 'L': write dL/dy"},
      {"dL/dy1 = [1, 2]\n", 1, 10, "dL/dy1 is one number, but you wrote 2 numbers"},
      {"= 3\n", 1, 1, "expected a name like z, dL/dz or W.grad"},
      {"z = [0.4, 0.5]\nx = $\n", 2, 5, "unexpected character '$'"},
  };
  for (const Bad& b : cases) {
    const std::string text = b.text;
    CAPTURE(text);
    try {
      parseAnswers(text, g);
      FAIL("no error");
    } catch (const ParseError& e) {
      INFO(e.message);
      CHECK(e.line == b.line);
      CHECK(e.col == b.col);
      CHECK(e.message.find(b.message) != std::string::npos);
    }
  }
  // A constant has no gradient.
  Graph x = loadGraph("xor");
  CHECK_THROWS_WITH_AS(parseAnswers("dL/dt = 1\n", x), doctest::Contains("'t' is a constant, so it has no gradient"), ParseError);
}

TEST_CASE("answers: decimal commas where they cannot be read two ways, blanks left to fill") {
  Graph g = loadGraph("ex2");
  const int z = *g.find("z"), L = *g.find("L"), W = *g.find("W"), y = *g.find("y");
  AnswerSheet s = parseAnswers("z = [0,406; 0,525]\nL = 0,441; dL/dz1 = -0,81\ndL/dW = [[0,196; ?; 0,294]; [?; ?; ?]]\ndL/dx =\n", g);
  CHECK(s.get(z, Quantity::Value, 0, 0)->value == 0.406);
  CHECK(s.get(z, Quantity::Value, 1, 0)->decimals == 3);
  CHECK(s.get(L, Quantity::Value, 0, 0)->value == 0.441);
  CHECK(s.get(z, Quantity::Grad, 0, 0)->value == -0.81);
  CHECK(s.get(W, Quantity::Grad, 0, 2)->value == 0.294);
  CHECK_FALSE(s.get(W, Quantity::Grad, 0, 1));  // '?': not written
  CHECK(s.find(W, Quantity::Grad)->count() == 2);
  CHECK_FALSE(s.find(*g.find("x"), Quantity::Grad));  // nothing after '='
  // ';' separates elements inside brackets; points are fine there too.
  CHECK(parseAnswers("dL/dy = [0.196; 0.262]\n", g).get(y, Quantity::Grad, 1, 0)->value == 0.262);
  CHECK(parseWrittenNumber("0,196").value == 0.196);
  CHECK(parseWrittenNumber("-0,05").decimals == 2);
  // In a list separated by commas, 0,406 could be two numbers: a message says to write a point.
  struct Bad {
    const char* text;
    int col;
    const char* message;
  };
  for (const Bad& b : {Bad{"z = [0,406, 0,525]\n", 6, "'0,406' can be read as one number or two in a list separated by commas: write a decimal point (0.406)"},
                       Bad{"z = [0,406; 0,525, 1]\n", 18, "this list separates its elements with ';' (for decimal commas): write ';' here too"},
                       Bad{"z = [0,4,0,5]\n", 6, "write a decimal point (0.4)"}}) {
    CAPTURE(b.text);
    try {
      parseAnswers(b.text, g);
      FAIL("no error");
    } catch (const ParseError& e) {
      CHECK(e.line == 1);
      CHECK(e.col == b.col);
      CHECK(e.message.find(b.message) != std::string::npos);
    }
  }
  CHECK(parseAnswers("z = [0.4,0.5]\n", g).get(z, Quantity::Value, 1, 0)->value == 0.5);  // points: no comma to read twice
  CHECK_THROWS_AS(parseWrittenNumber("0, 196"), ParseError);  // not touching: two numbers
}

TEST_CASE("answers: written, saved and read again, the same sheet") {
  Graph g = loadGraph("ex2");
  AnswerSheet s = parseAnswers(std::string(kCorrectEx2) + "", g);
  s.erase(*g.find("W"), Quantity::Grad, 1, 1);  // a partly written tensor is written element by element
  s.set(g, *g.find("z"), Quantity::Value, 0, 0, {0.4, 2});  // "0.40"
  const std::string text = formatAnswers(g, s);
  CHECK(text.find("z = [0.40, 0.525]\n") != std::string::npos);
  CHECK(text.find("dL/dW12 = -0.608\n") != std::string::npos);
  CHECK(text.find("dL/dW22") == std::string::npos);
  AnswerSheet again = parseAnswers(text, g);
  CHECK(formatAnswers(g, again) == text);
  for (const Answer& a : s.answers()) {
    const Answer* b = again.find(a.node, a.quantity);
    REQUIRE(b);
    CHECK(a.decimals == b->decimals);
    CHECK(a.value.cwiseProduct((a.decimals.array() >= 0).cast<double>().matrix()) ==
          b->value.cwiseProduct((b->decimals.array() >= 0).cast<double>().matrix()));
  }

  const auto dir = std::filesystem::temp_directory_path() / ("backstep_check_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "answers.txt").string();
  saveAnswers(path, g, s);
  CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
  CHECK(formatAnswers(g, loadAnswers(path, g)) == text);
  saveAnswers(path, g, again);  // replaces the file
  CHECK(formatAnswers(g, loadAnswers(path, g)) == text);
  std::ofstream(dir / "a-file") << "x";  // a folder that is a file: cannot be written, even by root
  CHECK_THROWS_WITH_AS(saveAnswers((dir / "a-file" / "such.txt").string(), g, s), doctest::Contains("cannot write"), std::runtime_error);
  CHECK_THROWS_WITH_AS(loadAnswers((dir / "missing.txt").string(), g), doctest::Contains("missing.txt: cannot open"), std::runtime_error);
  {
    std::ofstream(dir / "bad.txt") << "z = [0.4, 0.5]\n\ndL/dq = 1\n";
  }
  CHECK_THROWS_WITH_AS(loadAnswers((dir / "bad.txt").string(), g), doctest::Contains("bad.txt:3:1: unknown node 'q'"), std::runtime_error);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the answer sheet API the window uses") {
  Graph g = loadGraph("ex2");
  AnswerSheet s;
  const int W = *g.find("W"), x = *g.find("x");
  CHECK_THROWS_AS(s.set(g, W, Quantity::Grad, 2, 0, {1, 0}), std::out_of_range);
  CHECK_THROWS_AS(s.set(g, 99, Quantity::Value, 0, 0, {1, 0}), std::out_of_range);
  Graph x2 = loadGraph("xor");
  CHECK_THROWS_AS(s.set(x2, *x2.find("t"), Quantity::Grad, 0, 0, {1, 0}), std::invalid_argument);
  CHECK(hasGradient(g, x));
  CHECK_FALSE(hasGradient(x2, *x2.find("t")));
  s.set(g, x, Quantity::Grad, 0, 0, parseWrittenNumber("-1.046"));
  CHECK(s.get(x, Quantity::Grad, 0, 0)->decimals == 3);
  CHECK(answerName(g, W, Quantity::Grad, 0, 1) == "dL/dW12");
  CHECK(answerName(g, x, Quantity::Grad) == "dL/dx");
  CHECK(writeNumber({0.5, 3}) == "0.500");
  CHECK(writeNumber({-4, 0}) == "-4");
  CheckReport rep = checkAnswers(g, s);
  REQUIRE(rep.entries.size() == 1);
  CHECK(rep.entryFor(x, Quantity::Grad, 0, 0) == &rep.entries[0]);
  CHECK(rep.entryFor(x, Quantity::Grad, 1, 0) == nullptr);
  CHECK(rep.element(x, Quantity::Grad, 0, 0)->verdict == Verdict::Rounding);
  CHECK(std::string(verdictName(Verdict::CarriedOver)) == "carried over");
  CHECK(rep.verdictOf(x, Quantity::Grad) == Verdict::Rounding);
  CHECK_FALSE(rep.verdictOf(x, Quantity::Value));
  s.set(g, x, Quantity::Grad, 2, 0, {-0.313, 3});  // the sign
  CHECK(checkAnswers(g, s).verdictOf(x, Quantity::Grad) == Verdict::Wrong);
  CHECK(stepLabel(5) == "step 6");
}

TEST_CASE("random text as an answers file: a located error or a sheet that checks, never a crash") {
  Graph g = loadGraph("ex2");
  const std::string pieces[] = {"z", "y", "W", "x", "L", "dL/dy", "dL/dW", "W.grad", "y1", "dL/dz2", "[", "]", ",", "=",
                                "-", "0.4", "1e-3", "7", "\n", " ", "#", ";", "[1,2]", "q", "1.2.3", "\t", "2"};
  std::mt19937 rng(11);
  int sheets = 0, errors = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    const int n = int(rng() % 12) + 1;
    for (int k = 0; k < n; ++k) text += pieces[rng() % std::size(pieces)];
    try {
      AnswerSheet s = parseAnswers(text, g);
      CheckReport rep = checkAnswers(g, s);
      CHECK(parseAnswers(formatAnswers(g, s), g).answers().size() == s.answers().size());
      ++sheets;
    } catch (const ParseError& e) {
      CHECK(e.line >= 1);
      CHECK(e.col >= 1);
      ++errors;
    }
  }
  CHECK(sheets > 0);
  CHECK(errors > 0);
}

TEST_CASE("a sheet made for another graph is refused, not misread") {
  Graph ex2 = loadGraph("ex2"), ex1 = loadGraph("ex1a");
  AnswerSheet s = parseAnswers(kCorrectEx2, ex2);
  CHECK_THROWS_WITH_AS(checkAnswers(ex1, s), doctest::Contains("the answers do not fit this graph"), std::invalid_argument);
  // Carried over by name, through the text format, the error says which name is missing.
  CHECK_THROWS_WITH_AS(parseAnswers(formatAnswers(ex2, s), ex1), doctest::Contains("unknown node 'y'"), ParseError);
}

TEST_CASE("graphs too large to check by hand are refused with a message") {
  std::string text = "input x = [";
  for (int i = 0; i < 6000; ++i) text += (i ? ", " : "") + std::to_string(i % 7);
  text += "]\nL = sum(x)\noutput L\n";
  Graph g = parseGraph(text);
  CHECK_THROWS_WITH_AS(checkAnswers(g, AnswerSheet{}), doctest::Contains("hand calculations can be checked on graphs of up to"), std::invalid_argument);
}

TEST_CASE("answers: y3 and y[3] get the same message; W123 asks for a row and a column") {
  Graph g = loadGraph("ex2");
  for (const char* text : {"dL/dy3 = 0.5\n", "dL/dy[3] = 0.5\n", "y3 = 1\n", "y[3] = 1\n"}) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(parseAnswers(text, g), doctest::Contains("y has 2 elements, so there is no element 3"), ParseError);
  }
  CHECK_THROWS_WITH_AS(parseAnswers("W31 = 1\n", g), doctest::Contains("W is 2x3, so there is no element [3,1]"), ParseError);
  CHECK_THROWS_WITH_AS(parseAnswers("W[3,1] = 1\n", g), doctest::Contains("W is 2x3, so there is no element [3,1]"), ParseError);
  CHECK_THROWS_WITH_AS(parseAnswers("W123 = 1\n", g), doctest::Contains("W is a 2x3 matrix: name one element by row and column, like W[1,2]"), ParseError);
  CHECK_THROWS_WITH_AS(parseAnswers("q3 = 1\n", g), doctest::Contains("unknown node 'q3'"), ParseError);
}

TEST_CASE("the checker echoes each number as the student wrote it") {
  Graph g = loadGraph("ex2");
  const AnswerSheet s = parseAnswers("y[1] = -3.80e-1\ndL/dW12 = .1\nz = [0.4061, +0.52500]\n", g);
  const std::vector<CheckEntry> entries = checkAnswers(g, s).entries;
  std::vector<std::string> written;
  for (const CheckEntry& e : entries)
    for (const ElementCheck& x : e.elements) written.push_back(writeNumber({x.written, x.decimals, x.text}));
  CHECK(written == std::vector<std::string>{"-3.80e-1", "0.4061", "+0.52500", ".1"});
  // Saved back, the sheet keeps them as written.
  CHECK(formatAnswers(g, s).find("-3.80e-1") != std::string::npos);
}
