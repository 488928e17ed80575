// Tensors are Eigen matrices. A scalar is 1x1, a vector is a column (n x 1), and a
// batch holds one sample per column, so `W @ x` reads the same for one sample and many.
#pragma once
#include <Eigen/Dense>
#include <span>
#include <string>

namespace bs {

template <class T> using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
using Tensor = Mat<double>;
using Index = Eigen::Index;
// An op's numeric parameters: leaky_relu(x, 0.1).
using Attrs = std::span<const double>;

struct Shape {
  Index rows = 1, cols = 1;
  bool operator==(const Shape&) const = default;
  Index size() const { return rows * cols; }
  bool isScalar() const { return rows == 1 && cols == 1; }
  std::string str() const;  // "2x3"
};

template <class T> Shape shapeOf(const Mat<T>& m) { return {m.rows(), m.cols()}; }

// numpy's rule per dimension: equal, or one of them is 1. Returns false if incompatible.
bool broadcastShape(Shape a, Shape b, Shape& out);

// Sum `a` down to `target` over the dimensions where target has 1 (undoes a broadcast).
template <class T> void reduceTo(const Mat<T>& a, Shape target, Mat<T>& out) {
  if (a.rows() == target.rows && a.cols() == target.cols) { out = a; return; }
  if (target.rows == 1 && target.cols == 1) { out.resize(1, 1); out(0, 0) = a.sum(); return; }
  if (target.rows == 1) { out = a.colwise().sum(); return; }
  out = a.rowwise().sum();
}

// Element (r, c) of `m` as seen broadcast to a larger shape.
template <class T> T bcastAt(const Mat<T>& m, Index r, Index c) {
  return m(m.rows() == 1 ? 0 : r, m.cols() == 1 ? 0 : c);
}

// Numbers as a student writes them: `precision` decimals, trailing zeros dropped.
std::string formatNumber(double v, int precision);
// Scalars plain, column vectors `[a, b]`, other matrices `[[a, b], [c, d]]`; more than
// maxRows x maxCols elements are elided with "…".
std::string formatTensor(const Tensor& t, int precision, Index maxRows = 8, Index maxCols = 8);
// True for a node name that is an expression with an operator at its top level ("y − t").
bool isCompoundName(const std::string& name);
// The name of one element, 1-based as on paper: `y1` for vectors, `W12` for matrices up
// to 9x9 and `W[1,12]` beyond, `(y − t)[1]` for an expression's elements.
std::string elementName(const std::string& node, Shape shape, Index r, Index c);

}  // namespace bs
