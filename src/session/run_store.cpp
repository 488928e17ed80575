#include "session/run_store.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/atomic_file.h"
#include "io/read_file.h"
#include "nn/preset.h"
#include "i18n/i18n.h"
namespace bs::app {

namespace {

constexpr const char* kHeader = "epoch,train_loss,train_acc,test_loss,test_acc";

std::vector<std::string> splitFields(const std::string& line) {
  std::vector<std::string> f(1);
  for (char c : line) {
    if (c == ',') f.emplace_back();
    else f.back() += c;
  }
  return f;
}

double number(const std::string& field, const std::string& where, const char* column) {
  size_t used = 0;
  double v = 0;
  try {
    v = std::stod(field, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != field.size())
    throw std::runtime_error(where + ": " + column + " must be a number, not '" + field + "'");
  return v;
}

std::string formatG(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// A loss (the data loss: mse, cross-entropy and hinge are never negative) or an
// accuracy (a share of the samples): anything else is a damaged or hand-made file.
double loss(const std::string& field, const std::string& where, const char* column) {
  const double v = number(field, where, column);
  if (!std::isfinite(v) || v < 0)
    throw std::runtime_error(where + ": " + column + " must be a finite number of at least 0, not " + formatG(v));
  return v;
}
double accuracy(const std::string& field, const std::string& where, const char* column) {
  const double v = number(field, where, column);
  if (!(v >= 0 && v <= 1)) throw std::runtime_error(where + ": " + column + " must be from 0 to 1, not " + formatG(v));
  return v;
}

std::string stripCr(std::string s) {
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

}  // namespace

nn::Run parseRunCsv(const std::string& text, const std::string& what) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || stripCr(line) != kHeader)
    throw std::runtime_error(what + ":1: expected the header '" + std::string(kHeader) + "' (a CSV written by `backstep train --out`)");
  nn::Run run;
  int lineNo = 1;
  while (std::getline(in, line)) {
    ++lineNo;
    line = stripCr(line);
    if (line.empty()) continue;
    const std::string where = what + ":" + std::to_string(lineNo);
    const auto f = splitFields(line);
    if (f.size() != 5) throw std::runtime_error(where + ": expected 5 fields, found " + std::to_string(f.size()));
    nn::EpochStats e;
    const double epoch = number(f[0], where, "epoch");
    if (epoch != std::floor(epoch) || epoch < 1 || epoch > 1e9) throw std::runtime_error(where + ": epoch must be a whole number from 1");
    e.epoch = int(epoch);
    if (!run.history.empty() && e.epoch <= run.history.back().epoch)
      throw std::runtime_error(where + ": epoch " + f[0] + " does not follow epoch " + std::to_string(run.history.back().epoch));
    e.trainLoss = loss(f[1], where, "train_loss");
    e.trainAcc = accuracy(f[2], where, "train_acc");
    e.hasTest = !(f[3].empty() && f[4].empty());
    if (e.hasTest) {
      e.testLoss = loss(f[3], where, "test_loss");
      e.testAcc = accuracy(f[4], where, "test_acc");
    }
    run.history.push_back(e);
  }
  return run;
}

nn::Run readRunCsv(const std::string& path) {
  return parseRunCsv(io::readFile(path, 256 << 20, tr("a run CSV")), path);
}

const char* runMetricName(RunMetric m) {
  switch (m) {
    case RunMetric::TrainLoss: return tr("train loss");
    case RunMetric::TrainAcc: return tr("train accuracy");
    case RunMetric::TestLoss: return tr("test loss");
    case RunMetric::TestAcc: return tr("test accuracy");
  }
  return "";
}

namespace {
// The data a preset trains on, or "" when the name is no preset.
std::string datasetOf(const std::string& preset) {
  try {
    return nn::loadPreset(preset).dataset;
  } catch (const std::exception&) {
    return {};
  }
}
}  // namespace

int RunStore::add(nn::Run run) {
  int same = 1;
  for (const auto& r : runs_)
    if (r.run.preset == run.preset) ++same;
  StoredRun s;
  s.id = nextId_++;
  s.label = (run.preset.empty() ? std::string("run") : run.preset) + " #" + std::to_string(same);
  s.dataset = datasetOf(run.preset);
  s.run = std::move(run);
  runs_.push_back(std::move(s));
  return runs_.back().id;
}

int RunStore::open(const std::string& path) {
  nn::Run run = readRunCsv(path);
  // A file saved as ex3.csv counts as a run of ex3 (for the course comparison).
  run.preset = std::filesystem::path(path).stem().string();
  StoredRun s;
  s.id = nextId_++;
  s.label = std::filesystem::path(path).filename().string();
  s.dataset = datasetOf(run.preset);
  s.run = std::move(run);
  s.saved = true;
  runs_.push_back(std::move(s));
  return runs_.back().id;
}

void RunStore::save(int id, const std::string& path) {
  StoredRun* r = find(id);
  if (!r) throw std::out_of_range("no run with id " + std::to_string(id));
  r->run.writeCsv(path);
  r->saved = true;
}

int RunStore::unsaved() const {
  return int(std::count_if(runs_.begin(), runs_.end(), [](const StoredRun& r) { return !r.saved; }));
}

void RunStore::saveUnsaved(const std::string& dir) {
  for (StoredRun& r : runs_) {
    if (r.saved) continue;
    std::string name;  // "ex3 #2" -> "ex3-2"
    for (char c : r.label)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') name += c;
      else if (!name.empty() && name.back() != '-') name += '-';
    save(r.id, (std::filesystem::path(dir) / (name + ".csv")).string());
  }
}

void RunStore::remove(int id) {
  std::erase_if(runs_, [id](const StoredRun& r) { return r.id == id; });
}

StoredRun* RunStore::find(int id) {
  for (auto& r : runs_)
    if (r.id == id) return &r;
  return nullptr;
}

const StoredRun* RunStore::find(int id) const { return const_cast<RunStore*>(this)->find(id); }

std::string RunStore::setOverlaid(int id, bool on) {
  StoredRun* r = find(id);
  if (!r) return {};
  r->overlaid = on;
  std::string off;
  if (on && !r->dataset.empty())
    for (StoredRun& o : runs_)
      if (o.overlaid && !o.dataset.empty() && o.dataset != r->dataset) {
        o.overlaid = false;
        off += (off.empty() ? "" : ", ") + o.label;
      }
  return off.empty() ? off : fmt(tr("took off {}: not on {} like {}"), off, r->dataset, r->label);
}

std::vector<int> RunStore::overlaid() const {
  std::vector<int> ids;
  for (const auto& r : runs_)
    if (r.overlaid) ids.push_back(r.id);
  return ids;
}

std::vector<std::string> RunStore::overlayCourseComparison() {
  for (auto& r : runs_) r.overlaid = false;
  std::vector<std::string> missing;
  for (const std::string& preset : coursePresets()) {
    StoredRun* latest = nullptr;
    for (auto& r : runs_)
      if (r.run.preset == preset && !r.run.history.empty()) latest = &r;
    if (latest) latest->overlaid = true;
    else missing.push_back(preset);
  }
  return missing;
}

std::vector<plot::Series> RunStore::overlay(RunMetric metric) const {
  std::vector<plot::Series> out;
  const bool test = metric == RunMetric::TestLoss || metric == RunMetric::TestAcc;
  for (const auto& r : runs_) {
    if (!r.overlaid) continue;
    plot::Series s;
    s.name = r.label;
    s.colour = lineColour(int(out.size()));
    for (const auto& e : r.run.history) {
      if (test && !e.hasTest) continue;
      s.x.push_back(e.epoch);
      s.y.push_back(metric == RunMetric::TrainLoss ? e.trainLoss
                    : metric == RunMetric::TrainAcc ? e.trainAcc
                    : metric == RunMetric::TestLoss ? e.testLoss
                                                    : e.testAcc);
    }
    if (!s.x.empty()) out.push_back(std::move(s));
  }
  return out;
}

std::uint32_t lineColour(int i) {
  // Tableau 10: distinct on white, in ImGui's ABGR order.
  static constexpr std::uint32_t rgb[] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                          0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
  const std::uint32_t c = rgb[size_t(std::max(i, 0)) % 10];
  return 0xff000000u | ((c & 0xff) << 16) | (c & 0xff00) | ((c >> 16) & 0xff);
}

std::string plotCsv(const std::vector<plot::Series>& series) {
  std::string s;
  size_t rows = 0;
  for (size_t i = 0; i < series.size(); ++i) {
    std::string name = series[i].name;
    std::replace(name.begin(), name.end(), ',', ' ');  // keep the columns apart
    s += (i ? "," : "") + name + " x," + name + " y";
    rows = std::max(rows, std::min(series[i].x.size(), series[i].y.size()));
  }
  s += "\n";
  char buf[64];
  for (size_t r = 0; r < rows; ++r) {
    for (size_t i = 0; i < series.size(); ++i) {
      if (i) s += ",";
      const auto& p = series[i];
      if (r < std::min(p.x.size(), p.y.size())) {
        std::snprintf(buf, sizeof buf, "%.10g,%.10g", p.x[r], p.y[r]);
        s += buf;
      } else {
        s += ",";
      }
    }
    s += "\n";
  }
  return s;
}

void exportPlotCsv(const std::string& path, const std::vector<plot::Series>& series) {
  io::writeFileAtomically(path, plotCsv(series));
}

}  // namespace bs::app
