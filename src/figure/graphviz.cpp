#include "figure/graphviz.h"

#include <graphviz/gvc.h>

#include <stdexcept>

namespace bs::figure {

namespace {

// libgvc takes char*; it does not modify these strings.
char* cs(const char* s) { return const_cast<char*>(s); }
char* cs(const std::string& s) { return const_cast<char*>(s.c_str()); }

// The window's palette (app/value_drawing.h), as HTML colours.
const char* inkColour(Ink i) { return i == Ink::Grad ? "#be1e1e" : i == Ink::Faint ? "#969696" : "#19191e"; }
const char* kEdge = "#5a5a64";
const char* kLit = "#ff9100";
const char* kLitFill = "#ffebc8";

const char* leafFill(NodeKind k) { return k == NodeKind::Input ? "#deecff" : k == NodeKind::Param ? "#e1f5de" : "#eeeeee"; }

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : std::string(1, c);
  return out;
}

std::string html(const Line& line, const MathNames& names, int pointSize = 0) {
  std::string out;
  for (const Run& r : line) {
    const std::string t = r.math ? toHtml(r.text, names) : escape(r.text);
    out += r.ink == Ink::Value ? t : "<FONT COLOR=\"" + std::string(inkColour(r.ink)) + "\">" + t + "</FONT>";
  }
  return pointSize ? "<FONT POINT-SIZE=\"" + std::to_string(pointSize) + "\">" + out + "</FONT>" : out;
}

const char* kTable = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">";

// A value box: the shape of a big tensor, the value's rows, a rule, the gradient's rows.
std::string valueLabel(const Item& it, const MathNames& names) {
  size_t cols = 1;
  for (const Line& l : it.values) cols = std::max(cols, l.size());
  std::string s = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">";
  auto rows = [&](const std::vector<Line>& lines) {
    for (const Line& l : lines) {
      s += "<TR>";
      for (size_t c = 0; c < l.size(); ++c)  // a gap between columns: the numbers are right-aligned
        s += std::string(c ? "<TD WIDTH=\"6\"></TD>" : "") + "<TD ALIGN=\"RIGHT\">" + html({l[c]}, names) + "</TD>";
      s += "</TR>";
    }
  };
  if (!it.title.empty()) s += "<TR><TD COLSPAN=\"" + std::to_string(2 * cols - 1) + "\">" + html(it.title, names, 8) + "</TD></TR>";
  rows(it.values);
  if (!it.grads.empty()) {
    s += "<HR/>";
    rows(it.grads);
  }
  return s + "</TABLE>";
}

std::string label(const Item& it, const MathNames& names) {
  if (it.kind == ItemKind::Value) return valueLabel(it, names);
  return std::string(kTable) + "<TR><TD>" + html(it.title, names, it.kind == ItemKind::Op ? 12 : 0) + "</TD></TR><TR><TD>" +
         html(it.subtitle, names, 8) + "</TD></TR></TABLE>";
}

std::string captionLabel(const Scene& s) {
  std::string t = kTable;
  for (const Line& l : s.caption) t += "<TR><TD ALIGN=\"LEFT\">" + html(l, s.names) + "</TD></TR>";
  return t + "</TABLE>";
}

// One Graphviz context for the whole process, never freed: Graphviz 2.42's pango
// plugin keeps a static pointer to the last font name it measured, a string owned by
// the context's font table, and compares the next name with it; freeing the context
// left that pointer dangling (AddressSanitizer: heap-use-after-free on the second
// figure in one process, as in a window exporting twice).
GVC_t* context() {
  static GVC_t* const gvc = gvContext();
  return gvc;
}

// The scene as a laid-out Graphviz graph, freed with it.
class Dot {
 public:
  Dot(const Scene& s, bool caption, const char* dpi) : gvc_(context()) {
    g_ = agopen(cs("figure"), Agdirected, nullptr);
    agattr(g_, AGRAPH, cs("rankdir"), cs("LR"));
    agattr(g_, AGRAPH, cs("nodesep"), cs("0.18"));
    agattr(g_, AGRAPH, cs("ranksep"), cs("0.22"));
    agattr(g_, AGRAPH, cs("ordering"), cs("in"));  // each op's inputs in order (W above x), as in the window
    agattr(g_, AGRAPH, cs("pad"), cs("0.1"));
    agattr(g_, AGRAPH, cs("bgcolor"), cs("white"));
    agattr(g_, AGRAPH, cs("dpi"), cs(dpi));
    agattr(g_, AGRAPH, cs("fontname"), cs("DejaVu Sans"));  // σ, ᵀ and ∂ have glyphs in it
    agattr(g_, AGRAPH, cs("fontsize"), cs("10"));
    if (caption && !s.caption.empty()) {
      agattr(g_, AGRAPH, cs("labelloc"), cs("b"));
      agattr(g_, AGRAPH, cs("labeljust"), cs("l"));
      agattr(g_, AGRAPH, cs("label"), agstrdup_html(g_, cs(captionLabel(s))));
    }
    agattr(g_, AGNODE, cs("fontname"), cs("DejaVu Sans"));
    agattr(g_, AGNODE, cs("fontsize"), cs("10"));
    agattr(g_, AGNODE, cs("shape"), cs("box"));
    agattr(g_, AGNODE, cs("style"), cs("rounded,filled"));
    agattr(g_, AGNODE, cs("fillcolor"), cs("white"));
    agattr(g_, AGNODE, cs("color"), cs(kEdge));
    agattr(g_, AGNODE, cs("penwidth"), cs("1"));
    agattr(g_, AGNODE, cs("margin"), cs("0.06,0.03"));
    agattr(g_, AGNODE, cs("label"), cs(""));
    agattr(g_, AGEDGE, cs("color"), cs(kEdge));
    agattr(g_, AGEDGE, cs("penwidth"), cs("1.2"));
    agattr(g_, AGEDGE, cs("arrowsize"), cs("0.6"));
    agattr(g_, AGEDGE, cs("arrowhead"), cs("normal"));
    agattr(g_, AGEDGE, cs("fontname"), cs("DejaVu Sans"));
    agattr(g_, AGEDGE, cs("fontsize"), cs("8"));
    agattr(g_, AGEDGE, cs("fontcolor"), cs(inkColour(Ink::Faint)));
    agattr(g_, AGEDGE, cs("label"), cs(""));
    for (size_t i = 0; i < s.items.size(); ++i) {
      const Item& it = s.items[i];
      Agnode_t* n = agnode(g_, cs("n" + std::to_string(i)), 1);
      agset(n, cs("label"), agstrdup_html(g_, cs(label(it, s.names))));
      if (it.kind == ItemKind::Op) {
        agset(n, cs("shape"), cs("circle"));
        agset(n, cs("style"), cs("filled"));
        agset(n, cs("margin"), cs("0.02"));
      }
      if (it.kind == ItemKind::Leaf) agset(n, cs("fillcolor"), cs(leafFill(it.leafKind)));
      if (it.kind == ItemKind::Value) agset(n, cs("color"), cs("#d7d7d2"));
      if (it.lit) {
        agset(n, cs("color"), cs(kLit));
        agset(n, cs("fillcolor"), cs(kLitFill));
        agset(n, cs("penwidth"), cs("2.5"));
      }
      nodes_.push_back(n);
    }
    for (const Link& l : s.links) {
      Agedge_t* e = agedge(g_, nodes_.at(size_t(l.from)), nodes_.at(size_t(l.to)), nullptr, 1);
      if (!l.head) agset(e, cs("arrowhead"), cs("none"));
      if (!l.label.empty()) agset(e, cs("label"), agstrdup_html(g_, cs(escape(l.label))));
      if (l.lit) {
        agset(e, cs("color"), cs(kLit));
        agset(e, cs("penwidth"), cs("2.5"));
      }
      edges_.push_back(e);
    }
    if (gvLayout(gvc_, g_, "dot") != 0) throw std::runtime_error("Graphviz could not lay out the figure (is its dot layout plugin installed?)");
    laid_ = true;
  }
  ~Dot() {
    if (laid_) gvFreeLayout(gvc_, g_);
    agclose(g_);
  }
  Dot(const Dot&) = delete;
  Dot& operator=(const Dot&) = delete;

