// The window's answers mode with no display: typing numbers into fields (correct,
// rounded, wrong, cleared, unreadable), loading a sheet with a planted mistake and going
// to the blamed step, saving and loading, carrying answers over to another graph, and which
// quantities take a field at all.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "testing.h"

#include "session/app_state.h"

using namespace bs;
using namespace bs::app;

namespace {
AppState opened(const char* example) {
  AppState s;
  REQUIRE_FALSE(s.openExample(example).has_value());
  s.setAnswersMode(true);
  return s;
}

AnswerKey key(const AppState& s, const char* node, Quantity q, Index r = 0, Index c = 0) {
  return {*s.graph().find(node), q, r, c};
}

// Exercise 2 with the sigmoid's derivative taken as σ(y): dL/dy is wrong at step 6;
// dL/dW and dL/dx inherit it (assets/answers/ex2-mistakes.txt).
const char* kMistakes =
    "y = [-0.38, 0.1]\n"
    "z = [0.406, 0.525]\n"
    "L = 0.441\n"
    "dL/dz = [0.812, 1.05]\n"
    "dL/dy = [0.330, 0.551]\n"
    "dL/dW = [[0.330, -1.023, 0.495], [0.551, -1.708, 0.827]]\n"
    "dL/dx = [-1.871, -0.342, 0.495]\n";

std::string tempPath(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::string("backstep_test_") + name)).string();
}
}  // namespace

TEST_CASE("answers mode starts off and empty") {
  AppState s;
  REQUIRE_FALSE(s.openExample("ex2"));
  CHECK_FALSE(s.answers().active());
  CHECK(s.answers().sheet().empty());
  const int v = s.valuesVersion();
  s.setAnswersMode(true);
  CHECK(s.answers().active());
  CHECK(s.valuesVersion() != v);  // the view redraws its marks
}

TEST_CASE("a typed number gets its verdict: correct, rounding, wrong") {
  AppState s = opened("ex2");
  const AnswerKey z1 = key(s, "z", Quantity::Value, 0, 0);  // exact 0.40612
  s.typeAnswer(z1, "0.406");
  CHECK(s.answers().verdict(z1) == Verdict::Correct);
  CHECK(s.answers().fieldText(z1) == "0.406");
  s.typeAnswer(z1, "0.41");  // fewer decimals, still the exact value rounded
  CHECK(s.answers().verdict(z1) == Verdict::Correct);
  CHECK(s.answers().fieldText(z1) == "0.41");

  // dL/dy1 = 0.1959 exactly; 0.195 is what rounded upstream numbers give (README).
  const AnswerKey dy1 = key(s, "y", Quantity::Grad, 0, 0);
  s.typeAnswer(dy1, "0.195");
  CHECK(s.answers().verdict(dy1) == Verdict::Rounding);
  s.typeAnswer(dy1, "0.330");  // dL/dz · σ(y): a wrong local derivative
  CHECK(s.answers().verdict(dy1) == Verdict::Wrong);
  CHECK(s.answers().report().verdictOf(dy1.node, Quantity::Grad) == Verdict::Wrong);
  const CheckEntry* e = s.answers().report().entryFor(dy1.node, Quantity::Grad, 0, 0);
  REQUIRE(e);
  REQUIRE_FALSE(e->explanation.empty());
  bool arithmetic = false;  // the step redone with the student's numbers
  for (const std::string& line : e->explanation) arithmetic |= line.find("σ'(y1)") != std::string::npos;
  CHECK(arithmetic);
  CHECK(s.answers().report().count(Verdict::Wrong) == 1);
}

TEST_CASE("clearing a field erases its number") {
  AppState s = opened("ex2");
  const AnswerKey z2 = key(s, "z", Quantity::Value, 1, 0);
  s.typeAnswer(z2, "0.525");
  REQUIRE(s.answers().verdict(z2) == Verdict::Correct);
  s.typeAnswer(z2, "  ");
  CHECK_FALSE(s.answers().verdict(z2));
  CHECK(s.answers().sheet().empty());
  CHECK(s.answers().fieldText(z2).empty());
  s.typeAnswer(z2, "0.5");
  s.clearAnswers();
  CHECK(s.answers().sheet().empty());
  CHECK(s.answers().report().entries.empty());
}

