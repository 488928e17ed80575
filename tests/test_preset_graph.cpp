// The training presets as graphs (nn/preset_graph.h): every one builds, steps, prints
// as .bsg and parses back to the same graph; x holds real CIFAR-10 images when there
// are files, else synthetic ones that the note owns up to.
#include "testing.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/gradcheck.h"
#include "core/stepper.h"
#include "lang/parser.h"
#include "lang/printer.h"
#include "nn/preset_graph.h"

using namespace bs;
using namespace bs::nn;
namespace fs = std::filesystem;

namespace {

// No CIFAR-10 anywhere findCifar looks: $BACKSTEP_DATA wins over the other places.
struct NoCifar {
  NoCifar() { ::setenv("BACKSTEP_DATA", "/nonexistent/backstep-cifar", 1); }
  ~NoCifar() { ::unsetenv("BACKSTEP_DATA"); }
};

// Six CIFAR-format files of 3 records; record r of file i: label (i + r) % 10, every
// pixel 10 i + r + 1.
struct TinyCifar {
  fs::path dir = fs::temp_directory_path() / ("backstep_test_preset_graph_" + std::to_string(::getpid()));
  TinyCifar() {
    fs::create_directories(dir);
    const char* names[] = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"};
    for (int i = 0; i < 6; ++i) {
      std::ofstream f(dir / names[i], std::ios::binary);
      for (int r = 0; r < 3; ++r) {
        std::string rec(3073, char(10 * i + r + 1));
        rec[0] = char((i + r) % 10);
        f << rec;
      }
    }
  }
  ~TinyCifar() { fs::remove_all(dir); }
};

}  // namespace

TEST_CASE("every preset opens as a graph that steps, prints and parses back the same") {
  NoCifar none;
  REQUIRE(presetNames().size() >= 12);
  for (const std::string& name : presetNames()) {
    INFO(name);
    const Preset p = loadPreset(name);
    PresetGraph g = presetGraph(p);
    CHECK(g.synthetic == p.needsCifar());
    Stepper s(g.graph);
    s.toEnd();
    CHECK(s.gradKnown(*g.graph.find("W1")));
    const std::string text = presetGraphSource(p, g);
    CHECK(text.rfind("# " + name + ": ", 0) == 0);
    CHECK(sameGraph(parseGraph(text), g.graph));
  }
}

TEST_CASE("exercise 3 as the course report draws it, on 4 synthetic samples said to be synthetic") {
  NoCifar none;
  const PresetGraph g = presetGraph(loadPreset("ex3"));
  for (const char* n : {"x", "W1", "b1", "z1", "s1", "h1", "W2", "b2", "z2", "h2", "t", "data_loss", "l2_W1", "l2_W2", "penalty", "L"})
    CHECK_MESSAGE(g.graph.find(n), n);
  CHECK(g.graph.node(*g.graph.find("x")).shape == Shape{3072, 4});
  CHECK(g.graph.node(*g.graph.find("W1")).shape == Shape{100, 3072});
  CHECK(g.graph.node(*g.graph.find("h1")).op->name == "sigmoid");
  CHECK(g.graph.node(*g.graph.find("t")).shape == Shape{10, 4});  // mse: one-hot columns
  CHECK(g.graph.node(*g.graph.find("t")).value.sum() == 4);
  CHECK(g.note.find("4 SYNTHETIC samples") != std::string::npos);
  CHECK(g.note.find("/nonexistent/backstep-cifar") != std::string::npos);
  // Standardised pixels: mean 0 and spread 1 over the synthetic set, so not all zero here.
  CHECK(g.graph.node(*g.graph.find("x")).value.cwiseAbs().maxCoeff() > 0.5);
}

TEST_CASE("a preset graph takes the first images of a CIFAR-10 folder, preprocessed") {
  TinyCifar d;
  PresetGraphOptions o;
  o.data = d.dir.string();
  o.recordsPerFile = 3;
  o.batch = 5;
  Preset p = loadPreset("softmax");  // cross-entropy: t holds class indices
  p.preprocess = data::Preprocess::None;
  const PresetGraph g = presetGraph(p, o);
  CHECK_FALSE(g.synthetic);
  CHECK(g.note.find("the first 5 CIFAR-10 training images of " + o.data) != std::string::npos);
  const Tensor& x = g.graph.node(*g.graph.find("x")).value;
  REQUIRE(x.cols() == 5);
  CHECK(x(0, 0) == 1);     // file 1, record 1
  CHECK(x(3071, 3) == 11); // file 2, record 1
  const Tensor& t = g.graph.node(*g.graph.find("t")).value;
  CHECK(t.rows() == 1);
  CHECK(t(0, 4) == 2);     // file 2, record 2: (1 + 1) % 10
  o.batch = 16;            // the folder has 15 training images
  CHECK_THROWS_WITH_AS(presetGraph(p, o), doctest::Contains("more than the 15 training images"), std::invalid_argument);
  o.data = "/nonexistent/cifar";  // asked for by name: an error, not synthetic data
  CHECK_THROWS_AS(presetGraph(p, o), data::DataError);
}

TEST_CASE("XOR and the skip connection: the whole data set, the concatenation, gradients that check") {
  for (const char* name : {"ex6", "ex6-skip", "ex7"}) {
    INFO(name);
    PresetGraph g = presetGraph(loadPreset(name));
    CHECK(g.note.find("every input in {-1, 1}") != std::string::npos);
    CHECK(g.graph.node(*g.graph.find("x")).shape.cols == (std::string(name) == "ex7" ? 8 : 4));
    CHECK(gradCheck(g.graph).maxError < 1e-6);
  }
  const PresetGraph skip = presetGraph(loadPreset("ex6-skip"));
  CHECK(skip.graph.node(*skip.graph.find("hx")).op->name == "concat");
}

TEST_CASE("once registered, loadGraph opens presets by name, and lists them when a name is unknown") {
  NoCifar none;
  registerPresetGraphs();
  const Graph g = loadGraph("ex4");
  CHECK(g.node(*g.find("data_loss")).op->name == "softmax_ce");
  CHECK(readGraphSource("svm").find("SYNTHETIC") != std::string::npos);
  CHECK_THROWS_WITH(loadGraph("ex99"), doctest::Contains("nor is it a built-in example (ex1a"));
  CHECK_THROWS_WITH(loadGraph("ex99"), doctest::Contains("or preset (ex3, ex4, ex5.1-cce"));
  CHECK(loadGraph("ex2").size() == 5);  // examples come first
}
