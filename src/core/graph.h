// A computational graph: leaves (inputs, parameters, constants) and op nodes. A node
// can only use nodes defined before it, so the node order is a topological order.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/op.h"
#include "core/tensor.h"

namespace bs {

enum class NodeKind {
  Input,  // a value the student gives; gets a gradient
  Param,  // a trainable weight; gets a gradient
  Const,  // a fixed value (a number in an expression, data, targets); no gradient
  Op,     // computed by an op from other nodes
};
const char* kindName(NodeKind k);  // "input", "param", "const", "op"

// Where a node was defined in a source file (line and column from 1; 0 if built in code).
struct SourceLoc {
  int line = 0, col = 0;
};

struct Node {
  std::string name;
  NodeKind kind = NodeKind::Const;
  const OpDef* op = nullptr;        // Op nodes only
  std::vector<int> inputs;          // Op nodes only
  std::vector<double> attrs;        // Op nodes only: the op's numeric parameters
  Shape shape;
  Tensor value;                     // leaves: their value; ops: the last computed value
  Tensor grad;                      // dL/d(node), once computed
  bool needsGrad = false;           // a gradient flows to it (leaf input/param, or an op that depends on one)
  bool expression = false;          // named by its expression ("y − t", "2"), not by the user: may repeat
  SourceLoc loc;
  bool isLeaf() const { return kind != NodeKind::Op; }
};

// A graph error (duplicate name, unknown node, shape mismatch) with the offending
// node's source location, if it came from a file.
struct GraphError : std::runtime_error {
  SourceLoc loc;
  std::string reason;  // the message without the node's name, e.g. for a shape mismatch
  GraphError(const std::string& msg, SourceLoc l = {}, std::string why = {})
      : std::runtime_error(msg), loc(l), reason(why.empty() ? msg : std::move(why)) {}
};

class Graph {
 public:
  // The largest tensor a graph may declare (800 MB in double): bigger shapes are refused.
  static constexpr Index kMaxElements = 100'000'000;
  // Add a leaf; returns its id. Throws GraphError on a duplicate name.
  // `expression`: the name is the node's own expression ("2", "y − t"), shown wherever a
  // name is; such names may repeat, and find() finds the first.
  int addLeaf(const std::string& name, NodeKind kind, Tensor value, SourceLoc loc = {}, bool expression = false);
  // Add an op node; infers its shape and throws GraphError naming both nodes and both
  // shapes on a mismatch. Missing attributes take the op's defaults.
  int addOp(const std::string& name, const OpDef& op, std::vector<int> inputs,
            std::vector<double> attrs = {}, SourceLoc loc = {}, bool expression = false);
  void setOutput(int id);  // the loss: must be a scalar (1x1)
  void rename(int id, const std::string& name);  // a user's name; throws GraphError if it is taken

  int size() const { return int(nodes_.size()); }
  const Node& node(int id) const { return nodes_.at(size_t(id)); }
  Node& node(int id) { return nodes_.at(size_t(id)); }
  const std::vector<Node>& nodes() const { return nodes_; }
  std::optional<int> find(const std::string& name) const;
  int output() const { return output_; }
  bool hasOutput() const { return output_ >= 0; }

  // Replace a leaf's value; the shape must stay the same. Op values are stale afterwards.
  void setValue(int leaf, const Tensor& value);
  // For each node, the (consumer, input index) pairs that use it, in node order.
  std::vector<std::vector<std::pair<int, int>>> consumers() const;
  // Forget computed op values and all gradients.
  void clearComputed();

 private:
  std::vector<Node> nodes_;
  std::unordered_map<std::string, int> byName_;
  int output_ = -1;
};

// One edge a gradient flows back along: from op node `node` to its input number `input`.
struct GradientEdge {
  int node = -1, input = -1;
};
// Every such edge, from the output down (nodes in reverse order, each node's inputs in
// order): the one rule for which nodes get a gradient (reached from the output, through
// inputs the op differentiates, to nodes that depend on an input or param), used by the
// stepper, the executor and the checker. Empty without an output.
std::vector<GradientEdge> gradientEdges(const Graph& g);

// Structural equality: names, kinds, ops, inputs, attributes, leaf values, output.
bool sameGraph(const Graph& a, const Graph& b);

}  // namespace bs
