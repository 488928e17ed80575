// A scene as a TikZ picture, at the places Graphviz gave its boxes and curves, its text
// in LaTeX math (math_text.h). The fragment needs only \usepackage{tikz}; a picture
// wider than the text is shrunk to \linewidth, never enlarged.
#pragma once
#include <string>

#include "figure/graphviz.h"
#include "figure/scene.h"

namespace bs::figure {

std::string tikzPicture(const Scene& s, const Placement& p);

}  // namespace bs::figure
