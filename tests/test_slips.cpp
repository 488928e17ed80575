// Named slips: sheets worked by the simulated student (tests/student.h) with one
// planted slip of each kind of the catalogue, computed here by hand, not through the
// catalogue. Each slip must be named at its own step, what inherits it carried over,
// nothing else flagged; sheets without mistakes name no slip.
#include "testing.h"

#include <functional>
#include <set>
#include <sstream>

#include "check/answer_reader.h"
#include "check/answer_writer.h"
#include "check/checker.h"
#include "lang/parser.h"
#include "student.h"

using namespace bs;
using namespace bs::testing;

namespace {

const Tensor& given(const Graph& g, const std::string& n) { return g.node(*g.find(n)).value; }

// A planted slip: at the step computing `node`'s value (grad false) or its gradient
// (contribution `contribution`, 0: the last), the student writes slip(student, result).
struct Plant {
  std::string graph;
  bool grad;
  std::string node;
  int contribution;
  std::function<void(const Student& s, Tensor& r)> slip;
  std::vector<std::string> wrong;  // the numbers it makes wrong
  SlipKind kind;
  std::string label;  // what the table and the window show
};

Graph graphOf(const std::string& name) {
  if (name == "mean")  // the 1/n of a mean
    return parseGraph("input x = [0.8, -1.3, 2.1]\nparam w = [0.5, 1.5, -0.7]\np = w * x\nm = mean(p)\nout = sigmoid(m)\noutput out\n");
  return loadGraph(name);
}

// The numbers of `sheet` (flagged by name) that differ from those of `clean`.
std::set<std::string> changed(const Graph& g, const AnswerSheet& clean, const AnswerSheet& sheet) {
  std::set<std::string> out;
  for (const Answer& a : sheet.answers())
    for (Index r = 0; r < a.value.rows(); ++r)
      for (Index c = 0; c < a.value.cols(); ++c)
        if (a.written(r, c) && clean.get(a.node, a.quantity, r, c)->value != a.value(r, c)) out.insert(answerName(g, a.node, a.quantity, r, c));
  return out;
}

std::string slipsOf(const ElementCheck& x) {
  std::ostringstream o;
  for (const Slip& s : x.slips) o << s.label << " [" << s.text << "] at step " << s.step + 1 << "; ";
  return o.str();
}

void checkPlant(const Plant& p, int d) {
  CAPTURE(p.graph);
  CAPTURE(p.node);
  CAPTURE(p.label);
  CAPTURE(d);
  Graph g = graphOf(p.graph);
  const int step = p.grad ? gradStep(g, p.node, p.contribution) : forwardStep(g, p.node);
  Student clean(g, d), s(g, d);
  s.slip = [&](int k, Tensor& r) {
    if (k == step) {
      p.slip(s, r);
      r = roundTo(r, d);
    }
  };
  const AnswerSheet cleanSheet = clean.work(), sheet = s.work();
  const std::set<std::string> differs = changed(g, cleanSheet, sheet);
  for (const std::string& w : p.wrong) REQUIRE(differs.count(w));  // the slip changed them
  // Wrong where planted, carried over wherever the student's numbers changed because of
  // it. At 2 decimals a number that inherits the slip may also be rounding: when it stays
  // within what rounding alone could give, the checker does not call it carried over.
  std::map<std::string, Flag> want;
  for (const std::string& n : differs) want[n] = {Verdict::CarriedOver, step};
  for (const std::string& w : p.wrong) want[w] = {Verdict::Wrong, step};
  const CheckReport rep = checkAnswers(g, sheet);
  const std::string written = formatAnswers(g, sheet);
  CAPTURE(written);
  if (d >= 3) {
    expectFlags(g, rep, want);
  } else {
    for (const auto& [name, flag] : flagged(g, rep)) {
      CAPTURE(name);
      REQUIRE(want.count(name));
      CHECK(want.at(name) == flag);
    }
    for (const std::string& w : p.wrong) CHECK(flagged(g, rep).count(w));
  }
  for (const CheckEntry& e : rep.entries)
    for (const ElementCheck& x : e.elements) {
      const std::string name = answerName(g, e.node, e.quantity, x.row, x.col);
      CAPTURE(name);
      CAPTURE(slipsOf(x));
      if (x.verdict != Verdict::Wrong) {
        CHECK(x.slips.empty());
        continue;
      }
      REQUIRE_FALSE(x.slips.empty());
      CHECK(x.slips.size() <= 2);
      const bool named = std::any_of(x.slips.begin(), x.slips.end(), [&](const Slip& sl) { return sl.kind == p.kind && sl.label == p.label && sl.step == step; });
      CHECK(named);
    }
}

}  // namespace

