#include "figure/figure.h"

#include "core/trace.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "figure/graphviz.h"
#include "figure/steps_document.h"
#include "figure/tikz.h"
#include "io/atomic_file.h"

namespace bs::figure {

FigureFormat figureFormat(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (ext == ".svg") return FigureFormat::Svg;
  if (ext == ".pdf") return FigureFormat::Pdf;
  if (ext == ".png") return FigureFormat::Png;
  if (ext == ".tex") return FigureFormat::Tikz;
  throw std::invalid_argument(path + ": unknown figure format '" + ext + "' (expected .svg, .pdf, .png or .tex for TikZ)");
}

std::string renderFigure(const Graph& g, const Stepper* s, FigureFormat f, const FigureOptions& o) {
  if (s && &s->graph() != &g) throw std::invalid_argument("renderFigure: the stepper steps another graph");
  // A preset's data note is about the numbers: a clean figure shows its footer instead.
  const Scene scene = makeScene(g, s, o.precision, s ? o.note : o.footer);
  if (scene.items.size() > size_t(kMaxFigureBoxes))
    throw std::runtime_error("the graph has " + std::to_string(scene.items.size()) + " boxes to draw, too many for a figure (at most " +
                             std::to_string(kMaxFigureBoxes) + "; --no-values leaves out the value boxes)");
  switch (f) {
    case FigureFormat::Svg: return renderGraphviz(scene, "svg");
    case FigureFormat::Pdf: return renderGraphviz(scene, "pdf");
    case FigureFormat::Png: return renderGraphviz(scene, "png");
    case FigureFormat::Tikz: {
      const std::string picture = tikzPicture(scene, placeScene(scene));
      return o.standalone ? latexDocument(picture, "\\usepackage{tikz}") : picture;
    }
  }
  return "";
}

void writeFigure(const Graph& g, const Stepper* s, FigureOptions o, const std::string& path) {
  io::writeFileAtomically(path, renderFigure(g, s, figureFormat(path), o));
}

void writeExerciseSheet(const Graph& g, const std::string& title, const std::string& path) {
  Graph copy = g;
  const Stepper s(copy);  // only its schedule: the order in which the numbers are found
  std::string given, fill;
  for (const Node& n : g.nodes())
    if (n.kind == NodeKind::Input || n.kind == NodeKind::Param)
      given += (given.empty() ? "" : ";  ") + n.name + " = " + formatTensor(n.value, 4);
  for (const Step& st : s.schedule()) {
    const std::string q = st.phase == Phase::Forward ? g.node(st.node).name : gradName(g, g.node(st.target).name);
    if (fill.find(q + ",") == std::string::npos && !(st.phase == Phase::Backward && st.contribution > 1))
      fill += q + ", ";
  }
  if (fill.size() >= 2) fill.resize(fill.size() - 2);
  FigureOptions o;
  o.footer = title + ".   Given: " + given + ".   Fill in: " + fill + ".";
  writeFigure(g, nullptr, o, path);
}

}  // namespace bs::figure
