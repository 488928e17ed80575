// The training worker's hand-off to the GUI: snapshots stay consistent while training
// runs, pause and stop are prompt, divergence stops the run with a message, and the
// views' data (weights, confusion matrix, strip, decision boundary) are filled in.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "session/training_session.h"
#include "core/executor.h"
#include "testing.h"

using namespace bs;
using app::SessionState;
using app::Snapshot;
using app::TrainingSession;

namespace {

// 6-bit parity: 64 samples in batches of 8, so 8 batches per epoch; trains "forever".
nn::Preset parityPreset(int epochs) {
  return nn::parsePreset(R"({"dataset": "parity", "bits": 6,
    "layers": [{"type": "dense", "units": 6, "activation": "tanh", "init": {"type": "normal", "std": 0.5}},
               {"type": "dense", "units": 1, "activation": "tanh", "init": {"type": "normal", "std": 0.5}}],
    "loss": "mse", "optimizer": {"type": "sgd", "lr": 0.05}, "batch": 8, "epochs": )" + std::to_string(epochs) + "}",
                         "parity-test");
}

// Polls (without asserting on time) until `pred` holds for a fresh snapshot.
template <class Pred> Snapshot waitFor(const TrainingSession& s, Pred pred) {
  Snapshot snap;
  for (int i = 0; i < 200000; ++i) {
    s.snapshot(snap);
    if (pred(snap)) return snap;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  FAIL("the session never reached the expected state; last: " << app::sessionStateName(snap.state));
  return snap;
}

void checkConsistent(const Snapshot& s) {
  // Every epoch in the history is complete, numbered from 1, and the batch losses
  // cover exactly the finished epochs plus the current one's batches so far.
  for (size_t i = 0; i < s.history.size(); ++i) REQUIRE(s.history[i].epoch == int(i) + 1);
  if (s.batchesPerEpoch == 0) return;
  const long done = long(s.batchLoss.size()), epochs = long(s.history.size());
  REQUIRE(done >= epochs * s.batchesPerEpoch);
  REQUIRE(done <= (epochs + 1) * s.batchesPerEpoch);
  REQUIRE(done == long(s.progress.epoch - 1) * s.batchesPerEpoch + s.progress.batch);
  REQUIRE(s.weightsBatch <= done);
  if (s.weights.size() > 0) {
    REQUIRE(s.weights.rows() == 6);
    REQUIRE(s.weights.cols() == 6);
  }
}

}  // namespace

