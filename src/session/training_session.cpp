#include "session/training_session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "i18n/i18n.h"
#include "core/executor.h"
#include "nn/diagnostics.h"

namespace bs::app {

namespace {

using Clock = std::chrono::steady_clock;

// Everything the views derive from the current weights, computed on the worker
// without the lock, then moved into the snapshot under it.
struct Derived {
  std::vector<std::vector<int>> confusion;
  std::vector<int> stripPredicted;
  std::vector<float> boundary;
};

}  // namespace

const char* sessionStateName(SessionState s) {
  switch (s) {
    case SessionState::Idle: return tr("idle");
    case SessionState::Loading: return tr("loading the data");
    case SessionState::Running: return tr("training");
    case SessionState::Paused: return tr("paused");
    case SessionState::Finished: return tr("finished");
    case SessionState::Stopped: return tr("stopped");
    case SessionState::Diverged: return tr("diverged");
    case SessionState::Failed: return tr("failed");
  }
  return "";
}

TrainingSession::~TrainingSession() {
  if (worker_.joinable()) {
    worker_.request_stop();
    worker_.join();
  }
}

std::string TrainingSession::start(const nn::Preset& preset, const SessionOptions& o) {
  if (sessionActive(state())) return tr("a run is still going: stop it first");
  const auto& t = preset.train;
  if (!(t.optimizer.lr > 0) || !std::isfinite(t.optimizer.lr)) return tr("the learning rate must be a positive number");
  if (t.batch < 0) return tr("the batch size must be 0 (the whole set) or more");
  if (t.epochs < 1) return tr("train for at least one epoch");
  if (o.threads < 1 || o.threads > 256) return tr("threads must be between 1 and 256");
  if (o.boundaryGrid < 2 || o.boundaryGrid > 1024) return tr("the boundary grid must be between 2 and 1024");
  if (!(o.epochsPerSecond >= 0) || o.epochsPerSecond > 1e6) return tr("epochs per second must be 0 (full speed) or more");
  if (o.evalSamples < 0 || o.stripImages < 0 || o.cifarRecords < 1) return tr("sample counts must not be negative");
  if (!(o.boundaryExtent > 0)) return tr("the boundary extent must be positive");
  if (!(o.publishSeconds >= 0)) return tr("the publishing interval must not be negative");
  if (worker_.joinable()) worker_.join();  // the last run has ended; its thread is finishing
  {
    std::lock_guard lk(mutex_);
    live_ = Snapshot{};
    live_.runId = nextRunId_++;
    batches_ = 0;
    pendingSum_ = 0;
    pendingCount_ = 0;
    maxEpochs_ = std::max<size_t>(o.maxEpochs, 2);
    epochEvery_ = 1;
    maxBatches_ = std::max<size_t>(o.maxBatches, 2);
    live_.preset = preset.name;
    live_.state = SessionState::Loading;
    pauseWanted_ = false;
    finished_.reset();
    ++version_;
  }
  worker_ = std::jthread([this, preset, o](std::stop_token stop) { work(stop, preset, o); });
  return "";
}

void TrainingSession::pause() {
  {
    std::lock_guard lk(mutex_);
    pauseWanted_ = true;
  }
  wake_.notify_all();  // a slowed-down worker pauses now, not at its next epoch
}

void TrainingSession::resume() {
  {
    std::lock_guard lk(mutex_);
    pauseWanted_ = false;
  }
  wake_.notify_all();
}

void TrainingSession::stop() {
  if (worker_.joinable()) worker_.request_stop();  // also wakes a paused worker
}

void TrainingSession::wait() {
  if (worker_.joinable()) worker_.join();
}

SessionState TrainingSession::state() const {
  std::lock_guard lk(mutex_);
  return live_.state;
}

std::optional<nn::Run> TrainingSession::takeRun() {
  std::lock_guard lk(mutex_);
  std::optional<nn::Run> r = std::move(finished_);
  finished_.reset();
  return r;
}

// Under mutex_: one more batch's loss, averaged into the current stride.
void TrainingSession::addBatchLoss(double loss) {
  ++batches_;
  pendingSum_ += loss;
  if (++pendingCount_ < live_.batchStride) return;
  std::vector<double>& b = live_.batchLoss;
  b.push_back(pendingSum_ / double(pendingCount_));
  pendingSum_ = 0;
  pendingCount_ = 0;
  if (b.size() <= maxBatches_) return;
  for (size_t i = 0; i + 1 < b.size(); i += 2) b[i / 2] = (b[i] + b[i + 1]) / 2;
  if (b.size() % 2 == 1) {  // the odd one out waits for its partner
    pendingSum_ = b.back() * double(live_.batchStride);
    pendingCount_ = live_.batchStride;
  }
  b.resize(b.size() / 2);
  live_.batchStride *= 2;
  ++live_.thinned;
}

bool TrainingSession::snapshot(Snapshot& out) const {
  std::lock_guard lk(mutex_);
  if (out.runId == live_.runId && out.version == version_) return false;
  if (out.runId != live_.runId || out.thinned != live_.thinned) {
    out = live_;
  } else {
    // Same run: the histories only grow, so append their new tails; copy the big
    // tensors only when they were replaced.
    // ... except the last epoch, kept only for being the last until the next came.
    if (!out.history.empty() && out.history.back().epoch != live_.history[out.history.size() - 1].epoch) out.history.pop_back();
    out.history.insert(out.history.end(), live_.history.begin() + std::ptrdiff_t(out.history.size()), live_.history.end());
    out.batchLoss.insert(out.batchLoss.end(), live_.batchLoss.begin() + std::ptrdiff_t(out.batchLoss.size()), live_.batchLoss.end());
    if (out.weightsBatch != live_.weightsBatch || out.weights.size() != live_.weights.size()) out.weights = live_.weights;
    if (out.boundaryVersion != live_.boundaryVersion) out.boundary = live_.boundary;
    if (out.stripPixels.size() != live_.stripPixels.size()) out.stripPixels = live_.stripPixels;
    if (out.points.size() != live_.points.size()) {
      out.points = live_.points;
      out.targets = live_.targets;
    }
    out.state = live_.state;
    out.message = live_.message;
    out.progress = live_.progress;
    out.batchesPerEpoch = live_.batchesPerEpoch;
    out.weightsBatch = live_.weightsBatch;
    out.classNames = live_.classNames;
    out.confusion = live_.confusion;
    out.confusionEpoch = live_.confusionEpoch;
    out.stripTrue = live_.stripTrue;
    out.stripPredicted = live_.stripPredicted;
    out.grid = live_.grid;
    out.extent = live_.extent;
    out.boundaryVersion = live_.boundaryVersion;
    out.pausedGraph = live_.pausedGraph;
  }
  out.version = version_;
  return true;
}

void TrainingSession::setState(SessionState s, const std::string& message) {
  std::lock_guard lk(mutex_);
  live_.state = s;
  live_.message = message;
  ++version_;
}

void TrainingSession::work(std::stop_token stop, nn::Preset preset, SessionOptions o) {
  try {
    const std::string path = preset.needsCifar() ? data::findCifar(o.cifarPath) : "";
    nn::PreparedData d = nn::prepareData(preset, path, o.cifarRecords);
    nn::Model model = preset.build();
    nn::TrainOptions to = preset.train;
    to.threads = o.threads;
    nn::Trainer trainer(model, to);
    nn::Predictor probe(model, trainer.executor());

    const bool classes = d.test && d.test->classes() > 0;
    const bool plane = nn::mapsPlane(model);
    const int evalN = classes ? std::min(o.evalSamples, d.test->size()) : 0;
    const int stripN = std::min(o.stripImages, evalN);
    Mat<float> points, targets;
    const Mat<float> gridX = plane ? nn::planeGrid(o.boundaryGrid, o.boundaryExtent) : Mat<float>();
    if (plane) {
      std::vector<int> all(static_cast<size_t>(d.train->size()));
      std::iota(all.begin(), all.end(), 0);
      d.train->inputs(all, points);
      d.train->targets(all, targets);
    }

    // What does not change during the run.
    {
      std::lock_guard lk(mutex_);
      if (d.cifar) {
        live_.classNames = d.cifar->classNames;
        for (int i = 0; i < stripN; ++i) {
          const auto* px = d.cifar->test.image(i);
          live_.stripPixels.insert(live_.stripPixels.end(), px, px + data::ImageSet::kPixels);
          live_.stripTrue.push_back(d.cifar->test.labels[size_t(i)]);
        }
      }
      if (plane) {
        live_.grid = o.boundaryGrid;
        live_.extent = o.boundaryExtent;
        live_.points = points;
        live_.targets = targets;
      }
      live_.state = SessionState::Running;
      ++version_;
    }

    auto derive = [&] {
      Derived r;
      if (evalN > 0) {
        nn::Confusion c = nn::confusionMatrix(probe, *d.test, evalN);
        r.confusion = std::move(c.counts);
        r.stripPredicted.assign(c.predicted.begin(), c.predicted.begin() + stripN);
      }
      if (plane) {
        const Mat<float>& y = probe.predict(gridX);
        r.boundary.assign(y.data(), y.data() + y.size());
      }
      return r;
    };
    // Copies are throttled: the weights at most every publishSeconds during an epoch,
    // the derived views (forward passes) at most that often at the ends of epochs.
    const auto every = std::chrono::duration<double>(o.publishSeconds);
    auto lastWeights = Clock::now() - std::chrono::hours(1), lastDerived = lastWeights;
    auto publishWeights = [&] {
      Mat<float> w = trainer.executor().value(model.params.front());
      std::lock_guard lk(mutex_);
      live_.weights = std::move(w);
      live_.weightsBatch = batches_;
      ++version_;
      lastWeights = Clock::now();
    };
    auto publish = [&](int epoch) {
      publishWeights();
      Derived r = derive();
      std::lock_guard lk(mutex_);
      if (evalN > 0) {
        live_.confusion = std::move(r.confusion);
        live_.stripPredicted = std::move(r.stripPredicted);
        live_.confusionEpoch = epoch;
      }
      if (plane) {
        live_.boundary = std::move(r.boundary);
        ++live_.boundaryVersion;
      }
      ++version_;
      lastDerived = Clock::now();
    };
    publish(0);

    // The graph a student can step through while the run is paused: built for this
    // batch's number of columns, with the trainer's current weights and batch.
    auto graphNow = [&]() -> std::shared_ptr<const Graph> {
      try {
        const Executor<float>& ex = trainer.executor();
        nn::Model m = preset.network.build(preset.objective, int(ex.value(model.input).cols()), preset.seed);
        for (size_t i = 0; i < model.params.size(); ++i) m.graph.setValue(m.params[i], ex.value(model.params[i]).cast<double>());
        m.graph.setValue(m.input, ex.value(model.input).cast<double>());
        m.graph.setValue(m.target, ex.value(model.target).cast<double>());
        return std::make_shared<const Graph>(std::move(m.graph));
      } catch (const std::exception&) {
        return nullptr;  // the panel then offers no step-through; training goes on
      }
    };

    auto epochStart = Clock::now();
    nn::Callbacks cb;
    cb.batch = [&](const nn::Progress& p) {
      const double loss = trainer.executor().value(model.dataLoss)(0, 0);
      {
        std::lock_guard lk(mutex_);
        live_.progress = p;
        live_.batchesPerEpoch = p.batches;
        addBatchLoss(loss);
        ++version_;
      }
      if (Clock::now() - lastWeights >= every) publishWeights();
      std::unique_lock lk(mutex_);
      if (pauseWanted_ && !stop.stop_requested()) {
        live_.state = SessionState::Paused;
        ++version_;
        lk.unlock();
        publish(p.epoch - 1);  // show the weights the pause is looking at
        std::shared_ptr<const Graph> g = graphNow();
        lk.lock();
        live_.pausedGraph = std::move(g);
        ++version_;
        wake_.wait(lk, stop, [this] { return !pauseWanted_; });
        live_.pausedGraph.reset();
        if (!stop.stop_requested()) live_.state = SessionState::Running;
        ++version_;
      }
    };
    cb.epoch = [&](const nn::EpochStats& e) {
      {
        std::lock_guard lk(mutex_);
        if (nn::addBounded(live_.history, epochEvery_, maxEpochs_, e)) ++live_.thinned;
        ++version_;
      }
      // The views cost a forward pass over a few images: nothing next to a CIFAR
      // epoch, but XOR's epochs take microseconds.
      if (Clock::now() - lastDerived >= every || e.epoch == 1 || o.epochsPerSecond > 0) publish(e.epoch);
      if (o.epochsPerSecond > 0) {
        // Wait out the rest of this epoch's time; stop (and pause) still act at once.
        const auto until = epochStart + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1 / o.epochsPerSecond));
        std::unique_lock lk(mutex_);
        wake_.wait_until(lk, stop, until, [this] { return pauseWanted_; });
        epochStart = Clock::now();
      }
    };

    nn::Run run = trainer.fit(*d.train, d.test.get(), cb, stop);
    run.preset = preset.name;
    publish(int(run.history.size()));
    std::lock_guard lk(mutex_);
    live_.state = run.status == nn::RunStatus::Finished  ? SessionState::Finished
                  : run.status == nn::RunStatus::Stopped ? SessionState::Stopped
                                                         : SessionState::Diverged;
    live_.message = run.message;
    finished_ = std::move(run);
    ++version_;
  } catch (const std::exception& e) {
    setState(SessionState::Failed, e.what());
  }
}

}  // namespace bs::app
