#include "nn/preset.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "data/toy.h"
#include "io/read_file.h"
#include "nn/memory_budget.h"
#include "assets/embedded.h"
#include "i18n/i18n.h"

namespace bs::nn {

namespace {

using json = nlohmann::json;
constexpr std::string_view kDir = "assets/experiments/", kExt = ".json";

// Reads keys of one JSON object, refusing keys it does not know (a typo would
// otherwise be silently ignored).
class Reader {
 public:
  Reader(const json& j, std::string where, const std::string& file) : j_(j), where_(std::move(where)), file_(file) {
    if (!j.is_object()) fail("must be an object { ... }");
  }
  const json* get(const std::string& key) {
    known_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }
  std::string str(const std::string& key, const std::string& def) {
    const json* v = get(key);
    if (!v) return def;
    if (!v->is_string()) fail(fmt(tr("'{}' must be a string"), key));
    return v->get<std::string>();
  }
  double num(const std::string& key, double def, double lo = -1e300) {
    const json* v = get(key);
    if (!v) return def;
    if (!v->is_number()) fail(fmt(tr("'{}' must be a number"), key));
    double d = v->get<double>();
    if (!(d >= lo)) fail(fmt(tr("'{}' must be at least {}"), key, formatNumber(lo, 6)));
    return d;
  }
  int integer(const std::string& key, int def, int lo) {
    const json* v = get(key);
    if (!v) return def;
    if (!v->is_number_integer()) fail(fmt(tr("'{}' must be a whole number"), key));
    long long d = v->get<long long>();
    if (d < lo || d > 1000000000) fail(fmt(tr("'{}' must be from {} to 1000000000"), key, lo));
    return int(d);
  }
  void done() {
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (!known_.count(it.key())) {
        std::string keys;
        for (const auto& k : known_) keys += (keys.empty() ? "" : ", ") + k;
        fail(fmt(tr("unknown key '{}' (known here: {})"), it.key(), keys));
      }
  }
  [[noreturn]] void fail(const std::string& msg) const {
    throw PresetError(file_ + ": " + (where_.empty() ? "" : where_ + ": ") + msg);
  }

