#include "core/trace.h"

namespace bs {

std::string gradName(const Graph& g, const std::string& node) {
  const std::string loss = g.hasOutput() ? g.node(g.output()).name : "L";
  return "d" + loss + "/d" + node;
}

namespace {

std::vector<const Tensor*> inputValues(const Graph& g, const Node& n) {
  std::vector<const Tensor*> v;
  for (int in : n.inputs) v.push_back(&g.node(in).value);
  return v;
}

std::vector<std::string> inputNames(const Graph& g, const Node& n) {
  std::vector<std::string> v;
  for (int in : n.inputs) v.push_back(g.node(in).name);
  return v;
}

// True for ops written like a function call, f(x).
bool wrapsOperands(const OpDef& op) {
  const std::string x = "\x01";
  std::vector<std::string> ops(size_t(std::max(op.arity, 1)), x);
  std::vector<double> attrs;
  for (const auto& a : op.attrs) attrs.push_back(a.defaultValue);
  return op.text(ops, attrs).find("(" + x) != std::string::npos;
}

// The operands' element names (or numbers) at (r, c) of a broadcast result.
std::vector<std::string> elementOperands(const Graph& g, const Node& n, Index r, Index c,
                                         bool numbers, int precision) {
  std::vector<std::string> v;
  for (int id : n.inputs) {
    const Node& in = g.node(id);
    Index rr = in.shape.rows == 1 ? 0 : r, cc = in.shape.cols == 1 ? 0 : c;
    if (!numbers) {
      v.push_back(elementName(in.name, in.shape, rr, cc));
    } else {
      std::string s = formatNumber(in.value(rr, cc), precision);
      // Negative numbers get parentheses, as on paper, unless the op already wraps
      // its operand in them: (-0.35) · 2.8, (-0.3)², but σ(-0.38).
      if (s[0] == '-' && !wrapsOperands(*n.op)) s = "(" + s + ")";
      v.push_back(s);
    }
  }
  return v;
}

// An op that maps elements to elements (output shaped like its broadcast inputs).
bool isElementMap(const Graph& g, const Node& n) {
  if (n.op->style != GradStyle::Elementwise || n.op->arity > 2) return false;
  Shape s = g.node(n.inputs[0]).shape;
  for (int id : n.inputs)
    if (!broadcastShape(s, g.node(id).shape, s)) return false;
  return s == n.shape;
}

void traceForward(const Graph& g, const StepRecord& r, const TraceOptions& o, StepText& t) {
  const Node& n = g.node(r.step.node);
  auto names = inputNames(g, n);
  const std::string head = n.name + " = " + n.op->text(names, n.attrs);
  if (isElementMap(g, n) && n.shape.size() <= o.maxElementLines) {
    for (Index c = 0; c < n.shape.cols; ++c)
      for (Index rr = 0; rr < n.shape.rows; ++rr) {
        std::string line = elementName(n.name, n.shape, rr, c) + " = " +
                           n.op->text(elementOperands(g, n, rr, c, false, o.precision), n.attrs) + " = " +
                           n.op->text(elementOperands(g, n, rr, c, true, o.precision), n.attrs) + " = " +
                           formatNumber(r.result(rr, c), o.precision);
        t.lines.push_back(line);
      }
    if (!n.shape.isScalar()) t.lines.push_back(head + " = " + formatTensor(r.result, o.precision));
    return;
  }
  t.lines.push_back(head + " = " + formatTensor(r.result, o.precision));
}

void traceBackward(const Graph& g, const StepRecord& r, const TraceOptions& o, StepText& t) {
  const Step& s = r.step;
  const Node& target = g.node(s.target);
  const std::string dT = gradName(g, target.name);
  if (s.isSeed()) {
    t.lines.push_back(dT + " = 1");
    return;
  }
  const Node& n = g.node(s.node);
  const std::string dN = gradName(g, n.name);
  t.formula = n.op->formula;
  auto names = inputNames(g, n);

  if (n.op->style == GradStyle::Tensor) {
    t.lines.push_back(dT + " = " + n.op->gradText(s.inputIndex, names, n.name, dN) + " = " +
                      formatTensor(r.result, o.precision));
  } else {
    auto ins = inputValues(g, n);
    Tensor loc;
    n.op->d.local(s.inputIndex, {ins, n.attrs}, n.value, loc);
    const Shape ls = shapeOf(loc);
    const bool upScalar = n.shape.isScalar();
    const bool perElement = ls == target.shape && (upScalar || n.shape == ls) && ls.size() <= o.maxElementLines;
    if (perElement) {
      for (Index c = 0; c < ls.cols; ++c)
        for (Index rr = 0; rr < ls.rows; ++rr) {
          // Element names of the operands at this position, in the target's frame.
          std::vector<std::string> ops;
          for (size_t k = 0; k < n.inputs.size(); ++k) {
            const Node& in = g.node(n.inputs[k]);
            ops.push_back(elementName(in.name, in.shape, in.shape.rows == 1 ? 0 : rr, in.shape.cols == 1 ? 0 : c));
          }
          const std::string local = n.op->localText(s.inputIndex, ops, n.attrs);
          const Index ur = upScalar ? 0 : rr, uc = upScalar ? 0 : c;
          const std::string upName = gradName(g, elementName(n.name, n.shape, ur, uc));
          const std::string upVal = formatNumber(n.grad(ur, uc), o.precision);
          std::string line = gradName(g, elementName(target.name, target.shape, rr, c)) + " = " + upName;
          if (local == "1") {
            line += " = " + upVal;
          } else {
            std::string lv = formatNumber(loc(rr, c), o.precision);
            if (lv[0] == '-') lv = "(" + lv + ")";
            line += " · " + local + " = " + upVal + " · " + lv + " = " +
                    formatNumber(r.result(rr, c), o.precision);
          }
          t.lines.push_back(line);
        }
      if (!target.shape.isScalar()) t.lines.push_back(dT + " = " + formatTensor(r.result, o.precision));
    } else {
      const std::string local = n.op->localText(s.inputIndex, names, n.attrs);
      std::string expr = upScalar ? dN + " · " + local : dN + " ⊙ " + local;
      if (ls != target.shape) expr = "Σ (" + expr + ") over the broadcast";
      if (local == "1" && ls == target.shape) expr = dN;
      t.lines.push_back(dT + " = " + expr + " = " + formatTensor(r.result, o.precision));
    }
  }

  if (s.contributions > 1) {
    if (s.contribution == 1)
      t.lines.push_back("(contribution 1 of " + std::to_string(s.contributions) + " to " + dT + ": " + target.name +
                        " feeds " + std::to_string(s.contributions) + " nodes)");
    else
      t.lines.push_back(dT + " = " + formatTensor(r.gradBefore, o.precision) + " + " + formatTensor(r.result, o.precision) +
                        " = " + formatTensor(r.gradAfter, o.precision) + "   (contribution " + std::to_string(s.contribution) +
                        " of " + std::to_string(s.contributions) + ")");
  }
}

}  // namespace

StepText traceStep(const Graph& g, const StepRecord& r, const TraceOptions& o) {
  StepText t;
  if (r.step.phase == Phase::Forward) traceForward(g, r, o, t);
  else traceBackward(g, r, o, t);
  return t;
}

}  // namespace bs
