// A scene laid out by Graphviz's dot (libgvc, rankdir LR as in the window), its boxes
// sized by Graphviz's own text measure of their HTML labels: rendered by Graphviz
// (SVG by its core plugin, PDF and PNG by its cairo plugin), or its coordinates read
// back for the TikZ writer.
#pragma once
#include <string>
#include <vector>

#include "figure/scene.h"

namespace bs::figure {

// "svg", "pdf" or "png"; the caption under the graph. Throws std::runtime_error when
// Graphviz has no layout engine or no renderer for the format.
std::string renderGraphviz(const Scene& s, const std::string& format);

// Points (1/72 inch), y up, origin at the drawing's lower left corner; no caption.
struct Placement {
  struct Point {
    double x = 0, y = 0;
  };
  struct Box {
    Point centre;
    double width = 0, height = 0;
  };
  struct Curve {
    std::vector<Point> bezier;  // 3n+1 control points
    bool tip = false;           // an arrowhead from the curve's end to `tipAt`
    Point tipAt;
    bool labelled = false;      // the edge's label is centred at `label`
    Point label;
  };
  std::vector<Box> items;
  std::vector<Curve> links;
  double width = 0, height = 0;
};
Placement placeScene(const Scene& s);

}  // namespace bs::figure
