#include "nn/preset_graph.h"

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <random>

#include "data/toy.h"
#include "lang/parser.h"
#include "lang/printer.h"
#include "nn/memory_budget.h"
#include "i18n/i18n.h"

namespace bs::nn {

namespace {

// Random byte images with random labels, for a graph to step through when the real
// data is not there. Enough of them that the preprocessing's statistics are not those
// of one or two images (one image standardised is all zeros).
data::ImageSet syntheticImages(int count, std::uint64_t seed) {
  data::ImageSet s;
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> byte(0, 255), label(0, data::ImageSet::kClasses - 1);
  s.pixels.resize(size_t(count) * data::ImageSet::kPixels);
  for (auto& p : s.pixels) p = std::uint8_t(byte(rng));
  for (int i = 0; i < count; ++i) s.labels.push_back(std::uint8_t(label(rng)));
  return s;
}

// x and t of the first `batch` images.
void imageBatch(const data::ImageSet& set, const data::Normalizer& norm, int batch, Mat<float>& x, Mat<float>& labels) {
  if (batch > set.size())
    throw std::invalid_argument("the batch of " + std::to_string(batch) + " samples is more than the " +
                                std::to_string(set.size()) + " training images");
  std::vector<int> idx(static_cast<size_t>(batch));
  std::iota(idx.begin(), idx.end(), 0);
  ImageDataset d(set, norm);
  d.inputs(idx, x);
  d.targets(idx, labels);
}

}  // namespace

PresetGraph presetGraph(const Preset& p, const PresetGraphOptions& o) {
  if (o.batch < 1) throw std::invalid_argument("the batch must be at least 1 sample, not " + std::to_string(o.batch));
  // The graph holds all of XOR's and parity's samples (2^20 for 20 bits), in doubles,
  // with their gradients: checked before the data is made.
  checkActivationBudget(p.build(), std::uint64_t(p.needsCifar() ? o.batch : p.trainingSamples()), 2 * sizeof(double),
                        fmt(tr("{}, its graph"), p.name), tr("a graph to step through needs fewer bits or fewer units"));
  Mat<float> x, labels;
  std::string note;
  bool synthetic = false;
  if (p.needsCifar()) {
    const std::string where = data::findCifar(o.data);
    std::error_code ec;
    const char* prep = data::preprocessName(p.preprocess);
    if (o.data.empty() && !std::filesystem::exists(where, ec)) {
      const data::ImageSet s = syntheticImages(std::max(o.batch, 100), p.seed + 2);
      imageBatch(s, data::Normalizer::fit(s, p.preprocess), o.batch, x, labels);
      synthetic = true;
      note = "x, t: " + std::to_string(o.batch) + " SYNTHETIC samples (random pixels, preprocessing " + prep +
             ", random labels): no CIFAR-10 at " + where + "; give --data or set BACKSTEP_DATA";
    } else {
      const data::Cifar c = data::loadCifar(where, o.recordsPerFile);
      imageBatch(c.train, data::Normalizer::fit(c.train, p.preprocess), o.batch, x, labels);
      note = "x, t: the first " + std::to_string(o.batch) + " CIFAR-10 training images of " + where +
             " (preprocessing " + prep + ") and their labels";
    }
  } else {
    const data::Toy t = data::parity(p.bits);
    x = t.x;
    labels = t.t;
    note = "x, t: the " + std::to_string(x.cols()) + " samples of " +
           (p.dataset == "xor" ? std::string("XOR") : std::to_string(p.bits) + "-bit parity") + ", every input in {-1, 1}^" +
           std::to_string(p.bits);
  }
  Model m = p.network.build(p.objective, int(x.cols()), p.seed);
  Graph& g = m.graph;
  g.setValue(m.input, x.cast<double>());
  if (m.objective.targets == TargetForm::OneHot) {
    Tensor t = Tensor::Zero(g.node(m.target).shape.rows, labels.cols());
    for (Index c = 0; c < labels.cols(); ++c) t(Index(labels(0, c)), c) = 1;
    g.setValue(m.target, t);
  } else {
    g.setValue(m.target, labels.cast<double>());
  }
  return {std::move(g), note, synthetic};
}

std::string presetGraphSource(const Preset& p, const PresetGraph& g) {
  auto comment = [](std::string s) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    return "# " + s + "\n";
  };
  return comment(p.name + ": " + (p.description.empty() ? p.summary() : p.description)) + comment(g.note) +
         comment("The weights are the preset's initial ones (seed " + std::to_string(p.seed) + ").") + printGraph(g.graph);
}

void registerPresetGraphs() {
  addGraphSource({"preset", presetNames, [](const std::string& name) -> std::optional<std::string> {
                    const auto names = presetNames();
                    if (std::find(names.begin(), names.end(), name) == names.end()) return std::nullopt;
                    const Preset p = loadPreset(name);
                    return presetGraphSource(p, presetGraph(p));
                  }});
}

}  // namespace bs::nn
