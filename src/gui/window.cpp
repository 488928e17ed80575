#include "gui/window.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>
#include <ctime>
#include <iostream>
#include <memory>
#include <utility>
#include <vector>

#include "session/app_state.h"
#include "gui/descent_panel.h"
#include "gui/fonts.h"
#include "gui/gl/framebuffer.h"
#include "gui/gl/gl.h"
#include "gui/platform/platform.h"
#include "gui/gl/screenshot.h"
#include "gui/graph_view.h"
#include "gui/heatmaps.h"
#include "gui/panels.h"
#include "session/random_graph.h"
#include "session/settings.h"
#include "gui/training_panel.h"
#include "i18n/i18n.h"
#include "gui/value_drawing.h"

namespace bs::app {

namespace {

constexpr float kRightWidth = 400;  // the inspector / source column

int fail(const std::string& msg, int code) {
  std::cerr << "error: " << msg << "\n";  // i18n: "error:" is the same word in Spanish
  return code;
}

// Everything that lives while the window is open, in the order it is torn down.
struct Ui {
  AppState state;
  Fonts fonts;
  std::unique_ptr<Heatmaps> heatmaps;
  std::unique_ptr<TrainingPanel> training;  // holds GL objects: reset with the heatmaps
  GraphView view;
  MenuState menu;
  ImVec4 graphRect;  // x, y, w, h of the graph view, in pixels from the top left
  DescentPanel descent;
  bool sourceTabFirst = false;  // select the Source tab in the first frame
  bool descentTabFirst = false;  // ... or the Descent tab
  Confirm confirm;  // a quit or open waiting for the answer about unsaved work
  std::shared_ptr<const Graph> batch;  // "Step through this batch", while that waits
  std::string batchTitle;
  RunStore* runs() { return training ? &training->runs() : nullptr; }
};

// The keys, as requests for the menu and the window (the menu has the same as items),
// from the platform's key presses, each with its own modifiers: every press counts, however
// quickly it comes.
void handleKeys(Ui& ui, const std::vector<platform::KeyPress>& presses, MenuRequests& req) {
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup)) return;  // a menu or a question has the keys
  const bool graphShown = !(ui.training && ui.training->visible);  // the rest act on the graph view
  const std::pair<int, Key> stepKeys[] = {{platform::kRight, Key::Right}, {platform::kLeft, Key::Left},
                                          {platform::kSpace, Key::Space}, {platform::kHome, Key::Home},
                                          {platform::kEnd, Key::End}};
  for (const platform::KeyPress& k : presses) {
    if (k.ctrl && k.key == 'S') (k.shift ? req.saveAs : req.save) = true;  // in the editor too: saving applies it
    if (io.WantTextInput) continue;  // typing in the editor or a field (it has its own undo)
    if (!k.ctrl && k.key == platform::kEscape) {  // closes the guide first
      if (std::exchange(ui.menu.guide, false)) continue;
      req.replace = Request{Request::Action::Quit, ""};
      continue;
    }
    if (!graphShown) continue;
    if (k.ctrl) {
      if (k.key == 'O') req.open = true;
      if (k.key == 'Z') (k.shift ? req.redo : req.undo) = true;
      if (k.key == 'Y') req.redo = true;
      continue;
    }
    if (k.key == 'F') req.fit = true;
    for (auto [code, key] : stepKeys)
      if (k.key == code)
        if (auto c = commandForKey(key)) ui.state.run(*c);
  }
}

// A request that no unsaved work stands in the way of any more.
void carryOut(Ui& ui, const Request& r, MenuRequests& req) {
  switch (r.action) {
    case Request::Action::Quit: req.quit = true; break;
    case Request::Action::OpenExample: reportOpen(ui.menu, ui.state.openExample(r.arg), r.arg); break;
    case Request::Action::OpenFile: {
      const auto err = ui.state.openFile(r.arg);
      reportOpen(ui.menu, err, r.arg);
      if (!err) rememberFile(ui.menu, ui.state.filePath());
      break;
    }
    case Request::Action::StepThrough:
      if (ui.batch) ui.state.openGraph(*ui.batch, ui.batchTitle);
      ui.batch.reset();
      if (ui.training) ui.training->visible = false;
      break;
  }
}

