#include "core/tensor.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace bs {

std::string Shape::str() const { return std::to_string(rows) + "x" + std::to_string(cols); }

bool broadcastShape(Shape a, Shape b, Shape& out) {
  auto dim = [](Index x, Index y, Index& o) {
    if (x == y || y == 1) { o = x; return true; }
    if (x == 1) { o = y; return true; }
    return false;
  };
  return dim(a.rows, b.rows, out.rows) && dim(a.cols, b.cols, out.cols);
}

std::string formatNumber(double v, int precision) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
  char buf[64];
  double a = std::fabs(v);
  if (a != 0 && (a >= 1e9 || a < std::pow(10.0, -precision) / 2)) {
    std::snprintf(buf, sizeof buf, "%.*e", precision > 0 ? precision - 1 : 0, v);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.*f", precision, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

namespace {
std::string formatRow(const Tensor& t, Index r, int precision, Index maxCols) {
  std::string s = "[";
  for (Index c = 0; c < t.cols(); ++c) {
    if (c == maxCols - 1 && t.cols() > maxCols) { s += "…, "; c = t.cols() - 1; }
    s += formatNumber(t(r, c), precision);
    if (c + 1 < t.cols()) s += ", ";
  }
  return s + "]";
}
}  // namespace

std::string formatTensor(const Tensor& t, int precision, Index maxRows, Index maxCols) {
  if (t.size() == 1) return formatNumber(t(0, 0), precision);
  if (t.cols() == 1) {
    Tensor row = t.transpose();
    return formatRow(row, 0, precision, maxRows);
  }
  std::string s = "[";
  for (Index r = 0; r < t.rows(); ++r) {
    if (r == maxRows - 1 && t.rows() > maxRows) { s += "…, "; r = t.rows() - 1; }
    s += formatRow(t, r, precision, maxCols);
    if (r + 1 < t.rows()) s += ", ";
  }
  return s + "]";
}

bool isCompoundName(const std::string& name) {
  int depth = 0;
  for (char ch : name) {
    if (ch == '(' || ch == '[') ++depth;
    else if (ch == ')' || ch == ']') --depth;
    else if (ch == ' ' && depth == 0) return true;
  }
  return false;
}

std::string elementName(const std::string& node, Shape shape, Index r, Index c) {
  if (shape.isScalar()) return node;
  // An expression's elements are bracketed: (y − t)[1].
  const bool compound = isCompoundName(node);
  const std::string stem = compound ? "(" + node + ")" : node;
  const bool digitEnd = compound || (!node.empty() && std::isdigit(static_cast<unsigned char>(node.back())));
  if (shape.cols == 1 || shape.rows == 1) {
    Index i = (shape.cols == 1 ? r : c) + 1;
    return digitEnd ? stem + "[" + std::to_string(i) + "]" : stem + std::to_string(i);
  }
  // W12 as on paper while both indices are single digits, else W[1,12].
  if (!digitEnd && shape.rows <= 9 && shape.cols <= 9) return stem + std::to_string(r + 1) + std::to_string(c + 1);
  return stem + "[" + std::to_string(r + 1) + "," + std::to_string(c + 1) + "]";
}

}  // namespace bs
