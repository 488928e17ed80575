#include "figure/tikz.h"

#include <cstdio>

namespace bs::figure {

namespace {

// The window's palette (app/value_drawing.h).
struct Colour {
  int r, g, b;
};
constexpr Colour kInk{25, 25, 30}, kGrad{190, 30, 30}, kFaint{150, 150, 150}, kEdge{90, 90, 100}, kLit{255, 145, 0},
    kLitFill{255, 235, 200}, kWhite{255, 255, 255}, kValueBorder{215, 215, 210};

Colour inkColour(Ink i) { return i == Ink::Grad ? kGrad : i == Ink::Faint ? kFaint : kInk; }
Colour leafFill(NodeKind k) {
  return k == NodeKind::Input ? Colour{222, 236, 255} : k == NodeKind::Param ? Colour{225, 245, 222} : Colour{238, 238, 238};
}

std::string spec(Colour c) {
  char b[64];
  std::snprintf(b, sizeof b, "{rgb,255:red,%d;green,%d;blue,%d}", c.r, c.g, c.b);
  return b;
}

std::string coloured(Colour c, const std::string& t) {
  char b[48];
  std::snprintf(b, sizeof b, "\\textcolor[RGB]{%d,%d,%d}{", c.r, c.g, c.b);
  return b + t + "}";
}

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}
std::string at(double x, double y) { return "(" + num(x) + "," + num(y) + ")"; }
std::string at(Placement::Point p) { return at(p.x, p.y); }

std::string tex(const Line& line, const MathNames& names) {
  std::string out;
  for (const Run& r : line) {
    if (r.text.empty()) continue;  // "$$" would start display math
    const std::string t = r.math ? "$" + toLatex(r.text, names, LatexFlavour::Tikz) + "$" : latexText(r.text);
    out += r.ink == Ink::Value ? t : coloured(inkColour(r.ink), t);
  }
  return out;
}

// A value box's numbers as a tabular: values, a rule, gradients.
std::string valueTable(const Item& it, const MathNames& names) {
  size_t cols = 1;
  for (const Line& l : it.values) cols = std::max(cols, l.size());
  std::string s = "\\begin{tabular}{@{}" + std::string(cols, 'r') + "@{}}";
  if (!it.title.empty()) s += "\\multicolumn{" + std::to_string(cols) + "}{@{}c@{}}{\\scriptsize " + tex(it.title, names) + "}\\\\";
  auto rows = [&](const std::vector<Line>& lines) {
    for (const Line& l : lines) {
      for (size_t c = 0; c < l.size(); ++c) s += (c ? " & " : "") + tex({l[c]}, names);
      s += "\\\\";
    }
  };
  rows(it.values);
  if (!it.grads.empty()) {
    s += "\\noalign{\\vskip 1pt}\\hline\\noalign{\\vskip 1pt}";
    rows(it.grads);
  }
  return s + "\\end{tabular}";
}

}  // namespace

std::string tikzPicture(const Scene& s, const Placement& p) {
  std::string out =
      "% Written by backstep draw. \\input it into a LaTeX document with \\usepackage{tikz};\n"
      "% wider than the text, it is shrunk to \\linewidth.\n"
      "\\begingroup\n\\setbox0=\\hbox{%\n\\begin{tikzpicture}[x=1bp, y=1bp, font=\\small]\n";
  for (size_t i = 0; i < s.links.size(); ++i) {
    const Placement::Curve& c = p.links[i];
    if (c.bezier.size() < 4) continue;
    const bool lit = s.links[i].lit;
    std::string path = at(c.bezier[0]);
    for (size_t k = 1; k + 2 < c.bezier.size(); k += 3)
      path += " .. controls " + at(c.bezier[k]) + " and " + at(c.bezier[k + 1]) + " .. " + at(c.bezier[k + 2]);
    if (c.tip) path += " -- " + at(c.tipAt);
    out += "\\draw[draw=" + spec(lit ? kLit : kEdge) + ", line width=" + (lit ? "2" : "0.9") + "bp" + (c.tip ? ", -latex" : "") +
           "] " + path + ";\n";
    if (c.labelled)
      out += "\\node[inner sep=0pt] at " + at(c.label) + " {\\scriptsize " + tex({{s.links[i].label, true, Ink::Faint}}, s.names) + "};\n";
  }
  for (size_t i = 0; i < s.items.size(); ++i) {
    const Item& it = s.items[i];
    const Placement::Box& b = p.items[i];
    const Colour draw = it.lit ? kLit : it.kind == ItemKind::Value ? kValueBorder : kEdge;
    const Colour fill = it.lit ? kLitFill : it.kind == ItemKind::Leaf ? leafFill(it.leafKind) : kWhite;
    const std::string style = "draw=" + spec(draw) + ", fill=" + spec(fill) + ", line width=" + (it.lit ? "2" : "0.8") + "bp";
    if (it.kind == ItemKind::Op)
      out += "\\filldraw[" + style + "] " + at(b.centre) + " circle[radius=" + num(b.width / 2) + "];\n";
    else
      out += "\\filldraw[" + style + ", rounded corners=3bp] " + at(b.centre.x - b.width / 2, b.centre.y - b.height / 2) +
             " rectangle " + at(b.centre.x + b.width / 2, b.centre.y + b.height / 2) + ";\n";
    const std::string text = it.kind == ItemKind::Value ? valueTable(it, s.names)
                             : (it.kind == ItemKind::Op ? "{\\normalsize " : "{") + tex(it.title, s.names) + "}\\\\{\\footnotesize " +
                                   tex(it.subtitle, s.names) + "}";
    out += "\\node[align=center, inner sep=0pt] at " + at(b.centre) + " {" + text + "};\n";
  }
  if (!s.caption.empty()) {
    out += "\\node[anchor=north west, align=left, inner sep=0pt] at " + at(0, -6) + " {";
    for (size_t l = 0; l < s.caption.size(); ++l) out += (l ? "\\\\" : "") + tex(s.caption[l], s.names);
    out += "};\n";
  }
  return out + "\\end{tikzpicture}}%\n\\leavevmode\\ifdim\\wd0>\\linewidth\\resizebox{\\linewidth}{!}{\\box0}\\else\\box0\\fi\n\\endgroup\n";
}

}  // namespace bs::figure