TEST_CASE("planted slips of every kind: named at their own step, what inherits them carried over, nothing else flagged") {
  const std::vector<Plant> plants = {
      // A misread entry of Wᵀ: dL/dx2 = W12·dL/dy1 + W22·dL/dy2 with W13 = 2 in place of W22.
      {"ex2", true, "x", 0, [](const Student& s, Tensor& r) {
         Tensor w = s.value("W");
         w(1, 1) = w(0, 2);
         r = w.transpose() * s.grad("y");
       }, {"dL/dx2"}, SlipKind::MisreadEntry, "a misread entry of Wᵀ"},
      // A transposed entry: y1 computed with W21 in place of W12.
      {"ex2", false, "y", 0, [](const Student& s, Tensor& r) {
         Tensor w = s.value("W");
         w(0, 1) = w(1, 0);
         r = w * s.value("x");
       }, {"y1"}, SlipKind::TransposedEntry, "a transposed entry of W"},
      // One number's sign: z1 = σ(0.38) for σ(-0.38).
      {"ex2", false, "z", 0, [](const Student& s, Tensor& r) { r(0, 0) = 1 / (1 + std::exp(s.value("y")(0, 0))); }, {"z1"},
       SlipKind::EntrySign, "a sign error in y"},
      // W used for Wᵀ: dL/dxj from row j of W (there is no row 3, so dL/dx3 is right).
      {"ex2", true, "x", 0, [](const Student& s, Tensor& r) {
         const Tensor& w = s.value("W");
         for (Index j = 0; j < 2; ++j) r(j, 0) = w(j, 0) * s.grad("y")(0, 0) + w(j, 1) * s.grad("y")(1, 0);
       }, {"dL/dx1", "dL/dx2"}, SlipKind::Transposed, "W used for Wᵀ"},
      // Wᵀ used for W, forward, in the XOR network's square first layer.
      {"xor", false, "z1", 0, [](const Student& s, Tensor& r) { r = s.value("W1").transpose() * s.value("x"); }, {"z1[1]", "z1[2]"},
       SlipKind::Transposed, "W1ᵀ used for W1"},
      // A sign error, in 1a-1d and in exercise 2.
      {"ex1a", true, "p1", 0, [](const Student&, Tensor& r) { r = -r; }, {"df/dp1"}, SlipKind::Sign, "a sign error"},
      {"ex1d", true, "p1", 0, [](const Student&, Tensor& r) { r = -r; }, {"df/dp1"}, SlipKind::Sign, "a sign error"},
      {"ex2", true, "z", 0, [](const Student&, Tensor& r) { r = -r; }, {"dL/dz1", "dL/dz2"}, SlipKind::Sign, "a sign error"},
      // σ where σ' belongs; tanh where tanh' belongs.
      {"ex1a", true, "s", 0, [](const Student& s, Tensor& r) { r = s.value("f"); }, {"df/ds"}, SlipKind::ValueForDerivative,
       "σ(x) where σ'(x) belongs"},
      {"ex1b", true, "s", 0, [](const Student& s, Tensor& r) { r = s.value("f"); }, {"df/ds"}, SlipKind::ValueForDerivative,
       "tanh(x) where tanh'(x) belongs"},
      {"ex2", true, "y", 0, [](const Student& s, Tensor& r) { r = s.grad("z").cwiseProduct(s.value("z")); }, {"dL/dy1", "dL/dy2"},
       SlipKind::ValueForDerivative, "σ(x) where σ'(x) belongs"},
      // tanh' taken at the output f instead of the input s (σ' is too flat near 0 for
      // σ'(z) to differ from σ'(y) in exercises 1a and 2).
      {"ex1b", true, "s", 0, [](const Student& s, Tensor& r) { r(0, 0) = 1 - std::pow(std::tanh(s.value("f")(0, 0)), 2); }, {"df/ds"},
       SlipKind::DerivativeAtOutput, "tanh'(x) taken at the output instead of the input"},
      // A missing factor: the 2 of 2z; the 2 of MSE's 2(y − t); the 1/n of a mean.
      {"ex2", true, "z", 0, [](const Student& s, Tensor& r) { r = s.value("z"); }, {"dL/dz1", "dL/dz2"}, SlipKind::MissingFactor,
       "the factor 2 left out"},
      {"xor", true, "y", 0, [](const Student& s, Tensor& r) { r = s.value("y") - given(loadGraph("xor"), "t"); }, {"dL/dy"},
       SlipKind::MissingFactor, "the factor 2 left out"},
      {"mean", true, "p", 0, [](const Student& s, Tensor& r) { r = Tensor::Constant(3, 1, s.grad("m")(0, 0)); }, {"dout/dp1", "dout/dp2", "dout/dp3"},
       SlipKind::MissingFactor, "the factor 1/n left out"},
      // The local derivative without the upstream gradient, and the upstream gradient alone.
      {"ex1a", true, "w0", 0, [](const Student& s, Tensor& r) { r = s.value("x0"); }, {"df/dw0"}, SlipKind::LocalOnly, "the upstream gradient left out"},
      {"ex2", true, "y", 0, [](const Student& s, Tensor& r) { r(0, 0) = s.value("z")(0, 0) * (1 - s.value("z")(0, 0)); }, {"dL/dy1"},
       SlipKind::LocalOnly, "the upstream gradient left out"},
      {"ex1c", true, "w1", 0, [](const Student& s, Tensor& r) { r = s.grad("p1"); }, {"df/dw1"}, SlipKind::UpstreamOnly, "the local derivative left out"},
      {"ex2", true, "y", 0, [](const Student& s, Tensor& r) { r = s.grad("z"); }, {"dL/dy1", "dL/dy2"}, SlipKind::UpstreamOnly,
       "the local derivative left out"},
      // A forgotten fan-out contribution: df/dx = (x + y) only, x's own term through f = q·x left out.
      {"fanout", true, "x", 1, [](const Student&, Tensor& r) { r.setZero(); }, {"df/dx"}, SlipKind::ForgottenContribution,
       "a forgotten fan-out contribution"},
      // Two operands swapped: df/dw0 = df/dp0 · w0 (the other factor of p0 = w0 · x0).
      {"ex1a", true, "w0", 0, [](const Student& s, Tensor& r) { r = s.grad("p0") * s.value("w0")(0, 0); }, {"df/dw0"},
       SlipKind::SwappedOperands, "two operands swapped"},
      {"ex1d", true, "x1", 0, [](const Student& s, Tensor& r) { r = s.grad("p1") * s.value("x1")(0, 0); }, {"df/dx1"},
       SlipKind::SwappedOperands, "two operands swapped"},
      // One product of a sum wrong: W12·x2 left out of y1; b left out of s; W11·dL/dy1's
      // decimal point moved; the sign of W23·x3 flipped.
      {"ex2", false, "y", 0, [](const Student& s, Tensor& r) { r(0, 0) -= s.value("W")(0, 1) * s.value("x")(1, 0); }, {"y1"},
       SlipKind::TermWrong, "one term of the sum left out"},
      {"ex1c", false, "s", 0, [](const Student& s, Tensor& r) { r = s.value("q"); }, {"s"}, SlipKind::TermWrong, "one term of the sum left out"},
      {"ex2", true, "x", 0, [](const Student& s, Tensor& r) { r(0, 0) += 9 * s.value("W")(0, 0) * s.grad("y")(0, 0); }, {"dL/dx1"},
       SlipKind::TermWrong, "one product of the sum with its decimal point moved"},
      {"ex2", false, "y", 0, [](const Student& s, Tensor& r) { r(1, 0) -= 2 * s.value("W")(1, 2) * s.value("x")(2, 0); }, {"y2"},
       SlipKind::TermWrong, "one term of the sum with its sign flipped"},
      // Row and column swapped in dL/dW.
      {"ex2", true, "W", 0, [](const Student&, Tensor& r) { std::swap(r(0, 1), r(1, 0)); }, {"dL/dW12", "dL/dW21"}, SlipKind::SwappedElement,
       "row and column swapped"},
  };
  std::set<SlipKind> kinds;
  for (const Plant& p : plants) {
    for (int d : {2, 3}) checkPlant(p, d);
    kinds.insert(p.kind);
  }
  CHECK(kinds.size() == 14);  // every kind of the catalogue
  // A mean's local derivative is its 1/n: named once, as the factor left out.
  Graph m = graphOf("mean");
  const CheckReport rep = checkAnswers(m, parseAnswers("dout/dm = 0.196\ndout/dp = [0.196, 0.196, 0.196]\n", m));
  const ElementCheck* p1 = rep.element(*m.find("p"), Quantity::Grad, 0, 0);
  REQUIRE(p1->slips.size() == 1);
  CHECK(p1->slips[0].text == "dout/dm · (1/n) without its factor 1/n = 1/3");
}

