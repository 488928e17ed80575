#include "session/guide.h"

#include <mutex>
#include <optional>

#include "core/op.h"
#include "i18n/i18n.h"

namespace bs::app {

namespace {

// The operands an op is shown with: x for one input, a and b for two, then its
// parameters by name; `computes` is the op's own text of them ("σ(x)").
GuideOp opEntry(const OpDef& op) {
  std::vector<std::string> operands = op.arity == 1 ? std::vector<std::string>{"x"} : std::vector<std::string>{"a", "b"};
  std::vector<double> defaults;
  for (const AttrSpec& a : op.attrs) defaults.push_back(a.defaultValue);
  std::string written;
  if (!op.infix.empty() && operands.size() == 2) {
    written = "a " + op.infix + " b";
  } else {
    written = op.name + "(";
    for (size_t i = 0; i < operands.size(); ++i) written += (i ? ", " : "") + operands[i];
    if (op.arity < 0) written += ", ...";
    for (const AttrSpec& a : op.attrs) written += ", " + a.name;
    written += ")";
  }
  std::string params;
  for (const AttrSpec& a : op.attrs) params += (params.empty() ? " (" : ", ") + a.name + " " + formatNumber(a.defaultValue, 4);
  if (!params.empty()) written += params + " " + tr("by default") + ")";
  return {op.name, written, expressionText(op, operands, defaults), op.symbol, tr(op.formula), tr(op.derivation)};
}

Guide make() {
  Guide g;
  g.start = {tr("Where to start"),
             {tr("Open exercise 2 (File > Open example > ex2): a weight matrix W, an input x, y = W x, z = σ(y), L = Σ z²."),
              tr("Press Right (or >) to take one step: forward, each node's value appears on its edges; backward, each "
              "gradient appears in red, with the chain rule's arithmetic in the Inspector."),
              tr("Click a node to inspect it, or a number on an edge for that element's own arithmetic. Edit an input's or "
              "param's values in the Inspector; every step up to the current one is recomputed."),
              tr("Worked it on paper? Answers > Check my answers: click a number in the graph and type yours; each is checked "
              "at once, and a wrong one is explained with the step redone from your numbers."),
              tr("Change the graph in the Source tab (Apply, Ctrl+Enter); File > Save keeps it as a .bsg file. Training > "
              "Show the training window trains the course's networks.")}};
  g.colours = {
      {Swatch::Input, "input", tr("a given value (x): it gets a gradient, and descent leaves it as it is")},
      {Swatch::Param, "param", tr("a weight (W, b): it gets a gradient, and gradient descent changes it")},
      {Swatch::Const, "const", tr("a constant (a number written in an expression): no gradient")},
      {Swatch::Op, "op", tr("a circle with the op's symbol: the node computed from its inputs")},
      {Swatch::Current, tr("current step"), tr("outlined in orange: the node and edge the step just taken computed")},
      {Swatch::Selected, tr("selected"), tr("outlined in blue: the node the Inspector shows (click a node; click the canvas to let go)")},
      {Swatch::Value, tr("value"), tr("black on an edge: the value flowing forward")},
      {Swatch::Gradient, tr("gradient"), tr("red under it: dL/d(node) flowing back along that edge; a node feeding two others "
                                     "gets one contribution per edge, and the Inspector shows their sum")},
  };
  for (const OpDef* op : allOps()) g.ops.push_back(opEntry(*op));
  g.formats = {
      {tr("The graph file (.bsg)"),
       {tr("One statement a line; # starts a comment. Leaves: input NAME = LITERAL, param NAME = LITERAL, const NAME = "
        "LITERAL. A literal is a number -4, a vector [1, 2, 3] (a column) or a matrix [[1, 2], [3, 4]] (row by row)."),
        tr("Assignments: NAME = EXPRESSION, with + - * / ^ (elementwise, broadcasting), @ (matrix product) and the ops "
        "below by name: z = sigmoid(y). A node uses only nodes above it. output NAME names the loss, a scalar."),
        tr("Samples are columns: a batch of B samples of n features is n x B, so W @ x reads the same for one and for many.")}},
      {tr("The answers file (Answers > Load / Save)"),
       {tr("One number or tensor a line, by the names the graph shows: z = [0.406, 0.525] (a value), dL/dy = [0.196, 0.262] "
        "(a gradient), dL/dy1 = 0.196 (one element, from 1), dL/dW12 = -0.608 (row, column; also dL/dW[1,2])."),
        tr("Write as many or as few as you like, with the decimals you wrote: 0.406 stands for 0.4055 to 0.4065. Each is "
        "correct, rounding, wrong, or carried over from an earlier mistake (backstep check does the same in a terminal).")}},
  };
  return g;
}

}  // namespace

const Guide& guide() {
  // One per language, made the first time that language asks for it.
  static std::mutex mutex;
  static std::optional<Guide> made[2];
  std::lock_guard lock(mutex);
  std::optional<Guide>& g = made[i18n::language() == i18n::Lang::Es ? 1 : 0];
  if (!g) g = make();
  return *g;
}

}  // namespace bs::app