TEST_CASE("snapshots taken while training runs are consistent, incremental or whole") {
  TrainingSession session;
  REQUIRE(session.start(parityPreset(3000), {}) == "");
  CHECK(session.start(parityPreset(10), {}) == "a run is still going: stop it first");
  Snapshot incremental;
  int taken = 0;
  for (int i = 0; i < 400 && sessionActive(session.state()); ++i) {
    Snapshot whole;  // a fresh copy each time
    session.snapshot(whole);
    checkConsistent(whole);
    if (session.snapshot(incremental)) ++taken;
    checkConsistent(incremental);
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  session.wait();
  session.snapshot(incremental);
  Snapshot whole;
  session.snapshot(whole);
  CHECK(whole.state == SessionState::Finished);
  CHECK(whole.history.size() == 3000);
  CHECK(whole.batchLoss.size() == 3000 * 8);
  // Appending the new tails gives exactly the full copy.
  CHECK(incremental.batchLoss == whole.batchLoss);
  CHECK(incremental.history.size() == whole.history.size());
  CHECK(incremental.weights == whole.weights);
  CHECK(taken > 0);
  CHECK(!session.snapshot(incremental));  // nothing new
  auto run = session.takeRun();
  REQUIRE(run);
  CHECK(run->preset == "parity-test");
  CHECK(run->history.size() == 3000);
  CHECK(!session.takeRun());  // handed over once
}

TEST_CASE("pause holds the worker; stop while paused ends the run with no further batch") {
  TrainingSession session;
  REQUIRE(session.start(parityPreset(100000000), {}) == "");
  waitFor(session, [](const Snapshot& s) { return s.batchLoss.size() >= 20; });
  session.pause();
  const Snapshot paused = waitFor(session, [](const Snapshot& s) { return s.pausedGraph != nullptr; });
  checkConsistent(paused);
  // The paused run as a graph to step through: the current weights and batch (8 columns).
  Graph g = *paused.pausedGraph;
  const int w1 = *g.find("W1"), x = *g.find("x");
  CHECK(g.node(x).shape == Shape{6, 8});
  CHECK(g.node(w1).value.cast<float>() == paused.weights);
  runPasses(g);
  CHECK(std::isfinite(g.node(g.output()).value(0, 0)));
  session.resume();
  const Snapshot resumed = waitFor(session, [&](const Snapshot& s) { return s.batchLoss.size() > paused.batchLoss.size() + 10; });
  CHECK(resumed.pausedGraph == nullptr);
  session.pause();
  const Snapshot again = waitFor(session, [](const Snapshot& s) { return s.state == SessionState::Paused; });
  session.stop();
  session.wait();
  Snapshot end;
  session.snapshot(end);
  CHECK(end.state == SessionState::Stopped);
  CHECK(end.batchLoss.size() == again.batchLoss.size());
  CHECK(end.message.find("stopped at epoch") == 0);
  REQUIRE(session.takeRun());
}

TEST_CASE("stop while running ends the run after the current batch, and a new run can start") {
  TrainingSession session;
  REQUIRE(session.start(parityPreset(100000000), {}) == "");
  waitFor(session, [](const Snapshot& s) { return s.batchLoss.size() >= 5; });
  session.stop();
  session.wait();
  Snapshot end;
  session.snapshot(end);
  CHECK(end.state == SessionState::Stopped);
  checkConsistent(end);
  REQUIRE(session.start(parityPreset(2), {}) == "");
  session.wait();
  Snapshot next;
  session.snapshot(next);
  CHECK(next.runId == end.runId + 1);
  CHECK(next.state == SessionState::Finished);
  CHECK(next.history.size() == 2);
}

TEST_CASE("a diverging run stops with the message and the window's state survives") {
  nn::Preset p = nn::parsePreset(R"({"dataset": "xor",
    "layers": [{"type": "dense", "units": 2, "activation": "linear", "init": {"type": "normal", "std": 0.5}},
               {"type": "dense", "units": 1, "activation": "linear", "init": {"type": "normal", "std": 0.5}}],
    "loss": "mse", "optimizer": {"type": "sgd", "lr": 10}, "epochs": 100})", "xor-linear");
  TrainingSession session;
  REQUIRE(session.start(p, {}) == "");
  session.wait();
  Snapshot s;
  session.snapshot(s);
  CHECK(s.state == SessionState::Diverged);
  CHECK(s.message.find("the loss became") == 0);
  CHECK(s.message.find("learning rate") != std::string::npos);
  auto run = session.takeRun();
  REQUIRE(run);
  CHECK(run->status == nn::RunStatus::Diverged);
}

TEST_CASE("bad settings and missing data are reported, not thrown") {
  TrainingSession session;
  nn::Preset p = parityPreset(5);
  p.train.optimizer.lr = -1;
  CHECK(session.start(p, {}) == "the learning rate must be a positive number");
  app::SessionOptions o;
  o.threads = 0;
  CHECK(session.start(parityPreset(5), o) == "threads must be between 1 and 256");
  o = {};
  o.evalSamples = -5;
  CHECK(session.start(parityPreset(5), o) == "sample counts must not be negative");
  nn::Preset cifar = nn::loadPreset("softmax");
  o = {};
  o.cifarPath = "/nonexistent/cifar";
  REQUIRE(session.start(cifar, o) == "");
  session.wait();
  Snapshot s;
  session.snapshot(s);
  CHECK(s.state == SessionState::Failed);
  CHECK(s.message.find("/nonexistent/cifar") != std::string::npos);
  CHECK(!session.takeRun());
}

TEST_CASE("XOR: the decision boundary over the input plane and the training points") {
  app::SessionOptions o;
  o.boundaryGrid = 16;
  TrainingSession session;
  REQUIRE(session.start(nn::loadPreset("ex6"), o) == "");
  session.wait();
  Snapshot s;
  session.snapshot(s);
  REQUIRE(s.state == SessionState::Finished);
  REQUIRE(s.grid == 16);
  REQUIRE(s.boundary.size() == 256);
  REQUIRE(s.points.cols() == 4);
  // The trained network is right at the four corners: the output near (x, y) has the
  // sign of x * y.
  auto at = [&](double x, double y) {
    const int i = int((x + s.extent) / (2 * s.extent) * 16), j = int((y + s.extent) / (2 * s.extent) * 16);
    return s.boundary[size_t(j * 16 + i)];
  };
  CHECK(at(1, 1) > 0.5f);
  CHECK(at(-1, -1) > 0.5f);
  CHECK(at(1, -1) < -0.5f);
  CHECK(at(-1, 1) < -0.5f);
  CHECK(s.weights.rows() == 2);
  CHECK(s.weights.cols() == 2);
}

