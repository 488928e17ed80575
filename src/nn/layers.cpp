#include "nn/layers.h"

#include <stdexcept>

namespace bs::nn {

Activation parseActivation(const std::string& s) {
  if (s == "linear" || s == "none" || s.empty()) return Activation::Linear;
  if (s == "sigmoid") return Activation::Sigmoid;
  if (s == "tanh") return Activation::Tanh;
  if (s == "relu") return Activation::Relu;
  if (s == "leaky_relu") return Activation::LeakyRelu;
  if (s == "elu") return Activation::Elu;
  if (s == "softmax") return Activation::Softmax;
  throw std::invalid_argument("unknown activation '" + s + "' (expected linear, sigmoid, tanh, relu, leaky_relu, elu or softmax)");
}

const char* activationName(Activation a) {
  switch (a) {
    case Activation::Linear: return "";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Tanh: return "tanh";
    case Activation::Relu: return "relu";
    case Activation::LeakyRelu: return "leaky_relu";
    case Activation::Elu: return "elu";
    case Activation::Softmax: return "softmax";
  }
  return "";
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
