// The training window under Xvfb: short runs trained synchronously, the panel
// rendered offscreen (every shader of the training views used), the pixels checked
// and each frame written as a PNG under training_gui/ in the build folder to look at.
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <fstream>
#include <functional>
#include <memory>

#include "gui/fonts.h"
#include "gui/gl/framebuffer.h"
#include "gui/gl/gl.h"
#include "gui/gl/screenshot.h"
#include "gui/plot/plot_widget.h"
#include "gui/training_panel.h"
#include "testing.h"

using namespace bs;
using app::TrainingPanel;
using app::TrainingRequest;

namespace {

constexpr int W = 1280, H = 800;

// GLFW is initialised once per process: terminating it closes the last X connection,
// and Xvfb then resets and refuses the next test's connection for a moment.
bool glfwReady() {
  static const bool ok = glfwInit();
  return ok;
}

// A hidden GL 3.3 core window, an ImGui context and an offscreen target of W x H.
class Gui {
 public:
  Gui() {
    REQUIRE_MESSAGE(glfwReady(), "no display: run under xvfb-run");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    window_ = glfwCreateWindow(640, 480, "test", nullptr, nullptr);
    REQUIRE(window_);
    glfwMakeContextCurrent(window_);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::StyleColorsLight();
    app::loadFonts(fonts_);
    ImGui_ImplGlfw_InitForOpenGL(window_, false);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    target_ = std::make_unique<app::gl::Framebuffer>(W, H);
    // Settings of this test only, not the user's.
    settings_ = (std::filesystem::temp_directory_path() / ("backstep_gui_settings_" + std::to_string(::getpid()) + ".ini")).string();
  }
  ~Gui() {
    target_.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    std::filesystem::remove(settings_);
  }

  const std::string& settingsPath() const { return settings_; }

  // Renders a few frames of the panel (menus and tabs settle) and writes the last one.
  // `mouse`: where the pointer rests (a hover read-out), if anywhere.
  // `png` empty: no file, and no pixels read back.
  void render(TrainingPanel& panel, const std::string& png, ImVec2 mouse = {-FLT_MAX, -FLT_MAX}, int frames = 4) {
    renderWith([&] {
      panel.drawMenu();
      panel.draw();
    }, png, mouse, frames);
  }

  void renderWith(const std::function<void()>& draw, const std::string& png, ImVec2 mouse = {-FLT_MAX, -FLT_MAX}, int frames = 4) {
    for (int frame = 0; frame < frames; ++frame) {
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGuiIO& io = ImGui::GetIO();
      io.DisplaySize = {float(W), float(H)};
      io.DisplayFramebufferScale = {1, 1};
      io.MousePos = mouse;
      ImGui::NewFrame();
      draw();
      ImGui::Render();
      target_->bind();
      glClearColor(0.95f, 0.95f, 0.95f, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }
    glFinish();  // the renderer's work counts in the frame, as with a swap
    if (png.empty()) return;
    pixels_.assign(size_t(W) * H * 4, 0);
    glReadPixels(0, 0, W, H, GL_RGBA, GL_UNSIGNED_BYTE, pixels_.data());
    std::filesystem::create_directories("training_gui");
    const std::string err = app::gl::writePng("training_gui/" + png, W, H);
    CHECK_MESSAGE(err.empty(), err);
  }

  // Pixels in the rectangle (screen coordinates, y down) that look red, blue, or
  // neither white nor grey ("coloured").
  struct Count {
    long red = 0, blue = 0, coloured = 0;
  };
  Count count(int x0, int y0, int x1, int y1) const {
    Count c;
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) {
        const unsigned char* p = pixels_.data() + (size_t(H - 1 - y) * W + size_t(x)) * 4;
        const int r = p[0], g = p[1], b = p[2];
        if (r > 150 && r > g + 50 && r > b + 50) ++c.red;
        if (b > 120 && b > r + 40 && b > g + 10) ++c.blue;
        if (std::max({r, g, b}) - std::min({r, g, b}) > 30) ++c.coloured;
      }
    return c;
  }

