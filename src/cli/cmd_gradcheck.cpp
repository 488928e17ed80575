// backstep gradcheck FILE: analytic gradients against central differences.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "core/gradcheck.h"
#include "lang/parser.h"

namespace bs::cli {

namespace {
struct GradcheckArgs {
  std::string file;
  double tolerance = 1e-6;
  GradCheckOptions check;
  bool all = false;
};
}  // namespace

Run addGradcheck(CLI::App& app) {
  auto a = std::make_shared<GradcheckArgs>();
  auto* sub = app.add_subcommand("gradcheck", "Compare every gradient with central finite differences (double precision)");
  sub->add_option("file", a->file, "A .bsg graph file or a built-in example name")->required();
  sub->add_option("--tolerance", a->tolerance, "Largest error accepted (default 1e-6)");
  sub->add_option("--h", a->check.h, "Finite-difference step (default 1e-5)")->check(CLI::PositiveNumber);
  sub->add_option("--sample", a->check.maxElementsPerLeaf, "Elements checked per input or param, spread evenly (default 2000)")
      ->check(CLI::PositiveNumber);
  sub->add_flag("--all", a->all, "Check every element, however big the tensors");
  return [a]() {
    Graph g = loadGraph(a->file);
    if (a->all) a->check.maxElementsPerLeaf = 0;
    if (isatty(STDERR_FILENO))  // a long check says how far it is, on the terminal only
      a->check.progress = [last = std::chrono::steady_clock::now()](long done, long total) mutable {
        if (std::chrono::steady_clock::now() - last < std::chrono::seconds(1) && done < total) return;
        last = std::chrono::steady_clock::now();
        std::fprintf(stderr, "\rgradcheck: %ld of %ld forward passes%s", done, total, done == total ? "\n" : "");
      };
    GradCheckResult r = gradCheck(g, a->check);
    const std::string& out = g.node(g.output()).name;
    if (!std::isfinite(r.loss)) {
      std::fprintf(stderr, "error: %s is %s at the given values: there is no gradient to check\n", out.c_str(), formatNumber(r.loss, 4).c_str());
      return 1;
    }
    std::printf("%-10s %-7s %-7s %12s  %s\n", "node", "kind", "shape", "max error", "");
    bool ok = r.maxError <= a->tolerance;
    for (const auto& n : r.nodes) {
      const Node& node = g.node(n.node);
      const bool nodeOk = n.maxError <= a->tolerance && !n.notFinite;
      ok = ok && nodeOk;
      std::string note;
      if (n.checked < node.shape.size()) note = "  (" + std::to_string(n.checked) + " of " + std::to_string(node.shape.size()) + " elements, spread evenly; --all checks every one)";
      if (n.notFinite) note += "  " + out + " is not finite at " + *n.notFinite + ": not checked there";
      std::printf("%-10s %-7s %-7s %12.3e  %s%s\n", node.name.c_str(), kindName(node.kind), node.shape.str().c_str(),
                  n.maxError, nodeOk ? "ok" : "FAIL", note.c_str());
    }
    std::printf("error = max(0, |analytic - numeric| - noise) / max(1, |analytic|, |numeric|), "
                "noise = eps (|L(x+h)| + |L(x-h)|) / h, h = %g\n", a->check.h);
    std::printf("%s: max error %.3e %s tolerance %.1e\n", ok ? "ok" : "FAIL", r.maxError, ok ? "<=" : ">", a->tolerance);
    return ok ? 0 : 1;
  };
}

}  // namespace bs::cli
