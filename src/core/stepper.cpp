#include "core/stepper.h"

#include <cmath>
#include <limits>

namespace bs {

// A sum of signed terms that is zero to within the rounding of its terms is zero, as on
// paper: 0.5 − 0.6 + 0.1 gives 0, not 2.776e-17, and a kink (ReLU at 0) is decided on
// that. `size` bounds the terms' absolute values element by element.
void dropResidue(Tensor& v, const Tensor& size) {
  constexpr double kRounding = 64 * std::numeric_limits<double>::epsilon();
  for (Index i = 0; i < v.size(); ++i)
    if (std::abs(v(i)) <= kRounding * size(i)) v(i) = 0;
}

// An op's operands made positive, to measure the size of its terms.
struct Absolutes {
  std::vector<Tensor> values;
  std::vector<const Tensor*> ptrs;
  explicit Absolutes(const std::vector<const Tensor*>& ins) {
    for (const Tensor* t : ins) values.push_back(t->cwiseAbs());
    for (const Tensor& t : values) ptrs.push_back(&t);
  }
};

Stepper::Stepper(Graph& g) : g_(g) {
  const size_t n = size_t(g.size());
  forwardStepOf_.assign(n, -1);
  total_.assign(n, 0);
  done_.assign(n, 0);
  for (int i = 0; i < g.size(); ++i)
    if (!g.node(i).isLeaf()) {
      forwardStepOf_[size_t(i)] = int(schedule_.size());
      schedule_.push_back({Phase::Forward, i});
    }
  forwardCount_ = int(schedule_.size());
  if (!g.hasOutput()) return;

  // Backward: the seed, then one step per edge that carries a gradient.
  const int out = g.output();
  schedule_.push_back({Phase::Backward, out, out, -1});
  total_[size_t(out)] = 1;
  for (const GradientEdge& e : gradientEdges(g)) {
    const int in = g.node(e.node).inputs[size_t(e.input)];
    schedule_.push_back({Phase::Backward, e.node, in, e.input, ++total_[size_t(in)], 0});
  }
  for (Step& s : schedule_)
    if (s.phase == Phase::Backward) s.contributions = total_[size_t(s.target)];
}

bool Stepper::valueKnown(int node) const {
  const int s = forwardStepOf_.at(size_t(node));
  return s < 0 || s < cursor_;
}

void Stepper::apply(const Step& s) {
  StepRecord r;
  r.step = s;
  if (s.phase == Phase::Forward) {
    Node& n = g_.node(s.node);
    std::vector<const Tensor*> ins;
    for (int in : n.inputs) ins.push_back(&g_.node(in).value);
    n.op->d.forward({ins, n.attrs}, n.value);
    if (n.op->magnitudeOp) {
      Absolutes abs(ins);
      Tensor size;
      findOp(n.op->magnitudeOp)->d.forward({abs.ptrs, n.attrs}, size);
      dropResidue(n.value, size);
    }
    r.result = n.value;
  } else {
    Node& t = g_.node(s.target);
    if (s.isSeed()) {
      r.result = Tensor::Ones(1, 1);
    } else {
      const Node& n = g_.node(s.node);
      std::vector<const Tensor*> ins;
      for (int in : n.inputs) ins.push_back(&g_.node(in).value);
      n.op->d.vjp(s.inputIndex, {ins, n.attrs}, n.value, n.grad, r.result);
      if (n.op->magnitudeOp) {
        Absolutes abs(ins);
        Tensor size;
        findOp(n.op->magnitudeOp)->d.vjp(s.inputIndex, {abs.ptrs, n.attrs}, n.value.cwiseAbs(), n.grad.cwiseAbs(), size);
        dropResidue(r.result, size.cwiseAbs());
      }
    }
    r.gradBefore = t.grad;
    if (t.grad.size() == 0) {
      t.grad = r.result;
    } else {
      const Tensor size = t.grad.cwiseAbs() + r.result.cwiseAbs();
      t.grad += r.result;
      dropResidue(t.grad, size);
    }
    r.gradAfter = t.grad;
    ++done_[size_t(s.target)];
  }
  records_.push_back(std::move(r));
}

void Stepper::stepForward() {
  if (atEnd() || failure_) return;
  const Step& s = schedule_[size_t(cursor_)];
  try {
    apply(s);
  } catch (const std::exception& e) {  // an op's domain error: class index out of range, a failed allocation...
    const Node& n = g_.node(s.node);
    failure_ = StepFailure{cursor_, s.node, n.loc, "step " + std::to_string(cursor_ + 1) + " (" + n.name + "): " + e.what()};
    return;
  }
  ++cursor_;
}

void Stepper::stepBack() {
  if (!atStart()) goTo(cursor_ - 1);
}

void Stepper::goTo(int k) {
  k = std::max(0, std::min(k, size()));
  g_.clearComputed();
  records_.clear();
  failure_.reset();
  std::fill(done_.begin(), done_.end(), 0);
  cursor_ = 0;
  while (cursor_ < k && !failure_) stepForward();
}

}  // namespace bs
