#include "nn/layers.h"

#include <stdexcept>

namespace bs::nn {

Activation Activation::of(const std::string& name, std::vector<double> attrs) {
  if (name == "linear" || name == "none" || name.empty()) return {};
  const OpDef* op = findOp(name);
  if (!op || !op->activation) {
    std::string known = "linear";
    for (const OpDef* o : allOps())
      if (o->activation) known += ", " + o->name;
    throw std::invalid_argument("unknown activation '" + name + "' (expected " + known + ")");
  }
  if (attrs.size() > op->attrs.size())
    throw std::invalid_argument(name + " takes " + std::to_string(op->attrs.size()) + " parameter(s)");
  for (size_t i = attrs.size(); i < op->attrs.size(); ++i) attrs.push_back(op->attrs[i].defaultValue);
  return {op, std::move(attrs)};
}

std::string Activation::name() const {
  if (!op) return "linear";
  std::string s = op->name;
  for (size_t i = 0; i < attrs.size(); ++i)
    s += (i ? ", " : "(") + op->attrs[i].name + " " + formatNumber(attrs[i], 6) + (i + 1 == attrs.size() ? ")" : "");
  return s;
}

Init parseInit(const std::string& kind, double a, double b) {
  if (kind == "normal") return {Init::Normal, a, 0};
  if (kind == "uniform") return {Init::Uniform, a, b};
  if (kind == "xavier") return {Init::Xavier, 0, 0};
  if (kind == "he") return {Init::He, 0, 0};
  throw std::invalid_argument("unknown initialisation '" + kind + "' (expected normal, uniform, xavier or he)");
}

Layer input(int features, std::string name) {
  Layer l;
  l.kind = Layer::Input;
  l.units = features;
  l.name = std::move(name);
  return l;
}

Layer dense(int units, Activation a, Init init, std::string name) {
  Layer l;
  l.kind = Layer::Dense;
  l.units = units;
  l.activation = a;
  l.init = init;
  l.name = std::move(name);
  return l;
}

Layer concat(std::vector<std::string> inputs, std::string name) {
  Layer l;
  l.kind = Layer::Concat;
  l.inputs = std::move(inputs);
  l.name = std::move(name);
  return l;
}

LossKind parseLoss(const std::string& s) {
  if (s == "mse") return LossKind::Mse;
  if (s == "cce" || s == "softmax_ce" || s == "cross_entropy") return LossKind::Cce;
  if (s == "hinge" || s == "svm") return LossKind::Hinge;
  throw std::invalid_argument("unknown loss '" + s + "' (expected mse, cce or hinge)");
}

const char* lossName(LossKind k) {
  switch (k) {
    case LossKind::Mse: return "mse";
    case LossKind::Cce: return "cce";
    case LossKind::Hinge: return "hinge";
  }
  return "?";
}

Regularizer parseRegularizer(const std::string& kind, double strength) {
  if (kind == "none" || kind.empty()) return {Regularizer::None, 0};
  if (strength < 0) throw std::invalid_argument("the regularisation strength must be >= 0");
  if (kind == "l1") return {Regularizer::L1, strength};
  if (kind == "l2") return {Regularizer::L2, strength};
  throw std::invalid_argument("unknown regulariser '" + kind + "' (expected none, l1 or l2)");
}

}  // namespace bs::nn