// What a quit or an open would lose: unsaved work, and a run still training (only
// quitting stops it).
Unsaved atStake(Ui& ui, const Request& r) {
  Unsaved u = unsavedWork(ui.state, ui.runs());
  u.training = r.action == Request::Action::Quit && ui.training && (ui.training->running() || ui.training->queueing());
  return u;
}

// Asks first if the request would lose unsaved work.
void request(Ui& ui, const Request& r, MenuRequests& req) {
  if (auto now = ui.confirm.ask(r, atStake(ui, r))) carryOut(ui, *now, req);
}

// One frame of panels: menu, controls across the top, graph view on the left, the
// inspector and source editor as tabs on the right.
void drawFrame(Ui& ui, const std::vector<platform::KeyPress>& presses, MenuRequests& req) {
  handleKeys(ui, presses, req);
  drawMenu(ui.state, ui.menu, req);
  if (auto now = drawConfirmDialog(ui.state, ui.runs(), ui.confirm, ui.menu)) carryOut(ui, *now, req);
  // The training window takes the whole work area while it is shown; "Step through
  // this batch" opens the paused network here and goes back to the graph.
  if (ui.training) {
    ui.training->drawMenu();
    ui.training->draw();
    if (auto g = ui.training->takeStepRequest(ui.batchTitle)) {
      ui.batch = g;
      req.replace = Request{Request::Action::StepThrough, ui.batchTitle};
    }
  }
  if (req.replace) {
    const Request r = *req.replace;
    req.replace.reset();
    request(ui, r, req);
  }
  if (ui.training && ui.training->visible) {
    ui.graphRect = {0, 0, 0, 0};
    drawGuide(ui.menu.guide);
    return;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 pos = vp->WorkPos, size = vp->WorkSize;
  // No window backgrounds: the frame is cleared panel-grey with the graph's rectangle
  // cleared to the canvas colour, since llvmpipe's cost is filling pixels.
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoBackground;
  const float controlsH = ImGui::GetFrameHeightWithSpacing() + 2 * ImGui::GetStyle().WindowPadding.y;
  // The side panel: its usual width, a quarter of a wide screen (2560: 640 pixels, so
  // the arithmetic wraps less), never more than 45% of a narrow one.
  const float rightW = std::min(std::max(kRightWidth, size.x * 0.25f), size.x * 0.45f);

  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize({size.x, controlsH});
  ImGui::Begin("Controls", nullptr, fixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);  // i18n: an ID, no title bar
  if (drawControls(ui.state, ui.menu)) req.fit = true;
  ImGui::End();

  ImGui::SetNextWindowPos({pos.x, pos.y + controlsH});
  ImGui::SetNextWindowSize({size.x - rightW, size.y - controlsH});
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
  ImGui::Begin("Graph", nullptr, fixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);  // i18n: an ID, no title bar
  ui.graphRect = {pos.x, pos.y + controlsH, size.x - rightW, size.y - controlsH};
  if (req.fit) ui.view.requestFit();
  ui.view.draw(ui.state, *ui.heatmaps, ui.fonts);
  ImGui::End();
  ImGui::PopStyleVar();

  ImGui::SetNextWindowPos({pos.x + size.x - rightW, pos.y + controlsH});
  ImGui::SetNextWindowSize({rightW, size.y - controlsH});
  ImGui::Begin("Side", nullptr, fixed | ImGuiWindowFlags_NoTitleBar);  // i18n: an ID, no title bar
  if (ImGui::BeginTabBar("tabs")) {
    const ImGuiTabItemFlags toSource = ui.sourceTabFirst ? ImGuiTabItemFlags_SetSelected : 0;
    ui.sourceTabFirst = false;
    if (ImGui::BeginTabItem((std::string(tr("Inspector")) + "###inspector").c_str())) {
      drawInspector(ui.state);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem((std::string(tr("Source")) + "###source").c_str(), nullptr, toSource)) {
      drawSourceEditor(ui.state, ui.fonts.mono);
      ImGui::EndTabItem();
    }
    const ImGuiTabItemFlags toDescent = ui.descentTabFirst ? ImGuiTabItemFlags_SetSelected : 0;
    ui.descentTabFirst = false;
    if (ImGui::BeginTabItem((std::string(tr("Descent")) + "###descent").c_str(), nullptr, toDescent)) {
      ui.descent.draw(ui.state);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
  drawGuide(ui.menu.guide);  // last, over the panels
}

struct FrameTimes {
  std::vector<double> ms;
  double uiMs = 0, renderMs = 0;  // sums: building the panels; rendering them (to glFinish)
  double cpuMs = 0;               // CPU time of the whole process (all llvmpipe threads), not wall time
  void report(const std::string& what, double layoutMs, int w, int h) const {
    std::vector<double> s = ms;
    std::sort(s.begin(), s.end());
    double sum = 0;
    for (double v : s) sum += v;
    std::cout << "bench: " << what << " at "  // i18n: --bench-frames, for developers << w << "x" << h << ": " << s.size() << " frames, mean "
              << sum / double(s.size()) << " ms, median " << s[s.size() / 2] << " ms, p95 "
              << s[std::min(s.size() - 1, s.size() * 95 / 100)] << " ms (panels " << uiMs / double(s.size())
              << " ms, rendering " << renderMs / double(s.size()) << " ms); CPU time " << cpuMs / double(s.size())
              << " ms per frame; layout " << layoutMs << " ms\n";
  }
};

// Opens what the options ask for and does the work they ask for before the first frame.
// An exit code, or 0; `failed` is set when descending failed (shown, exit 1 at the end).
// `last`: the file the window had open when last closed, reopened if it still opens.
int prepare(Ui& ui, const WindowOptions& o, const std::string& last, bool& failed) {
  if (o.randomNodes > 0) {
    ui.state.openGraph(randomGraph(o.randomNodes), "random graph of " + std::to_string(o.randomNodes) + " nodes");
  } else if (const auto err = last.empty() ? std::nullopt : ui.state.openFile(last); last.empty() || err) {
    if (err) {
      ui.menu.message = fmt(tr("could not reopen the last file: {}"), err->located(last));
      std::cerr << tr("warning: ") << ui.menu.message << "\n";
    }
    const std::string what = o.file.empty() ? o.example : o.file;
    if (auto err = o.file.empty() ? ui.state.openExample(what) : ui.state.openFile(what)) return fail(err->located(what), 2);
  }
  if (o.step >= 0) ui.state.goTo(o.step);
  ui.state.setPrecision(o.precision);
  if (!o.select.empty()) {
    auto id = ui.state.graph().find(o.select);
    if (!id) return fail("--select: no node named '" + o.select + "' in " + ui.state.title(), 2);
    ui.state.select(*id);
  }
  ui.sourceTabFirst = o.sourceTab;
  ui.menu.guide = o.guide;
  if (o.descendSteps > 0) {
    ui.descent.lr = o.descendLr;
    ui.descent.steps = o.descendSteps;
    ui.descentTabFirst = true;
    if (const std::string err = ui.descent.run(ui.state); !err.empty()) {
      std::cerr << "error: --descend: " << err << "\n";  // i18n: "error:" and the option's name
      failed = true;
    }
  }
  if (!o.answers.empty())
    if (auto err = ui.state.loadAnswers(o.answers)) return fail(err->located(o.answers), 2);
  return 0;
}

// Panel grey everywhere, the canvas colour under the graph: no window backgrounds, since
// llvmpipe's cost is filling pixels.
void clearFrame(const Ui& ui, int fbW, int fbH) {
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec4 panel = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
  glClearColor(panel.x, panel.y, panel.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  const ImVec4 canvas = ImGui::ColorConvertU32ToFloat4(Palette{}.background), r = ui.graphRect;
  const float sx = float(fbW) / io.DisplaySize.x, sy = float(fbH) / io.DisplaySize.y;
  glEnable(GL_SCISSOR_TEST);
  glScissor(int(r.x * sx), int(float(fbH) - (r.y + r.w) * sy), int(r.z * sx), int(r.w * sy));
  glClearColor(canvas.x, canvas.y, canvas.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  glDisable(GL_SCISSOR_TEST);
}

// CPU time of this process: tells the renderer's cost apart from other programs' load.
double cpuNow() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

}  // namespace

int runWindow(const WindowOptions& opts) {
  if (opts.width < 64 || opts.height < 64 || opts.width > 8192 || opts.height > 8192)
    return fail("--size must be between 64x64 and 8192x8192", 2);
  Ui ui;
  const bool offscreen = !opts.screenshot.empty();
  // A window someone works in remembers its recent files, last file and size;
  // screenshots and benchmarks neither read nor write them.
  const bool interactive = !offscreen && opts.benchFrames == 0;
  WindowOptions o = opts;
  std::string last;
  if (interactive) {
    ui.menu.settingsPath = Settings::defaultPath();
    std::string warning;
    const Settings remembered = Settings::load(ui.menu.settingsPath, &warning);
    if (!warning.empty()) std::cerr << tr("warning: ") << warning << "\n";
    ui.menu.recent = remembered.recent;
    if (!o.langGiven && !remembered.language.empty()) i18n::setLanguage(*i18n::parseLang(remembered.language));
    if (!o.sizeGiven && remembered.windowWidth > 0) {
      o.width = remembered.windowWidth;
      o.height = remembered.windowHeight;
    }
    std::error_code ec;
    if (o.reopenLast && o.randomNodes == 0 && std::filesystem::is_regular_file(remembered.lastFile, ec)) last = remembered.lastFile;
  }
  bool descendFailed = false;
  if (const int code = prepare(ui, o, last, descendFailed)) return code;
  rememberFile(ui.menu, ui.state.filePath());

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini in the user's directory
  // Windows' default double-click time (ImGui's 0.3 s missed double clicks on a loaded
  // machine, where ImGui sees the clicks only at its frames, 100 ms or more apart).
  io.MouseDoubleClickTime = 0.5f;
  ImGui::StyleColorsLight();
  std::string error;
  int code = 0;
  std::unique_ptr<platform::Window> window =
      platform::openWindow({o.width, o.height, "Backstep - " + ui.state.title(), offscreen, o.benchFrames == 0 && !offscreen},
                           error, code);
  if (!window) {
    ImGui::DestroyContext();
    return fail(error, code);
  }
  loadFonts(ui.fonts);

  std::unique_ptr<gl::Framebuffer> target;
  try {
    ui.heatmaps = std::make_unique<Heatmaps>(o.shaderDir);
    ui.training = std::make_unique<TrainingPanel>(Settings::defaultPath(), o.shaderDir);
    if (offscreen) target = std::make_unique<gl::Framebuffer>(o.width, o.height);
  } catch (const std::exception& e) {
    code = fail(e.what(), 3);
  }
  // --train / --runs: train before the first frame (so a screenshot shows the result).
  bool trainingFailed = false;
  if (code == 0 && (!o.training.empty() || o.showTraining)) {
    ui.training->visible = true;
    if (const std::string err = ui.training->trainNow(o.training); !err.empty()) {
      std::cerr << "error: " << err << "\n";  // i18n: the same word in Spanish
      trainingFailed = true;
    }
  }

  FrameTimes times;
  std::string pendingShot;
  std::string shownTitle, reportedFailure;
  int shotDelay = 0;
  auto lastFrame = std::chrono::steady_clock::now();
  double cpuStart = 0;
  const int warmup = 5;
  // Frames are drawn when something changes: an event, a step while playing, training.
  // After an event, frames for a quarter of a second more: ImGui settles sizes and
  // popups over a few frames and fades a modal's dimming in over a sixth of a second.
  using Clock = std::chrono::steady_clock;
  constexpr auto kSettle = std::chrono::milliseconds(250);
  auto busyUntil = Clock::now() + kSettle;
  bool oneMore = false;  // a step or an edit was drawn: once more, settled
  int shownValues = -1;
  bool quit = false;
  for (int frame = 0; code == 0 && !quit; ++frame) {
    const bool training = ui.training && (ui.training->running() || ui.training->queueing());
    if (interactive && !oneMore && Clock::now() >= busyUntil && pendingShot.empty() && !training) {
      double wait = 2.0;  // now and then a frame anyway
      if (auto due = ui.state.secondsToNextStep()) wait = std::min(wait, *due);
      if (io.WantTextInput) wait = std::min(wait, 0.5);  // the caret blinks
      // Work off this thread that the window shows when it ends or as it goes: Graphviz's
      // layout in its process, a descent on its worker (its plot grows).
      if (ui.view.layoutPending() || ui.state.descending()) wait = std::min(wait, 0.1);
      window->waitEvents(wait);
    }
    oneMore = false;
    MenuRequests req;
    if (window->shouldClose()) {  // the close button: asked like Esc
      if (!interactive) break;
      window->cancelClose();
      req.replace = Request{Request::Action::Quit, ""};
    }
    const auto t0 = std::chrono::steady_clock::now();
    window->newFrame();
    if (window->takeEvents() || training) busyUntil = Clock::now() + kSettle;
    ImGui::NewFrame();
    ui.state.advanceTime(io.DeltaTime);
    drawFrame(ui, window->takeKeyPresses(), req);
    oneMore = ui.state.valuesVersion() != shownValues;
    shownValues = ui.state.valuesVersion();
    ImGui::Render();
    const auto t1 = std::chrono::steady_clock::now();

    int fbW = 0, fbH = 0;
    window->framebufferSize(fbW, fbH);
    if (target) target->bind();
    else glViewport(0, 0, fbW, fbH);
    clearFrame(ui, fbW, fbH);
    window->renderDrawData();

    // A few frames so every panel has its size, and Graphviz done (or given up).
    if (offscreen && frame >= 3 && !ui.view.layoutPending()) {
      const std::string err = gl::writePng(o.screenshot, o.width, o.height);
      code = err.empty() ? 0 : fail(err, 2);
      if (err.empty())
        std::cout << fmt(tr("wrote {} ({}x{}, step {} of {})"), o.screenshot, o.width, o.height, ui.state.stepper().cursor(),
                         ui.state.stepper().size())
                  << "\n";
      break;
    }
    if (!req.screenshotPath.empty()) {  // wait for the popup to close before reading the pixels
      pendingShot = req.screenshotPath;
      shotDelay = 2;
    } else if (!pendingShot.empty() && --shotDelay <= 0) {
      glReadBuffer(GL_BACK);
      const std::string err = gl::writePng(pendingShot, fbW, fbH);
      ui.menu.message = err.empty() ? fmt(tr("wrote {}"), pendingShot) : err;
      pendingShot.clear();
    }
    // A step that failed is said on stderr too, once: a terminal user sees it.
    if (const auto& f = ui.state.stepper().failure(); f && f->message != reportedFailure) {
      reportedFailure = f->message;
      std::cerr << tr("step failed: ") << f->message << "\n";
    }
    quit = req.quit;
    // The title names the graph, with * while something is unsaved.
    const Unsaved u = unsavedWork(ui.state, ui.runs());
    if (const std::string title = "Backstep - " + ui.state.title() + (u.any() ? " *" : ""); title != shownTitle) {
      shownTitle = title;
      window->setTitle(title);
    }
    if (o.benchFrames > 0) {
      glFinish();  // count the renderer's work, not just the submission
      if (frame >= warmup) {
        times.uiMs += std::chrono::duration<double, std::milli>(t1 - t0).count();
        times.renderMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count();
      }
    }
    window->present();
    // Under a software renderer every frame is CPU work that training needs: while a
    // run trains, at most 30 frames a second there (exercise 3 on 2 cores: epochs 50%
    // slower than headless at 45-60 frames a second, 14% at 30).
    if (window->softwareRenderer() && ui.training && ui.training->running() && o.benchFrames == 0)
      std::this_thread::sleep_until(t0 + std::chrono::milliseconds(33));

    const auto now = std::chrono::steady_clock::now();
    if (o.benchFrames > 0 && frame == warmup - 1) cpuStart = cpuNow();
    if (o.benchFrames > 0 && frame >= warmup) times.ms.push_back(std::chrono::duration<double, std::milli>(now - lastFrame).count());
    lastFrame = now;
    if (o.benchFrames > 0 && int(times.ms.size()) >= o.benchFrames) {
      times.cpuMs = cpuNow() - cpuStart;
      std::cout << "bench: last frame " << ImGui::GetDrawData()->TotalVtxCount << " vertices, "  // i18n: for developers
                << ImGui::GetDrawData()->TotalIdxCount / 3 << " triangles\n";
      times.report(ui.state.title(), ui.view.layoutMs(), fbW, fbH);
      break;
    }
  }

  if (interactive && quit) {
    try {
      Settings::update(ui.menu.settingsPath, [&](Settings& s) {
        s.lastFile = ui.state.filePath();
        s.windowWidth = int(io.DisplaySize.x);
        s.windowHeight = int(io.DisplaySize.y);
      });
    } catch (const std::exception& e) {
      std::cerr << tr("warning: the window's size and file are not remembered: ") << e.what() << "\n";
    }
  }
  // GL objects go before the context, the context before ImGui's.
  target.reset();
  ui.heatmaps.reset();
  ui.training.reset();
  window.reset();
  ImGui::DestroyContext();
  return code == 0 && (trainingFailed || descendFailed) ? 1 : code;
}

}  // namespace bs::app
