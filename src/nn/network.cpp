#include "nn/network.h"

#include <cmath>
#include <random>
#include <stdexcept>

namespace bs::nn {

namespace {

const OpDef& op(const char* name) {
  const OpDef* o = findOp(name);
  if (!o) throw std::logic_error(std::string("the engine has no op '") + name + "'");
  return *o;
}

Tensor initWeights(const Init& init, Index rows, Index cols, std::mt19937_64& rng) {
  Tensor w(rows, cols);
  const double fanIn = double(cols), fanOut = double(rows);
  switch (init.kind) {
    case Init::Normal:
    case Init::He: {
      const double sd = init.kind == Init::Normal ? init.a : std::sqrt(2.0 / fanIn);
      std::normal_distribution<double> n(0.0, sd);
      for (Index i = 0; i < w.size(); ++i) w(i) = n(rng);
      break;
    }
    case Init::Uniform:
    case Init::Xavier: {
      const double lim = std::sqrt(6.0 / (fanIn + fanOut));
      std::uniform_real_distribution<double> u(init.kind == Init::Uniform ? init.a : -lim,
                                               init.kind == Init::Uniform ? init.b : lim);
      for (Index i = 0; i < w.size(); ++i) w(i) = u(rng);
      break;
    }
  }
  return w;
}

}  // namespace

Network& Network::add(Layer layer) {
  if (layer.name.empty()) {
    int count = 1;
    for (const auto& l : layers_) count += l.kind == layer.kind;
    layer.name = layer.kind == Layer::Input ? "x" : (layer.kind == Layer::Dense ? "h" : "c") + std::to_string(count);
  }
  layers_.push_back(std::move(layer));
  return *this;
}

int Network::outputs() const {
  std::map<std::string, int> rows;
  int last = 0;
  for (const auto& l : layers_) {
    if (l.kind == Layer::Concat) {
      last = 0;
      for (const auto& in : l.inputs) last += rows.count(in) ? rows[in] : 0;
    } else {
      last = l.units;
    }
    rows[l.name] = last;
  }
  return last;
}

Model Network::build(const Objective& obj, int batch, std::uint64_t seed) const {
  if (layers_.empty() || layers_[0].kind != Layer::Input)
    throw std::invalid_argument("a network starts with an input layer");
  if (batch < 1) throw std::invalid_argument("the batch size must be at least 1");
  Model m;
  m.objective = obj;
  Graph& g = m.graph;
  std::mt19937_64 rng(seed);
  std::map<std::string, int> out;  // layer name -> node
  int prev = -1, dense = 0;
  for (const auto& l : layers_) {
    if (out.count(l.name)) throw std::invalid_argument("two layers are named '" + l.name + "'");
    auto lookup = [&](const std::string& name) {
      auto it = out.find(name);
      if (it == out.end()) throw std::invalid_argument("layer '" + l.name + "' uses '" + name + "', which is not a layer above it");
      return it->second;
    };
    switch (l.kind) {
      case Layer::Input:
        if (m.input >= 0) throw std::invalid_argument("a network has one input layer");
        if (l.units < 1) throw std::invalid_argument("the input layer needs at least one feature");
        m.input = prev = g.addLeaf(l.name, NodeKind::Const, Tensor::Zero(l.units, batch));
        break;
      case Layer::Dense: {
        if (l.units < 1) throw std::invalid_argument("dense layer '" + l.name + "' needs at least one unit");
        if (l.inputs.size() > 1) throw std::invalid_argument("dense layer '" + l.name + "' takes one input (use a concat layer first)");
        const int in = l.inputs.empty() ? prev : lookup(l.inputs[0]);
        const std::string k = std::to_string(++dense);
        const Index fanIn = g.node(in).shape.rows;
        const int W = g.addLeaf("W" + k, NodeKind::Param, initWeights(l.init, l.units, fanIn, rng));
        const int b = g.addLeaf("b" + k, NodeKind::Param, Tensor::Zero(l.units, 1));
        m.params.push_back(W);
        m.params.push_back(b);
        const int z = g.addOp("z" + k, op("matmul"), {W, in});
        const bool linear = l.activation.isLinear();
        const int s = g.addOp(linear ? l.name : "s" + k, op("add"), {z, b});
        prev = linear ? s : g.addOp(l.name, *l.activation.op, {s}, l.activation.attrs);
        break;
      }
      case Layer::Concat: {
        if (l.inputs.size() < 2) throw std::invalid_argument("concat layer '" + l.name + "' needs two or more inputs");
        std::vector<int> ins;
        for (const auto& name : l.inputs) ins.push_back(lookup(name));
        prev = g.addOp(l.name, op("concat"), ins);
        break;
      }
    }
    out[l.name] = prev;
  }
  m.prediction = prev;
  const Index K = g.node(prev).shape.rows;
  Tensor t = obj.targets == TargetForm::Indices ? Tensor::Zero(1, batch) : Tensor::Zero(K, batch);
  m.target = g.addLeaf("t", NodeKind::Const, t);
  const char* lossOp = obj.loss == LossKind::Mse ? "mse" : obj.loss == LossKind::Cce ? "softmax_ce" : "hinge";
  if (obj.loss == LossKind::Mse && obj.targets == TargetForm::Indices)
    throw std::invalid_argument("mse compares with one-hot or value targets, not class indices");
  m.dataLoss = g.addOp(obj.reg.kind == Regularizer::None ? "L" : "data_loss", op(lossOp), {prev, m.target});
  m.loss = m.dataLoss;
  if (obj.reg.kind != Regularizer::None) {
    // penalty = strength · Σ over weight matrices (biases are not regularised)
    const char* pen = obj.reg.kind == Regularizer::L1 ? "l1" : "l2";
    int sum = -1;
    for (size_t i = 0; i < m.params.size(); i += 2) {
      const int W = m.params[i];
      const int p = g.addOp(std::string(pen) + "_" + g.node(W).name, op(pen), {W});
      sum = sum < 0 ? p : g.addOp("sum_" + g.node(W).name, op("add"), {sum, p});
    }
    const int lambda = g.addLeaf("lambda", NodeKind::Const, Tensor::Constant(1, 1, obj.reg.strength));
    const int penalty = g.addOp("penalty", op("mul"), {lambda, sum});
    m.loss = g.addOp("L", op("add"), {m.dataLoss, penalty});
  }
  g.setOutput(m.loss);
  return m;
}

}  // namespace bs::nn
