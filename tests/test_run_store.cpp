// The run store: save a run as CSV, reopen it, overlay runs, export a plot's data.
#include <filesystem>
#include <fstream>

#include "session/run_store.h"
#include "testing.h"

using namespace bs;
using bs::app::RunMetric;
using bs::app::RunStore;

namespace {

nn::Run makeRun(const std::string& preset, int epochs, double accStep, bool test = true) {
  nn::Run r;
  r.preset = preset;
  for (int e = 1; e <= epochs; ++e) {
    nn::EpochStats s;
    s.epoch = e;
    s.trainLoss = 1.0 / e;
    s.trainAcc = 0.1 + accStep * e;
    s.hasTest = test;
    if (test) {
      s.testLoss = 1.5 / e;
      s.testAcc = 0.1 + 0.5 * accStep * e;
    }
    r.history.push_back(s);
  }
  return r;
}

// One folder per test process, removed when it ends (ctest runs each case alone: 47
// folders were left in /tmp).
std::filesystem::path tempDir() {
  struct Folder {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("backstep_run_store_" + std::to_string(::getpid()));
    Folder() { std::filesystem::create_directories(path); }
    ~Folder() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static Folder f;
  return f.path;
}

}  // namespace

TEST_CASE("a saved run reopens with the same history") {
  RunStore store;
  const int id = store.add(makeRun("ex3", 5, 0.03));
  CHECK(store.find(id)->label == "ex3 #1");
  const auto path = (tempDir() / "ex3.csv").string();
  CHECK(store.unsaved() == 1);  // trained, not saved: the window asks before quitting
  store.save(id, path);
  CHECK(store.unsaved() == 0);
  const int back = store.open(path);
  CHECK(store.unsaved() == 0);  // reopened from its file
  const auto* a = store.find(id);
  const auto* b = store.find(back);
  REQUIRE(b);
  CHECK(b->label == "ex3.csv");
  CHECK(b->run.preset == "ex3");
  CHECK(b->run.csv() == a->run.csv());  // the same file again
  REQUIRE(b->run.history.size() == 5);
  CHECK(b->run.history[4].testAcc == doctest::Approx(0.175));
  CHECK(store.add(makeRun("ex3", 1, 0.1)) > back);
  CHECK(store.runs().back().label == "ex3 #3");
  CHECK(store.unsaved() == 1);
}

TEST_CASE("only runs on the same data are overlaid together") {
  RunStore store;
  const int cifar = store.add(makeRun("ex3", 3, 0.05));
  const int other = store.add(makeRun("mine", 3, 0.05));  // no preset: its data is not known
  CHECK(store.find(cifar)->dataset == "cifar10");
  CHECK(store.find(other)->dataset.empty());
  CHECK(store.setOverlaid(cifar, true).empty());
  CHECK(store.setOverlaid(other, true).empty());
  const int xor1 = store.add(makeRun("ex6", 3, 0.2, false));
  CHECK(store.find(xor1)->dataset == "xor");
  CHECK(store.setOverlaid(xor1, true) == "took off ex3 #1: not on xor like ex6 #1");
  CHECK(store.overlaid() == std::vector<int>{other, xor1});  // the unknown one stays
  const int xor2 = store.add(makeRun("ex6-skip", 3, 0.2, false));
  CHECK(store.setOverlaid(xor2, true).empty());  // also XOR
  CHECK(store.overlaid().size() == 3);
  CHECK(store.overlay(RunMetric::TrainAcc).size() == 3);
}

TEST_CASE("runs without a test set round-trip with empty test columns") {
  const nn::Run r = makeRun("ex6", 3, 0.2, false);
  const nn::Run back = app::parseRunCsv(r.csv(), "x.csv");
  REQUIRE(back.history.size() == 3);
  CHECK(!back.history[0].hasTest);
  CHECK(back.csv() == r.csv());
}

TEST_CASE("bad CSV files give errors that name the line") {
  auto err = [](const std::string& text) {
    try {
      app::parseRunCsv(text, "r.csv");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(err("a,b\n1,2\n").find("r.csv:1: expected the header") == 0);
  const std::string h = "epoch,train_loss,train_acc,test_loss,test_acc\n";
  CHECK(err(h + "1,0.5,0.1,0.4\n") == "r.csv:2: expected 5 fields, found 4");
  CHECK(err(h + "1,0.5,0.1,0.4,0.2\n1,0.4,0.2,0.3,0.3\n") == "r.csv:3: epoch 1 does not follow epoch 1");
  CHECK(err(h + "1,abc,0.1,0.4,0.2\n") == "r.csv:2: train_loss must be a number, not 'abc'");
  CHECK(err(h + "0.5,1,0.1,0.4,0.2\n") == "r.csv:2: epoch must be a whole number from 1");
  // Values a run cannot have: not finite, a negative loss, an accuracy beyond 0..1 (as %g).
  CHECK(err(h + "1,nan,0.1,0.4,0.2\n") == "r.csv:2: train_loss must be a finite number of at least 0, not nan");
  CHECK(err(h + "1,0.5,0.1,inf,0.2\n") == "r.csv:2: test_loss must be a finite number of at least 0, not inf");
  CHECK(err(h + "1,0.5,0.1,0.4,0.2\n2,-0.5,0.1,0.4,0.2\n") == "r.csv:3: train_loss must be a finite number of at least 0, not -0.5");
  CHECK(err(h + "1,0.5,1.5,0.4,0.2\n") == "r.csv:2: train_acc must be from 0 to 1, not 1.5");
  CHECK(err(h + "1,0.5,0.1,0.4,-nan\n").find("r.csv:2: test_acc must be from 0 to 1, not") == 0);
  CHECK(err(h + "1,0.5,0.1,0.4," + std::string(300, '9') + "\n") == "r.csv:2: test_acc must be from 0 to 1, not 1e+300");
  CHECK_THROWS_WITH(app::readRunCsv("/nonexistent/run.csv"), "/nonexistent/run.csv: cannot open the file (No such file or directory)");
  RunStore store;
  CHECK_THROWS_AS(store.save(42, "/tmp/x.csv"), std::out_of_range);
}

TEST_CASE("overlay: one series per chosen run; the course comparison picks the latest of each preset") {
  RunStore store;
  const int ex3a = store.add(makeRun("ex3", 4, 0.02));
  const int ex3b = store.add(makeRun("ex3", 6, 0.03));
  const int svm = store.add(makeRun("svm", 5, 0.01));
  store.add(makeRun("notest", 5, 0.1, false));  // no preset of that name: comparable with any
  CHECK(store.overlay(RunMetric::TestAcc).empty());

  store.setOverlaid(ex3a, true);
  store.setOverlaid(svm, true);
  auto s = store.overlay(RunMetric::TestAcc);
  REQUIRE(s.size() == 2);
  CHECK(s[0].name == "ex3 #1");
  CHECK(s[0].x.size() == 4);
  CHECK(s[0].y[3] == doctest::Approx(0.14));
  CHECK(s[0].colour != s[1].colour);

  const auto missing = store.overlayCourseComparison();
  CHECK(missing == std::vector<std::string>{"ex4", "softmax"});
  CHECK(store.overlaid() == std::vector<int>{ex3b, svm});
  s = store.overlay(RunMetric::TestAcc);
  REQUIRE(s.size() == 2);
  CHECK(s[0].x.size() == 6);

  // A run with no test set shows under the train metrics only.
  store.setOverlaid(store.runs().back().id, true);
  CHECK(store.overlay(RunMetric::TestAcc).size() == 2);
  CHECK(store.overlay(RunMetric::TrainAcc).size() == 3);
  store.remove(ex3b);
  CHECK(store.overlay(RunMetric::TrainAcc).size() == 2);
}

TEST_CASE("a plot's data exports as CSV with one column pair per series") {
  bs::app::plot::Series a{"ex3, test", {1, 2, 3}, {0.1, 0.2, 0.3}}, b{"svm", {1}, {0.5}};
  const std::string csv = app::plotCsv({a, b});
  CHECK(csv == "ex3  test x,ex3  test y,svm x,svm y\n1,0.1,1,0.5\n2,0.2,,\n3,0.3,,\n");
  const auto path = (tempDir() / "plot.csv").string();
  app::exportPlotCsv(path, {a, b});
  std::ifstream f(path);
  std::string first;
  std::getline(f, first);
  CHECK(first == "ex3  test x,ex3  test y,svm x,svm y");
  CHECK_THROWS_AS(app::exportPlotCsv("/proc/nope/plot.csv", {a}), std::runtime_error);
}