 private:
  const json& j_;
  std::string where_;
  const std::string& file_;
  std::set<std::string> known_;
};

template <class F> auto wrap(Reader& r, F f) {
  try {
    return f();
  } catch (const std::invalid_argument& e) {
    r.fail(e.what());
  }
}

// A dense layer's activation and its parameters, named as the op names them:
// {"activation": "leaky_relu", "slope": 0.1}, {"activation": "elu", "alpha": 0.5}.
Activation readActivation(Reader& r) {
  const Activation a = wrap(r, [&] { return Activation::of(r.str("activation", "linear")); });
  if (a.isLinear()) return a;
  std::vector<double> attrs;
  for (const AttrSpec& spec : a.op->attrs) attrs.push_back(r.num(spec.name, spec.defaultValue));
  return wrap(r, [&] { return Activation::of(a.op->name, attrs); });
}

Init readInit(const json& j, const std::string& where, const std::string& file, Init def) {
  Reader r(j, where, file);
  const std::string kind = r.str("type", "normal");
  Init init = wrap(r, [&] {
    return parseInit(kind, kind == "uniform" ? r.num("low", 0) : r.num("std", def.a, 0), r.num("high", 0));
  });
  if (init.kind == Init::Uniform && !(init.b > init.a)) r.fail(tr("'high' must be above 'low'"));
  r.done();
  return init;
}

// The JSON text, refusing a key given twice in one object: the JSON library would keep
// the last one, and the preset would silently not be what the file seems to say.
json parseJson(const std::string& text, const std::string& name) {
  struct Open {
    std::string where;           // "the top level", "'optimizer'", "item 2 of 'layers'"
    bool array = false;
    int items = 0;               // arrays: the items opened so far
    std::set<std::string> keys;  // objects: the keys so far
  };
  std::vector<Open> open;
  std::string lastKey;
  auto check = [&](int, json::parse_event_t event, json& parsed) {
    using E = json::parse_event_t;
    if (event == E::object_start || event == E::array_start) {
      std::string where = tr("the top level");
      if (!open.empty())
        where = open.back().array ? fmt(tr("item {} of {}"), ++open.back().items, open.back().where) : "'" + lastKey + "'";
      open.push_back({where, event == E::array_start, 0, {}});
    } else if (event == E::object_end || event == E::array_end) {
      open.pop_back();
    } else if (event == E::key) {
      lastKey = parsed.get<std::string>();
      if (!open.back().keys.insert(lastKey).second)
        throw PresetError(fmt(tr("{}: the key '{}' is given twice in {}"), name, lastKey, open.back().where));
    } else if (event == E::value && !open.empty() && open.back().array) {
      ++open.back().items;
    }
    return true;
  };
  try {
    return json::parse(text, check);
  } catch (const json::exception& e) {  // syntax errors, and numbers too large for a double
    throw PresetError(fmt(tr("{}: not valid JSON: {}"), name, e.what()));
  }
}

}  // namespace

Preset parsePreset(const std::string& text, const std::string& name) {
  const json j = parseJson(text, name);
  Preset p;
  p.name = name;
  p.source = text;
  Reader r(j, "", name);
  p.description = r.str("description", "");
  p.dataset = r.str("dataset", "cifar10");
  if (p.dataset != "cifar10" && p.dataset != "xor" && p.dataset != "parity")
    r.fail("'dataset' must be cifar10, xor or parity, not '" + p.dataset + "'");
  p.bits = p.dataset == "xor" ? 2 : r.integer("bits", 2, 1);
  if (p.bits > 20) r.fail(tr("'bits' must be at most 20"));
  const bool toy = !p.needsCifar();
  p.preprocess = wrap(r, [&] { return data::parsePreprocess(r.str("preprocess", toy ? "none" : "mean")); });
  p.seed = std::uint64_t(r.integer("seed", 1, 0));

  Init defInit;
  if (const json* v = r.get("init")) defInit = readInit(*v, "init", name, defInit);

  const json* layers = r.get("layers");
  if (!layers || !layers->is_array() || layers->empty()) r.fail(tr("'layers' must be a list of layers"));
  const int features = toy ? p.bits : data::ImageSet::kPixels;
  p.network.add(input(features));
  for (size_t i = 0; i < layers->size(); ++i) {
    Reader lr((*layers)[i], "layer " + std::to_string(i + 1), name);
    const std::string type = lr.str("type", "dense");
    Layer l;
    if (type == "input") {
      const int units = lr.integer("units", features, 1);
      if (i != 0 || units != features) lr.fail("the input layer comes first and has the dataset's " + std::to_string(features) + " features");
      lr.done();
      continue;
    }
    if (type == "dense") {
      l = dense(lr.integer("units", 0, 1), readActivation(lr), defInit);
      if (const json* v = lr.get("init")) l.init = readInit(*v, "layer " + std::to_string(i + 1) + " init", name, defInit);
      if (l.units < 1) lr.fail(tr("a dense layer needs 'units'"));
      // A cap keeps a typo (units: 1000000000) from exhausting memory when the network is built.
      if (l.units > 10000) lr.fail(tr("'units' must be at most 10000"));
      if (const json* v = lr.get("input")) {
        if (!v->is_string()) lr.fail(tr("'input' must be a layer name"));
        l.inputs = {v->get<std::string>()};
      }
    } else if (type == "concat") {
      const json* v = lr.get("inputs");
      if (!v || !v->is_array() || v->size() < 2) lr.fail(tr("a concat layer needs 'inputs': two or more layer names"));
      l = concat({});
      for (const auto& n : *v) {
        if (!n.is_string()) lr.fail(tr("'inputs' must be layer names"));
        l.inputs.push_back(n.get<std::string>());
      }
    } else {
      lr.fail("'type' must be input, dense or concat, not '" + type + "'");
    }
    l.name = lr.str("name", "");
    lr.done();
    p.network.add(l);
  }

  p.objective.loss = wrap(r, [&] { return parseLoss(r.str("loss", "mse")); });
  if (const json* v = r.get("regularizer")) {
    Reader rr(*v, "regularizer", name);
    p.objective.reg = wrap(rr, [&] { return parseRegularizer(rr.str("type", "l2"), rr.num("strength", 0, 0)); });
    rr.done();
  }
  if (toy) {
    if (p.objective.loss != LossKind::Mse) r.fail(tr("xor and parity train with the mse loss"));
    p.objective.targets = TargetForm::Values;
  } else {
    p.objective.targets = p.objective.loss == LossKind::Mse ? TargetForm::OneHot : TargetForm::Indices;
  }

  const json* o = r.get("optimizer");
  if (!o) r.fail(tr("'optimizer' is missing (e.g. {\"type\": \"sgd\", \"lr\": 0.01})"));
  {
    Reader orr(*o, "optimizer", name);
    auto& s = p.train.optimizer;
    s.kind = wrap(orr, [&] { return parseOptimizer(orr.str("type", "sgd")); });
    s.lr = orr.num("lr", 0);
    s.momentum = orr.num("momentum", s.momentum);
    s.beta1 = orr.num("beta1", s.beta1);
    s.beta2 = orr.num("beta2", s.beta2);
    s.eps = orr.num("eps", s.eps);
    wrap(orr, [&] { checkOptimizer(s); });
    orr.done();
  }
  p.train.batch = r.integer("batch", toy ? 0 : 100, 0);
  p.train.epochs = r.integer("epochs", 10, 0);
  p.train.metric = wrap(r, [&] { return parseMetric(r.str("metric", toy ? "sign" : "argmax"), r.num("threshold", 0.9, 0)); });
  if ((p.train.metric.kind == Metric::Sign) != toy) r.fail(toy ? tr("xor and parity use the 'sign' metric") : tr("cifar10 uses the 'argmax' metric"));
  p = withOverrides(std::move(p), {.seed = p.seed});
  r.done();

  // Build once to report an ill-formed network now, not when training starts.
  try {
    (void)p.network.build(p.objective, 1, p.seed);
  } catch (const std::exception& e) {
    throw PresetError(name + ": " + e.what());
  }
  const int outputs = p.network.outputs();
  const int expected = toy ? 1 : data::ImageSet::kClasses;
  if (outputs != expected)
    throw PresetError(fmt(tr("{}: the last layer has {} outputs; {} needs {}"), name, outputs, p.dataset, expected));
  return p;
}

std::string Preset::architecture() const {
  std::string s;
  for (const auto& l : network.layers()) {
    if (l.kind == Layer::Concat) {
      s += " [";
      for (size_t i = 0; i < l.inputs.size(); ++i) s += (i ? ", " : "") + l.inputs[i];
      s += "]";
      continue;
    }
    if (!s.empty()) s += " -> ";
    s += std::to_string(l.units);
    if (l.kind == Layer::Dense) s += " " + l.activation.name();
  }
  return dataset + " (" + data::preprocessName(preprocess) + "): " + s + ", " + lossName(objective.loss);
}

std::string Preset::summary() const {
  char reg[64] = "", buf[256];
  if (objective.reg.kind != Regularizer::None)
    std::snprintf(reg, sizeof reg, " + %s %g", objective.reg.kind == Regularizer::L1 ? "l1" : "l2", objective.reg.strength);
  const std::string batch = train.batch == 0 ? tr("full") : std::to_string(train.batch);
  std::snprintf(buf, sizeof buf, tr("%s, %s lr %g, batch %s, %d epochs, seed %llu"), reg, optimizerName(train.optimizer.kind),
                train.optimizer.lr, batch.c_str(), train.epochs, (unsigned long long)seed);
  return architecture() + buf;
}

Preset loadPreset(const std::string& pathOrName) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(pathOrName, ec)) {
    std::string text;
    try {
      text = io::readFile(pathOrName, 1 << 20, tr("a preset"));
    } catch (const std::runtime_error& e) {
      throw PresetError(e.what());
    }
    return parsePreset(text, fs::path(pathOrName).stem().string());
  }
  std::string name = pathOrName;
  if (name.ends_with(kExt)) name.resize(name.size() - kExt.size());
  if (auto src = embeddedFile(std::string(kDir) + name + std::string(kExt))) return parsePreset(std::string(*src), name);
  std::string names;
  for (const auto& n : presetNames()) names += (names.empty() ? "" : ", ") + n;
  throw PresetError(fmt(tr("{}: no such file, and not a built-in preset ({})"), pathOrName, names));
}