TEST_CASE("text that is not a number is kept with a located error and changes nothing") {
  AppState s = opened("ex2");
  const AnswerKey z1 = key(s, "z", Quantity::Value);
  s.typeAnswer(z1, "0.406");
  s.typeAnswer(z1, "0.4 06");
  REQUIRE(s.answers().fieldError(z1));
  CHECK(s.answers().fieldError(z1)->find("column 5") != std::string::npos);
  CHECK(s.answers().fieldText(z1) == "0.4 06");         // the field keeps what was typed
  CHECK(s.answers().sheet().get(z1.node, Quantity::Value, 0, 0)->value == doctest::Approx(0.406));  // the sheet does not
  CHECK(s.answers().verdict(z1) == Verdict::Correct);
  CHECK(s.answers().unreadable(z1.node, Quantity::Value));  // the old number's explanation is not shown
  CHECK_FALSE(s.answers().unreadable(z1.node, Quantity::Grad));
  s.typeAnswer(z1, "abc");
  REQUIRE(s.answers().fieldError(z1));
  CHECK(s.answers().fieldError(z1)->find("column 1") != std::string::npos);
  s.typeAnswer(z1, "0.41");
  CHECK_FALSE(s.answers().fieldError(z1));
  CHECK_FALSE(s.answers().unreadable(z1.node, Quantity::Value));
  // A leaf gets no gradient: that field does not exist.
  CHECK_THROWS_AS(s.typeAnswer(key(s, "W", Quantity::Value, 5, 0), "1"), std::out_of_range);
}

TEST_CASE("a sheet with a planted mistake blames its step; going there shows it") {
  AppState s;
  REQUIRE_FALSE(s.openExample("ex2"));
  REQUIRE_FALSE(s.loadAnswersText(kMistakes));
  CHECK(s.answers().active());  // loading turns the mode on
  const CheckReport& rep = s.answers().report();
  const int y = *s.graph().find("y"), W = *s.graph().find("W"), z = *s.graph().find("z");
  CHECK(rep.verdictOf(y, Quantity::Grad) == Verdict::Wrong);
  CHECK(rep.verdictOf(W, Quantity::Grad) == Verdict::CarriedOver);
  CHECK(rep.verdictOf(z, Quantity::Grad) == Verdict::Correct);
  CHECK(rep.verdictOf(z, Quantity::Value) == Verdict::Correct);
  CHECK(rep.count(Verdict::Wrong) == 2);

  // dL/dy is step 6 of `backstep trace ex2`: schedule index 5, shown done at cursor 6.
  const ElementCheck* wrong = rep.element(y, Quantity::Grad, 0, 0);
  REQUIRE(wrong);
  CHECK(wrong->blamedStep == 5);
  REQUIRE(s.goToBlamed({W, Quantity::Grad, 1, 2}));  // carried over: the earlier mistake
  CHECK(s.stepper().cursor() == 6);
  CHECK(s.selected() == y);
  s.goTo(0);
  REQUIRE(s.goToBlamed({y, Quantity::Grad, 1, 0}));
  CHECK(s.stepper().cursor() == 6);
  CHECK_FALSE(s.goToBlamed({z, Quantity::Value, 0, 0}));  // correct: nothing to show
  CHECK(s.stepper().cursor() == 6);
}

TEST_CASE("a bad sheet keeps the answers and says where") {
  AppState s = opened("ex2");
  const AnswerKey z1 = key(s, "z", Quantity::Value);
  s.typeAnswer(z1, "0.406");
  auto err = s.loadAnswersText("z = [0.406, 0.525]\nq = 1\n");
  REQUIRE(err);
  CHECK(err->line == 2);
  CHECK(err->col == 1);
  CHECK(err->message.find("'q'") != std::string::npos);
  err = s.loadAnswersText("dL/dW = [[1, 2], [3, 4], [5, 6]]\n");
  REQUIRE(err);
  CHECK(err->line == 1);
  CHECK(err->message.find("transposed") != std::string::npos);
  CHECK(s.answers().fieldText(z1) == "0.406");
  auto missing = s.loadAnswers("/nonexistent/answers.txt");
  REQUIRE(missing);
  CHECK(missing->message.find("/nonexistent/answers.txt") != std::string::npos);
}