 private:
  GLFWwindow* window_ = nullptr;
  app::Fonts fonts_;
  std::unique_ptr<app::gl::Framebuffer> target_;
  std::vector<unsigned char> pixels_;
  std::string settings_;
};

// A CIFAR-format folder of `records` images per file; class c images are tinted.
std::string tinyCifar(int records) {
  const auto dir = std::filesystem::temp_directory_path() / ("backstep_gui_cifar_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const char* n : {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"}) {
    std::ofstream f(dir / n, std::ios::binary);
    for (int r = 0; r < records; ++r) {
      const int c = r % 10;
      std::string rec(3073, char(0));
      rec[0] = char(c);
      for (int p = 0; p < 1024; ++p) {
        const int x = p % 32, y = p / 32;
        rec[size_t(1 + p)] = char(40 + 20 * c + (x * 3) % 40);            // red
        rec[size_t(1 + 1024 + p)] = char(200 - 15 * c + (y * 5) % 30);    // green
        rec[size_t(1 + 2048 + p)] = char(((x + y + r) % 7) * 30);         // blue
      }
      f << rec;
    }
  }
  return dir.string();
}

}  // namespace

TEST_CASE("XOR: a short run shows its curves and the decision boundary with the points") {
  Gui gui;
  TrainingPanel panel(gui.settingsPath());
  TrainingRequest r;
  r.presets = {"ex6"};
  CHECK(panel.trainNow(r) == "");
  REQUIRE(panel.snapshot().history.size() == 300);
  CHECK(panel.snapshot().history.back().trainAcc == 1.0);
  CHECK(panel.runs().runs().size() == 1);
  gui.render(panel, "xor_live.png", {515, 372});  // hovering the loss at epoch 100
  // The boundary sits in the lower right quarter: red and blue regions both there.
  const auto c = gui.count(W / 2, H / 2, W, H);
  CHECK(c.red > 5000);
  CHECK(c.blue > 5000);
  // The curves (upper half) are drawn in colour.
  CHECK(gui.count(0, 0, W, H / 2).coloured > 500);
}

TEST_CASE("CIFAR format: a one-epoch run shows curves, weight images, confusion and test images") {
  Gui gui;
  TrainingPanel panel(gui.settingsPath());
  TrainingRequest r;
  r.presets = {"ex3"};
  r.epochs = 1;
  r.data = tinyCifar(100);
  r.cifarRecords = 100;
  r.threads = 1;
  CHECK(panel.trainNow(r) == "");
  const auto& s = panel.snapshot();
  REQUIRE(s.history.size() == 1);
  CHECK(s.weights.rows() == 100);
  CHECK(s.weights.cols() == 3072);
  CHECK(s.confusion.size() == 10);
  CHECK(s.stripPixels.size() == 12u * 3072u);
  gui.render(panel, "cifar_live.png");
  // The weight tiles (lower right) are coloured images, not blank.
  CHECK(gui.count(W / 2, H / 2, W, H).coloured > 5000);

  r.presets = {"softmax"};
  r.view = "test";
  CHECK(panel.trainNow(r) == "");
  CHECK(panel.snapshot().weights.rows() == 10);
  gui.render(panel, "cifar_test.png");
  CHECK(gui.count(0, 0, W, H).coloured > 5000);
  std::filesystem::remove_all(r.data);
}

TEST_CASE("two runs overlaid in the comparison plot") {
  Gui gui;
  TrainingPanel panel(gui.settingsPath());
  TrainingRequest r;
  r.presets = {"ex6", "ex6-skip"};
  r.view = "compare";
  CHECK(panel.trainNow(r) == "");
  REQUIRE(panel.runs().runs().size() == 2);
  CHECK(panel.runs().overlaid().size() == 2);
  CHECK(panel.runs().overlay(app::RunMetric::TrainAcc).size() == 2);
  gui.render(panel, "compare.png");
  CHECK(gui.count(320, 60, W, H).coloured > 300);
}

