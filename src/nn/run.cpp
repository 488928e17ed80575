#include "nn/run.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace bs::nn {

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

void Run::writeCsv(const std::string& path) const { writeFileAtomically(path, csv()); }

void writeFileAtomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const fs::path tmp = target.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error(path + ": cannot write the file");
    f.write(text.data(), std::streamsize(text.size()));
    f.flush();
    if (!f) {
      f.close();
      fs::remove(tmp, ec);
      throw std::runtime_error(path + ": writing failed (disk full?)");
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error(path + ": cannot replace the file");
  }
}

}  // namespace bs::nn