TEST_CASE("the spec's example: a misread entry of Wᵀ, in the explanation and at its step") {
  Graph g = loadGraph("ex2");
  const std::string sheet = std::string(
      "y = [-0.38, 0.1]\nz = [0.406, 0.525]\nL = 0.441\ndL/dz = [0.812, 1.05]\ndL/dy = [0.196, 0.262]\n"
      "dL/dW = [[0.196, -0.608, 0.294], [0.262, -0.812, 0.393]]\n"
      "dL/dx = [-1.046, 0.485, 0.313]\n");  // dL/dx2 = -0.2·0.196 + 2·0.262
  const CheckReport rep = checkAnswers(g, parseAnswers(sheet, g));
  const ElementCheck* x2 = rep.element(*g.find("x"), Quantity::Grad, 1, 0);
  REQUIRE(x2);
  CHECK(x2->verdict == Verdict::Wrong);
  REQUIRE(x2->slips.size() == 1);
  CHECK(x2->slips[0].kind == SlipKind::MisreadEntry);
  CHECK(x2->slips[0].label == "a misread entry of Wᵀ");
  CHECK(x2->slips[0].text == "W12·dL/dy1 + W22·dL/dy2 with 2 (W13) in place of W22 = -0.5");
  CHECK(x2->slips[0].value == doctest::Approx(-0.2 * 0.196 + 2 * 0.262));
  CHECK(x2->blamedStep == gradStep(g, "x"));
  CHECK(rep.entryFor(*g.find("x"), Quantity::Grad, 1, 0)->explanation[0] ==
        "dL/dx2 = 0.485 matches W12·dL/dy1 + W22·dL/dy2 with 2 (W13) in place of W22 = -0.5 (a misread entry of Wᵀ); without that slip, step 8 gives "
        "-0.1702 from your numbers");
}

