#include "session/layout_input.h"

#include <algorithm>
#include <cmath>

namespace bs::app {

std::string boxLabel(const std::string& name) {
  constexpr int kMost = 24;
  std::vector<size_t> starts;  // where each code point begins
  for (size_t i = 0; i < name.size(); ++i)
    if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80) starts.push_back(i);
  if (int(starts.size()) <= kMost) return name;
  return name.substr(0, starts[kMost - 1]) + "…";  // 23 code points and the ellipsis
}

float opCircleDiameter(float symbolWidth, float nameWidth, const LayoutMetrics& m) {
  // The farthest corner of a line's text: half its width across, its far edge down
  // (text as high as the font, which is a line height over 1.2).
  auto corner = [&](OpLabelLine l, float width) {
    return std::hypot(l.scale * width / 2, std::abs(l.offset) * m.lineHeight + l.scale * m.lineHeight / 1.2f / 2);
  };
  const float r = std::max(corner(kOpSymbol, symbolWidth), corner(kOpName, nameWidth)) + m.pad / 4;
  return std::max(2.3f * m.lineHeight, 2 * r);
}

ValueStyle valueStyle(Shape s, const LayoutMetrics& m) {
  if (s.isScalar()) return ValueStyle::Scalar;
  return s.size() > m.heatmapAbove ? ValueStyle::Heatmap : ValueStyle::Grid;
}

void valueBoxSize(Shape s, const LayoutMetrics& m, float& w, float& h) {
  const float number = m.textWidth("-0." + std::string(size_t(std::max(m.numberChars - 3, 1)), '0')) + m.markWidth;  // "-0.6073"
  switch (valueStyle(s, m)) {
    case ValueStyle::Scalar:  // value, gradient under it
      w = number + m.pad;
      h = 2 * m.lineHeight + m.pad / 2;
      break;
    case ValueStyle::Grid:  // a grid of values over a grid of gradients
      w = float(s.cols) * (number + m.pad / 2) + m.pad;
      h = 2 * float(s.rows) * m.lineHeight + m.pad * 1.5f;
      break;
    case ValueStyle::Heatmap: {  // value and gradient heatmaps side by side, a caption under
      const float cell = std::min(m.heatmapMaxSide / float(std::max(s.rows, s.cols)), 10.0f);  // fractional for big ones
      w = std::max(2 * float(s.cols) * cell + 3 * m.pad, 2 * number + m.pad * 2);
      h = float(s.rows) * cell + m.lineHeight + m.pad * 1.5f;
      break;
    }
  }
}

std::optional<BoxElement> valueBoxElement(Shape s, const LayoutMetrics& m, float x, float y) {
  float w = 0, h = 0;
  valueBoxSize(s, m, w, h);
  if (x < 0 || y < 0 || x > w || y > h) return std::nullopt;
  const float lh = m.lineHeight, pad = m.pad;
  switch (valueStyle(s, m)) {
    case ValueStyle::Scalar: {  // the value's line from pad/4, the gradient's under it
      const float line = (y - pad / 4) / lh;
      if (line < 0 || line >= 2) return std::nullopt;
      return BoxElement{line < 1 ? Quantity::Value : Quantity::Grad, 0, 0};
    }
    case ValueStyle::Grid: {  // cells from pad/2; the gradients' grid starts pad/2 below the values'
      const float cellW = (w - pad) / float(s.cols);
      const Index col = Index((x - pad / 2) / cellW);
      if (x < pad / 2 || col >= s.cols) return std::nullopt;
      const float top = pad / 2, mid = top + float(s.rows) * lh + pad / 4;
      if (y >= top && y < top + float(s.rows) * lh) return BoxElement{Quantity::Value, Index((y - top) / lh), col};
      const float gtop = mid + pad / 4;
      if (y >= gtop && y < gtop + float(s.rows) * lh) return BoxElement{Quantity::Grad, Index((y - gtop) / lh), col};
      return std::nullopt;
    }
    case ValueStyle::Heatmap: {  // the value's image left, the gradient's right, as ValuePainter lays them out
      const float half = (w - 3 * pad) / 2;
      const float iw = std::min(half, (h - lh - 1.5f * pad) * float(s.cols) / float(s.rows));
      const float ih = iw * float(s.rows) / float(s.cols);
      const float y0 = pad / 2;
      for (const auto& [q, x0] : {std::pair{Quantity::Value, w / 2 - pad / 2 - half / 2 - iw / 2},
                                  std::pair{Quantity::Grad, w / 2 + pad / 2 + half / 2 - iw / 2}})
        if (x >= x0 && x < x0 + iw && y >= y0 && y < y0 + ih)
          return BoxElement{q, std::min(s.rows - 1, Index((y - y0) / ih * float(s.rows))),
                            std::min(s.cols - 1, Index((x - x0) / iw * float(s.cols)))};
      return std::nullopt;
    }
  }
  return std::nullopt;
}

LayoutInput makeLayoutInput(const Graph& g, const LayoutMetrics& m, NodeRange shown) {
  LayoutInput in;
  const int n = g.size(), last = shown.last < 0 ? n : std::min(shown.last, n);
  auto inRange = [&](int i) { return i >= shown.first && i < last; };
  std::vector<char> drawn(size_t(n), 0);  // the nodes of the range and those feeding them
  for (int i = std::max(0, shown.first); i < last; ++i) {
    drawn[size_t(i)] = 1;
    for (int in : g.node(i).inputs) drawn[size_t(in)] = 1;
  }
  std::vector<int> boxOf(size_t(n), -1);
  for (int i = 0; i < n; ++i) {
    if (!drawn[size_t(i)]) continue;
    const Node& nd = g.node(i);
    LayoutBox b;
    b.node = i;
    if (nd.isLeaf()) {  // name over kind
      b.kind = BoxKind::Leaf;
      // Room for "param (edited)", drawn at 0.8 of the size, once a value is edited.
      b.width = std::max(m.textWidth(boxLabel(nd.name)), 0.8f * m.textWidth(std::string(kindName(nd.kind)) + " (edited)")) + 2 * m.pad;
      b.height = 2 * m.lineHeight + m.pad;
    } else {  // a circle: symbol over name
      b.kind = BoxKind::Op;
      b.width = b.height = opCircleDiameter(m.textWidth(nd.op->symbol), m.textWidth(boxLabel(nd.name)), m);
    }
    boxOf[size_t(i)] = int(in.boxes.size());
    in.boxes.push_back(b);
  }
  int edge = 0;  // counts every edge, shown or not, in the order of AppState::edgeValues()
  auto addValueBox = [&](int producer, int consumer, int inputIndex) {
    LayoutBox v;
    v.kind = BoxKind::Value;
    v.node = producer;
    v.consumer = consumer;
    v.inputIndex = inputIndex;
    v.edge = edge;
    valueBoxSize(g.node(producer).shape, m, v.width, v.height);
    in.boxes.push_back(v);
    const int id = int(in.boxes.size()) - 1;
    in.arrows.push_back({boxOf[size_t(producer)], id, false});
    if (consumer >= 0) in.arrows.push_back({id, boxOf[size_t(consumer)], true});
  };
  for (int c = 0; c < n; ++c) {
    const Node& nd = g.node(c);
    for (int k = 0; k < int(nd.inputs.size()); ++k, ++edge)
      if (inRange(c)) addValueBox(nd.inputs[size_t(k)], c, k);
  }
  if (g.hasOutput() && inRange(g.output())) addValueBox(g.output(), -1, -1);
  return in;
}

}  // namespace bs::app
