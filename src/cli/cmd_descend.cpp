// backstep descend FILE: gradient descent on the graph's own params (the window's
// Training > Gradient descent on this graph), with the loss per step.
#include <cstdio>

#include "i18n/i18n.h"
#include "cli/commands.h"
#include "io/atomic_file.h"
#include "lang/parser.h"
#include "lang/printer.h"
#include "nn/graph_descent.h"

namespace bs::cli {

namespace {
struct DescendArgs {
  std::string file, out, save;
  double lr = 0.1;
  int steps = 100;
};
}  // namespace

Run addDescend(CLI::App& app) {
  auto a = std::make_shared<DescendArgs>();
  auto* sub = app.add_subcommand("descend", tr("Gradient descent on a graph's params (its inputs stay): the loss after each step"));
  sub->add_option("file", a->file, tr("A .bsg graph file or a built-in example name"))->required();
  sub->add_option("--lr", a->lr, tr("Learning rate (default 0.1)"))->check(CLI::PositiveNumber);
  sub->add_option("--steps", a->steps, tr("Steps (default 100)"))->check(CLI::Range(0, 10000000));
  sub->add_option("--out", a->out, tr("Write step,loss as CSV"));
  sub->add_option("--save", a->save, tr("Write the graph with the trained params as a .bsg file"));
  return [a]() {
    Graph g = loadGraph(a->file);
    const nn::DescentResult r = nn::descend(g, a->lr, a->steps);
    const size_t n = r.losses.size();
    for (size_t i = 0; i < n; ++i)  // about 10 lines, and the last
      if (i % std::max<size_t>(1, n / 10) == 0 || i + 1 == n) std::printf(tr("step %6zu  loss %.6g\n"), i, r.losses[i]);
    if (!a->out.empty()) io::writeFileAtomically(a->out, nn::descentCsv(r.losses));
    if (!a->save.empty()) io::writeFileAtomically(a->save, printGraph(g));
    if (!r.error.empty()) {
      std::fprintf(stderr, "error: %s\n", r.error.c_str());  // i18n: "error:" is the same word in Spanish
      return 1;
    }
    for (int i = 0; i < g.size(); ++i)
      if (g.node(i).kind == NodeKind::Param) std::printf("%s = %s\n", g.node(i).name.c_str(), printLiteral(g.node(i).value).c_str());
    return 0;
  };
}

}  // namespace bs::cli
