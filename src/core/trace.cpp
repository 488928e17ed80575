#include "core/trace.h"

#include <algorithm>

#include "i18n/i18n.h"

namespace bs {

std::string gradName(const Graph& g, const std::string& node) {
  const std::string loss = g.hasOutput() ? g.node(g.output()).name : "L";
  return "d" + loss + "/d" + operandText(node);
}

namespace {

// Everything an op needs to write one element of step r.
struct StepContext {
  std::vector<std::string> names;
  std::vector<const Tensor*> values;
  Tensor local;
  ElementCtx e;

  StepContext(const Graph& g, const StepRecord& r, const TraceOptions& o) {
    const Node& n = g.node(r.step.node);
    for (int in : n.inputs) {
      names.push_back(g.node(in).name);
      values.push_back(&g.node(in).value);
    }
    e.names = names;
    e.values = values;
    e.attrs = n.attrs;
    e.outName = n.name;
    e.lossName = g.hasOutput() ? g.node(g.output()).name : "L";
    e.fmt = {o.precision, o.maxTerms < 0 ? Index(1) << 40 : Index(o.maxTerms)};
    if (r.step.phase == Phase::Forward) {
      e.out = &r.result;
    } else {
      e.out = &n.value;
      e.up = &n.grad;
      if (n.op->d.local) {
        n.op->d.local(r.step.inputIndex, {values, n.attrs}, n.value, local);
        e.local = &local;
      }
    }
  }
};

// "name = form = form = result", dropping repeated forms and a form that is the result.
std::string joinForms(const std::string& lhs, const ElementText& t, const std::string& result) {
  std::string line = lhs, last;
  for (const std::string& f : t.forms) {
    if (f.empty() || f == last || f == result || f == lhs) continue;
    line += " = " + f;
    last = f;
  }
  line += " = " + result;
  if (!t.note.empty()) line += "   (" + t.note + ")";
  return line;
}

// The size rule: how many elements of a result get a line of their own: all up to
// `expand`, the first three (at most `expand`) of a bigger one.
Index elementsShown(Index size, const TraceOptions& o) {
  if (o.expand < 0 || size <= o.expand) return size;
  return std::min<Index>(3, o.expand);
}

std::string moreLine(Index more) {
  return fmt(trn("… and {} more element (trace --expand all writes them; in the window a click on an element shows its arithmetic)",
                  "… and {} more elements (trace --expand all writes them; in the window a click on an element shows its arithmetic)",
                  (unsigned long)more),
             more);
}

bool hasElementText(const Graph& g, const StepRecord& r) {
  if (r.step.isSeed()) return false;
  const OpDef& op = *g.node(r.step.node).op;
  return r.step.phase == Phase::Forward ? op.forwardElement != nullptr : op.gradElement != nullptr;
}

std::string lhsOf(const Graph& g, const StepRecord& r, Index row, Index col) {
  const Node& n = g.node(r.step.phase == Phase::Forward ? r.step.node : r.step.target);
  const std::string name = elementName(n.name, n.shape, row, col);
  return r.step.phase == Phase::Forward ? name : gradName(g, name);
}

ElementText elementText(const Graph& g, const StepRecord& r, const StepContext& ctx, Index row, Index col) {
  const Step& s = r.step;
  const OpDef& op = *g.node(s.node).op;
  return s.phase == Phase::Forward ? op.forwardElement(ctx.e, row, col) : op.gradElement(ctx.e, s.inputIndex, row, col);
}

std::string line(const Graph& g, const StepRecord& r, const StepContext& ctx, Index row, Index col, const TraceOptions& o) {
  return joinForms(lhsOf(g, r, row, col), elementText(g, r, ctx, row, col), formatNumber(r.result(row, col), o.precision));
}

// The whole step: its head (the tensor form), a line per element up to the size rule,
// and the whole result.
void traceElements(const Graph& g, const StepRecord& r, const TraceOptions& o, const std::string& head, StepText& t) {
  const Shape shape = shapeOf(r.result);
  const std::string whole = r.step.phase == Phase::Forward ? g.node(r.step.node).name : gradName(g, g.node(r.step.target).name);
  if (!hasElementText(g, r) || o.expand == 0) {
    t.lines.push_back(head + " = " + formatTensor(r.result, o.precision));
    return;
  }
  StepContext ctx(g, r, o);
  if (shape.isScalar()) {
    // One element: the head's form, then the element's own forms on the same line.
    const std::string l = line(g, r, ctx, 0, 0, o);
    const std::string lhs = lhsOf(g, r, 0, 0);
    std::string rest = l.substr(lhs.size());
    const size_t eq = head.find(" = ");
    const std::string headRhs = eq == std::string::npos ? "" : head.substr(eq);
    if (!headRhs.empty() && rest.rfind(headRhs + " = ", 0) == 0) rest = rest.substr(headRhs.size());
    t.lines.push_back(head + rest);
    return;
  }
  if (head.find(" = ") != std::string::npos) t.lines.push_back(head);  // an expression node's head is only its name
  const Index shown = elementsShown(shape.size(), o);
  // Row by row, as on paper: W11, W12, …, W21, …
  for (Index k = 0; k < shown; ++k) t.lines.push_back("  " + line(g, r, ctx, k / shape.cols, k % shape.cols, o));
  if (shown < shape.size()) t.lines.push_back("  " + moreLine(shape.size() - shown));
  t.lines.push_back(whole + " = " + formatTensor(r.result, o.precision));
}

void traceForward(const Graph& g, const StepRecord& r, const TraceOptions& o, StepText& t) {
  const Node& n = g.node(r.step.node);
  std::vector<std::string> names;
  for (int in : n.inputs) names.push_back(g.node(in).name);
  // A node named by its expression is its own head: "a − b = 0.5 − 0.6 = -0.1".
  traceElements(g, r, o, n.expression ? n.name : n.name + " = " + expressionText(*n.op, names, n.attrs), t);
}

// The backward step as a whole: dL/dW = dL/dy · xᵀ,  dL/dWij = dL/dyi · xj.
std::string backwardHead(const Graph& g, const StepRecord& r, const TraceOptions& o) {
  const Step& s = r.step;
  const Node& n = g.node(s.node);
  const Node& target = g.node(s.target);
  const std::string dT = gradName(g, target.name), dN = gradName(g, n.name);
  std::vector<std::string> names;
  for (int in : n.inputs) names.push_back(g.node(in).name);
  if (n.op->style == GradStyle::Tensor) {
    std::string head = dT + " = " + n.op->gradText(s.inputIndex, wrapOperands(names, false), operandText(n.name), dN);
    if (n.op->gradIndexText) head += ",  " + n.op->gradIndexText(StepContext(g, r, o).e, s.inputIndex);
    return head;
  }
  const std::string local = n.op->localText(s.inputIndex, wrapOperands(names, n.op->delimitsOperands), n.attrs);
  const bool broadcast = target.shape != (n.shape.isScalar() ? target.shape : n.shape);
  std::string expr = n.op->passesGradient(s.inputIndex) ? dN : dN + (n.shape.isScalar() ? " · " : " ⊙ ") + local;
  if (broadcast) expr = fmt(tr("Σ ({}) over the broadcast"), expr);
  return dT + " = " + expr;
}

// Why a gradient is a sum: "x feeds 2 nodes", "x is used twice by x · x", or both.
std::string fanOut(const Graph& g, int target, int contributions) {
  std::vector<int> users;
  for (const GradientEdge& e : gradientEdges(g))
    if (g.node(e.node).inputs[size_t(e.input)] == target && std::find(users.begin(), users.end(), e.node) == users.end())
      users.push_back(e.node);
  const std::string name = g.node(target).name, n = std::to_string(contributions);
  if (int(users.size()) == contributions) return fmt(tr("{} feeds {} nodes"), name, n);
  if (users.size() == 1) return fmt(tr("{} is used {} times by {}"), name, n, g.node(users[0]).name);
  return fmt(tr("{} is used {} times by {} nodes"), name, n, users.size());
}

void traceBackward(const Graph& g, const StepRecord& r, const TraceOptions& o, StepText& t) {
  const Step& s = r.step;
  const Node& target = g.node(s.target);
  const std::string dT = gradName(g, target.name);
  if (s.isSeed()) {
    t.lines.push_back(dT + " = 1");
    return;
  }
  t.formula = g.node(s.node).op->formula;
  traceElements(g, r, o, backwardHead(g, r, o), t);

  if (s.contributions > 1) {
    if (s.contribution == 1)
      t.lines.push_back(fmt(tr("(contribution 1 of {} to {}: {})"), s.contributions, dT, fanOut(g, s.target, s.contributions)));
    else
      t.lines.push_back(dT + " = " + formatTensor(r.gradBefore, o.precision) + " + " + formatTensor(r.result, o.precision) +
                        " = " + formatTensor(r.gradAfter, o.precision) + "   " +
                        fmt(tr("(contribution {} of {})"), s.contribution, s.contributions));
  }
}

}  // namespace

StepText traceStep(const Graph& g, const StepRecord& r, const TraceOptions& o) {
  StepText t;
  if (r.step.phase == Phase::Forward) traceForward(g, r, o, t);
  else traceBackward(g, r, o, t);
  return t;
}

std::string traceElement(const Graph& g, const StepRecord& r, Index row, Index col, const TraceOptions& o) {
  if (row < 0 || col < 0 || row >= r.result.rows() || col >= r.result.cols()) return "";
  if (!hasElementText(g, r)) return lhsOf(g, r, row, col) + " = " + formatNumber(r.result(row, col), o.precision);
  return line(g, r, StepContext(g, r, o), row, col, o);
}

std::string elementFormula(const Graph& g, const StepRecord& r, Index row, Index col) {
  if (row < 0 || col < 0 || row >= r.result.rows() || col >= r.result.cols() || !hasElementText(g, r)) return "";
  const ElementText t = elementText(g, r, StepContext(g, r, {}), row, col);
  return t.forms.empty() ? "" : t.forms.front();
}

std::vector<std::string> nodeElementText(const Stepper& s, int node, bool grad, Index row, Index col, const TraceOptions& o) {
  const Graph& g = s.graph();
  const Node& n = g.node(node);
  std::vector<std::string> lines;
  if (row < 0 || col < 0 || row >= n.shape.rows || col >= n.shape.cols) return lines;
  const std::string name = elementName(n.name, n.shape, row, col);
  if (!grad && n.isLeaf()) return {name + " = " + formatNumber(n.value(row, col), o.precision) + "   " + tr("(given)")};
  std::vector<std::string> parts;
  for (int k = 0; k < s.cursor(); ++k) {
    const StepRecord& r = s.record(k);
    const bool mine = grad ? r.step.phase == Phase::Backward && r.step.target == node
                           : r.step.phase == Phase::Forward && r.step.node == node;
    if (!mine) continue;
    lines.push_back(fmt(tr("step {}: {}"), k + 1, traceElement(g, r, row, col, o)));
    parts.push_back(formatNumber(r.result(row, col), o.precision));
  }
  if (parts.size() > 1) {
    std::string sum = joinSum(parts, Index(parts.size()));
    lines.push_back(gradName(g, name) + " = " + sum + " = " + formatNumber(n.grad(row, col), o.precision) +
                    (s.gradKnown(node) ? "" : std::string("   ") + tr("(so far)")));
  }
  return lines;
}

}  // namespace bs