TEST_CASE("two slips that give the same number are both named; none fits: only 'wrong'") {
  // MSE's dL/dy = 2(y − t): with y and t swapped it is 2(t − y), the sign flipped too.
  Graph x = loadGraph("xor");
  const int step = gradStep(x, "y");
  Student s(x, 3);
  s.slip = [&](int k, Tensor& r) {
    if (k == step) r = -r;
  };
  const CheckReport rep = checkAnswers(x, s.work());
  const ElementCheck* dy = rep.element(*x.find("y"), Quantity::Grad, 0, 0);
  REQUIRE(dy);
  REQUIRE(dy->slips.size() == 2);
  CHECK(dy->slips[0].kind == SlipKind::Sign);
  CHECK(dy->slips[1].kind == SlipKind::SwappedOperands);
  CHECK(rep.entryFor(*x.find("y"), Quantity::Grad, 0, 0)->explanation[0].find("(a sign error), or ") != std::string::npos);
  // Slips the catalogue does not have: no slip is named, never a guess.
  for (const char* name : {"ex1a", "ex1b", "ex1c", "ex1d"}) {
    CAPTURE(name);
    Graph g = loadGraph(name);
    const int at = gradStep(g, "s");
    Student t(g, 3);
    t.slip = [&](int k, Tensor& r) {
      if (k == at) r(0, 0) += 0.1;
    };
    const CheckReport r2 = checkAnswers(g, t.work());
    const ElementCheck* ds = r2.element(*g.find("s"), Quantity::Grad, 0, 0);
    REQUIRE(ds);
    CHECK(ds->verdict == Verdict::Wrong);
    CHECK(ds->slips.empty());
    CHECK(r2.entryFor(*g.find("s"), Quantity::Grad, 0, 0)->explanation[0].find(" is wrong: from your numbers, step 7 gives") != std::string::npos);
  }
  Graph g = loadGraph("ex2");
  CheckReport r3 = checkAnswers(g, parseAnswers("dL/dy = [0.196, 0.262]\ndL/dW22 = -0.821\n", g));  // two digits swapped: not in the catalogue
  CHECK(r3.element(*g.find("W"), Quantity::Grad, 1, 1)->verdict == Verdict::Wrong);
  CHECK(r3.element(*g.find("W"), Quantity::Grad, 1, 1)->slips.empty());
}

