// Trust in each op's kernels, on the random applications of op_cases.h (three seeds
// each): the local derivative agrees with the vector-Jacobian product, and the float
// kernels agree with the double ones. test_ops.cpp checks the double gradients against
// finite differences; tests/reference/ checks the double kernels against PyTorch.
#include "testing.h"

#include <functional>
#include <limits>
#include <set>

#include "op_cases.h"

using namespace bs;
using namespace bs::testing;

namespace {

// One op application in precision T. The output and gradient buffers start as NaN of
// the right shape, as the Executor's reused buffers hold stale values: a kernel must
// overwrite them, not add to them.
template <class T> struct Call {
  const OpDef& op;
  Attrs attrs;
  std::vector<Mat<T>> in;
  std::vector<const Mat<T>*> ptrs;

  Call(const OpDef& op, const std::vector<Tensor>& x, Attrs attrs) : op(op), attrs(attrs) {
    for (const Tensor& t : x) in.push_back(t.cast<T>());
    for (const Mat<T>& m : in) ptrs.push_back(&m);
  }
  Call(const Call&) = delete;

  Args<T> args() const { return {ptrs, attrs}; }
  const Kernels<T>& k() const { return op.kernels<T>(); }
  static Mat<T> stale(Shape s) { return Mat<T>::Constant(s.rows, s.cols, std::numeric_limits<T>::quiet_NaN()); }

  Mat<T> forward(Shape outShape) const {
    Mat<T> y = stale(outShape);
    k().forward(args(), y);
    return y;
  }
  Mat<T> vjp(int i, const Mat<T>& y, const Mat<T>& up) const {
    Mat<T> g = stale(shapeOf(in[i]));
    k().vjp(i, args(), y, up, g);
    return g;
  }
  Mat<T> local(int i, const Mat<T>& y) const {
    Mat<T> loc;
    k().local(i, args(), y, loc);
    return loc;
  }
};

// The contribution as op.h describes the local derivative: up (broadcast to loc's
// shape) ⊙ loc, summed down to the input's shape. Written out here rather than taken
// from op_kit.h, so that the kit's own broadcasting is checked too.
Tensor fromLocal(const Tensor& up, const Tensor& loc, Shape in) {
  Tensor g = Tensor::Zero(in.rows, in.cols);
  for (Index c = 0; c < loc.cols(); ++c)
    for (Index r = 0; r < loc.rows(); ++r)
      g(in.rows == 1 ? 0 : r, in.cols == 1 ? 0 : c) += up(up.rows() == 1 ? 0 : r, up.cols() == 1 ? 0 : c) * loc(r, c);
  return g;
}

// |a − b| in units of b's magnitude, at least 1: the inputs are of order 1, and a small
// result of a sum comes from cancellation, whose rounding error scales with the inputs.
double relErr(const Tensor& a, const Tensor& b) {
  if (shapeOf(a) != shapeOf(b)) return std::numeric_limits<double>::infinity();
  return (a - b).cwiseAbs().maxCoeff() / std::max(1.0, b.cwiseAbs().maxCoeff());
}

// One application, ready to check: its op, inputs, attrs, double output and a random
// upstream gradient.
struct Applied {
  const OpDef& op;
  std::vector<Tensor> x;
  std::vector<double> attrs;
  Tensor y, up;
};

// Runs `check` on every case with three seeds; fails for an op without a case.
void forEveryCase(const std::function<void(const Applied&)>& check) {
  std::set<std::string> covered;
  for (const OpCase& c : opCases()) {
    const OpDef* op = findOp(c.op);
    REQUIRE_MESSAGE(op, "no op " << c.op);
    for (unsigned seed = 1; seed <= 3; ++seed) {
      INFO(c.label() << ", seed " << seed);
      std::mt19937 rng(seed);
      Applied a{*op, makeInputs(c, rng), attrsOf(*op, c), {}, {}};
      std::vector<Shape> shapes;
      for (const Tensor& t : a.x) shapes.push_back(shapeOf(t));
      const Shape outShape = op->shape(shapes, a.attrs);
      a.y = Call<double>(*op, a.x, a.attrs).forward(outShape);
      REQUIRE(shapeOf(a.y) == outShape);
      a.up = randomTensor(outShape, rng);
      check(a);
    }
    covered.insert(c.op);
  }
  for (const OpDef* op : allOps()) {
    INFO("op without a case in op_cases.h: " << op->name);
    CHECK(covered.count(op->name) == 1);
  }
}

}  // namespace

TEST_CASE("op kernels: the local derivative agrees with the vjp, for every op") {
  int checked = 0;
  forEveryCase([&](const Applied& a) {
    REQUIRE(bool(a.op.d.local) == bool(a.op.f.local));
    if (!a.op.d.local) return;  // Tensor-style ops (matmul, softmax...) have only a vjp
    Call<double> d(a.op, a.x, a.attrs);
    for (int i = 0; i < int(a.x.size()); ++i) {
      if (!a.op.differentiable(i)) continue;
      CAPTURE(i);
      const Shape in = shapeOf(a.x[i]);
      Tensor loc = d.local(i, a.y);
      // Shaped like the larger of the input and the output (op.h).
      Shape larger;
      REQUIRE(broadcastShape(in, shapeOf(a.y), larger));
      REQUIRE(shapeOf(loc) == larger);
      Tensor g = d.vjp(i, a.y, a.up);
      INFO("vjp " << g << "\nup ⊙ local, summed " << fromLocal(a.up, loc, in));
      CHECK(relErr(fromLocal(a.up, loc, in), g) < 1e-12);
      ++checked;
    }
  });
  CHECK(checked > 0);
}

TEST_CASE("op kernels: float agrees with double, forward and vjp, for every op") {
  forEveryCase([](const Applied& a) {
    Call<float> f(a.op, a.x, a.attrs);
    Call<double> d(a.op, a.x, a.attrs);
    const Mat<float> yf = f.forward(shapeOf(a.y));
    INFO("double " << a.y << "\nfloat " << yf);
    CHECK(relErr(yf.cast<double>(), a.y) < 1e-4);
    const Mat<float> upf = a.up.cast<float>();  // exact: randomTensor gives floats
    for (int i = 0; i < int(a.x.size()); ++i) {
      if (!a.op.differentiable(i)) continue;
      CAPTURE(i);
      Tensor g = d.vjp(i, a.y, a.up);
      Mat<float> gf = f.vjp(i, yf, upf);
      INFO("vjp double " << g << "\nvjp float " << gf);
      CHECK(relErr(gf.cast<double>(), g) < 1e-4);
      if (a.op.f.local) CHECK(relErr(f.local(i, yf).cast<double>(), d.local(i, a.y)) < 1e-4);
    }
  });
}
