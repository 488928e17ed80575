// Networks as engine graphs, losses, optimisers, the Trainer, presets and model
// files, on tiny synthetic data.
#include "testing.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <unistd.h>

#include "core/gradcheck.h"
#include "data/toy.h"
#include "lang/parser.h"
#include "nn/diagnostics.h"
#include "nn/graph_descent.h"
#include "nn/memory_budget.h"
#include "nn/model_file.h"
#include "nn/preset.h"
#include "nn/preset_graph.h"
#include "nn/trainer.h"

using namespace bs;
using namespace bs::nn;
namespace fs = std::filesystem;

namespace {

// Scores = x (a 3 -> 3 linear layer with W = I, b = 0), so a loss sees x directly.
// Column 1: scores [1, 2, 3], label 2; column 2: scores [0, 0, 0], label 0.
double lossOf(LossKind loss, Regularizer reg = {}, int which = -1) {
  Network net;
  net.add(input(3)).add(dense(3, Activation::linear()));
  Objective obj{loss, reg, loss == LossKind::Mse ? TargetForm::OneHot : TargetForm::Indices};
  Model m = net.build(obj, 2, 1);
  m.graph.setValue(m.params[0], Tensor::Identity(3, 3));
  Executor<float> ex(m.graph);
  ex.value(m.input) = (Mat<float>(3, 2) << 1, 0, 2, 0, 3, 0).finished();
  if (obj.targets == TargetForm::OneHot) ex.value(m.target) = (Mat<float>(3, 2) << 0, 1, 0, 0, 1, 0).finished();
  else ex.value(m.target) = (Mat<float>(1, 2) << 2, 0).finished();
  ex.forward();
  return ex.value(which < 0 ? m.loss : m.dataLoss)(0, 0);
}

fs::path tempPath(const std::string& name) {
  return fs::temp_directory_path() / ("backstep_test_nn_" + std::to_string(::getpid()) + "_" + name);
}

// 2 inputs -> 1 linear unit with W = w, b = 0, trained on one sample (x = 2, t = 1).
struct OneStep {
  double w, b;
};
OneStep oneStep(OptimizerSpec::Kind kind, double lr) {
  Network net;
  net.add(input(1)).add(dense(1, Activation::linear()));
  Model m = net.build({LossKind::Mse, {}, TargetForm::Values}, 1, 1);
  m.graph.setValue(m.params[0], Tensor::Constant(1, 1, 0.25));
  TrainOptions o;
  o.epochs = 1;
  o.batch = 1;
  o.optimizer.kind = kind;
  o.optimizer.lr = lr;
  o.metric.kind = Metric::Sign;
  TensorDataset data(Mat<float>::Constant(1, 1, 2), Mat<float>::Constant(1, 1, 1), 0);
  Trainer t(m, o);
  t.fit(data, nullptr);
  return {m.graph.node(m.params[0]).value(0, 0), m.graph.node(m.params[1]).value(0, 0)};
}

// 1000 synthetic 3072-pixel images whose class shows in the brightness of one band.
data::ImageSet syntheticImages(int n, unsigned seed) {
  data::ImageSet s;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> noise(0, 120), cls(0, 9);
  s.labels.resize(size_t(n));
  s.pixels.resize(size_t(n) * 3072);
  for (int i = 0; i < n; ++i) {
    const int k = cls(rng);
    s.labels[size_t(i)] = std::uint8_t(k);
    for (int p = 0; p < 3072; ++p) s.pixels[size_t(i) * 3072 + size_t(p)] = std::uint8_t(noise(rng) + (p / 307 == k ? 100 : 0));
  }
  return s;
}

Preset smallCifarPreset() {
  Preset p = parsePreset(R"({
    "dataset": "cifar10", "preprocess": "mean",
    "layers": [{"type": "dense", "units": 16, "activation": "sigmoid", "init": {"type": "normal", "std": 0.001}},
               {"type": "dense", "units": 10, "init": {"type": "normal", "std": 0.1}}],
    "loss": "cce", "regularizer": {"type": "l2", "strength": 0.0001},
    "optimizer": {"type": "sgd", "lr": 0.01}, "batch": 50, "epochs": 2, "seed": 3})", "small");
  p.train.threads = 1;
  return p;
}

