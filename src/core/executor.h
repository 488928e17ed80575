// Whole forward and backward passes over a graph, with no recording and reused
// buffers: what training and gradient checks use. Calls the same op kernels as the
// Stepper, in double or float.
#pragma once
#include <vector>

#include "core/graph.h"

namespace bs {

template <class T> class Executor {
 public:
  // Takes the leaves' current values (converted to T). The graph must outlive this.
  explicit Executor(const Graph& g);

  const Graph& graph() const { return g_; }
  // Leaves may be overwritten (parameters, a new batch: the number of columns may change).
  Mat<T>& value(int id) { return val_[size_t(id)]; }
  const Mat<T>& value(int id) const { return val_[size_t(id)]; }
  // dL/d(node) after backward(); zero for nodes the output does not depend on.
  const Mat<T>& grad(int id) const { return grad_[size_t(id)]; }
  Mat<T>& grad(int id) { return grad_[size_t(id)]; }

  // Threads for the big matrix products (none: one thread). The pool must outlive this.
  void setPool(ThreadPool* pool) { pool_ = pool; }

  void forward();
  void backward();  // seeds dL/dL = 1 at the graph's output
  T loss() const { return val_[size_t(g_.output())](0, 0); }

 private:
  Args<T> args(int id) const;

  const Graph& g_;
  std::vector<Mat<T>> val_, grad_;
  std::vector<std::vector<const Mat<T>*>> ins_;
  std::vector<GradientEdge> edges_;  // the backward pass, from the output down
  std::vector<char> reached_;
  ThreadPool* pool_ = nullptr;
  std::vector<char> zero_;  // grad_[i] of a node that never gets a gradient is already zero
  std::vector<Mat<T>> scratch_;  // per node, so that buffers keep their size between passes
};

// Convenience for small graphs: run both passes in double and store every node's
// value and gradient in the graph itself.
void runPasses(Graph& g);

extern template class Executor<double>;
extern template class Executor<float>;

}  // namespace bs
