// Marking a class's sheets with error carried forward: each number a sheet should hold
// (workedQuantities) earns its marks when it is correct, rounding or carried over
// (right from the student's own earlier numbers, as the checker redoes every step),
// and none when it is wrong or missing. Given values a student copies are checked (a
// mistake in one carries over) but not marked.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check/answer_reader.h"
#include "check/checker.h"

namespace bs {

// Marks per number, from a marking file (README: Grading a class):
//   default = 1        every number not named below
//   dL/dW = 0.5        each number of a quantity, named as answers name it
//   dL/dx3 = 2         one element
//   dL/dL = 0          the seed earns nothing
// `#` starts a comment; a later line wins over an earlier one for the numbers it names.
struct Marks {
  double defaultMark = 1;
  std::vector<std::pair<AnswerTarget, double>> lines;
  double of(int node, Quantity q, Index r, Index c) const;
};
// Throws ParseError (line and column) for an unknown name, a mark that is not a number
// or is negative, a line that is not NAME = MARKS.
Marks parseMarks(std::string_view text, const Graph& g);

struct SheetGrade {
  std::string file;
  std::string error;  // "FILE:LINE:COL: ..." when the sheet could not be graded; then nothing else is set
  int correct = 0, rounding = 0, carriedOver = 0, wrong = 0, missing = 0;  // of the numbers it should hold
  double score = 0, outOf = 0;
  std::vector<std::string> mistakeSteps;  // where its mistakes were made, each once: "step 6 (dL/dy)"
  std::vector<std::string> slips;         // the labels of the slips named, each once
};

SheetGrade gradeSheet(const Graph& g, const AnswerSheet& sheet, const Marks& marks);

// Grades every sheet. `graph` is a .bsg file, an example, or a worksheet folder: then
// each sheet's header (worksheet.h) names its variant, DIR/sheet-K.bsg. `sheets` are
// files or folders (their .txt files, in name order); `marksPath` a marking file or "".
// A sheet that cannot be read or graded gets its error (FILE:LINE:COL: ...) and the
// others are still graded; a bad graph, marking file or empty folder throws.
std::vector<SheetGrade> gradeFiles(const std::string& graph, const std::vector<std::string>& sheets, const std::string& marksPath);

// Which steps and which named slips were most common: the number of graded sheets with
// each, most common first (ties in the order first met).
struct ClassSummary {
  int graded = 0, failed = 0;
  double meanScore = 0, outOf = 0;  // outOf: the largest of the sheets' (variants share it)
  std::vector<std::pair<std::string, int>> steps, slips;
};
ClassSummary summarize(const std::vector<SheetGrade>& grades);

// file,correct,rounding,carried_over,wrong,missing,score,out_of,error: one row per sheet.
std::string marksCsv(const std::vector<SheetGrade>& grades);
// kind,what,sheets,share: a row per step (kind "step") and per slip (kind "slip");
// share = sheets / graded sheets.
std::string summaryCsv(const ClassSummary& s);

}  // namespace bs
