// backstep train PRESET: trains a preset's network headless, with a progress bar per
// epoch, one line per epoch, and the history as CSV.
#include <chrono>
#include <csignal>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iostream>
#include <optional>
#include <stop_token>
#include <unistd.h>

#include "i18n/i18n.h"
#include "cli/commands.h"
#include "io/atomic_file.h"
#include "nn/diagnostics.h"
#include "nn/model_file.h"
#include "nn/preset.h"

namespace bs::cli {

namespace {

struct TrainArgs {
  std::string preset, data, out, save, load, confusion, boundary;
  int grid = 96;
  double extent = 1.6;
  int epochs = -1, threads = 2, batch = -1, records = 10000;
  long long seed = -1;
  double lr = 0;
  bool quiet = false;
};

std::string clock(double s) {
  char buf[32];
  const long t = std::lround(std::max(0.0, s));
  std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

// Redraws one line on stderr, at most every 0.1 s.
class ProgressBar {
 public:
  void draw(const nn::Progress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (p.batch < p.batches && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    constexpr int W = 24;
    const int filled = p.batches ? W * p.batch / p.batches : W;
    const double rate = p.seconds > 0 ? p.batch / p.seconds : 0;
    std::fprintf(stderr, tr("\repoch %d/%d [%s%s] %d/%d  loss %.5f  acc %.4f  %.0f batch/s  %s left "), p.epoch, p.epochs,
                 std::string(size_t(filled), '#').c_str(), std::string(size_t(W - filled), '.').c_str(), p.batch, p.batches,
                 p.loss, p.acc, rate, clock(rate > 0 ? (p.batches - p.batch) / rate : 0).c_str());
    std::fflush(stderr);
  }
  void clear() { std::fprintf(stderr, "\r%100s\r", ""); }

 private:
  std::chrono::steady_clock::time_point last_{};
};

// Ctrl-C during training: the first one stops the run after the current batch, so the
// history so far is written and the program exits cleanly; the handler resets itself,
// so a second Ctrl-C ends the program at once.
volatile std::sig_atomic_t interrupted = 0;
void onInterrupt(int) { interrupted = 1; }

void catchInterrupt() {
  struct sigaction sa {};
  sa.sa_handler = onInterrupt;
  sa.sa_flags = SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// Writes each output that was asked for; one that fails is reported and the others are
// still written. Returns whether all were.
bool writeOutputs(const std::vector<std::pair<std::string, std::function<std::string()>>>& outputs) {
  bool ok = true;
  for (const auto& [path, bytes] : outputs) {
    if (path.empty()) continue;
    try {
      io::writeFileAtomically(path, bytes());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "error: %s\n", e.what());  // i18n: the same word in Spanish
      ok = false;
    }
  }
  return ok;
}

void printEpoch(const nn::EpochStats& e) {
  std::printf(tr("epoch %3d  train_loss %.5f  train_acc %.4f"), e.epoch, e.trainLoss, e.trainAcc);
  if (e.hasTest) std::printf(tr("  test_loss %.5f  test_acc %.4f"), e.testLoss, e.testAcc);
  std::printf("  %.2f s\n", e.seconds);
  std::fflush(stdout);
}

}  // namespace

Run addTrain(CLI::App& app) {
  auto a = std::make_shared<TrainArgs>();
  auto* sub = app.add_subcommand("train", tr("Train an experiment preset (ex3, ex4, ex5.1-mse, ..., ex6, ex7, ex8, svm, softmax)"));
  sub->add_option("preset", a->preset, tr("A preset file (.json) or a built-in preset name"))->required();
  sub->add_option("--data", a->data, tr("CIFAR-10 folder or cifar-10-binary.tar.gz (default: $BACKSTEP_DATA, ./cifar-10-batches-bin, ~/cifar-10-batches-bin)"));
  sub->add_option("--data-records", a->records, tr("Records per CIFAR-10 file (10000; tests use small files)"))->check(CLI::PositiveNumber);
  sub->add_option("--epochs", a->epochs, tr("Epochs (default: the preset's; 0 with --load evaluates only)"))->check(CLI::NonNegativeNumber);
  sub->add_option("--lr", a->lr, tr("Learning rate (default: the preset's)"))->check(CLI::PositiveNumber);
  sub->add_option("--batch", a->batch, tr("Batch size, 0 for the whole set (default: the preset's)"))->check(CLI::NonNegativeNumber);
  sub->add_option("--seed", a->seed, tr("Random seed (default: the preset's)"))->check(CLI::NonNegativeNumber);
  sub->add_option("--threads", a->threads, tr("Threads for matrix products (default 2)"))->check(CLI::Range(1, 256));
  sub->add_option("--out", a->out, tr("Write the per-epoch history as CSV"));
  sub->add_option("--save", a->save, tr("Save the trained parameters (and the preset) to this file"));
  sub->add_option("--load", a->load, tr("Start from parameters saved with --save"));
  sub->add_option("--confusion", a->confusion, tr("Write the test set's confusion matrix (classifiers) as CSV, as the window shows it"));
  sub->add_option("--boundary", a->boundary, tr("Write the output over the input plane (two-input networks) as CSV: x0,x1,output"));
  sub->add_option("--grid", a->grid, tr("With --boundary: points per side (default 96)"))->check(CLI::Range(2, 1024));
  sub->add_option("--extent", a->extent, tr("With --boundary: the plane is [-extent, extent]^2 (default 1.6)"))->check(CLI::PositiveNumber);
  sub->add_flag("--quiet,-q", a->quiet, tr("No progress bar and no per-epoch lines: only the result"));
  return [a]() {
    nn::PresetOverrides change;
    if (a->epochs >= 0) change.epochs = a->epochs;
    if (a->lr > 0) change.lr = a->lr;
    if (a->batch >= 0) change.batch = a->batch;
    if (a->seed >= 0) change.seed = std::uint64_t(a->seed);
    nn::Preset p = nn::withOverrides(nn::loadPreset(a->preset), change);
    p.train.threads = a->threads;
    if (!a->quiet) std::printf(trn("%s: %s, %d thread\n", "%s: %s, %d threads\n", (unsigned long)a->threads), p.name.c_str(),
                                p.summary().c_str(), a->threads);

    // Check the model file and the outputs asked for before spending time on the data.
    for (const std::string* out : {&a->out, &a->save, &a->confusion, &a->boundary})
      if (!out->empty()) io::checkWritable(*out);
    nn::Model model = p.build();
    if (!a->boundary.empty() && !nn::mapsPlane(model))
      return fail("--boundary: " + p.name + " does not map two inputs to one output");
    if (!a->load.empty()) nn::applyModel(nn::readModel(a->load), a->load, p, model);

    const auto t0 = std::chrono::steady_clock::now();
    const std::string dataPath = p.needsCifar() ? data::findCifar(a->data) : "";
    nn::PreparedData d = nn::prepareData(p, dataPath, a->records);
    if (!a->confusion.empty() && (!d.test || d.test->classes() <= 0))
      return fail("--confusion: " + p.name + " is not a classifier of classes with a test set");
    if (!a->quiet && p.needsCifar())
      std::printf(tr("data: %d training and %d test images from %s (%.2f s)\n"), d.train->size(), d.test->size(), dataPath.c_str(),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());

    nn::Trainer trainer(model, p.train);
    nn::Callbacks cb;
    ProgressBar bar;
    const bool showBar = !a->quiet && isatty(STDERR_FILENO);
    std::stop_source stop;
    cb.batch = [&](const nn::Progress& pr) {
      if (showBar) bar.draw(pr);
      if (interrupted) stop.request_stop();
    };
    if (!a->quiet) cb.epoch = [&](const nn::EpochStats& e) {
      if (showBar) bar.clear();
      printEpoch(e);
    };
    catchInterrupt();
    nn::Run run = trainer.fit(*d.train, d.test.get(), cb, stop.get_token());
    run.preset = p.name;
    if (showBar) bar.clear();
    const bool diverged = run.status == nn::RunStatus::Diverged;
    // The window's other views, as numbers (a second executor only when asked for).
    std::optional<nn::Predictor> predictor;
    if (!diverged && (!a->confusion.empty() || !a->boundary.empty())) predictor.emplace(model, trainer.executor());
    const bool written = writeOutputs({
        {a->out, [&] { return run.csv(); }},
        {diverged ? "" : a->save, [&] { return nn::modelBytes(p.name, p.source, model); }},
        {diverged ? "" : a->confusion,
         [&] {
           return nn::confusionCsv(nn::confusionMatrix(*predictor, *d.test, d.test->size()),
                                   d.cifar ? d.cifar->classNames : std::vector<std::string>{});
         }},
        {diverged ? "" : a->boundary,
         [&] {
           const Mat<float> plane = nn::planeGrid(a->grid, a->extent);
           return nn::planeCsv(plane, predictor->predict(plane));
         }},
    });
    if (run.every > 1 && !a->out.empty())
      std::fprintf(stderr, tr("%s holds one epoch in %d (and the last): a history keeps at most %zu rows\n"), a->out.c_str(), run.every,
                   nn::Run::kMaxHistory);

    if (diverged) {
      std::fprintf(stderr, "error: %s\n", run.message.c_str());  // i18n: the same word in Spanish
      if (!a->out.empty()) std::fprintf(stderr, tr("the %d epoch(s) before it are in %s\n"), run.epochsDone(), a->out.c_str());
      if (!a->save.empty()) std::fprintf(stderr, tr("nothing saved to %s (the parameters are not finite)\n"), a->save.c_str());
      return 1;
    }
    if (!written) return 2;
    if (run.status == nn::RunStatus::Stopped) {
      std::fprintf(stderr, tr("interrupted: %s"), run.message.c_str());
      if (!a->out.empty()) std::fprintf(stderr, tr("; the %d finished epoch(s) are in %s"), run.epochsDone(), a->out.c_str());
      if (!a->save.empty()) std::fprintf(stderr, tr("; the parameters so far are in %s"), a->save.c_str());
      std::fprintf(stderr, "\n");
      return 130;  // the shell's code for a program ended by Ctrl-C
    }
    if (run.history.empty()) {
      auto [loss, acc] = trainer.evaluate(*d.test);
      std::printf(tr("%s: test_loss %.5f  test_acc %.4f\n"), p.name.c_str(), loss, acc);
      return 0;
    }
    const nn::EpochStats& last = run.history.back();
    int bestEpoch = 0;
    double best = -1;
    for (const auto& e : run.history)
      if (e.testAcc > best) best = e.testAcc, bestEpoch = e.epoch;
    double secs = 0;
    for (const auto& e : run.history) secs += e.seconds;
    std::printf(tr("%s: %d epochs, final test_acc %.4f (best %.4f at epoch %d), train_acc %.4f, %.1f s\n"), p.name.c_str(),
                last.epoch, last.testAcc, best, bestEpoch, last.trainAcc, secs);
    return 0;
  };
}

}  // namespace bs::cli
