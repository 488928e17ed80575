// Grading with error carried forward, on the sheets of tests/grade/sheets (exercise 2):
// all correct, a carried-over chain, two independent mistakes, empty, malformed, the
// forward pass only. The numbers below are checked by hand against `backstep check`.
#include "testing.h"

#include <filesystem>
#include <fstream>

#include "check/answer_reader.h"
#include "check/grade.h"
#include "io/read_file.h"
#include "lang/parser.h"

using namespace bs;

namespace {

const std::string kDir = GRADE_DIR;

struct Row {
  const char* file;
  int correct, rounding, carried, wrong, missing;
  double score;
};

void expectRow(const SheetGrade& g, const Row& r, double outOf) {
  CAPTURE(g.file);
  CHECK(g.file == kDir + "/sheets/" + r.file);
  CHECK(g.error.empty());
  CHECK(g.correct == r.correct);
  CHECK(g.rounding == r.rounding);
  CHECK(g.carriedOver == r.carried);
  CHECK(g.wrong == r.wrong);
  CHECK(g.missing == r.missing);
  CHECK(g.score == r.score);
  CHECK(g.outOf == outOf);
}

}  // namespace

TEST_CASE("grading a folder of sheets with a marking file: the hand-checked marks") {
  const std::vector<SheetGrade> grades = gradeFiles("ex2", {kDir + "/sheets"}, kDir + "/marks.txt");
  REQUIRE(grades.size() == 6);
  // 19 numbers a sheet: y, z (2 each), L, dL/dL, dL/dz, dL/dy (2 each), dL/dW (6), dL/dx (3).
  // Marks: 1 each, dL/dL none, dL/dW half each: 5 + 0 + 2 + 2 + 3 + 3 = 15.
  // All correct: -0.608 for -0.6073 and -1.046 for -1.0455 are rounding (off by more than
  // half a unit, explained by the rounding of dL/dy).
  expectRow(grades[0], {"01-correct.txt", 17, 2, 0, 0, 0, 15}, 15);
  // dL/dy wrong (σ for σ'): its 2 marks lost; dL/dW and dL/dx, right from it, carried over and marked.
  expectRow(grades[1], {"02-chain.txt", 8, 0, 9, 2, 0, 13}, 15);
  // dL/dW22 (half a mark) and dL/dx3 (one) wrong, nothing inherits them.
  expectRow(grades[2], {"03-two-mistakes.txt", 15, 2, 0, 2, 0, 13.5}, 15);
  expectRow(grades[3], {"04-empty.txt", 0, 0, 0, 0, 19, 0}, 15);
  // The malformed sheet is reported with its line and column; the others are graded.
  CHECK(grades[4].error == kDir + "/sheets/05-malformed.txt:4:21: expected ',' or ']' in the list opened at column 9, found the end of the line");
  expectRow(grades[5], {"06-forward-only.txt", 5, 0, 0, 0, 14, 5}, 15);
  CHECK(grades[1].mistakeSteps == std::vector<std::string>{"step 6 (dL/dy)"});
  CHECK(grades[1].slips == std::vector<std::string>{"σ(x) where σ'(x) belongs"});
  CHECK(grades[2].mistakeSteps == std::vector<std::string>{"step 7 (dL/dW)", "step 8 (dL/dx)"});
  CHECK(grades[2].slips == std::vector<std::string>{"a sign error"});  // -0.182 for -0.812 is no slip of the catalogue

  // The CSVs, with the folder's path taken out of the file names.
  std::string csv = marksCsv(grades);
  for (size_t p; (p = csv.find(kDir + "/")) != std::string::npos;) csv.erase(p, kDir.size() + 1);
  CHECK(csv == io::readFile(kDir + "/expected-marks.csv", 1 << 16, "a CSV file"));
  const ClassSummary s = summarize(grades);
  CHECK(s.graded == 5);
  CHECK(s.failed == 1);
  CHECK(s.meanScore == doctest::Approx((15 + 13 + 13.5 + 0 + 5) / 5.0));
  CHECK(s.outOf == 15);
  CHECK(summaryCsv(s) == io::readFile(kDir + "/expected-summary.csv", 1 << 16, "a CSV file"));
}

TEST_CASE("grading without a marking file: one mark a number") {
  const std::vector<SheetGrade> grades = gradeFiles("ex2", {kDir + "/sheets/02-chain.txt", kDir + "/sheets/04-empty.txt"}, "");
  REQUIRE(grades.size() == 2);
  CHECK(grades[0].score == 19 - 2);
  CHECK(grades[0].outOf == 19);
  CHECK(grades[1].score == 0);
}

TEST_CASE("marking files: names as answers write them, later lines win, errors located") {
  Graph g = loadGraph("ex2");
  const int W = *g.find("W"), x = *g.find("x");
  const Marks m = parseMarks("# marks\ndefault = 2\ndL/dW = 0.5\ndL/dW[2,2] = 3\nW.grad = 1   # later: every dL/dW again\ndL/dx3 = 0\n", g);
  CHECK(m.defaultMark == 2);
  CHECK(m.of(W, Quantity::Grad, 1, 1) == 1);
  CHECK(m.of(x, Quantity::Grad, 2, 0) == 0);
  CHECK(m.of(x, Quantity::Grad, 1, 0) == 2);
  CHECK(m.of(*g.find("z"), Quantity::Value, 0, 0) == 2);
  struct Bad {
    const char* text;
    int line, col;
    const char* message;
  };
  for (const Bad& b : {Bad{"dL/dq = 1\n", 1, 1, "unknown node 'q'"}, Bad{"default = -1\n", 1, 11, "expected the marks for each number"},
                       Bad{"z 1\n", 1, 3, "expected '=' and the marks for each number"}, Bad{"z = 1 2\n", 1, 7, "expected the end of the line"}}) {
    CAPTURE(b.text);
    try {
      parseMarks(b.text, g);
      FAIL("no error");
    } catch (const ParseError& e) {
      CHECK(e.line == b.line);
      CHECK(e.col == b.col);
      CHECK(e.message.find(b.message) != std::string::npos);
    }
  }
  CHECK_THROWS_WITH_AS(gradeFiles("ex2", {kDir + "/sheets"}, kDir + "/bad-marks.txt"), doctest::Contains("bad-marks.txt:2:1: unknown node 'q'"),
                       std::runtime_error);
  const auto empty = std::filesystem::temp_directory_path() / ("backstep_grade_" + std::to_string(::getpid()));
  std::filesystem::create_directories(empty);
  CHECK_THROWS_WITH_AS(gradeFiles("ex2", {empty.string()}, ""), doctest::Contains("no answer sheets (.txt files) in the folder"), std::runtime_error);
  std::filesystem::remove_all(empty);
}
