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

std::string printGraph(const Graph& g) {
  std::string out;
  for (const Node& n : g.nodes()) {
    if (n.isLeaf()) {
      out += std::string(kindName(n.kind)) + " " + n.name + " = " + printLiteral(n.value) + "\n";
      continue;
    }
    std::vector<std::string> ins;
    for (int id : n.inputs) ins.push_back(g.node(id).name);
    std::string rhs;
    if (!n.op->infix.empty()) {
      rhs = ins[0] + " " + n.op->infix + " " + ins[1];
    } else {
      rhs = n.op->name + "(";
      for (size_t i = 0; i < ins.size(); ++i) rhs += (i ? ", " : "") + ins[i];
      for (double a : n.attrs) rhs += ", " + exact(a);
      rhs += ")";
    }
    out += n.name + " = " + rhs + "\n";
  }
  if (g.hasOutput()) out += "output " + g.node(g.output()).name + "\n";
  return out;
}

}  // namespace bs
