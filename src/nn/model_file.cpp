#include "nn/model_file.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "io/atomic_file.h"
#include "io/read_file.h"
#include "nn/run.h"
#include "i18n/i18n.h"

namespace bs::nn {

namespace {

constexpr char kMagic[8] = {'B', 'S', 'M', 'O', 'D', 'E', 'L', '1'};
// The largest preset network (10 000-unit layers) stays far below this.
constexpr std::uintmax_t kMaxModelBytes = std::uintmax_t(1) << 30;

std::uint64_t fnv1a(const char* p, size_t n) {
  std::uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 1099511628211ull;
  return h;
}

void putU64(std::string& s, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) s += char((v >> (8 * i)) & 0xff);
}
void putStr(std::string& s, const std::string& v) {
  putU64(s, v.size());
  s += v;
}

// Reads little-endian fields, failing with the file's name on a short read.
class Cursor {
 public:
  Cursor(const std::string& data, size_t end, const std::string& path) : d_(data), end_(end), path_(path) {}
  std::uint64_t u64() {
    need(8);
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= std::uint64_t(static_cast<unsigned char>(d_[pos_ + size_t(i)])) << (8 * i);
    pos_ += 8;
    return v;
  }
  std::string str() {
    const std::uint64_t n = u64();
    need(n);
    std::string s = d_.substr(pos_, size_t(n));
    pos_ += size_t(n);
    return s;
  }
  double f64() {
    std::uint64_t bits = u64();
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
  }
  void need(std::uint64_t n) const {
    if (n > end_ - pos_) throw ModelFileError(fmt(tr("{}: the model file is damaged (it ends too early)"), path_));
  }
  size_t pos_ = sizeof kMagic;

 private:
  const std::string& d_;
  size_t end_;
  const std::string& path_;
};

}  // namespace

std::string modelBytes(const std::string& presetName, const std::string& presetSource, const Model& m) {
  std::string s(kMagic, sizeof kMagic);
  putStr(s, presetName);
  putStr(s, presetSource);
  putU64(s, m.params.size());
  for (int id : m.params) {
    const Node& n = m.graph.node(id);
    putStr(s, n.name);
    putU64(s, std::uint64_t(n.value.rows()));
    putU64(s, std::uint64_t(n.value.cols()));
    for (Index i = 0; i < n.value.size(); ++i) {
      std::uint64_t bits;
      const double v = n.value(i);
      std::memcpy(&bits, &v, 8);
      putU64(s, bits);
    }
  }
  putU64(s, fnv1a(s.data(), s.size()));
  return s;
}

void saveModel(const std::string& path, const std::string& presetName, const std::string& presetSource, const Model& m) {
  io::writeFileAtomically(path, modelBytes(presetName, presetSource, m));
}

SavedModel readModel(const std::string& path) {
  std::string d;
  try {
    d = io::readFile(path, kMaxModelBytes, tr("a model file"));
  } catch (const std::runtime_error& e) {
    throw ModelFileError(e.what());
  }
  if (d.size() < sizeof kMagic + 8 || std::memcmp(d.data(), kMagic, sizeof kMagic) != 0)
    throw ModelFileError(fmt(tr("{}: not a Backstep model file (written by backstep train --save)"), path));
  const size_t end = d.size() - 8;
  Cursor tail(d, d.size(), path);
  tail.pos_ = end;
  if (tail.u64() != fnv1a(d.data(), end)) throw ModelFileError(fmt(tr("{}: the model file is damaged (checksum mismatch)"), path));
  Cursor c(d, end, path);
  SavedModel m;
  m.preset = c.str();
  m.presetSource = c.str();
  const std::uint64_t count = c.u64();
  for (std::uint64_t k = 0; k < count; ++k) {
    std::string name = c.str();
    const std::uint64_t rows = c.u64(), cols = c.u64();
    if (rows == 0 || cols == 0 || rows > (1u << 24) || cols > (1u << 24)) throw ModelFileError(fmt(tr("{}: the model file is damaged (bad shape)"), path));
    c.need(rows * cols * 8);
    Tensor t(static_cast<Index>(rows), static_cast<Index>(cols));
    for (Index i = 0; i < t.size(); ++i) {
      t(i) = c.f64();
      // A trained network never holds these (a diverged run is not saved): a damaged
      // or hand-made file would give NaN outputs with no word of why.
      if (!std::isfinite(t(i))) {
        char value[32];
        std::snprintf(value, sizeof value, "%g", t(i));
        throw ModelFileError(fmt(tr("{}: parameter {} ({}, {}) is {}; a model file holds finite numbers only"), path, name,
                                 i % t.rows(), i / t.rows(), value));
      }
    }
    m.params.emplace_back(std::move(name), std::move(t));
  }
  if (c.pos_ != end) throw ModelFileError(fmt(tr("{}: the model file is damaged (extra bytes)"), path));
  return m;
}

void applyModel(const SavedModel& saved, const std::string& path, const Preset& preset, Model& m) {
  if (saved.preset != preset.name)
    throw ModelFileError(fmt(tr("{}: this model belongs to preset '{}', not '{}'"), path, saved.preset, preset.name));
  if (saved.presetSource != preset.source) {
    // Another text of the same name: the training settings may differ, not what the
    // parameters mean (the data, its preprocessing, the layers, the loss).
    std::string stored;
    try {
      stored = parsePreset(saved.presetSource, saved.preset).architecture();
    } catch (const PresetError& e) {
      throw ModelFileError(fmt(tr("{}: the preset stored in the model file cannot be read ({})"), path, e.what()));
    }
    if (stored != preset.architecture())
      throw ModelFileError(fmt(tr("{}: this model was trained with another {} ({}), not {}"), path, preset.name, stored,
                               preset.architecture()));
  }
  if (saved.params.size() != m.params.size())
    throw ModelFileError(fmt(tr("{}: the model has {} parameters, the network {} (the preset's layers changed?)"), path,
                             saved.params.size(), m.params.size()));
  for (size_t i = 0; i < m.params.size(); ++i) {
    const Node& n = m.graph.node(m.params[i]);
    const auto& [name, value] = saved.params[i];
    if (name != n.name || shapeOf(value) != n.shape)
      throw ModelFileError(fmt(tr("{}: parameter {} ({}) does not fit {} ({}); the preset's layers changed?"), path, name,
                               shapeOf(value).str(), n.name, n.shape.str()));
  }
  for (size_t i = 0; i < m.params.size(); ++i) m.graph.setValue(m.params[i], saved.params[i].second);
}

}  // namespace bs::nn
