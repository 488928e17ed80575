// Places the boxes of a LayoutInput left to right by layers and routes the arrows as
// cubic Bezier curves, with Graphviz's `dot` engine (libgvc). Coordinates are pixels
// at zoom 1, y down, origin at the top left of the drawing.
#pragma once
#include <vector>

#include "session/layout_input.h"

namespace bs::app {

struct Point {
  float x = 0, y = 0;
};

struct Layout {
  std::vector<Point> centres;              // one per box
  std::vector<std::vector<Point>> curves;  // one per arrow: 3n+1 Bezier control points
  float width = 0, height = 0;             // the drawing's extent
  bool simple = false;                     // true: the simple layered fallback was used
};

// Graphviz for graphs up to `maxDotBoxes` boxes; beyond that (dot can take minutes on
// some big graphs) a simple layered placement with straight-ish curves.
constexpr int kMaxDotBoxes = 700;
Layout computeLayout(const LayoutInput& in, int maxDotBoxes = kMaxDotBoxes);
Layout simpleLayout(const LayoutInput& in);

}  // namespace bs::app
