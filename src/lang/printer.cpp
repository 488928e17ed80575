#include "lang/printer.h"

#include <charconv>

namespace bs {

namespace {
std::string exact(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string row(const Tensor& t, Index r) {
  std::string s = "[";
  for (Index c = 0; c < t.cols(); ++c) s += (c ? ", " : "") + exact(t(r, c));
  return s + "]";
}
}  // namespace

std::string printLiteral(const Tensor& t) {
  if (t.size() == 1) return exact(t(0, 0));
  if (t.cols() == 1) {
    Tensor tr = t.transpose();
    return row(tr, 0);
  }
  std::string s = "[";
  for (Index r = 0; r < t.rows(); ++r) s += (r ? ", " : "") + row(t, r);
  return s + "]";
}

namespace {
// How node `id` is written where it is used: its name, or, for a node named by its
// expression, the expression itself (in parentheses), so that it parses back the same.
std::string use(const Graph& g, int id);

std::string rhs(const Graph& g, const Node& n) {
  std::vector<std::string> ins;
  for (int id : n.inputs) ins.push_back(use(g, id));
  if (!n.op->infix.empty()) return ins[0] + " " + n.op->infix + " " + ins[1];
  std::string s = n.op->name + "(";
  for (size_t i = 0; i < ins.size(); ++i) s += (i ? ", " : "") + ins[i];
  for (double a : n.attrs) s += ", " + exact(a);
  return s + ")";
}

std::string use(const Graph& g, int id) {
  const Node& n = g.node(id);
  if (!n.expression) return n.name;
  if (n.isLeaf()) return n.value(0, 0) < 0 && n.value.size() == 1 ? "(" + printLiteral(n.value) + ")" : printLiteral(n.value);
  return "(" + rhs(g, n) + ")";
}
}  // namespace

std::string printGraph(const Graph& g) {
  std::string out;
  for (const Node& n : g.nodes()) {
    if (n.expression) continue;  // written inside the statement that uses it
    if (n.isLeaf()) {
      out += std::string(kindName(n.kind)) + " " + n.name + " = " + printLiteral(n.value) + "\n";
      continue;
    }
    out += n.name + " = " + rhs(g, n) + "\n";
  }
  if (g.hasOutput()) out += "output " + g.node(g.output()).name + "\n";
  return out;
}

}  // namespace bs
