#include "core/graph.h"

#include <cctype>

#include "i18n/i18n.h"
#include "core/arith.h"

namespace bs {

const char* kindName(NodeKind k) {
  switch (k) {
    case NodeKind::Input: return "input";
    case NodeKind::Param: return "param";
    case NodeKind::Const: return "const";
    case NodeKind::Op: return "op";
  }
  return "?";
}

std::optional<int> Graph::find(const std::string& name) const {
  auto it = byName_.find(name);
  if (it == byName_.end()) return std::nullopt;
  return it->second;
}

int Graph::addLeaf(const std::string& name, NodeKind kind, Tensor value, SourceLoc loc, bool expression) {
  if (kind == NodeKind::Op) throw GraphError("addLeaf: an op node needs an op", loc);
  if (!expression && find(name)) throw GraphError(fmt(tr("'{}' is already defined"), name), loc);
  if (value.size() == 0) throw GraphError(fmt(tr("'{}' has an empty value"), name), loc);
  Node n;
  n.name = name;
  n.kind = kind;
  n.shape = shapeOf(value);
  n.value = std::move(value);
  n.needsGrad = kind != NodeKind::Const;
  n.loc = loc;
  n.expression = expression;
  byName_.try_emplace(n.name, size());
  nodes_.push_back(std::move(n));
  return size() - 1;
}

int Graph::addOp(const std::string& name, const OpDef& op, std::vector<int> inputs,
                 std::vector<double> attrs, SourceLoc loc, bool expression) {
  if (!expression && find(name)) throw GraphError(fmt(tr("'{}' is already defined"), name), loc);
  if (op.arity >= 0 && int(inputs.size()) != op.arity)
    throw GraphError(op.name + " takes " + std::to_string(op.arity) + " input(s), got " + std::to_string(inputs.size()), loc);
  if (inputs.empty()) throw GraphError(op.name + " needs at least one input", loc);
  if (attrs.size() > op.attrs.size())
    throw GraphError(op.name + " takes " + std::to_string(op.attrs.size()) + " numeric parameter(s), got " + std::to_string(attrs.size()), loc);
  for (size_t i = attrs.size(); i < op.attrs.size(); ++i) attrs.push_back(op.attrs[i].defaultValue);

  std::vector<Shape> shapes;
  for (int id : inputs) {
    if (id < 0 || id >= size()) throw GraphError("input node " + std::to_string(id) + " does not exist", loc);
    shapes.push_back(node(id).shape);
  }
  Node n;
  try {
    n.shape = op.shape(shapes, attrs);
  } catch (const ShapeError& e) {
    // "$k" -> "name (RxC)"
    std::string msg = e.what(), out;
    for (size_t i = 0; i < msg.size(); ++i) {
      if (msg[i] == '$' && i + 1 < msg.size() && std::isdigit(static_cast<unsigned char>(msg[i + 1]))) {
        size_t k = size_t(msg[i + 1] - '0');
        const Node& in = node(inputs.at(k));
        out += operandText(in.name) + " (" + in.shape.str() + ")";
        ++i;
      } else {
        out += msg[i];
      }
    }
    throw GraphError(fmt(tr("shape mismatch in {}: {}"), expression ? "(" + name + ")" : "'" + name + "'", out), loc,
                     fmt(tr("shape mismatch: {}"), out));
  }
  if (n.shape.size() > kMaxElements)
    throw GraphError(fmt(tr("'{}' would be {}, more than {} numbers"), name, n.shape.str(), kMaxElements), loc,
                     fmt(tr("the result would be {}, more than {} numbers"), n.shape.str(), kMaxElements));
  n.name = name;
  n.kind = NodeKind::Op;
  n.op = &op;
  n.inputs = std::move(inputs);
  n.attrs = std::move(attrs);
  for (size_t i = 0; i < n.inputs.size(); ++i)
    if (op.differentiable(int(i)) && node(n.inputs[i]).needsGrad) n.needsGrad = true;
  n.loc = loc;
  n.expression = expression;
  byName_.try_emplace(n.name, size());
  nodes_.push_back(std::move(n));
  return size() - 1;
}

void Graph::setOutput(int id) {
  const Node& n = node(id);
  if (!n.shape.isScalar())
    throw GraphError(fmt(tr("the output '{}' must be a scalar (the loss), but it is {}"), n.name, n.shape.str()), n.loc);
  output_ = id;
}

void Graph::rename(int id, const std::string& name) {
  if (auto other = find(name); other && *other != id) throw GraphError("'" + name + "' is already defined", node(id).loc);
  if (auto old = byName_.find(node(id).name); old != byName_.end() && old->second == id) byName_.erase(old);
  byName_[name] = id;
  node(id).name = name;
  node(id).expression = false;
}

void Graph::setValue(int leaf, const Tensor& value) {
  Node& n = node(leaf);
  if (!n.isLeaf()) throw GraphError("'" + n.name + "' is computed by an op; only leaves can be set");
  if (shapeOf(value) != n.shape)
    throw GraphError("'" + n.name + "' is " + n.shape.str() + ", the new value is " + shapeOf(value).str());
  n.value = value;
}

std::vector<std::vector<std::pair<int, int>>> Graph::consumers() const {
  std::vector<std::vector<std::pair<int, int>>> c(nodes_.size());
  for (int i = 0; i < size(); ++i)
    for (size_t k = 0; k < nodes_[size_t(i)].inputs.size(); ++k)
      c[size_t(nodes_[size_t(i)].inputs[k])].push_back({i, int(k)});
  return c;
}

void Graph::clearComputed() {
  for (auto& n : nodes_) {
    if (!n.isLeaf()) n.value.resize(0, 0);
    n.grad.resize(0, 0);
  }
}

std::vector<GradientEdge> gradientEdges(const Graph& g) {
  std::vector<GradientEdge> edges;
  if (!g.hasOutput()) return edges;
  std::vector<char> reached(size_t(g.size()), 0);
  reached[size_t(g.output())] = 1;
  for (int i = g.output(); i >= 0; --i) {
    const Node& n = g.node(i);
    if (n.isLeaf() || !reached[size_t(i)] || !n.needsGrad) continue;
    for (size_t j = 0; j < n.inputs.size(); ++j) {
      if (!n.op->differentiable(int(j)) || !g.node(n.inputs[j]).needsGrad) continue;
      reached[size_t(n.inputs[j])] = 1;
      edges.push_back({i, int(j)});
    }
  }
  return edges;
}

bool sameGraph(const Graph& a, const Graph& b) {
  if (a.size() != b.size() || a.output() != b.output()) return false;
  for (int i = 0; i < a.size(); ++i) {
    const Node &x = a.node(i), &y = b.node(i);
    if (x.name != y.name || x.kind != y.kind || x.op != y.op || x.inputs != y.inputs ||
        x.attrs != y.attrs || x.shape != y.shape)
      return false;
    if (x.isLeaf() && x.value != y.value) return false;
  }
  return true;
}

}  // namespace bs