std::vector<std::string> presetNames() {
  std::vector<std::string> v;
  for (const auto& f : embeddedFiles())
    if (f.path.starts_with(kDir) && f.path.ends_with(kExt))
      v.emplace_back(f.path.substr(kDir.size(), f.path.size() - kDir.size() - kExt.size()));
  std::sort(v.begin(), v.end());
  return v;
}

Preset withOverrides(Preset p, const PresetOverrides& o) {
  if (o.lr) p.train.optimizer.lr = *o.lr;
  if (o.batch) p.train.batch = *o.batch;
  if (o.epochs) p.train.epochs = *o.epochs;
  if (o.reg) {
    if (*o.reg > 0 && p.objective.reg.kind == Regularizer::None) p.objective.reg.kind = Regularizer::L2;
    if (*o.reg <= 0) p.objective.reg.kind = Regularizer::None;
    p.objective.reg.strength = std::max(0.0, *o.reg);
  }
  if (o.seed) {
    p.seed = *o.seed;
    p.train.seed = p.seed + 1;
  }
  return p;
}

void setParity(Preset& p, int bits, int hidden) {
  if (p.dataset != "parity" && p.dataset != "xor") throw PresetError(fmt(tr("{}: not a parity preset"), p.name));
  if (bits < 1 || bits > 20) throw PresetError(tr("parity needs 1 to 20 bits"));
  if (hidden < 1) throw PresetError(tr("a hidden layer needs at least one unit"));
  Network net;
  bool first = true;
  for (Layer l : p.network.layers()) {
    if (l.kind == Layer::Input) l.units = bits;
    if (l.kind == Layer::Dense && first) {
      l.units = hidden;
      first = false;
    }
    net.add(l);
  }
  p.network = net;
  p.bits = bits;
  p.dataset = "parity";
}

