// backstep trace FILE [--step K] [--precision P] [--expand all|none|N]: every step as
// written on paper, element by element.
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "core/stepper.h"
#include "core/trace.h"
#include "lang/parser.h"

namespace bs::cli {

namespace {
struct TraceArgs {
  std::string file;
  int step = -1;
  int precision = 4;
  std::string expand = "12";
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
  std::cout << "\nstate after " << s.cursor() << " of " << s.size() << " steps:\n";
  for (int i = 0; i < g.size(); ++i) {
    const Node& n = g.node(i);
    std::cout << "  " << std::left << std::setw(8) << n.name << std::setw(7) << kindName(n.kind)
              << std::setw(7) << n.shape.str() << " value " << (s.valueKnown(i) ? formatTensor(n.value, precision) : "?");
    if (s.contributionsTotal(i) > 0)
      std::cout << "   grad " << (s.gradKnown(i) ? formatTensor(n.grad, precision)
                                                  : s.contributionsDone(i) > 0 ? formatTensor(n.grad, precision) + " (partial)" : "?");
    std::cout << "\n";
  }
}
}  // namespace

Run addTrace(CLI::App& app) {
  auto a = std::make_shared<TraceArgs>();
  auto* sub = app.add_subcommand("trace", "Print every forward and backward step with its arithmetic");
  sub->add_option("file", a->file, "A .bsg graph file or a built-in example name (see 'backstep examples')")->required();
  sub->add_option("--step", a->step, "Stop after K steps and print the state of every node")->check(CLI::NonNegativeNumber);
  sub->add_option("--precision", a->precision, "Decimals to print (default 4)")->check(CLI::Range(0, 15));
  sub->add_option("--expand", a->expand,
                  "How many elements of each result to write out with their arithmetic: all, none or a number (default 12; "
                  "sums show as many terms, at least 6)")
      ->check(CLI::IsMember({"all", "none"}) | CLI::Range(0, 1000000));
  return [a]() {
    Graph g = loadGraph(a->file);
    Stepper s(g);
    const int k = a->step < 0 ? s.size() : std::min(a->step, s.size());
    s.goTo(k);
    TraceOptions o;
    o.precision = a->precision;
    o.expand = expandCount(a->expand);
    o.maxTerms = o.expand < 0 ? -1 : 6;
    std::cout << a->file << ": " << g.size() << " nodes, " << s.forwardCount() << " forward steps, "
              << s.size() - s.forwardCount() << " backward steps\n";
    for (int i = 0; i < s.cursor(); ++i) {
      const StepRecord& r = s.record(i);
      if (i == 0 || r.step.phase != s.record(i - 1).step.phase)
        std::cout << (r.step.phase == Phase::Forward ? "forward\n" : "backward\n");
      StepText t = traceStep(g, r, o);
      for (size_t l = 0; l < t.lines.size(); ++l)
        std::cout << std::right << std::setw(5) << (l == 0 ? std::to_string(i + 1) : "") << "  " << t.lines[l] << "\n";
      if (!t.formula.empty()) std::cout << "       local derivative: " << t.formula << "\n";
    }
    if (const auto& f = s.failure())  // the steps before it are printed above
      return fail(a->file + (f->loc.line > 0 ? ":" + std::to_string(f->loc.line) + ":" + std::to_string(f->loc.col) : "") + ": " + f->message);
    if (a->step >= 0) printState(s, a->precision);
    return 0;
  };
}

int fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return 2;
}

}  // namespace bs::cli