TEST_CASE("the course comparison trains the missing runs one after another and overlays all four") {
  Gui gui;
  TrainingPanel panel(gui.settingsPath());
  TrainingRequest r;
  r.presets = {"svm"};
  r.epochs = 1;
  r.data = tinyCifar(100);
  r.cifarRecords = 100;
  r.threads = 1;
  CHECK(panel.trainNow(r) == "");
  r.presets = {};
  panel.trainMissingCourseRuns(r);
  CHECK(panel.queueing());
  for (int i = 0; i < 100000 && (panel.queueing() || panel.running()); ++i) gui.render(panel, "", {-FLT_MAX, -FLT_MAX}, 1);
  std::vector<std::string> overlaid;
  for (int id : panel.runs().overlaid()) overlaid.push_back(panel.runs().find(id)->run.preset);
  CHECK(overlaid == std::vector<std::string>{"svm", "ex3", "ex4", "softmax"});
  CHECK(panel.runs().overlay(app::RunMetric::TestAcc).size() == 4);
  gui.render(panel, "course_comparison.png");
  std::filesystem::remove_all(r.data);
}

TEST_CASE("a diverging run reports the loss and the window keeps drawing") {
  Gui gui;
  TrainingPanel panel(gui.settingsPath());
  TrainingRequest r;
  r.presets = {PROJECT_TESTS_DIR "/presets/xor_linear.json"};
  const std::string err = panel.trainNow(r);
  CHECK(err.find("xor_linear.json: the loss became") != std::string::npos);
  CHECK(panel.snapshot().state == app::SessionState::Diverged);
  gui.render(panel, "diverged.png");
  CHECK(panel.runs().runs().size() == 1);  // the epochs before it are kept
}

TEST_CASE("a plot saves its own picture as a PNG of its size") {
  Gui gui;
  app::plot::PlotView view("Squares", "x", "y");
  app::plot::Series s;
  s.name = "x squared";
  s.x = {1, 2, 3, 4};
  s.y = {1, 4, 9, 16};
  s.colour = app::lineColour(0);
  std::filesystem::create_directories("training_gui");
  const std::string path = "training_gui/plot_only.png";
  std::filesystem::remove(path);
  view.savePng(path);
  gui.renderWith([&] {
    ImGui::SetNextWindowPos({20, 30});
    ImGui::SetNextWindowSize({480, 380});
    ImGui::Begin("a plot");
    view.draw({s}, 400, 300);
    ImGui::End();
  }, "plot_window.png", {-FLT_MAX, -FLT_MAX}, 2);
  CHECK(view.lastMessage() == "wrote " + path + " (400x300)");
  CHECK(std::filesystem::file_size(path) > 1000);
  view.savePng("/proc/no/plot.png");
  gui.renderWith([&] {
    ImGui::Begin("a plot");
    view.draw({s}, 400, 300);
    ImGui::End();
  }, "", {-FLT_MAX, -FLT_MAX}, 1);
  CHECK(view.lastMessage().find("/proc/no/plot.png") == 0);
}

TEST_CASE("bad requests give messages, not crashes") {
  Gui gui;
  TrainingPanel panel(gui.settingsPath());
  TrainingRequest r;
  r.presets = {"no-such-preset"};
  CHECK(panel.trainNow(r).find("no-such-preset: no such file, and not a built-in preset") == 0);
  r.presets = {"ex3"};
  r.data = "/nonexistent/cifar";
  CHECK(panel.trainNow(r).find("ex3: /nonexistent/cifar") == 0);
  r = {};
  r.openRuns = {"/nonexistent/run.csv"};
  CHECK(panel.trainNow(r) == "/nonexistent/run.csv: cannot open the file (No such file or directory)");
  gui.render(panel, "errors.png");
}

