// backstep bench cifar: seconds per epoch and GFLOP/s of a CIFAR-10 preset, next to
// the raw rate of the same matrix products, for comparison with ../shared/bench.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sys/resource.h>

#include "i18n/i18n.h"
#include "cli/commands.h"
#include "core/gemm.h"
#include "core/thread_pool.h"
#include "nn/preset.h"


namespace bs::cli {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct BenchArgs {
  std::string what = "cifar", preset = "ex3", data, kernel;
  int epochs = 3, threads = 2;
};

// Matrix-product FLOPs of one epoch (2 per multiply-add), counted as
// ../shared/bench/cifar_common.py does: forward and backward (dW for every layer, dX
// for all but the first) on the training set, forward on the test set.
double gflopPerEpoch(const nn::Model& m, double nTrain, double nTest) {
  double fwd = 0, bwd = 0;
  bool first = true;
  for (size_t i = 0; i < m.params.size(); i += 2) {
    const Shape s = m.graph.node(m.params[i]).shape;
    const double mk = double(s.rows) * double(s.cols);
    fwd += 2 * mk;
    bwd += 2 * mk + (first ? 0 : 2 * mk);
    first = false;
  }
  return (nTrain * (fwd + bwd) + nTest * fwd) / 1e9;
}

// The rate of this preset's first-layer products alone (forward and dW, batch 100),
// through the matmul op's own kernels, as training runs them.
double gemmRate(const nn::Model& m, int batch, int threads) {
  const Shape s = m.graph.node(m.params[0]).shape;
  const auto& k = findOp("matmul")->f;
  Mat<float> W = Mat<float>::Random(s.rows, s.cols), x = Mat<float>::Random(s.cols, batch);
  Mat<float> y, up = Mat<float>::Random(s.rows, batch), dW;
  const Mat<float>* ins[] = {&W, &x};
  ThreadPool pool(threads);
  const Args<float> args{ins, {}, &pool};
  const double flop = 2.0 * 2.0 * double(s.rows) * double(s.cols) * batch;
  std::vector<double> rates;
  for (int rep = 0; rep < 5; ++rep) {
    const auto t0 = Clock::now();
    int n = 0;
    while (since(t0) < 0.2) {
      k.forward(args, y);
      k.vjp(0, args, y, up, dW);
      ++n;
    }
    rates.push_back(flop * n / since(t0) / 1e9);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

}  // namespace

Run addBench(CLI::App& app) {
  auto a = std::make_shared<BenchArgs>();
  auto* sub = app.add_subcommand("bench", tr("Time CIFAR-10 training epochs with plain SGD, like ../shared/bench (seconds per epoch, GFLOP/s)"));
  sub->add_option("what", a->what, tr("What to time: cifar"))->check(CLI::IsMember({"cifar"}));
  sub->add_option("--preset", a->preset, tr("A CIFAR-10 preset (default ex3)"));
  sub->add_option("--epochs", a->epochs, tr("Epochs (default 3; the median is over epochs 2..N)"))->check(CLI::Range(1, 1000));
  sub->add_option("--threads", a->threads, tr("Threads for matrix products (default 2)"))->check(CLI::Range(1, 256));
  sub->add_option("--data", a->data, tr("CIFAR-10 folder or .tar.gz (default: as for train)"));
  sub->add_option("--kernel", a->kernel, tr("Matrix product kernels: openblas or eigen (default: openblas when built with it)"))
      ->check(CLI::IsMember({"openblas", "eigen"}));
  return [a]() {
    if (!a->kernel.empty()) {
      GemmKernel k;
      if (!parseGemmKernel(a->kernel, k)) throw std::invalid_argument("--kernel " + a->kernel + ": this build has no OpenBLAS");
      setGemmKernel(k);
    }
    nn::Preset p = nn::loadPreset(a->preset);
    if (!p.needsCifar()) throw std::invalid_argument(p.name + " does not train on CIFAR-10");
    p.train.epochs = a->epochs;
    p.train.threads = a->threads;
    // The references in ../shared/bench train with plain SGD: time the same work.
    p.train.optimizer.kind = nn::OptimizerSpec::Sgd;
    const std::string path = data::findCifar(a->data);
    auto t0 = Clock::now();
    nn::PreparedData d = nn::prepareData(p, path);
    const double loadSec = since(t0);
    nn::Model model = p.build();
    nn::Trainer trainer(model, p.train);
    const std::string kernel = gemmKernelName(gemmKernel());
    std::printf("%s, float32, %d threads, products by %s\n", p.summary().c_str(), a->threads, kernel.c_str());
    std::printf("load + preprocess: %.3f s\n", loadSec);
    nn::Callbacks cb;
    cb.epoch = [](const nn::EpochStats& e) {
      std::printf("epoch %d  %.3f s  test_acc %.4f\n", e.epoch, e.seconds, e.testAcc);
      std::fflush(stdout);
    };
    nn::Run run = trainer.fit(*d.train, d.test.get(), cb);
    std::vector<double> secs;
    for (size_t i = run.history.size() > 1 ? 1 : 0; i < run.history.size(); ++i) secs.push_back(run.history[i].seconds);
    if (secs.empty()) throw std::runtime_error("no epoch finished: " + run.message);
    std::sort(secs.begin(), secs.end());
    const double median = secs[secs.size() / 2];
    const double gflop = gflopPerEpoch(model, d.train->size(), d.test->size());
    const double gemm = gemmRate(model, std::max(1, p.train.batch), a->threads);
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("median epoch (epochs 2..N): %.3f s, %.1f GFLOP/epoch, %.1f GFLOP/s\n", median, gflop, gflop / median);
    std::printf("raw GEMM (first layer forward + dW, batch %d): %.1f GFLOP/s; training reaches %.0f%% of it\n",
                p.train.batch, gemm, 100 * gflop / median / gemm);
    std::printf("peak memory: %.0f MB\n", double(ru.ru_maxrss) / 1024);
    std::printf("{\"impl\": \"backstep\", \"exp\": \"%s\", \"kernel\": \"%s\", \"threads\": %d, \"median_epoch_sec\": %.4f, \"gflops\": %.2f, "
                "\"gemm_gflops\": %.2f, \"load_sec\": %.3f, \"peak_mb\": %.0f, \"final_test_acc\": %.4f}\n",
                p.name.c_str(), kernel.c_str(), a->threads, median, gflop / median, gemm, loadSec, double(ru.ru_maxrss) / 1024,
                run.history.back().testAcc);
    return 0;
  };
}

}  // namespace bs::cli
