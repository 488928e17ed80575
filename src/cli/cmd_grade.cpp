// backstep grade GRAPH SHEET...|DIR --out marks.csv [--marks FILE]: marks a class's
// sheets with error carried forward, one CSV row per sheet, and a class summary.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "i18n/i18n.h"
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
  // Columns as wide as their translated heads (in characters: "puntaje", "arrastrados").
  auto width = [](const std::string& t) {
    return size_t(std::count_if(t.begin(), t.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  auto pad = [&](std::string t, size_t n) { return t + std::string(n > width(t) ? n - width(t) : 0, ' '); };
  const std::vector<std::string> heads{trc("grade column", "correct"), trc("grade column", "rounding"), trc("grade column", "carried over"),
                                       trc("grade column", "wrong"),   trc("grade column", "missing"),  trc("grade column", "score")};
  for (const SheetGrade& g : grades) w = std::max(w, width(g.file));
  std::string head = pad(trc("grade column", "file"), w + 2);
  for (size_t i = 0; i < heads.size(); ++i) head += i + 1 < heads.size() ? pad(heads[i], width(heads[i]) + 2) : heads[i];
  std::cout << head << "\n";
  for (const SheetGrade& g : grades) {
    if (!g.error.empty()) {
      std::cout << pad(g.file, w + 2) << tr("could not be read (see below)") << "\n";
      continue;
    }
    const std::vector<int> cells{g.correct, g.rounding, g.carriedOver, g.wrong, g.missing};
    std::cout << pad(g.file, w + 2);
    for (size_t i = 0; i < cells.size(); ++i) std::cout << pad(std::to_string(cells[i]), width(heads[i]) + 2);
    std::cout << fmt(tr("{} of {}"), formatNumber(g.score, 4), formatNumber(g.outOf, 4)) << "\n";
  }
  std::cout << "\n" << fmt(trn("class: {} sheet graded", "class: {} sheets graded", (unsigned long)s.graded), s.graded);
  if (s.failed) std::cout << fmt(tr(", {} could not be read"), s.failed);
  std::cout << fmt(tr("; mean score {} of {}"), formatNumber(s.meanScore, 2), formatNumber(s.outOf, 4)) << "\n";
  for (const auto& [title, rows] : {std::pair{tr("where the mistakes were made"), &s.steps}, std::pair{tr("slips named"), &s.slips}}) {
    if (rows->empty()) continue;
    std::cout << title << ":\n";
    for (const auto& [what, n] : *rows) std::cout << "  " << what << ": " << fmt(trn("{} sheet", "{} sheets", (unsigned long)n), n) << "\n";
  }
}

}  // namespace

Run addGrade(CLI::App& app) {
  auto a = std::make_shared<GradeArgs>();
  auto* sub = app.add_subcommand("grade", tr("Mark a class's answer sheets with error carried forward: a CSV row per sheet and a class summary"));
  sub->add_option("graph", a->graph, tr("A .bsg graph, a built-in example, or a worksheet folder (each sheet's header names its variant)"))->required();
  sub->add_option("sheets", a->sheets, tr("Answer sheets, or folders of them (every .txt file inside)"))->required();
  sub->add_option("--out", a->out, tr("The marks CSV: file,correct,rounding,carried_over,wrong,missing,score,out_of,error"))->required();
  sub->add_option("--marks", a->marks, tr("A marking file: 'default = 1', then 'NAME = MARKS' per number of a quantity or element"));
  sub->add_option("--summary", a->summary, tr("The class summary CSV (kind,what,sheets,share); default: OUT with -summary before its extension"));
  sub->footer(tr("A sheet that cannot be read is reported with its line and column; the others are still graded.\n"
              "Exit code: 0 when every sheet was graded, 2 when one could not be read or on bad input."));
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