TEST_CASE("saving and loading gives the same numbers and verdicts") {
  AppState s = opened("ex2");
  REQUIRE_FALSE(s.loadAnswersText(kMistakes));
  const std::string path = tempPath("answers.txt");
  CHECK(s.saveAnswers(path).empty());
  AppState t;
  REQUIRE_FALSE(t.openExample("ex2"));
  REQUIRE_FALSE(t.loadAnswers(path));
  std::remove(path.c_str());
  const int W = *t.graph().find("W");
  CHECK(t.answers().fieldText({W, Quantity::Grad, 1, 1}) == "-1.708");
  CHECK(t.answers().report().count(Verdict::Wrong) == s.answers().report().count(Verdict::Wrong));
  CHECK(t.answers().report().count(Verdict::CarriedOver) == s.answers().report().count(Verdict::CarriedOver));
  CHECK_FALSE(t.saveAnswers("/proc/backstep/answers.txt").empty());  // /proc takes no new files, even from root
}

TEST_CASE("editing a given value checks the answers again") {
  AppState s = opened("ex2");
  const AnswerKey y1 = key(s, "y", Quantity::Value);
  s.typeAnswer(y1, "-0.38");
  REQUIRE(s.answers().verdict(y1) == Verdict::Correct);
  s.setLeafElement(*s.graph().find("W"), 0, 0, -3);  // y1 becomes 0.62
  CHECK(s.answers().verdict(y1) == Verdict::Wrong);
  s.resetEdits();
  CHECK(s.answers().verdict(y1) == Verdict::Correct);
}

TEST_CASE("another graph: answers are carried over by name, or dropped cleanly") {
  AppState s = opened("ex2");
  REQUIRE_FALSE(s.loadAnswersText("y = [-0.38, 0.1]\nz = [0.406, 0.525]\ndL/dz1 = 0.812\n"));

  SUBCASE("the same names: carried over and checked against the new graph") {
    std::string src = s.sourceText();
    const size_t at = src.rfind("= sigmoid(y)");  // the statement, not the comment above it
    REQUIRE(at != std::string::npos);
    s.sourceText() = src.replace(at, 12, "= relu(y)");
    REQUIRE(s.applySource());
    CHECK(s.answers().note().empty());
    CHECK(s.answers().verdict(key(s, "y", Quantity::Value, 1, 0)) == Verdict::Correct);
    CHECK(s.answers().verdict(key(s, "z", Quantity::Value, 0, 0)) == Verdict::Wrong);  // relu(-0.38) = 0
    CHECK(s.answers().fieldText(key(s, "z", Quantity::Grad)) == "0.812");
  }
  SUBCASE("a renamed node: its answers are dropped, the others kept") {
    s.sourceText() = "param W = [[-4, -0.2, 2], [-1, -0.5, -0.3]]\ninput x = [1, -3.1, 1.5]\n"
                     "y = W @ x\nh = sigmoid(y)\nL = sum_squares(h)\noutput L\n";
    REQUIRE(s.applySource());
    CHECK(s.answers().note().find("2 answers") != std::string::npos);
    CHECK(s.answers().note().find("z") != std::string::npos);
    CHECK(s.answers().verdict(key(s, "y", Quantity::Value, 0, 0)) == Verdict::Correct);
    CHECK(s.answers().sheet().answers().size() == 1);
  }
  SUBCASE("a graph with none of the names: everything dropped, nothing left to check") {
    REQUIRE_FALSE(s.openExample("ex1a"));
    CHECK(s.answers().sheet().empty());
    CHECK(s.answers().report().entries.empty());
    CHECK(s.answers().note().find("dropped") != std::string::npos);
    CHECK(s.answers().active());  // the mode stays on
  }
}

TEST_CASE("fields are offered for what a student works out: not given values, not a const's gradient") {
  AppState s = opened("xor");  // input x, const t, params W1 b1 W2 b2, ops up to L
  const Graph& g = s.graph();
  auto takes = [&](const char* n, Quantity q) { return Answers::takes(g, *g.find(n), q); };
  CHECK_FALSE(takes("x", Quantity::Value));  // given
  CHECK(takes("x", Quantity::Grad));
  CHECK_FALSE(takes("W1", Quantity::Value));
  CHECK(takes("W1", Quantity::Grad));
  CHECK_FALSE(takes("t", Quantity::Value));
  CHECK_FALSE(takes("t", Quantity::Grad));  // a const gets no gradient
  CHECK(takes("h", Quantity::Value));
  CHECK(takes("h", Quantity::Grad));
  CHECK(takes("L", Quantity::Grad));  // the seed dL/dL may be written too
  CHECK_FALSE(Answers::takes(g, -1, Quantity::Value));
  CHECK_FALSE(Answers::takes(g, g.size(), Quantity::Grad));
}
