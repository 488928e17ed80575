#include "nn/trainer.h"

#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>

namespace bs::nn {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// The trainer's own threads (0: one per core), so a GUI worker can train with 1 thread
// while the window keeps the other core.
int threadCount(int n) { return n > 0 ? n : int(std::max(1u, std::thread::hardware_concurrency())); }

// Fisher-Yates with our own draw, so the order depends only on the seed.
void shuffle(std::vector<int>& v, std::mt19937_64& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[size_t(rng() % i)]);
}

std::string fmt(double v) {
  if (!std::isfinite(v)) return formatNumber(v, 4);  // NaN, Inf as the rest of the program writes them
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

Trainer::Trainer(Model& model, TrainOptions options)
    : model_(model), opt_(options), ex_(model.graph), optimizer_(options.optimizer, model.params),
      pool_(std::make_unique<ThreadPool>(threadCount(options.threads))) {
  ex_.setPool(pool_.get());
}

int batchSize(const TrainOptions& o, int samples) { return o.batch <= 0 ? samples : std::min(o.batch, samples); }

void Trainer::checkCompatible(const Dataset& d) const {
  const Index in = model_.graph.node(model_.input).shape.rows;
  const Index out = model_.graph.node(model_.prediction).shape.rows;
  if (d.features() != in)
    throw std::invalid_argument("the data has " + std::to_string(d.features()) + " features per sample, the network's input " +
                                std::to_string(in));
  if (d.classes() > 0) {
    if (model_.objective.targets == TargetForm::Values)
      throw std::invalid_argument("the data has class labels; the network expects target values");
    if (out != d.classes())
      throw std::invalid_argument("the last layer has " + std::to_string(out) + " outputs, the data " + std::to_string(d.classes()) +
                                  " classes");
    if (opt_.metric.kind != Metric::Argmax) throw std::invalid_argument("labelled data is scored with the argmax metric");
  } else {
    if (model_.objective.targets != TargetForm::Values)
      throw std::invalid_argument("the data has target values, not class labels: use mse");
    if (out != d.targetRows())
      throw std::invalid_argument("the last layer has " + std::to_string(out) + " outputs, the targets " +
                                  std::to_string(d.targetRows()) + " rows");
    if (opt_.metric.kind != Metric::Sign) throw std::invalid_argument("target values are scored with the sign metric");
  }
}

void Trainer::setBatch(const Dataset& d, std::span<const int> idx) {
  d.inputs(idx, ex_.value(model_.input));
  d.targets(idx, labels_);
  Mat<float>& t = ex_.value(model_.target);
  if (model_.objective.targets == TargetForm::OneHot) {
    t.setZero(model_.graph.node(model_.prediction).shape.rows, labels_.cols());
    for (Index c = 0; c < labels_.cols(); ++c) t(Index(labels_(0, c)), c) = 1;
  } else {
    t = labels_;
  }
}

std::pair<double, double> Trainer::evaluate(const Dataset& data) {
  checkCompatible(data);
  const int n = data.size(), chunk = std::max(1, opt_.evalBatch);
  std::vector<int> idx;
  double loss = 0;
  long correct = 0;
  for (int s = 0; s < n; s += chunk) {
    idx.resize(size_t(std::min(chunk, n - s)));
    std::iota(idx.begin(), idx.end(), s);
    setBatch(data, idx);
    ex_.forward();
    loss += double(ex_.value(model_.dataLoss)(0, 0)) * double(idx.size());
    correct += countCorrect(opt_.metric, ex_.value(model_.prediction), labels_);
  }
  return {n ? loss / n : 0.0, n ? double(correct) / n : 0.0};
}

Run Trainer::fit(const Dataset& train, const Dataset* test, const Callbacks& cb, std::stop_token stop) {
  checkCompatible(train);
  if (test) checkCompatible(*test);
  if (train.size() == 0) throw std::invalid_argument("the training set is empty");
  Run run;
  const int n = train.size();
  const int B = batchSize(opt_, n);
  const int batches = (n + B - 1) / B;
  std::mt19937_64 rng(opt_.seed);
  std::vector<int> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  for (int epoch = 1; epoch <= opt_.epochs; ++epoch) {
    const auto t0 = Clock::now();
    shuffle(order, rng);
    double lossSum = 0;
    long correct = 0, seen = 0;
    for (int b = 0; b < batches; ++b) {
      const std::span<const int> idx(order.data() + size_t(b) * size_t(B), size_t(std::min(B, n - b * B)));
      setBatch(train, idx);
      ex_.forward();
      const double dataLoss = ex_.value(model_.dataLoss)(0, 0), total = ex_.loss();
      if (!std::isfinite(dataLoss) || !std::isfinite(total)) {
        run.status = RunStatus::Diverged;
        // Blame the learning rate only when neither the batch nor the starting point can.
        const std::string bad = fmt(std::isfinite(dataLoss) ? total : dataLoss);
        const std::string where = "epoch " + std::to_string(epoch) + ", batch " + std::to_string(b + 1) + " of " + std::to_string(batches);
        if (!ex_.value(model_.input).allFinite() || !labels_.allFinite())
          run.message = "the loss became " + bad + " at " + where + ": that batch's data holds NaN or Inf (the learning rate is not the cause)";
        else if (epoch == 1 && b == 0)
          run.message = "the loss is " + bad + " on the first batch, before any update: the data or the initial parameters "
                        "give it (the learning rate is not the cause)";
        else
          run.message = "the loss became " + bad + " at " + where + "; the learning rate (" + fmt(opt_.optimizer.lr) +
                        ") is probably too high: try a smaller one";
        storeParams();
        return run;
      }
      lossSum += dataLoss * double(idx.size());
      correct += countCorrect(opt_.metric, ex_.value(model_.prediction), labels_);
      seen += long(idx.size());
      ex_.backward();
      optimizer_.step(ex_);
      if (cb.batch) cb.batch({epoch, opt_.epochs, b + 1, batches, lossSum / double(seen), double(correct) / double(seen), since(t0)});
      if (stop.stop_requested()) {
        run.status = RunStatus::Stopped;
        run.message = "stopped at epoch " + std::to_string(epoch) + ", batch " + std::to_string(b + 1) + " of " + std::to_string(batches);
        storeParams();
        return run;
      }
    }
    EpochStats e;
    e.epoch = epoch;
    e.trainLoss = lossSum / double(seen);
    e.trainAcc = double(correct) / double(seen);
    if (test) {
      std::tie(e.testLoss, e.testAcc) = evaluate(*test);
      e.hasTest = true;
    }
    e.seconds = since(t0);
    run.add(e);
    if (cb.epoch) cb.epoch(e);
  }
  storeParams();
  return run;
}

void Trainer::storeParams() {
  for (int p : model_.params) model_.graph.setValue(p, ex_.value(p).cast<double>());
}

}  // namespace bs::nn