Run trainSmall(const Preset& p, Model* out = nullptr) {
  static const data::ImageSet train = syntheticImages(1000, 1), test = syntheticImages(200, 2);
  data::Normalizer norm = data::Normalizer::fit(train, p.preprocess);
  ImageDataset tr(train, norm), te(test, norm);
  Model m = p.build();
  Trainer t(m, p.train);
  Run r = t.fit(tr, &te);
  if (out) *out = m;
  return r;
}

}  // namespace

TEST_CASE("losses against hand-computed values") {
  // MSE against one-hot: (1² + 2² + 2² + 1²) / 6 elements.
  CHECK(lossOf(LossKind::Mse) == doctest::Approx(10.0 / 6).epsilon(1e-6));
  // CCE: mean of log(e + e² + e³) − 3 and log 3.
  const double ce1 = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0)) - 3;
  CHECK(lossOf(LossKind::Cce) == doctest::Approx((ce1 + std::log(3.0)) / 2).epsilon(1e-6));
  CHECK(lossOf(LossKind::Cce) == doctest::Approx(0.753110).epsilon(1e-5));
  // Hinge: column 1 has margins 1 − 1 and 2 − 3 + 1 = 0 (no loss); column 2 two margins of 1.
  CHECK(lossOf(LossKind::Hinge) == doctest::Approx(1.0));
  // L2 = strength · ½ Σ w² = 0.5 · 1.5 on top of the data loss; L1 = 0.1 · Σ |w|.
  CHECK(lossOf(LossKind::Hinge, {Regularizer::L2, 0.5}) == doctest::Approx(1.0 + 0.75));
  CHECK(lossOf(LossKind::Hinge, {Regularizer::L2, 0.5}, 0) == doctest::Approx(1.0));
  CHECK(lossOf(LossKind::Hinge, {Regularizer::L1, 0.1}) == doctest::Approx(1.0 + 0.3));
}

TEST_CASE("one SGD step against a hand-computed update") {
  // y = 0.25 · 2 = 0.5, L = (0.5 − 1)², dL/dy = −1, dL/dW = −1 · 2 = −2, dL/db = −1.
  OneStep s = oneStep(OptimizerSpec::Sgd, 0.1);
  CHECK(s.w == doctest::Approx(0.25 + 0.1 * 2));
  CHECK(s.b == doctest::Approx(0.1));
  // Momentum's first step equals SGD's; Adam's first step moves each weight by lr.
  OneStep m = oneStep(OptimizerSpec::Momentum, 0.1);
  CHECK(m.w == doctest::Approx(0.45));
  OneStep a = oneStep(OptimizerSpec::Adam, 0.01);
  CHECK(a.w == doctest::Approx(0.26).epsilon(1e-4));
  CHECK(a.b == doctest::Approx(0.01).epsilon(1e-4));
}

TEST_CASE("dense layers, a skip connection and the penalty: gradients match finite differences") {
  Network net;
  net.add(input(3)).add(dense(4, Activation::of("tanh"), {Init::Normal, 0.5})).add(concat({"h1", "x"})).add(dense(2, Activation::of("sigmoid"), {Init::Xavier}));
  for (LossKind loss : {LossKind::Mse, LossKind::Cce, LossKind::Hinge}) {
    Objective obj{loss, {Regularizer::L2, 0.1}, loss == LossKind::Mse ? TargetForm::OneHot : TargetForm::Indices};
    Model m = net.build(obj, 5, 7);
    std::mt19937 rng(3);
    std::normal_distribution<double> n(0, 1);
    Tensor x(3, 5);
    for (Index i = 0; i < x.size(); ++i) x(i) = n(rng);
    m.graph.setValue(m.input, x);
    m.graph.setValue(m.target, obj.targets == TargetForm::OneHot ? Tensor((Tensor(2, 5) << 1, 0, 0, 1, 1, 0, 1, 1, 0, 0).finished())
                                                                 : Tensor((Tensor(1, 5) << 0, 1, 1, 0, 1).finished()));
    GradCheckResult r = gradCheck(m.graph);
    INFO("loss " << lossName(loss));
    CHECK(r.nodes.size() == 4);  // W1, b1, W2, b2
    CHECK(r.maxError < 1e-6);
  }
}