int Preset::trainingSamples(int recordsPerFile) const {
  return needsCifar() ? data::kCifarTrainFiles * recordsPerFile : 1 << bits;
}

void Preset::checkBudget(int recordsPerFile) const {
  const int n = trainingSamples(recordsPerFile);
  const int samples = std::max(batchSize(train, n), std::min(train.evalBatch, n));
  checkActivationBudget(build(), std::uint64_t(samples), 2 * sizeof(float), fmt(tr("{}, one batch"), name),
                        tr("use a smaller batch ('batch' in the preset, --batch of train) or fewer units"));
}

PreparedData prepareData(const Preset& p, const std::string& cifarPath, int recordsPerFile) {
  p.checkBudget(recordsPerFile);
  PreparedData d;
  if (p.needsCifar()) {
    d.cifar = std::make_unique<data::Cifar>(data::loadCifar(cifarPath, recordsPerFile));
    d.normalizer = data::Normalizer::fit(d.cifar->train, p.preprocess);
    d.train = std::make_unique<ImageDataset>(d.cifar->train, d.normalizer);
    d.test = std::make_unique<ImageDataset>(d.cifar->test, d.normalizer);
  } else {
    data::Toy t = data::parity(p.bits);
    d.train = std::make_unique<TensorDataset>(t.x, t.t, 0);
    d.test = std::make_unique<TensorDataset>(t.x, t.t, 0);
  }
  return d;
}

}  // namespace bs::nn
