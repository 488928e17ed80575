#include "figure/scene.h"

#include "core/trace.h"

namespace bs::figure {

namespace {

// What the step just done touched, as the window lights it: forward, the node and the
// value boxes of its value; backward, the node receiving the gradient and the value box
// it flowed back along.
struct Highlight {
  int node = -1, producer = -1;
  int consumer = -2, inputIndex = -2;
};

Highlight highlightOf(const Stepper& s) {
  Highlight h;
  if (s.cursor() == 0) return h;
  const Step& st = s.record(s.cursor() - 1).step;
  if (st.phase == Phase::Forward) {
    h.node = h.producer = st.node;
  } else {
    h.node = st.target;
    h.consumer = st.isSeed() ? -1 : st.node;
    h.inputIndex = st.isSeed() ? -1 : st.inputIndex;
  }
  return h;
}

std::string shapeText(Shape s) { return std::to_string(s.rows) + "×" + std::to_string(s.cols); }

// A tensor's numbers row by row, or for a big one its largest magnitude after `prefix`;
// null: not known yet ("?").
std::vector<Line> numbers(const Tensor* t, Shape shape, int precision, Ink ink, const std::string& prefix) {
  if (shape.size() > kMaxWrittenElements) {
    if (!t) return {{{"?", true, Ink::Faint}}};
    return {{{prefix + formatNumber(t->cwiseAbs().maxCoeff(), precision), true, ink}}};
  }
  std::vector<Line> rows;
  for (Index r = 0; r < shape.rows; ++r) {
    Line row;
    for (Index c = 0; c < shape.cols; ++c) row.push_back(t ? Run{formatNumber((*t)(r, c), precision), true, ink} : Run{"?", true, Ink::Faint});
    rows.push_back(row);
  }
  return rows;
}

// The gradient that flowed back along this edge in the steps done (the output's own
// box, consumer -1: the seed dL/dL), or null.
const Tensor* edgeGrad(const Stepper& s, int consumer, int k) {
  const Tensor* g = nullptr;
  for (int i = 0; i < s.cursor(); ++i) {
    const Step& st = s.record(i).step;
    if (consumer >= 0 ? st.phase == Phase::Backward && st.node == consumer && st.inputIndex == k : st.isSeed()) g = &s.record(i).result;
  }
  return g;
}

// A step's head as a caption: a long one keeps its first forms and its result.
std::string shortHead(const std::string& head) {
  constexpr size_t kLong = 100, kKept = 70;
  const auto forms = splitOutside(head, {" = "}, false, true);
  if (codePoints(head) <= kLong || forms.size() < 3) return head;
  std::string s = forms[0];
  size_t k = 1;
  while (k + 1 < forms.size() && codePoints(s) + codePoints(forms[k]) < kKept) s += " = " + forms[k++];
  return s + (k + 1 < forms.size() ? " = … = " : " = ") + forms.back();
}

std::vector<Line> caption(const Graph& g, const Stepper& s, int precision) {
  if (s.cursor() == 0) return {{{"Before the first step: only the given values are known.", false}}};
  const StepRecord& r = s.record(s.cursor() - 1);
  TraceOptions o;
  o.precision = precision;
  const std::string where = "Step " + std::to_string(s.cursor()) + " of " + std::to_string(s.size()) +
                            (r.step.phase == Phase::Forward ? " (forward): " : " (backward): ");
  return {{{where, false}, {shortHead(traceStep(g, r, o).lines[0]), true}},
          {{"values in black, ", false}, {"gradients ", false, Ink::Grad}, {gradName(g, "(·)"), true, Ink::Grad},
           {" along each edge, the step's boxes in orange", false}}};
}

}  // namespace

Scene makeScene(const Graph& g, const Stepper* s, int precision, const std::string& note) {
  Scene sc;
  sc.names = mathNames(g);
  const Highlight h = s ? highlightOf(*s) : Highlight{};
  std::vector<int> itemOf(size_t(g.size()));
  for (int i = 0; i < g.size(); ++i) {
    const Node& n = g.node(i);
    Item it;
    it.lit = i == h.node;
    if (n.isLeaf()) {
      it.kind = ItemKind::Leaf;
      it.leafKind = n.kind;
      it.title = {{n.name}};
      it.subtitle = {{std::string(kindName(n.kind)) + (n.shape.isScalar() ? "" : " " + shapeText(n.shape)), false, Ink::Faint}};
    } else {
      it.kind = ItemKind::Op;
      it.title = {{n.op->symbol}};
      it.subtitle = {{n.name, true, Ink::Faint}};
    }
    itemOf[size_t(i)] = int(sc.items.size());
    sc.items.push_back(it);
  }
  // Each edge's value box, producer -> box -> consumer, and one after the output.
  auto valueBox = [&](int producer, int consumer, int k) {
    const Node& n = g.node(producer);
    Item v;
    v.kind = ItemKind::Value;
    v.lit = producer == h.producer || (producer == h.node && consumer == h.consumer && k == h.inputIndex);
    if (n.shape.size() > kMaxWrittenElements) v.title = {{shapeText(n.shape), true, Ink::Faint}};
    v.values = numbers(s->valueKnown(producer) ? &n.value : nullptr, n.shape, precision, Ink::Value, "±");
    if (const Tensor* grad = edgeGrad(*s, consumer, k)) v.grads = numbers(grad, n.shape, precision, Ink::Grad, "∇ ±");
    sc.items.push_back(v);
    const int id = int(sc.items.size()) - 1;
    sc.links.push_back({itemOf[size_t(producer)], id, false, false, ""});
    if (consumer >= 0) sc.links.push_back({id, itemOf[size_t(consumer)], true, false, ""});
  };
  for (int c = 0; c < g.size(); ++c)
    for (int k = 0; k < int(g.node(c).inputs.size()); ++k) {
      const int p = g.node(c).inputs[size_t(k)];
      if (s) valueBox(p, c, k);
      else sc.links.push_back({itemOf[size_t(p)], itemOf[size_t(c)], true, false, g.node(p).shape.isScalar() ? "" : shapeText(g.node(p).shape)});
    }
  if (s && g.hasOutput()) valueBox(g.output(), -1, -1);
  for (Link& l : sc.links) l.lit = sc.items[size_t(l.from)].lit && sc.items[size_t(l.to)].lit;
  if (s) sc.caption = caption(g, *s, precision);
  // The numbers' data under a stepped graph; under a clean one (an exercise sheet), the note alone.
  if (!note.empty()) sc.caption.insert(sc.caption.begin() + (sc.caption.empty() ? 0 : 1), Line{{note, false, s ? Ink::Faint : Ink::Value}});
  return sc;
}

}  // namespace bs::figure