// Frame times of each view (skipped; run with --no-skip).
TEST_CASE("benchmark: frame times" * doctest::skip()) {
  Gui gui;
  TrainingPanel panel(gui.settingsPath());
  TrainingRequest r;
  r.presets = {"ex3"};
  r.epochs = 1;
  r.data = tinyCifar(1000);
  r.cifarRecords = 1000;
  REQUIRE(panel.trainNow(r) == "");
  for (const char* view : {"live", "compare", "test"}) {
    r.presets = {};
    r.view = view;
    panel.trainNow(r);
    gui.render(panel, "", {-FLT_MAX, -FLT_MAX}, 5);
    const auto f0 = std::chrono::steady_clock::now();
    gui.render(panel, "", {-FLT_MAX, -FLT_MAX}, 60);
    MESSAGE(view << ": " << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - f0).count() / 60 << " ms per frame");
  }
  panel.visible = false;
  gui.render(panel, "", {-FLT_MAX, -FLT_MAX}, 5);
  const auto f0 = std::chrono::steady_clock::now();
  gui.render(panel, "", {-FLT_MAX, -FLT_MAX}, 60);
  MESSAGE("hidden: " << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - f0).count() / 60 << " ms per frame");
  std::filesystem::remove_all(r.data);
}

// Not part of the suite (doctest skips it; run with --no-skip): exercise 3 on the real
// CIFAR-10 ($BACKSTEP_DATA) while the panel redraws at 60 frames per second, to compare
// the seconds per epoch with `backstep train ex3 --epochs 3 --threads N` headless.
// BACKSTEP_BENCH_THREADS sets N (default 1), BACKSTEP_BENCH_EPOCHS the epochs (3),
// BACKSTEP_BENCH_FPS the frames a second (at most; default 60).
// Prints the figures; asserts no timing.
TEST_CASE("benchmark: ex3 epochs while the window draws" * doctest::skip()) {
  Gui gui;
  TrainingPanel panel(gui.settingsPath());
  const char* t = std::getenv("BACKSTEP_BENCH_THREADS");
  const int threads = t ? std::atoi(t) : 1;
  const char* e = std::getenv("BACKSTEP_BENCH_EPOCHS");
  const char* fps = std::getenv("BACKSTEP_BENCH_FPS");
  const auto frameTime = std::chrono::microseconds(1000000 / std::max(1, fps ? std::atoi(fps) : 60));
  TrainingRequest r;
  r.epochs = e ? std::atoi(e) : 3;
  r.threads = threads;
  REQUIRE(panel.controller().startRun("ex3", r) == "");
  int frames = 0;
  const auto t0 = std::chrono::steady_clock::now();
  while (panel.running()) {
    const auto next = std::chrono::steady_clock::now() + frameTime;
    gui.render(panel, "", {-FLT_MAX, -FLT_MAX}, 1);
    ++frames;
    std::this_thread::sleep_until(next);
  }
  gui.render(panel, "bench_ex3.png");
  r = {};
  r.view = "test";
  panel.trainNow(r);  // no presets: only switches the tab
  gui.render(panel, "bench_ex3_test.png");
  const app::Snapshot& s = panel.snapshot();
  const auto f0 = std::chrono::steady_clock::now();
  gui.render(panel, "", {-FLT_MAX, -FLT_MAX}, 60);
  MESSAGE("after the run: " << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - f0).count() / 60
                            << " ms per frame");
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& e : s.history) MESSAGE("epoch " << e.epoch << ": " << e.seconds << " s, test acc " << e.testAcc);
  MESSAGE(threads << " training thread(s); " << frames << " frames in " << secs << " s (" << frames / secs << " per second)");
}

// A CTest fixture, not a test (skipped unless asked for by name): writes the small
// CIFAR-format folder of 100 records a file to $BACKSTEP_TINY_CIFAR, for the
// program's own --train screenshot test.
TEST_CASE("fixture: tiny CIFAR folder" * doctest::skip()) {
  const char* dir = std::getenv("BACKSTEP_TINY_CIFAR");
  REQUIRE_MESSAGE(dir, "set BACKSTEP_TINY_CIFAR to the folder to write");
  const std::string tmp = tinyCifar(100);
  std::filesystem::create_directories(dir);
  for (const auto& f : std::filesystem::directory_iterator(tmp))
    std::filesystem::copy_file(f.path(), std::filesystem::path(dir) / f.path().filename(), std::filesystem::copy_options::overwrite_existing);
  std::filesystem::remove_all(tmp);
  CHECK(std::filesystem::file_size(std::filesystem::path(dir) / "test_batch.bin") == 100u * 3073u);
}