TEST_CASE("a given value copied with its sign flipped") {
  Graph g = loadGraph("ex1a");
  Student s(g, 3);
  AnswerSheet sheet = s.work();
  sheet.set(g, *g.find("x1"), Quantity::Value, 0, 0, {1.8, 1});
  const CheckReport rep = checkAnswers(g, sheet);
  const ElementCheck* x1 = rep.element(*g.find("x1"), Quantity::Value, 0, 0);
  REQUIRE(x1);
  CHECK(x1->verdict == Verdict::Wrong);
  REQUIRE(x1->slips.size() == 1);
  CHECK(x1->slips[0].kind == SlipKind::Sign);
  CHECK(x1->slips[0].step == -1);
  CHECK(rep.entryFor(*g.find("x1"), Quantity::Value, 0, 0)->explanation[0] == "x1 = 1.8 is not the given value -1.8 (a sign error)");
  sheet.set(g, *g.find("x1"), Quantity::Value, 0, 0, {1.9, 1});
  CHECK(checkAnswers(g, sheet).element(*g.find("x1"), Quantity::Value, 0, 0)->slips.empty());
}

TEST_CASE("no slip is named on sheets without mistakes, rounded to 2 and to 3 decimals") {
  for (const char* name : {"ex1a", "ex1b", "ex1c", "ex1d", "ex2", "fanout", "xor"})
    for (int d : {2, 3}) {
      CAPTURE(name);
      CAPTURE(d);
      Graph g = loadGraph(name);
      for (const AnswerSheet& sheet : {exactSheet(g, d), Student(g, d).work()}) {
        const CheckReport rep = checkAnswers(g, sheet);
        CHECK_FALSE(rep.anyWrong());
        for (const CheckEntry& e : rep.entries)
          for (const ElementCheck& x : e.elements) CHECK(x.slips.empty());
      }
    }
}
