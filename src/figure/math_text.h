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

// Where the LaTeX goes. Document: amsmath loaded, tensor literals as bmatrix.
// Markdown: MathJax on GitHub, which has amsmath's commands but eats the \\ between
// matrix rows, so tensors stay [a, b]. Tikz: a document that loads only tikz, so no
// amsmath (\mbox, \mathrm), tensors as [a, b].
enum class LatexFlavour { Document, Markdown, Tikz };

// Math-mode LaTeX without the $ delimiters, pure ASCII. A character with no LaTeX
// equivalent becomes {?}.
std::string toLatex(std::string_view text, const MathNames& names, LatexFlavour flavour = LatexFlavour::Document);
// Plain text (notes, file names) for LaTeX's text mode, special characters escaped.
std::string latexText(std::string_view text);
// Graphviz HTML-label text: &, < and > escaped, dL/dx as ∂L/∂x, a node's number and an
// element's index as subscripts.
std::string toHtml(std::string_view text, const MathNames& names);

// Splits `line` before each of `seps` outside brackets (a tensor literal stays whole)
// and, with `parens`, outside parentheses; `keep`: the separator, less its first
// character, starts the next piece (" + b" gives "+ b").
std::vector<std::string> splitOutside(const std::string& line, const std::vector<std::string>& seps, bool keep, bool parens);
// Characters as the reader counts them (UTF-8 code points).
size_t codePoints(std::string_view s);

}  // namespace bs::figure
