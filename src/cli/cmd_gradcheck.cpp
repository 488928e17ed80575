// backstep gradcheck FILE: analytic gradients against central differences.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "i18n/i18n.h"
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
  auto* sub = app.add_subcommand("gradcheck", tr("Compare every gradient with central finite differences (double precision)"));
  sub->add_option("file", a->file, tr("A .bsg graph file or a built-in example name"))->required();
  sub->add_option("--tolerance", a->tolerance, tr("Largest error accepted (default 1e-6)"));
  sub->add_option("--h", a->check.h, tr("Finite-difference step (default 1e-5)"))->check(CLI::PositiveNumber);
  sub->add_option("--sample", a->check.maxElementsPerLeaf, tr("Elements checked per input or param, spread evenly (default 2000)"))
      ->check(CLI::PositiveNumber);
  sub->add_flag("--all", a->all, tr("Check every element, however big the tensors"));
  return [a]() {
    Graph g = loadGraph(a->file);
    if (a->all) a->check.maxElementsPerLeaf = 0;
    if (isatty(STDERR_FILENO))  // a long check says how far it is, on the terminal only
      a->check.progress = [last = std::chrono::steady_clock::now()](long done, long total) mutable {
        if (std::chrono::steady_clock::now() - last < std::chrono::seconds(1) && done < total) return;
        last = std::chrono::steady_clock::now();
        std::fprintf(stderr, tr("\rgradcheck: %ld of %ld forward passes%s"), done, total, done == total ? "\n" : "");
      };
    GradCheckResult r = gradCheck(g, a->check);
    const std::string& out = g.node(g.output()).name;
    if (!std::isfinite(r.loss)) {
      std::fprintf(stderr, tr("error: %s is %s at the given values: there is no gradient to check\n"), out.c_str(), formatNumber(r.loss, 4).c_str());
      return 1;
    }
    std::printf("%-10s %-7s %-7s %12s  %s\n", tr("node"), tr("kind"), tr("shape"), tr("max error"), "");
    bool ok = r.maxError <= a->tolerance;
    for (const auto& n : r.nodes) {
      const Node& node = g.node(n.node);
      const bool nodeOk = n.maxError <= a->tolerance && !n.notFinite;
      ok = ok && nodeOk;
      std::string note;
      if (n.checked < node.shape.size())
        note = "  " + fmt(tr("({} of {} elements, spread evenly; --all checks every one)"), n.checked, node.shape.size());
      if (n.notFinite) note += "  " + fmt(tr("{} is not finite at {}: not checked there"), out, *n.notFinite);
      std::printf("%-10s %-7s %-7s %12.3e  %s%s\n", node.name.c_str(), kindName(node.kind), node.shape.str().c_str(),
                  n.maxError, nodeOk ? tr("ok") : tr("FAIL"), note.c_str());
    }
    std::printf(tr("error = max(0, |analytic - numeric| - noise) / max(1, |analytic|, |numeric|), "
                   "noise = eps (|L(x+h)| + |L(x-h)|) / h, h = %g\n"), a->check.h);
    std::printf(tr("%s: max error %.3e %s tolerance %.1e\n"), ok ? tr("ok") : tr("FAIL"), r.maxError, ok ? "<=" : ">", a->tolerance);
    return ok ? 0 : 1;
  };
}

}  // namespace bs::cli
