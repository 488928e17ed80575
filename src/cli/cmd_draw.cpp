// backstep draw FILE|PRESET [--step K] [--no-values] --out fig.svg|fig.pdf|fig.png|fig.tex:
// the graph as the window draws it, as a figure for a report or slides
// (figure/figure.h).
#include "i18n/i18n.h"
#include "cli/commands.h"
#include "cli/graph_input.h"
#include "core/stepper.h"
#include "figure/figure.h"

namespace bs::cli {

namespace {
struct DrawArgs {
  std::string file, out;
  int step = -1;
  int precision = 4;
  bool noValues = false, standalone = false;
  nn::PresetGraphOptions preset;
};
}  // namespace

Run addDraw(CLI::App& app) {
  auto a = std::make_shared<DrawArgs>();
  auto* sub = app.add_subcommand("draw", tr("Draw the graph with its numbers at a step as SVG, PDF, PNG or TikZ"));
  sub->add_option("file", a->file, tr("A .bsg graph file, a built-in example or a preset"))->required();
  sub->add_option("--out", a->out, tr("The figure: .svg, .pdf, .png or .tex (TikZ, for \\input with \\usepackage{tikz})"))->required();
  auto* step = sub->add_option("--step", a->step, tr("The numbers after K steps, step K marked (default: every step done)"))
                   ->check(CLI::NonNegativeNumber);
  sub->add_flag("--no-values", a->noValues, tr("The clean graph: no numbers, no step, the shapes on the edges"))->excludes(step);
  sub->add_option("--precision", a->precision, tr("Decimals of the numbers (default 4)"))->check(CLI::Range(0, 15));
  sub->add_flag("--standalone", a->standalone, tr("With a .tex figure: a whole document for pdflatex, not a fragment to \\input"));
  addPresetGraphOptions(sub, a->preset);
  return [a]() {
    figure::figureFormat(a->out);  // a wrong extension fails before the graph is built
    GraphInput in = loadGraphInput(a->file, a->preset);
    Stepper s(in.graph);
    s.goTo(a->step < 0 ? s.size() : a->step);
    figure::FigureOptions o;
    o.precision = a->precision;
    o.note = in.note;
    o.standalone = a->standalone;
    figure::writeFigure(in.graph, a->noValues ? nullptr : &s, o, a->out);
    return 0;
  };
}

}  // namespace bs::cli
