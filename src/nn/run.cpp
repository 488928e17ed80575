#include "nn/run.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

#include "io/atomic_file.h"

namespace bs::nn {

bool addBounded(std::vector<EpochStats>& history, int& every, size_t maxRows, const EpochStats& e) {
  // The last row was kept only for being the last.
  if (!history.empty() && history.back().epoch % every != 0) history.pop_back();
  bool thinned = false;
  while (history.size() >= std::max<size_t>(maxRows, 1)) {
    every *= 2;
    std::erase_if(history, [&](const EpochStats& h) { return h.epoch % every != 0; });
    thinned = true;
  }
  history.push_back(e);
  return thinned;
}

void Run::add(const EpochStats& e) { addBounded(history, every, kMaxHistory, e); }

double Run::bestTestAcc() const {
  double best = 0;
  for (const auto& e : history) best = std::max(best, e.hasTest ? e.testAcc : e.trainAcc);
  return best;
}

std::string Run::csv() const {
  std::string s = "epoch,train_loss,train_acc,test_loss,test_acc\n";
  char buf[160];
  for (const auto& e : history) {
    if (e.hasTest)
      std::snprintf(buf, sizeof buf, "%d,%.9g,%.6g,%.9g,%.6g\n", e.epoch, e.trainLoss, e.trainAcc, e.testLoss, e.testAcc);
    else
      std::snprintf(buf, sizeof buf, "%d,%.9g,%.6g,,\n", e.epoch, e.trainLoss, e.trainAcc);
    s += buf;
  }
  return s;
}

void Run::writeCsv(const std::string& path) const { io::writeFileAtomically(path, csv()); }

}  // namespace bs::nn