TEST_CASE("two epochs on 1000 synthetic images lower the loss") {
  Run r = trainSmall(smallCifarPreset());
  REQUIRE(r.status == RunStatus::Finished);
  REQUIRE(r.history.size() == 2);
  CHECK(r.history[1].trainLoss < r.history[0].trainLoss);
  CHECK(r.history[1].testLoss < std::log(10.0));  // better than chance
  CHECK(r.history[1].testAcc > 0.3);
}

TEST_CASE("the same seed gives the same history, another seed does not") {
  Preset p = smallCifarPreset();
  p.train.epochs = 1;
  p.train.threads = 2;  // the first layer's products are split over the threads
  const std::string a = trainSmall(p).csv(), b = trainSmall(p).csv();
  CHECK(a == b);
  CHECK(a.starts_with("epoch,train_loss,train_acc,test_loss,test_acc\n"));
  p.seed = 4;
  p.train.seed = 5;
  CHECK(trainSmall(p).csv() != a);
}

TEST_CASE("a NaN in the loss stops the run, naming the epoch and batch, keeping the history") {
  // XOR whose inputs become NaN at the 5th request: epoch 3's training batch (each
  // epoch asks once to train and once to evaluate).
  struct Poisoned : TensorDataset {
    mutable int calls = 0;
    using TensorDataset::TensorDataset;
    void inputs(std::span<const int> idx, Mat<float>& x) const override {
      TensorDataset::inputs(idx, x);
      if (++calls == 5) x(0, 0) = std::numeric_limits<float>::quiet_NaN();
    }
  };
  Preset p = loadPreset("ex6");
  data::Toy t = data::xorData();
  Poisoned d(t.x, t.t, 0);
  Model m = p.build();
  Trainer tr(m, p.train);
  Run r = tr.fit(d, &d);
  CHECK(r.status == RunStatus::Diverged);
  CHECK(r.history.size() == 2);
  CHECK(r.message == "the loss became NaN at epoch 3, batch 1 of 1: that batch's data holds NaN or Inf (the learning rate is not the cause)");
}

TEST_CASE("a stop request ends the run after the current batch") {
  Preset p = loadPreset("ex6");
  data::Toy t = data::xorData();
  TensorDataset d(t.x, t.t, 0);
  Model m = p.build();
  Trainer tr(m, p.train);
  std::stop_source stop;
  int batches = 0;
  Callbacks cb;
  cb.batch = [&](const Progress&) { if (++batches == 3) stop.request_stop(); };
  Run r = tr.fit(d, &d, cb, stop.get_token());
  CHECK(r.status == RunStatus::Stopped);
  CHECK(batches == 3);
  CHECK(r.history.size() == 2);
}

TEST_CASE("XOR trains to accuracy 1.0 with both architectures") {
  for (const char* name : {"ex6", "ex6-skip"}) {
    Preset p = loadPreset(name);
    PreparedData d = prepareData(p, "");
    Model m = p.build();
    Trainer t(m, p.train);
    Run r = t.fit(*d.train, d.test.get());
    INFO(name);
    CHECK(r.history.back().testAcc == 1.0);
  }
}

