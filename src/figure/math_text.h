// The trace's Unicode arithmetic ("dL/dW12 = dL/dy1 · x2 = 0.1959 · (-3.1) = -0.6073")
// in the notations of the figures and write-ups: LaTeX math (\frac{\partial L}{\partial
// W_{12}} = ... \cdot ...) for TikZ figures, LaTeX and Markdown, and Graphviz HTML-label
// text (∂L/∂W<SUB>12</SUB>) for the SVG, PDF and PNG figures. One scanner serves both,
// so a name reads the same in every format.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/graph.h"

namespace bs::figure {

// What the text refers to: the graph's node names (W12 is element 12 of W, W1 the node
// W1, Wij index notation on W) and its loss (dL/dx is a gradient).
struct MathNames {
  std::string loss = "L";
  std::vector<std::string> nodes;
};
MathNames mathNames(const Graph& g);

// Tensor literals as bmatrix (LaTeX documents) or as the trace writes them, [a, b]
// (Markdown: GitHub's renderer eats the \\ between matrix rows).
enum class TensorStyle { Matrix, Brackets };

// Math-mode LaTeX without the $ delimiters, pure ASCII; needs amsmath (\text,
// \operatorname, bmatrix). A character with no LaTeX equivalent becomes {?}.
std::string toLatex(std::string_view text, const MathNames& names, TensorStyle tensors = TensorStyle::Matrix);
// Plain text (notes, file names) for LaTeX's text mode, special characters escaped.
std::string latexText(std::string_view text);
// Graphviz HTML-label text: &, < and > escaped, dL/dx as ∂L/∂x, a node's number and an
// element's index as subscripts.
std::string toHtml(std::string_view text, const MathNames& names);

}  // namespace bs::figure
