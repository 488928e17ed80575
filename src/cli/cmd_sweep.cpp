// backstep sweep PRESET --n 2..10 --hidden 1..10: exercise 7's parity sweep, one run
// per (N bits, N' hidden units), accuracy against N' for each N.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "i18n/i18n.h"
#include "cli/commands.h"
#include "io/atomic_file.h"
#include "nn/preset.h"
#include "nn/run.h"

namespace bs::cli {

namespace {

struct SweepArgs {
  std::string preset = "ex7", n = "2..10", hidden = "1..10", out;
  int epochs = -1, threads = 1;
  double lr = 0;
  bool quiet = false;
};

// "2..10", "3", or "2,4,8", each value from 1 to 20: the ends are checked before the
// list is made (1..2147483647 is refused, not counted up to).
std::vector<int> parseRange(const std::string& s, const std::string& what) {
  auto value = [&](const std::string& t) {
    size_t used = 0;
    long long v = 0;
    try {
      v = std::stoll(t, &used);
    } catch (const std::out_of_range&) {
      v = std::strtod(t.c_str(), nullptr) < 0 ? -1 : 21;  // told with %g below, not digit by digit
      used = t.size();
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != t.size()) throw std::invalid_argument(what + " '" + s + "' is not a range like 2..10, 3 or 2,4,8");
    if (v < 1 || v > 20) {
      char buf[64];
      std::snprintf(buf, sizeof buf, tr(" values must be from 1 to 20, not %g"), std::strtod(t.c_str(), nullptr));
      throw std::invalid_argument(what + buf);
    }
    return int(v);
  };
  std::vector<int> v;
  if (auto dots = s.find(".."); dots != std::string::npos) {
    const int lo = value(s.substr(0, dots)), hi = value(s.substr(dots + 2));
    if (lo > hi) throw std::invalid_argument(what + " '" + s + "' is empty: write the smaller end first (2..10)");
    for (int i = lo; i <= hi; ++i) v.push_back(i);
  } else {
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ',')) v.push_back(value(item));
  }
  if (v.empty()) throw std::invalid_argument(what + " '" + s + "' is not a range like 2..10, 3 or 2,4,8");
  return v;
}

}  // namespace

Run addSweep(CLI::App& app) {
  auto a = std::make_shared<SweepArgs>();
  auto* sub = app.add_subcommand("sweep", tr("Exercise 7: train parity for each number of bits N and hidden units N'"));
  sub->add_option("preset", a->preset, tr("A parity preset (default ex7)"));
  sub->add_option("--n", a->n, tr("Bits N: a range 2..10, one value, or a list 2,4,8 (default 2..10)"));
  sub->add_option("--hidden", a->hidden, tr("Hidden units N' (default 1..10)"));
  sub->add_option("--epochs", a->epochs, tr("Epochs per run (default: the preset's)"))->check(CLI::NonNegativeNumber);
  sub->add_option("--lr", a->lr, tr("Learning rate (default: the preset's)"))->check(CLI::PositiveNumber);
  sub->add_option("--threads", a->threads, tr("Threads for matrix products (default 1: the matrices are tiny)"))->check(CLI::Range(1, 256));
  sub->add_option("--out", a->out, tr("Write one CSV row per run"));
  sub->add_flag("--quiet,-q", a->quiet, tr("Print only the table"));
  return [a]() {
    nn::Preset base = nn::loadPreset(a->preset);
    const std::vector<int> ns = parseRange(a->n, "--n"), hs = parseRange(a->hidden, "--hidden");
    if (a->epochs >= 0) base.train.epochs = a->epochs;
    if (a->lr > 0) base.train.optimizer.lr = a->lr;
    base.train.threads = a->threads;
    // Before the first run: the output, and the largest run's memory (the most bits in
    // one batch, the most units), so a sweep never fails hours in.
    if (!a->out.empty()) io::checkWritable(a->out);
    nn::Preset largest = base;
    nn::setParity(largest, *std::max_element(ns.begin(), ns.end()), *std::max_element(hs.begin(), hs.end()));
    largest.checkBudget();
    std::string csv = "n,hidden,lr,epochs,seed,final_loss,final_acc,best_acc,solved_epoch\n";
    std::printf(tr("accuracy after %d epochs (rows: N bits, columns: N' hidden units)\n    N'"), base.train.epochs);
    for (int h : hs) std::printf(" %5d", h);
    std::printf("\n");
    for (int n : ns) {
      std::printf("N=%2d  ", n);
      for (int h : hs) {
        nn::Preset p = base;
        nn::setParity(p, n, h);
        nn::Model model = p.build();
        nn::PreparedData d = nn::prepareData(p, "");
        nn::Trainer trainer(model, p.train);
        nn::Run run = trainer.fit(*d.train, d.test.get());
        int solved = 0;
        for (const auto& e : run.history)
          if (e.testAcc >= 1.0) { solved = e.epoch; break; }
        const double acc = run.history.empty() ? 0 : run.history.back().testAcc;
        const double loss = run.history.empty() ? 0 : run.history.back().testLoss;
        char row[200];
        std::snprintf(row, sizeof row, "%d,%d,%g,%d,%llu,%.9g,%.6g,%.6g,%d\n", n, h, p.train.optimizer.lr, p.train.epochs,
                      (unsigned long long)p.seed, loss, acc, run.bestTestAcc(), solved);
        csv += row;
        std::printf(" %5.2f%s", acc, run.status == nn::RunStatus::Diverged ? "!" : "");
        std::fflush(stdout);
      }
      std::printf("\n");
    }
    std::printf(tr("accuracy: outputs beyond ±%g on the target's side; ! = the loss diverged\n"), base.train.metric.threshold);
    if (!a->out.empty()) io::writeFileAtomically(a->out, csv);
    return 0;
  };
}

}  // namespace bs::cli
