// backstep gradcheck FILE: analytic gradients against central differences.
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
  double h = 1e-5;
};
}  // namespace

Run addGradcheck(CLI::App& app) {
  auto a = std::make_shared<GradcheckArgs>();
  auto* sub = app.add_subcommand("gradcheck", "Compare every gradient with central finite differences (double precision)");
  sub->add_option("file", a->file, "A .bsg graph file or a built-in example name")->required();
  sub->add_option("--tolerance", a->tolerance, "Largest error accepted (default 1e-6)");
  sub->add_option("--h", a->h, "Finite-difference step (default 1e-5)")->check(CLI::PositiveNumber);
  return [a]() {
    Graph g = loadGraph(a->file);
    GradCheckResult r = gradCheck(g, a->h);
    std::printf("%-10s %-7s %-7s %12s  %s\n", "node", "kind", "shape", "max error", "");
    for (const auto& n : r.nodes) {
      const Node& node = g.node(n.node);
      std::printf("%-10s %-7s %-7s %12.3e  %s\n", node.name.c_str(), kindName(node.kind), node.shape.str().c_str(),
                  n.maxError, n.maxError <= a->tolerance ? "ok" : "FAIL");
    }
    std::printf("error = |analytic - numeric| / max(1, |analytic|, |numeric|), h = %g\n", a->h);
    bool ok = r.maxError <= a->tolerance;
    std::printf("%s: max error %.3e %s tolerance %.1e\n", ok ? "ok" : "FAIL", r.maxError, ok ? "<=" : ">", a->tolerance);
    return ok ? 0 : 1;
  };
}

}  // namespace bs::cli