TEST_CASE("saving is atomic and loading restores the parameters") {
  Model trained;
  trainSmall(smallCifarPreset(), &trained);
  const fs::path p = tempPath("model.bin");
  const Preset small = smallCifarPreset();
  saveModel(p.string(), "small", small.source, trained);
  for (const auto& e : fs::directory_iterator(p.parent_path()))  // no temporary left behind
    CHECK(e.path().string().find(p.filename().string() + ".tmp") == std::string::npos);
  Model fresh = smallCifarPreset().build();
  CHECK(fresh.graph.node(fresh.params[0]).value != trained.graph.node(trained.params[0]).value);
  SavedModel s = readModel(p.string());
  CHECK(s.preset == "small");
  applyModel(s, p.string(), small, fresh);
  for (size_t i = 0; i < fresh.params.size(); ++i)
    CHECK(fresh.graph.node(fresh.params[i]).value == trained.graph.node(trained.params[i]).value);

  // Another preset's file is refused.
  CHECK_THROWS_WITH_AS(applyModel(s, p.string(), loadPreset("ex3"), fresh), doctest::Contains("belongs to preset 'small'"), ModelFileError);
  // A preset of the same name: other training settings are fine, another network is not.
  Preset retuned = parsePreset(std::string(small.source).replace(small.source.find("\"epochs\": 2"), 11, "\"epochs\": 9"), "small");
  applyModel(s, p.string(), retuned, fresh);
  Preset otherNet = parsePreset(std::string(small.source).replace(small.source.find("\"sigmoid\""), 9, "\"tanh\""), "small");
  CHECK_THROWS_WITH_AS(applyModel(s, p.string(), otherNet, fresh),
                       doctest::Contains("this model was trained with another small (cifar10 (mean): 3072 -> 16 sigmoid -> 10 linear, cce), "
                                         "not cifar10 (mean): 3072 -> 16 tanh -> 10 linear, cce"),
                       ModelFileError);
  fs::remove(p);
}

TEST_CASE("a model file with a NaN or infinite parameter is refused, naming the parameter and the element") {
  Model m = smallCifarPreset().build();
  const fs::path p = tempPath("nan.bin");
  for (double bad : {std::nan(""), -HUGE_VAL}) {
    Tensor b = m.graph.node(m.params[3]).value;
    b(7, 0) = bad;
    m.graph.setValue(m.params[3], b);
    saveModel(p.string(), "small", smallCifarPreset().source, m);
    const std::string expected = p.string() + ": parameter b2 (7, 0) is " + (bad != bad ? "nan" : "-inf");
    CHECK_THROWS_WITH_AS(readModel(p.string()), doctest::Contains(expected.c_str()), ModelFileError);
  }
  fs::remove(p);
}

TEST_CASE("a damaged or foreign model file is refused with a message") {
  Model m = smallCifarPreset().build();
  const fs::path p = tempPath("damaged.bin");
  saveModel(p.string(), "small", smallCifarPreset().source, m);
  std::ifstream in(p, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  in.close();
  auto write = [&](const std::string& b) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f.write(b.data(), std::streamsize(b.size()));
  };
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  write(flipped);
  CHECK_THROWS_WITH_AS(readModel(p.string()), doctest::Contains("damaged"), ModelFileError);
  write(bytes.substr(0, bytes.size() - 1000));
  CHECK_THROWS_WITH_AS(readModel(p.string()), doctest::Contains("damaged"), ModelFileError);
  write("epoch,train_loss\n1,2\n");
  CHECK_THROWS_WITH_AS(readModel(p.string()), doctest::Contains("not a Backstep model file"), ModelFileError);
  fs::remove(p);
  CHECK_THROWS_WITH_AS(readModel(p.string()), doctest::Contains("cannot open"), ModelFileError);
  // A file whose shapes do not fit the network.
  Network other;
  other.add(input(3072)).add(dense(8, Activation::of("sigmoid"))).add(dense(10, Activation::linear()));
  saveModel(p.string(), "small", smallCifarPreset().source, other.build({}, 1, 1));
  CHECK_THROWS_WITH_AS(applyModel(readModel(p.string()), p.string(), smallCifarPreset(), m), doctest::Contains("does not fit"), ModelFileError);
  fs::remove(p);
}

TEST_CASE("every built-in preset parses and builds its network") {
  const auto names = presetNames();
  CHECK(names.size() >= 12);
  for (const auto& n : names) {
    INFO(n);
    Preset p = loadPreset(n);
    CHECK(p.train.epochs > 0);
    CHECK_NOTHROW(p.build());
  }
  CHECK(loadPreset("ex6-skip").summary().find("[h, x]") != std::string::npos);
}

