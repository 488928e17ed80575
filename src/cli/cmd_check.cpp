// backstep check GRAPH ANSWERS: checks a hand calculation, number by number.
#include <algorithm>
#include <iostream>

#include "i18n/i18n.h"
#include "check/answer_reader.h"
#include "check/checker.h"
#include "check/answer_writer.h"
#include "cli/commands.h"
#include "lang/parser.h"

namespace bs::cli {

namespace {
struct CheckArgs {
  std::string graph, answers;
  int precision = 4;
};

// What the student wrote, with their decimals ("[0.406, 0.50]").
std::string writtenText(const CheckEntry& e) {
  return writeLiteral(e.written.rows(), e.written.cols(), [&](Index r, Index c) {
    const ElementCheck& x = e.elements[size_t(r * e.written.cols() + c)];
    return writeNumber({x.written, x.decimals, x.text});
  });
}

// "rounding (truncated)" when the entry is rounding only because digits were cut.
std::string verdictText(const CheckEntry& e) {
  const bool cut = std::any_of(e.elements.begin(), e.elements.end(), [&](const ElementCheck& x) { return x.truncated && x.verdict == e.verdict; });
  return verdictName(e.verdict) + (cut && e.verdict == Verdict::Rounding ? std::string(" ") + tr("(truncated)") : std::string());
}

// The named slips of the entry's wrong numbers, each once: "a sign error".
std::string slipText(const CheckEntry& e) {
  std::vector<std::string> labels;
  for (const ElementCheck& x : e.elements)
    for (const Slip& s : x.slips)
      if (std::find(labels.begin(), labels.end(), s.label) == labels.end()) labels.push_back(s.label);
  std::string text;
  for (const std::string& l : labels) text += (text.empty() ? "" : "; ") + l;
  return text;
}

size_t width(const std::string& s) {  // in characters: σ and … are one each
  return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void printRow(const std::vector<std::string>& cells, const std::vector<size_t>& widths) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    line += cells[i];
    if (i + 1 < cells.size()) line += std::string(widths[i] - width(cells[i]) + 2, ' ');
  }
  line.erase(line.find_last_not_of(' ') + 1);  // an empty last column leaves no trailing spaces
  std::cout << line << "\n";
}
}  // namespace

Run addCheck(CLI::App& app) {
  auto a = std::make_shared<CheckArgs>();
  auto* sub = app.add_subcommand("check", tr("Check a hand calculation: each number correct, rounding, wrong or carried over"));
  sub->add_option("graph", a->graph, tr("A .bsg graph file or a built-in example name"))->required();
  sub->add_option("answers", a->answers, tr("The answers file: one line per number or tensor, e.g. 'dL/dy = [0.196, 0.261]'"))->required();
  sub->add_option("--precision", a->precision, tr("Decimals of the exact numbers and the explanations (default 4; at least one more than written)"))
      ->check(CLI::Range(0, 15));
  sub->footer(tr("Exit code: 0 when nothing is wrong (rounding is fine), 1 when something is, 2 on bad input."));
  return [a]() {
    Graph g = loadGraph(a->graph);
    AnswerSheet sheet = loadAnswers(a->answers, g);
    if (sheet.empty()) return fail(fmt(tr("{}: no answers in the file (write lines like 'z = [0.406, 0.525]' or 'dL/dy1 = 0.196')"), a->answers));
    CheckReport rep = checkAnswers(g, sheet, a->precision);

    std::vector<std::vector<std::string>> rows{
        {tr("line"), trc("column", "step"), tr("node"), tr("quantity"), tr("written"), tr("exact"), tr("verdict"), tr("slip")}};
    for (const CheckEntry& e : rep.entries) {
      int d = 0;
      for (const ElementCheck& x : e.elements) d = std::max(d, x.decimals);
      const Node& n = g.node(e.node);
      rows.push_back({std::to_string(e.line), e.step < 0 ? std::string(tr("given")) : std::to_string(e.step + 1), e.row < 0 ? n.name : elementName(n.name, n.shape, e.row, e.col),
                      quantityName(e.quantity), writtenText(e), formatTensor(e.exact, std::max(a->precision, d + 1), 64, 64),
                      verdictText(e), slipText(e)});
    }
    std::vector<size_t> widths(rows[0].size(), 0);
    for (const auto& r : rows)
      for (size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], width(r[i]));
    std::cout << fmt(tr("{} with {}:"), a->graph, a->answers) << "\n";
    printRow(rows[0], widths);
    for (size_t i = 0; i < rep.entries.size(); ++i) {
      printRow(rows[i + 1], widths);
      for (const std::string& l : rep.entries[i].explanation) std::cout << "      " << l << "\n";
    }
    const int total = rep.count(Verdict::Correct) + rep.count(Verdict::Rounding) + rep.count(Verdict::Wrong) + rep.count(Verdict::CarriedOver);
    std::cout << "\n"
              << fmt(tr("{} numbers: {} correct, {} rounding, {} wrong, {} carried over"), total, rep.count(Verdict::Correct),
                     rep.count(Verdict::Rounding), rep.count(Verdict::Wrong), rep.count(Verdict::CarriedOver))
              << "\n";
    std::cout << tr("(steps as 'backstep trace' numbers them; rounding: a number with d decimals may be off by ½·10^-d,\n"
                    " plus what the rounding of the numbers it was computed from explains)")
              << "\n";
    return rep.anyWrong() ? 1 : 0;
  };
}

}  // namespace bs::cli
