#include "core/executor.h"

namespace bs {

template <class T> Executor<T>::Executor(const Graph& g) : g_(g), edges_(gradientEdges(g)) {
  const size_t n = size_t(g.size());
  val_.resize(n);
  grad_.resize(n);
  ins_.resize(n);
  reached_.assign(n, 0);
  zero_.assign(n, 0);
  scratch_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Node& node = g.node(int(i));
    if (node.isLeaf()) val_[i] = node.value.template cast<T>();
    for (int in : node.inputs) ins_[i].push_back(&val_[size_t(in)]);
  }
}

template <class T> Args<T> Executor<T>::args(int id) const {
  const Node& n = g_.node(id);
  return {ins_[size_t(id)], n.attrs, pool_};
}

template <class T> void Executor<T>::forward() {
  for (int i = 0; i < g_.size(); ++i) {
    const Node& n = g_.node(i);
    if (!n.isLeaf()) n.op->template kernels<T>().forward(args(i), val_[size_t(i)]);
  }
}

template <class T> void Executor<T>::backward() {
  std::fill(reached_.begin(), reached_.end(), 0);
  const int out = g_.output();
  grad_[size_t(out)].setOnes(1, 1);
  reached_[size_t(out)] = 1;
  for (const GradientEdge& e : edges_) {
    const Node& n = g_.node(e.node);
    const auto& k = n.op->template kernels<T>();
    const size_t in = size_t(n.inputs[size_t(e.input)]);
    if (!reached_[in]) {
      k.vjp(e.input, args(e.node), val_[size_t(e.node)], grad_[size_t(e.node)], grad_[in]);
      reached_[in] = 1;
    } else {
      k.vjp(e.input, args(e.node), val_[size_t(e.node)], grad_[size_t(e.node)], scratch_[in]);
      grad_[in] += scratch_[in];
    }
  }
  // Unreached gradients are zero. Those of nodes that never get one (data, targets)
  // stay zero from the last pass: the batch input alone would be a features x B memset.
  for (size_t i = 0; i < val_.size(); ++i) {
    if (reached_[i]) {
      zero_[i] = 0;
    } else if (g_.node(int(i)).needsGrad || !zero_[i] || grad_[i].rows() != val_[i].rows() ||
               grad_[i].cols() != val_[i].cols()) {
      grad_[i].setZero(val_[i].rows(), val_[i].cols());
      zero_[i] = 1;
    }
  }
}

template class Executor<double>;
template class Executor<float>;

void runPasses(Graph& g) {
  Executor<double> ex(g);
  ex.forward();
  if (g.hasOutput()) ex.backward();
  for (int i = 0; i < g.size(); ++i) {
    Node& n = g.node(i);
    if (!n.isLeaf()) n.value = ex.value(i);
    if (g.hasOutput()) n.grad = ex.grad(i);
  }
}

}  // namespace bs
