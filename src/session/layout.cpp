#include "session/layout.h"

#include <graphviz/gvc.h>

#include <algorithm>
#include <memory>
#include <string>

namespace bs::app {

namespace {

constexpr double kPointsPerInch = 72;

// libgvc takes char*; it does not modify these strings.
char* cs(const char* s) { return const_cast<char*>(s); }

std::string inches(float px) { return std::to_string(double(px) / kPointsPerInch); }

struct GvcDeleter {
  void operator()(GVC_t* c) const { gvFreeContext(c); }
};

// A straight Bezier from a to b (control points a third of the way).
std::vector<Point> straight(Point a, Point b) {
  return {a, {a.x + (b.x - a.x) / 3, a.y + (b.y - a.y) / 3}, {a.x + 2 * (b.x - a.x) / 3, a.y + 2 * (b.y - a.y) / 3}, b};
}

}  // namespace

Layout computeLayout(const LayoutInput& in, int maxDotBoxes) {
  if (int(in.boxes.size()) > maxDotBoxes) return simpleLayout(in);
  std::unique_ptr<GVC_t, GvcDeleter> gvc(gvContext());
  Agraph_t* g = agopen(cs("g"), Agdirected, nullptr);
  agattr(g, AGRAPH, cs("rankdir"), cs("LR"));
  agattr(g, AGRAPH, cs("nodesep"), cs("0.15"));  // inches; compact, so big graphs stay readable
  agattr(g, AGRAPH, cs("ranksep"), cs("0.18"));
  agattr(g, AGRAPH, cs("ordering"), cs("in"));  // keep each op's inputs in order (W above x)
  agattr(g, AGNODE, cs("shape"), cs("box"));
  agattr(g, AGNODE, cs("fixedsize"), cs("true"));
  agattr(g, AGNODE, cs("label"), cs(""));
  agattr(g, AGNODE, cs("width"), cs("1"));
  agattr(g, AGNODE, cs("height"), cs("1"));
  agattr(g, AGEDGE, cs("arrowhead"), cs("none"));  // we draw our own, at the curve's end

  std::vector<Agnode_t*> nodes;
  for (size_t i = 0; i < in.boxes.size(); ++i) {
    const LayoutBox& b = in.boxes[i];
    Agnode_t* n = agnode(g, cs(("n" + std::to_string(i)).c_str()), 1);
    agsafeset(n, cs("width"), cs(inches(b.width).c_str()), cs("1"));
    agsafeset(n, cs("height"), cs(inches(b.height).c_str()), cs("1"));
    if (b.kind == BoxKind::Op) agsafeset(n, cs("shape"), cs("circle"), cs("box"));
    nodes.push_back(n);
  }
  std::vector<Agedge_t*> edges;
  for (const LayoutArrow& a : in.arrows)
    edges.push_back(agedge(g, nodes.at(size_t(a.from)), nodes.at(size_t(a.to)), nullptr, 1));

  Layout out;
  if (gvLayout(gvc.get(), g, "dot") != 0) {  // no dot plugin: still show something
    agclose(g);
    return simpleLayout(in);
  }
  const boxf bb = GD_bb(g);
  auto toPixels = [&](pointf p) { return Point{float(p.x - bb.LL.x), float(bb.UR.y - p.y)}; };
  for (Agnode_t* n : nodes) out.centres.push_back(toPixels(ND_coord(n)));
  for (size_t i = 0; i < edges.size(); ++i) {
    std::vector<Point> curve;
    const splines* spl = ED_spl(edges[i]);
    if (spl && spl->size > 0)
      for (int k = 0; k < spl->list[0].size; ++k) curve.push_back(toPixels(spl->list[0].list[k]));
    if (curve.size() < 4)  // no route: a straight line between the centres
      curve = straight(out.centres[size_t(in.arrows[i].from)], out.centres[size_t(in.arrows[i].to)]);
    out.curves.push_back(std::move(curve));
  }
  out.width = float(bb.UR.x - bb.LL.x);
  out.height = float(bb.UR.y - bb.LL.y);
  gvFreeLayout(gvc.get(), g);
  agclose(g);
  return out;
}

Layout simpleLayout(const LayoutInput& in) {
  // Layer = longest path from a source (arrows go from earlier boxes to later ones only
  // through the value boxes, so walk until nothing changes).
  const size_t n = in.boxes.size();
  std::vector<int> layer(n, 0);
  for (bool changed = true; changed;) {
    changed = false;
    for (const LayoutArrow& a : in.arrows)
      if (layer[size_t(a.to)] < layer[size_t(a.from)] + 1) {
        layer[size_t(a.to)] = layer[size_t(a.from)] + 1;
        changed = true;
      }
  }
  // The numbers on an edge sit just before their consumer (W's value box beside the op
  // that reads it at step 40, not in a column of 40 boxes beside W).
  for (const LayoutArrow& a : in.arrows)
    if (in.boxes[size_t(a.from)].kind == BoxKind::Value) layer[size_t(a.from)] = layer[size_t(a.to)] - 1;
  const int layers = n ? *std::max_element(layer.begin(), layer.end()) + 1 : 0;
  std::vector<float> layerWidth(size_t(layers), 0), used(size_t(layers), 0);
  for (size_t i = 0; i < n; ++i) layerWidth[size_t(layer[i])] = std::max(layerWidth[size_t(layer[i])], in.boxes[i].width);
  std::vector<float> x(size_t(layers), 0);
  const float gap = 24;
  for (int l = 1; l < layers; ++l) x[size_t(l)] = x[size_t(l - 1)] + layerWidth[size_t(l - 1)] + gap;
  Layout out;
  out.simple = true;
  for (size_t i = 0; i < n; ++i) {
    const auto l = size_t(layer[i]);
    out.centres.push_back({x[l] + layerWidth[l] / 2, used[l] + in.boxes[i].height / 2});
    used[l] += in.boxes[i].height + 12;
    out.width = std::max(out.width, x[l] + layerWidth[l]);
    out.height = std::max(out.height, used[l]);
  }
  for (const LayoutArrow& a : in.arrows) {
    Point p = out.centres[size_t(a.from)], q = out.centres[size_t(a.to)];
    p.x += in.boxes[size_t(a.from)].width / 2;  // from the right side to the left side
    q.x -= in.boxes[size_t(a.to)].width / 2;
    const float dx = (q.x - p.x) / 2;
    out.curves.push_back({p, {p.x + dx, p.y}, {q.x - dx, q.y}, q});
  }
  return out;
}

}  // namespace bs::app
