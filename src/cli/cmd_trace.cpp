// backstep trace FILE [--format text|markdown|latex] [--step K] [--precision P]
// [--expand all|none|N]: every step as written on paper, element by element, as text
// or as a write-up (figure/steps_document.h).
#include <iomanip>
#include <iostream>

#include "i18n/i18n.h"
#include "cli/commands.h"
#include "cli/graph_input.h"
#include "core/stepper.h"
#include "figure/steps_document.h"

namespace bs::cli {

namespace {
struct TraceArgs {
  std::string file;
  int step = -1;
  int precision = 4;
  std::string expand = "12";
  std::string format = "text";
  bool standalone = false;
  nn::PresetGraphOptions preset;
};

// --expand all|none|N: how many elements of a result get a line of their own (and
// terms of a sum are written before "…").
int expandCount(const std::string& s) {
  if (s == "all") return -1;
  if (s == "none") return 0;
  return std::stoi(s);
}

void printState(const Stepper& s, int precision) {
  const Graph& g = s.graph();
  std::cout << "\n" << fmt(tr("state after {} of {} steps:"), s.cursor(), s.size()) << "\n";
  for (int i = 0; i < g.size(); ++i) {
    const Node& n = g.node(i);
    std::cout << "  " << std::left << std::setw(8) << n.name << std::setw(7) << kindName(n.kind)
              << std::setw(7) << n.shape.str() << " " << tr("value") << " " << (s.valueKnown(i) ? formatTensor(n.value, precision) : "?");
    if (s.contributionsTotal(i) > 0)
      std::cout << "   " << tr("grad") << " "
                << (s.gradKnown(i) ? formatTensor(n.grad, precision)
                                   : s.contributionsDone(i) > 0 ? formatTensor(n.grad, precision) + " " + tr("(partial)") : "?");
    std::cout << "\n";
  }
}
}  // namespace

Run addTrace(CLI::App& app) {
  auto a = std::make_shared<TraceArgs>();
  auto* sub = app.add_subcommand("trace", tr("Print every forward and backward step with its arithmetic"));
  sub->add_option("file", a->file, tr("A .bsg graph file, a built-in example name (see 'backstep examples') or a preset"))->required();
  sub->add_option("--step", a->step, tr("Stop after K steps (text: and print the state of every node)"))->check(CLI::NonNegativeNumber);
  sub->add_option("--precision", a->precision, tr("Decimals to print (default 4)"))->check(CLI::Range(0, 15));
  sub->add_option("--expand", a->expand,
                  tr("How many elements of each result to write out with their arithmetic: all, none or a number (default 12; "
                     "sums show as many terms, at least 6)"))
      ->check(CLI::IsMember({"all", "none"}) | CLI::Range(0, 1000000));
  sub->add_option("--format", a->format, tr("text (default), markdown ($...$ math, as GitHub renders it) or latex (align*, needs amsmath)"))
      ->check(CLI::IsMember({"text", "markdown", "latex"}));
  sub->add_flag("--standalone", a->standalone, tr("With --format latex: a whole document for pdflatex, not a fragment to \\input"));
  addPresetGraphOptions(sub, a->preset);
  return [a]() {
    GraphInput in = loadGraphInput(a->file, a->preset);
    Stepper s(in.graph);
    s.goTo(a->step < 0 ? s.size() : std::min(a->step, s.size()));
    figure::StepsOptions o;
    o.format = figure::stepsFormat(a->format);
    o.trace.precision = a->precision;
    o.trace.expand = expandCount(a->expand);
    o.trace.maxTerms = o.trace.expand < 0 ? -1 : 6;
    o.title = a->file;
    o.note = in.note;
    o.standalone = a->standalone;
    std::cout << figure::stepsDocument(s, o);
    if (const auto& f = s.failure())  // the steps before it are printed above
      return fail(a->file + (f->loc.line > 0 ? ":" + std::to_string(f->loc.line) + ":" + std::to_string(f->loc.col) : "") + ": " + f->message);
    if (a->step >= 0 && o.format == figure::StepsFormat::Text) printState(s, a->precision);
    return 0;
  };
}

int fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";  // i18n: "error:" is the same word in Spanish
  return 2;
}

}  // namespace bs::cli
