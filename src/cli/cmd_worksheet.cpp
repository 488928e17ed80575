// backstep worksheet GRAPH --variants N --seed S --out DIR: variants of an exercise
// with new given numbers, each with its answer key and the template a student fills.
#include <filesystem>
#include <iostream>

#include "i18n/i18n.h"
#include "check/worksheet.h"
#include "figure/figure.h"
#include "cli/commands.h"
#include "lang/parser.h"

namespace bs::cli {

namespace {
struct WorksheetArgs {
  std::string graph, out;
  int variants = 1;
  unsigned seed = 1;
};
}  // namespace

Run addWorksheet(CLI::App& app) {
  auto a = std::make_shared<WorksheetArgs>();
  auto* sub = app.add_subcommand("worksheet", tr("Make variants of an exercise: new given numbers, an answer key and a template to fill for each"));
  sub->add_option("graph", a->graph, tr("A .bsg graph file or a built-in example name"))->required();
  sub->add_option("--variants", a->variants, tr("How many variants (01, 02, ...)"))->check(CLI::Range(1, 999));
  sub->add_option("--seed", a->seed, tr("The numbers are drawn from this seed: the same seed gives the same worksheet"));
  sub->add_option("--out", a->out, tr("The folder to write sheet-K.bsg, key-K.txt and answers-K.txt to"))->required();
  sub->footer(tr("Check a key with: backstep check DIR/sheet-01.bsg DIR/key-01.txt\n"
              "Grade the filled templates with: backstep grade DIR FILLED-SHEETS... --out marks.csv"));
  return [a]() {
    const Graph g = loadGraph(a->graph);
    const std::string name = std::filesystem::path(a->graph).stem().string();
    const std::vector<Variant> variants = makeWorksheet(g, name, a->variants, a->seed);
    writeWorksheet(variants, a->out);
    for (const Variant& v : variants)  // the printable sheet, through the figure module
      figure::writeExerciseSheet(v.graph, fmt(tr("{}, variant {}"), name, v.name), (std::filesystem::path(a->out) / ("sheet-" + v.name + ".pdf")).string());
    std::cout << fmt(trn("wrote {} variant of {} to {}: sheet-K.bsg (and sheet-K.pdf to print), key-K.txt and answers-K.txt for K = {}..{}",
                         "wrote {} variants of {} to {}: sheet-K.bsg (and sheet-K.pdf to print), key-K.txt and answers-K.txt for K = {}..{}",
                         (unsigned long)variants.size()),
                     variants.size(), name, a->out, variants.front().name, variants.back().name)
              << "\n";
    for (const Variant& v : variants) {
      std::cout << "  " << v.name << ":";
      for (const Node& n : v.graph.nodes())
        if (n.kind == NodeKind::Input || n.kind == NodeKind::Param) std::cout << "  " << n.name << " = " << formatTensor(n.value, 2);
      std::cout << "\n";
    }
    return 0;
  };
}

}  // namespace bs::cli