TEST_CASE("CIFAR-format data: confusion matrix over the test images, the strip and first-layer weights") {
  // A tiny CIFAR-10 folder: 20 records per file, label i % 10, pixels from the label.
  const auto dir = std::filesystem::temp_directory_path() / ("backstep_session_cifar_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto write = [&](const char* name) {
    std::ofstream f(dir / name, std::ios::binary);
    for (int r = 0; r < 20; ++r) {
      std::string rec(3073, char(0));
      rec[0] = char(r % 10);
      for (int p = 1; p < 3073; ++p) rec[size_t(p)] = char((r % 10) * 20 + (p * 7 + r) % 13);
      f << rec;
    }
  };
  for (const char* n : {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"})
    write(n);
  nn::Preset p = nn::loadPreset("softmax");
  p.train.epochs = 2;
  p.train.batch = 25;
  app::SessionOptions o;
  o.cifarPath = dir.string();
  o.cifarRecords = 20;
  o.stripImages = 8;
  TrainingSession session;
  REQUIRE(session.start(p, o) == "");
  session.wait();
  Snapshot s;
  session.snapshot(s);
  INFO(s.message);
  REQUIRE(s.state == SessionState::Finished);
  CHECK(s.batchesPerEpoch == 4);
  REQUIRE(s.confusion.size() == 10);
  long total = 0;
  for (size_t t = 0; t < 10; ++t) {
    for (int c : s.confusion[t]) total += c;
    long row = 0;
    for (int c : s.confusion[t]) row += c;
    CHECK(row == 2);  // two test images of each class
  }
  CHECK(total == 20);
  CHECK(s.stripPixels.size() == 8u * 3072u);
  CHECK(s.stripTrue == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7});
  CHECK(s.stripPredicted.size() == 8);
  CHECK(s.weights.rows() == 10);
  CHECK(s.weights.cols() == 3072);
  CHECK(s.classNames.size() == 10);
  std::filesystem::remove_all(dir);
}

TEST_CASE("slowed down, every epoch's boundary is published, and pause and stop still act") {
  app::SessionOptions o;
  o.boundaryGrid = 8;
  o.epochsPerSecond = 1000;
  nn::Preset p = nn::loadPreset("ex6");
  p.train.epochs = 30;
  TrainingSession session;
  REQUIRE(session.start(p, o) == "");
  session.wait();
  Snapshot s;
  session.snapshot(s);
  CHECK(s.history.size() == 30);
  CHECK(s.boundaryVersion == 32);  // before the first epoch, after each, and at the end

  o.epochsPerSecond = 2;  // half a second an epoch
  p.train.epochs = 1000;
  REQUIRE(session.start(p, o) == "");
  waitFor(session, [](const Snapshot& x) { return x.history.size() >= 1; });
  session.pause();
  const Snapshot paused = waitFor(session, [](const Snapshot& x) { return x.state == SessionState::Paused; });
  session.stop();
  session.wait();
  session.snapshot(s);
  CHECK(s.state == SessionState::Stopped);
  CHECK(s.batchLoss.size() == paused.batchLoss.size());
}

TEST_CASE("a long run's history stays bounded: epochs thinned, batch losses averaged in pairs") {
  TrainingSession session;
  app::SessionOptions o;
  o.maxEpochs = 64;
  o.maxBatches = 100;
  REQUIRE(session.start(parityPreset(500), o) == "");  // 500 epochs of 8 batches
  const Snapshot end = waitFor(session, [](const Snapshot& s) { return s.state == SessionState::Finished; });
  CHECK(end.history.size() <= 64);
  CHECK(end.history.size() >= 32);
  CHECK(end.history.back().epoch == 500);  // the last epoch is always there
  for (size_t i = 1; i < end.history.size(); ++i) CHECK(end.history[i].epoch > end.history[i - 1].epoch);
  // Evenly spread from the start of the run (every other row dropped at each thinning
  // kept the first rows from ever staying: a run of 10^6 XOR epochs plotted from 5e5).
  CHECK(end.history.front().epoch <= 16);
  const int every = end.history[1].epoch - end.history[0].epoch;
  for (size_t i = 1; i + 1 < end.history.size(); ++i) CHECK(end.history[i].epoch - end.history[i - 1].epoch == every);
  CHECK(end.batchLoss.size() <= 100);
  CHECK(end.batchStride >= 64);  // 4000 batches in at most 100 entries
  CHECK(long(end.batchLoss.size()) * end.batchStride <= 4000);
  CHECK(long(end.batchLoss.size() + 1) * end.batchStride > 4000);  // only the pending batches are not shown yet
  CHECK(end.weightsBatch <= 4000);
  // A snapshot kept from before a thinning is replaced whole, not appended to.
  Snapshot copy;
  session.snapshot(copy);
  CHECK(copy.batchLoss == end.batchLoss);
}
