// The graph as a figure for reports and slides, drawn as the window draws it: leaves
// as boxes, ops as circles, each edge's value box with the value in black over the
// gradient in red, the boxes and arrows of the current step in orange, the step
// written under it. SVG, PDF and PNG come from Graphviz's own renderers (libgvc), TikZ
// is written from Graphviz's layout.
#pragma once
#include <string>

#include "core/graph.h"
#include "core/stepper.h"

namespace bs::figure {

enum class FigureFormat { Svg, Pdf, Png, Tikz };
// From the file's extension: .svg, .pdf, .png or .tex; throws std::invalid_argument.
FigureFormat figureFormat(const std::string& path);

struct FigureOptions {
  int precision = 4;        // decimals of the numbers in the value boxes
  std::string note;         // a line under a figure with numbers (a preset graph's data); empty: none
  bool standalone = false;  // TikZ: a whole document for pdflatex, not a fragment to \input
  std::string footer;       // a line under a clean figure (an exercise sheet's given numbers and blanks)
};

// `s` steps `g` and gives its numbers and current step; null: the clean graph, with
// no numbers or marks. Throws std::runtime_error for a graph of more than
// kMaxFigureBoxes boxes (unreadable, and dot may take minutes on it) and when Graphviz
// cannot lay out or render (no renderer for the format).
constexpr int kMaxFigureBoxes = 700;
std::string renderFigure(const Graph& g, const Stepper* s, FigureFormat f, const FigureOptions& o);
// The same, in the format of the path's extension, written atomically
// (io::writeFileAtomically); throws std::invalid_argument for an unknown extension and
// std::runtime_error naming the file when it cannot be written.
void writeFigure(const Graph& g, const Stepper* s, FigureOptions o, const std::string& path);

// A printable exercise sheet (a worksheet's sheet-K.pdf): the clean graph, its given
// numbers, and the quantities a student fills in, in the order of the steps.
void writeExerciseSheet(const Graph& g, const std::string& title, const std::string& path);

}  // namespace bs::figure