namespace {
// The message a preset named `name` is refused with, or "" if it parses.
std::string presetError(const std::string& json, const std::string& name) {
  try {
    parsePreset(json, name);
  } catch (const PresetError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("preset mistakes are reported with the preset's name and the key") {
  auto err = [](const std::string& json) { return presetError(json, "mine"); };
  const std::string ok = R"("layers": [{"units": 10}], "optimizer": {"lr": 0.1})";
  CHECK(err("{" + ok + "}").empty());
  CHECK(err("{" + ok + R"(, "lr": 3})").find("mine: unknown key 'lr'") != std::string::npos);
  CHECK(err("{" + ok + R"(, "loss": "mae"})").find("unknown loss 'mae'") != std::string::npos);
  CHECK(err(R"({"layers": [{"units": 7}], "optimizer": {"lr": 0.1}})").find("7 outputs") != std::string::npos);
  CHECK(err(R"({"layers": [{"units": 10}], "optimizer": {"lr": -1}})").find("'lr'") != std::string::npos);
  CHECK(err(R"({"layers": [{"type": "concat", "inputs": ["x", "nope"]}, {"units": 10}], "optimizer": {"lr": 0.1}})")
            .find("'nope'") != std::string::npos);
  CHECK(err("{").find("not valid JSON") != std::string::npos);
  CHECK_THROWS_WITH_AS(loadPreset("ex99"), doctest::Contains("ex3"), PresetError);
}

TEST_CASE("accuracy: argmax for labels, beyond ±0.9 on the right side for ±1 targets") {
  Mat<float> y(3, 2);
  y << 0.1f, 0.5f, 0.7f, 0.2f, 0.2f, 0.3f;
  CHECK(countCorrect({Metric::Argmax}, y, (Mat<float>(1, 2) << 1, 1).finished()) == 1);
  Mat<float> s(1, 4), t(1, 4);
  s << 0.95f, 0.85f, -0.91f, 0.95f;
  t << 1, 1, -1, -1;
  CHECK(countCorrect({Metric::Sign, 0.9}, s, t) == 2);
  // The window says the rule, so 0.85 on the right side reading as wrong is no mystery.
  CHECK(metricRule({Metric::Sign, 0.9}) == "outputs beyond ±0.9 only");
  CHECK(metricRule({Metric::Sign, 0.75}) == "outputs beyond ±0.75 only");
  CHECK(metricRule({Metric::Argmax}) == "the largest output is the class");
}

TEST_CASE("presets with numbers out of range are refused with a message") {
  const std::string base = R"({"dataset": "xor", "layers": [{"type": "input", "units": 2}, )";
  CHECK_THROWS_WITH_AS(bs::nn::parsePreset(base + R"({"type": "dense", "units": 1000000000, "activation": "tanh"}]})", "big"),
                       doctest::Contains("'units' must be at most 10000"), bs::nn::PresetError);
  CHECK_THROWS_WITH_AS(bs::nn::parsePreset(R"({"optimizer": {"type": "sgd", "lr": 1e999}})", "overflow"),
                       doctest::Contains("overflow: not valid JSON"), bs::nn::PresetError);
}

TEST_CASE("duplicate keys and optimizer settings outside their domain are refused with where they are") {
  auto err = [](const std::string& json) { return presetError(json, "p"); };
  const std::string layers = R"("dataset": "xor", "layers": [{"units": 2, "activation": "tanh"}, {"units": 1, "activation": "tanh"}])";
  CHECK(err("{" + layers + R"(, "optimizer": {"type": "momentum", "lr": 0.1}})").empty());
  CHECK(err("{" + layers + R"(, "optimizer": {"lr": 0.1}, "epochs": 5, "epochs": 50})") == "p: the key 'epochs' is given twice in the top level");
  CHECK(err(R"({"dataset": "xor", "layers": [{"units": 2}, {"units": 1, "units": 3}], "optimizer": {"lr": 0.1}})") ==
        "p: the key 'units' is given twice in item 2 of 'layers'");
  // The same key in two objects is fine.
  CHECK(err("{" + layers + R"(, "optimizer": {"lr": 0.1}, "init": {"type": "normal", "std": 0.1}})").empty());
  for (const auto& [setting, message] : std::vector<std::pair<std::string, std::string>>{
           {R"("momentum": 1)", "'momentum' must be in [0, 1), not 1"},
           {R"("momentum": -0.5)", "'momentum' must be in [0, 1), not -0.5"},
           {R"("beta1": 1.5)", "'beta1' must be in [0, 1), not 1.5"},
           {R"("beta2": 1)", "'beta2' must be in [0, 1), not 1"},
           {R"("eps": 0)", "'eps' must be a positive number, not 0"},
           {R"("lr": 0)", "'lr' must be a positive number, not 0"}}) {
    const std::string lr = setting.starts_with(R"("lr")") ? "" : R"("lr": 0.1, )";
    CHECK(err("{" + layers + R"(, "optimizer": {"type": "adam", )" + lr + setting + "}}") == "p: optimizer: " + message);
  }
  OptimizerSpec s;
  s.beta2 = 1;
  CHECK_THROWS_WITH_AS(Optimizer(s, {}), "'beta2' must be in [0, 1), not 1", std::invalid_argument);
}

TEST_CASE("a run's memory is checked before anything is allocated, and a batch beyond the data set is clamped") {
  // 20-bit parity through 2000 units in one batch: 2^20 samples x 6025 numbers, 50 GB.
  Preset p = loadPreset("ex7");
  setParity(p, 20, 2000);
  p.train.batch = 0;
  CHECK(numbersPerSample(p.build()) == 20 + 3 * 2000 + 3 * 1 + 1 + 1);
  CHECK_THROWS_WITH_AS(prepareData(p, ""), doctest::Contains("ex7, one batch: 1048576 samples x 6025 numbers per sample"), BudgetError);
  CHECK_THROWS_WITH_AS(presetGraph(p), doctest::Contains("ex7, its graph: 1048576 samples"), BudgetError);
  // In batches of 1000 it fits (evaluation goes by 1000 too).
  p.train.batch = 1000;
  CHECK_NOTHROW(p.checkBudget());
  // A batch of 10^9 on XOR: the graph is built with one column and the trainer takes the 4 samples.
  Preset x = withOverrides(loadPreset("ex6"), {.batch = 1000000000, .epochs = 2});
  Model m = x.build();
  CHECK(m.graph.node(m.input).shape.cols == 1);
  PreparedData d = prepareData(x, "");
  Trainer t(m, x.train);
  Progress last;
  const Run r = t.fit(*d.train, d.test.get(), {.batch = [&](const Progress& pr) { last = pr; }});
  CHECK(r.history.size() == 2);
  CHECK(last.batches == 1);
  CHECK(batchSize(x.train, 4) == 4);
}

TEST_CASE("a run's history is bounded: beyond its rows every other is dropped, the last epoch always kept") {
  Run run;
  const int epochs = int(Run::kMaxHistory) * 3 + 5;
  for (int e = 1; e <= epochs; ++e) run.add({.epoch = e, .trainLoss = 1.0 / e});
  CHECK(run.history.size() <= Run::kMaxHistory + 1);
  CHECK(run.every == 4);
  CHECK(run.epochsDone() == epochs);
  for (size_t i = 0; i + 1 < run.history.size(); ++i) {
    CHECK(run.history[i].epoch % run.every == 0);
    CHECK(run.history[i].epoch < run.history[i + 1].epoch);
  }
  CHECK(run.history.front().epoch == 4);
}

TEST_CASE("the window's views as numbers: confusion matrix and the output over the plane") {
  // Scores = x (W = I, b = 0): the predicted class is the largest input.
  Network net;
  net.add(input(3)).add(dense(3, Activation::linear()));
  Model m = net.build({LossKind::Cce, {}, TargetForm::Indices}, 4, 1);
  m.graph.setValue(m.params[0], Tensor::Identity(3, 3));
  Executor<float> params(m.graph);
  Predictor p(m, params);
  // Four samples: true 0 predicted 0, true 1 predicted 2, true 2 predicted 2, true 2 predicted 1.
  TensorDataset test((Mat<float>(3, 4) << 5, 0, 0, 0,  //
                      0, 1, 0, 4,                      //
                      0, 3, 7, 1).finished(),
                     (Mat<float>(1, 4) << 0, 1, 2, 2).finished(), 3);
  const Confusion c = confusionMatrix(p, test, 100);
  CHECK(c.counts == std::vector<std::vector<int>>{{1, 0, 0}, {0, 0, 1}, {0, 1, 1}});
  CHECK(c.predicted == std::vector<int>{0, 2, 2, 1});
  CHECK(confusionCsv(c, {"a", "b", "c"}) == "true\\predicted,a,b,c\na,1,0,0\nb,0,0,1\nc,0,1,1\n");
  CHECK(confusionMatrix(p, test, 2).predicted.size() == 2);

  const Mat<float> plane = planeGrid(2, 1.0);
  CHECK(plane == (Mat<float>(2, 4) << -0.5f, 0.5f, -0.5f, 0.5f, -0.5f, -0.5f, 0.5f, 0.5f).finished());
  CHECK(planeCsv(plane, (Mat<float>(1, 4) << 1, 2, 3, 4).finished()) == "x0,x1,output\n-0.5,-0.5,1\n0.5,-0.5,2\n-0.5,0.5,3\n0.5,0.5,4\n");
}

TEST_CASE("gradient descent on a graph's own params: each step against the gradient") {
  // L = (w - 3)^2 with lr 0.25: w <- w - 0.25 * 2 (w - 3) halves the distance to 3.
  Graph g = parseGraph("param w = 1\nconst c = 3\nd = w - c\nL = d * d\noutput L\n");
  const DescentResult r = descend(g, 0.25, 3);
  CHECK(r.error.empty());
  REQUIRE(r.losses.size() == 4);
  CHECK(r.losses[0] == doctest::Approx(4));
  CHECK(r.losses[1] == doctest::Approx(1));
  CHECK(r.losses[2] == doctest::Approx(0.25));
  CHECK(r.losses[3] == doctest::Approx(0.0625));
  CHECK(g.node(*g.find("w")).value(0, 0) == doctest::Approx(2.75));
  CHECK(g.node(*g.find("c")).value(0, 0) == 3);  // consts (and inputs) stay
  CHECK(descentCsv(r.losses) == "step,loss\n0,4\n1,1\n2,0.25\n3,0.0625\n");

  // Too large a step: the loss overflows; the params keep the last finite loss's values.
  Graph h = parseGraph("param w = 3\na = w * w\nL = a * a\noutput L\n");
  const DescentResult bad = descend(h, 1.0, 20);
  CHECK(bad.error.find("the loss became Inf after step") == 0);
  CHECK(bad.error.find("the learning rate (1) is probably too high") != std::string::npos);
  CHECK(std::isfinite(bad.losses.back()));
  const double w = h.node(*h.find("w")).value(0, 0);
  CHECK(std::isfinite(w * w * w * w));
  CHECK(w * w * w * w == doctest::Approx(bad.losses.back()));

  Graph none = parseGraph("input x = 2\nL = x * x\noutput L\n");
  CHECK_THROWS_WITH_AS(descend(none, 0.1, 1), doctest::Contains("no 'param' to train"), std::invalid_argument);
}

TEST_CASE("activations come from the op table, with their parameters set in a preset") {
  const nn::Preset p = nn::parsePreset(R"({"dataset": "xor",
    "layers": [{"type": "dense", "units": 3, "activation": "leaky_relu", "slope": 0.2},
               {"type": "dense", "units": 2, "activation": "elu", "alpha": 0.5},
               {"type": "dense", "units": 1, "activation": "tanh"}],
    "loss": "mse", "optimizer": {"type": "sgd", "lr": 0.05}, "epochs": 1})", "params-test");
  const nn::Model m = p.build();
  std::vector<std::pair<std::string, std::vector<double>>> acts;
  for (const Node& n : m.graph.nodes())
    if (n.op && n.op->activation) acts.push_back({n.op->name, n.attrs});
  REQUIRE(acts.size() == 3);
  CHECK(acts[0] == std::pair<std::string, std::vector<double>>{"leaky_relu", {0.2}});
  CHECK(acts[1] == std::pair<std::string, std::vector<double>>{"elu", {0.5}});
  CHECK(acts[2].first == "tanh");
  CHECK(p.summary().find("leaky_relu(slope 0.2)") != std::string::npos);
  // The defaults where a preset says nothing; unknown names list the op table's activations.
  CHECK(nn::Activation::of("leaky_relu").attrs == std::vector<double>{0.01});
  CHECK_THROWS_WITH_AS(nn::Activation::of("exp"), doctest::Contains("expected linear, sigmoid, tanh, relu, leaky_relu, elu, softmax"),
                       std::invalid_argument);
}
