// The graph as the layout engine sees it: boxes of known size and the arrows between
// them. Sizes depend only on the graph's structure and shapes, so the layout is
// computed once per graph, never per frame.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/answer_sheet.h"
#include "core/graph.h"

namespace bs::app {

// How big things are drawn, in pixels at zoom 1.
struct LayoutMetrics {
  // Width of a text in pixels; the window passes the real font's measure.
  std::function<float(std::string_view)> textWidth = [](std::string_view s) {
    float n = 0;
    for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;  // count code points
    return n * 8.5f;
  };
  float lineHeight = 18;
  float pad = 8;
  int numberChars = 7;      // "-0.6073"
  float markWidth = 0;      // room beside each number for a verdict mark (answers mode)
  int heatmapAbove = 16;    // tensors with more elements are drawn as heatmaps
  float heatmapMaxSide = 140;
  float minTextPixels = 6.5f;  // smaller text is unreadable: not drawn (keeps big graphs fast)
};

// A node's name as a box shows it: at most 24 characters, else cut with "…" (a
// 20 000-character name would make a box wider than any screen; the inspector has it whole).
std::string boxLabel(const std::string& name);

// The two lines in an op's circle, symbol over name: each centred `offset` line heights
// from the centre, drawn at `scale` of the font. The layout sizes the circle so both
// lines lie inside it ("ReLU", "MSE" overflowed a circle sized by width alone).
struct OpLabelLine {
  float offset, scale;
};
inline constexpr OpLabelLine kOpSymbol{-0.35f, 1.15f}, kOpName{0.55f, 0.8f};
// The circle's diameter for a symbol and a name of these widths (measured at scale 1).
float opCircleDiameter(float symbolWidth, float nameWidth, const LayoutMetrics& m);

enum class BoxKind {
  Leaf,   // an input, param or const: a labelled box
  Op,     // an op node: a circle with its symbol
  Value,  // the numbers written on an edge (value, and gradient under it)
};

// How a tensor's numbers are drawn in a value box.
enum class ValueStyle { Scalar, Grid, Heatmap };
ValueStyle valueStyle(Shape s, const LayoutMetrics& m);

struct LayoutBox {
  BoxKind kind = BoxKind::Leaf;
  int node = -1;        // the graph node (for Value: the producer)
  int consumer = -1;    // Value only: the consuming node, -1 for the output's own value
  int inputIndex = -1;  // Value only: which input of the consumer
  int edge = -1;        // Value only: its index in AppState::edgeValues()
  float width = 0, height = 0;
};

struct LayoutArrow {
  int from = -1, to = -1;  // indices into LayoutInput::boxes
  bool head = true;        // draw an arrowhead at `to`
};

struct LayoutInput {
  std::vector<LayoutBox> boxes;
  std::vector<LayoutArrow> arrows;
};

// A part of a graph: the nodes first .. last-1 (last -1: to the end).
struct NodeRange {
  int first = 0, last = -1;
  bool operator==(const NodeRange&) const = default;
};

// Boxes: the nodes of `shown` and the nodes that feed them, then one value box per
// edge into a node of `shown` (producer -> value box -> consumer) and one after the
// output if it is shown.
LayoutInput makeLayoutInput(const Graph& g, const LayoutMetrics& m = {}, NodeRange shown = {});

// The size of a value box for a tensor of this shape.
void valueBoxSize(Shape s, const LayoutMetrics& m, float& w, float& h);

// The number of a value box at (x, y), in pixels at zoom 1 from the box's top-left
// corner, as ValuePainter draws them (values over gradients): which quantity and
// element (a heatmap's cell too). None off the numbers.
struct BoxElement {
  Quantity quantity = Quantity::Value;
  Index row = 0, col = 0;
  bool operator==(const BoxElement&) const = default;
};
std::optional<BoxElement> valueBoxElement(Shape s, const LayoutMetrics& m, float x, float y);

}  // namespace bs::app