  GVC_t* gvc_;
  Agraph_t* g_;
  std::vector<Agnode_t*> nodes_;
  std::vector<Agedge_t*> edges_;
  bool laid_ = false;
};

}  // namespace

std::string renderGraphviz(const Scene& s, const std::string& format) {
  // PNG at 150 dpi: readable on a slide; the vector formats are in points anyway.
  Dot d(s, true, format == "png" ? "150" : "72");
  char* data = nullptr;
  unsigned int size = 0;
  if (gvRenderData(d.gvc_, d.g_, format.c_str(), &data, &size) != 0 || !data)
    throw std::runtime_error("Graphviz has no '" + format + "' renderer here (on Debian it is libgvc6's cairo plugin; "
                             "`libgvc6-config-update -c` as root registers the installed plugins)");
  std::string out(data, size);
  gvFreeRenderData(data);
  return out;
}

Placement placeScene(const Scene& s) {
  Dot d(s, false, "72");
  const boxf bb = GD_bb(d.g_);
  auto at = [&](pointf p) { return Placement::Point{p.x - bb.LL.x, p.y - bb.LL.y}; };
  Placement out;
  out.width = bb.UR.x - bb.LL.x;
  out.height = bb.UR.y - bb.LL.y;
  for (Agnode_t* n : d.nodes_) out.items.push_back({at(ND_coord(n)), ND_width(n) * 72, ND_height(n) * 72});
  for (Agedge_t* e : d.edges_) {
    Placement::Curve c;
    if (const splines* spl = ED_spl(e); spl && spl->size > 0) {
      const bezier& b = spl->list[0];
      for (int k = 0; k < b.size; ++k) c.bezier.push_back(at(b.list[k]));
      c.tip = b.eflag != 0;
      c.tipAt = at(b.ep);
    }
    if (const textlabel_t* l = ED_label(e); l && l->set) {
      c.labelled = true;
      c.label = at(l->pos);
    }
    out.links.push_back(c);
  }
  return out;
}

}  // namespace bs::figure
