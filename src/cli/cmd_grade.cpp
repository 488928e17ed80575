// backstep grade GRAPH SHEET...|DIR --out marks.csv [--marks FILE]: marks a class's
// sheets with error carried forward, one CSV row per sheet, and a class summary.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "check/grade.h"
#include "cli/commands.h"
#include "io/atomic_file.h"

namespace bs::cli {

namespace fs = std::filesystem;

namespace {

struct GradeArgs {
  std::string graph, out, marks, summary;
  std::vector<std::string> sheets;
};

std::string summaryPath(const std::string& out) {
  const fs::path p(out);
  return (p.parent_path() / (p.stem().string() + "-summary" + p.extension().string())).string();
}

void printGrades(const std::vector<SheetGrade>& grades, const ClassSummary& s) {
  size_t w = 4;
  for (const SheetGrade& g : grades) w = std::max(w, g.file.size());
  auto pad = [](std::string t, size_t n) { return t + std::string(n > t.size() ? n - t.size() : 0, ' '); };
  std::cout << pad("file", w + 2) << "correct  rounding  carried over  wrong  missing  score\n";
  for (const SheetGrade& g : grades) {
    if (!g.error.empty()) {
      std::cout << pad(g.file, w + 2) << "could not be read (see below)\n";
      continue;
    }
    std::cout << pad(g.file, w + 2) << pad(std::to_string(g.correct), 9) << pad(std::to_string(g.rounding), 10)
              << pad(std::to_string(g.carriedOver), 14) << pad(std::to_string(g.wrong), 7) << pad(std::to_string(g.missing), 9)
              << formatNumber(g.score, 4) << " of " << formatNumber(g.outOf, 4) << "\n";
  }
  std::cout << "\nclass: " << s.graded << " sheet" << (s.graded == 1 ? "" : "s") << " graded";
  if (s.failed) std::cout << ", " << s.failed << " could not be read";
  std::cout << "; mean score " << formatNumber(s.meanScore, 2) << " of " << formatNumber(s.outOf, 4) << "\n";
  for (const auto& [title, rows] : {std::pair{"where the mistakes were made", &s.steps}, std::pair{"slips named", &s.slips}}) {
    if (rows->empty()) continue;
    std::cout << title << ":\n";
    for (const auto& [what, n] : *rows) std::cout << "  " << what << ": " << n << " sheet" << (n == 1 ? "" : "s") << "\n";
  }
}

}  // namespace

Run addGrade(CLI::App& app) {
  auto a = std::make_shared<GradeArgs>();
  auto* sub = app.add_subcommand("grade", "Mark a class's answer sheets with error carried forward: a CSV row per sheet and a class summary");
  sub->add_option("graph", a->graph, "A .bsg graph, a built-in example, or a worksheet folder (each sheet's header names its variant)")->required();
  sub->add_option("sheets", a->sheets, "Answer sheets, or folders of them (every .txt file inside)")->required();
  sub->add_option("--out", a->out, "The marks CSV: file,correct,rounding,carried_over,wrong,missing,score,out_of,error")->required();
  sub->add_option("--marks", a->marks, "A marking file: 'default = 1', then 'NAME = MARKS' per number of a quantity or element");
  sub->add_option("--summary", a->summary, "The class summary CSV (kind,what,sheets,share); default: OUT with -summary before its extension");
  sub->footer("A sheet that cannot be read is reported with its line and column; the others are still graded.\n"
              "Exit code: 0 when every sheet was graded, 2 when one could not be read or on bad input.");
  return [a]() {
    const std::vector<SheetGrade> grades = gradeFiles(a->graph, a->sheets, a->marks);
    const ClassSummary summary = summarize(grades);
    io::writeFileAtomically(a->out, marksCsv(grades));
    io::writeFileAtomically(a->summary.empty() ? summaryPath(a->out) : a->summary, summaryCsv(summary));
    printGrades(grades, summary);
    int code = 0;
    for (const SheetGrade& g : grades)
      if (!g.error.empty()) code = fail(g.error);
    return code;
  };
}

}  // namespace bs::cli
