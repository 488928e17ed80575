// The desktop platform: GLFW for the window and its events, OpenGL 3.3 core.
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "gui/gl/gl.h"
#include "gui/platform/platform.h"

namespace bs::app::platform {

namespace {

std::string glfwMessage() {
  const char* desc = nullptr;
  glfwGetError(&desc);
  return desc ? desc : "unknown GLFW error";
}

class GlfwWindow final : public Window {
 public:
  GlfwWindow(GLFWwindow* w, const WindowSpec& spec) : w_(w), spec_(spec) {
    const char* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    software_ = renderer && (std::strstr(renderer, "llvmpipe") || std::strstr(renderer, "softpipe"));
    watchEvents();
    ImGui_ImplGlfw_InitForOpenGL(w_, true);  // chains to the callbacks set before it
    ImGui_ImplOpenGL3_Init("#version 330 core");
  }
  ~GlfwWindow() override {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    glfwDestroyWindow(w_);
    glfwTerminate();
  }
  bool shouldClose() const override { return glfwWindowShouldClose(w_); }
  void requestClose() override { glfwSetWindowShouldClose(w_, GLFW_TRUE); }
  void cancelClose() override { glfwSetWindowShouldClose(w_, GLFW_FALSE); }
  void setTitle(const std::string& title) override { glfwSetWindowTitle(w_, title.c_str()); }
  void waitEvents(double seconds) override { glfwWaitEventsTimeout(seconds); }
  bool takeEvents() override { return std::exchange(events_, false); }
  std::vector<KeyPress> takeKeyPresses() override { return std::exchange(presses_, {}); }
  void newFrame() override {
    // A key pressed and released between two frames: ImGui 1.86 reads io.KeysDown once
    // a frame and would never see it (a quick Return after typing an answer was lost
    // on a loaded machine). It is held down for one frame, then let go.
    ImGuiIO& io = ImGui::GetIO();
    for (int k : heldOver_) io.KeysDown[k] = false;
    heldOver_.clear();
    pressedSincePoll_.clear();
    glfwPollEvents();
    for (int k : quick_) {
      io.KeysDown[k] = true;
      heldOver_.push_back(k);
    }
    quick_.clear();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (spec_.offscreen) {
      ImGuiIO& io = ImGui::GetIO();
      io.DisplaySize = {float(spec_.width), float(spec_.height)};
      io.DisplayFramebufferScale = {1, 1};
    }
  }
  void renderDrawData() override { ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData()); }
  void present() override { glfwSwapBuffers(w_); }
  void framebufferSize(int& w, int& h) const override {
    if (spec_.offscreen) {
      w = spec_.width;
      h = spec_.height;
    } else {
      glfwGetFramebufferSize(w_, &w, &h);
    }
  }
  bool softwareRenderer() const override { return software_; }

 private:
  // Every input and window event marks the window as having news (takeEvents).
  void watchEvents() {
    glfwSetWindowUserPointer(w_, this);
    glfwSetKeyCallback(w_, [](GLFWwindow* w, int key, int, int action, int mods) {
      mark(w);
      auto* self = static_cast<GlfwWindow*>(glfwGetWindowUserPointer(w));
      if (key >= 0 && key < int(IM_ARRAYSIZE(ImGuiIO::KeysDown))) {
        auto& since = self->pressedSincePoll_;
        if (action == GLFW_PRESS) since.push_back(key);
        else if (action == GLFW_RELEASE && std::find(since.begin(), since.end(), key) != since.end()) self->quick_.push_back(key);
      }
      if (action == GLFW_RELEASE) return;
      const bool repeat = action == GLFW_REPEAT;  // the step keys repeat while held
      int code = 0;
      if (key >= GLFW_KEY_A && key <= GLFW_KEY_Z && !repeat) code = key;
      else if (key == GLFW_KEY_ESCAPE && !repeat) code = kEscape;
      else if (key == GLFW_KEY_SPACE && !repeat) code = kSpace;
      else if (key == GLFW_KEY_RIGHT) code = kRight;
      else if (key == GLFW_KEY_LEFT) code = kLeft;
      else if (key == GLFW_KEY_HOME) code = kHome;
      else if (key == GLFW_KEY_END) code = kEnd;
      if (code)
        self->presses_.push_back({code, (mods & GLFW_MOD_CONTROL) != 0, (mods & GLFW_MOD_SHIFT) != 0});
    });
    glfwSetCharCallback(w_, [](GLFWwindow* w, unsigned) { mark(w); });
    glfwSetMouseButtonCallback(w_, [](GLFWwindow* w, int, int, int) { mark(w); });
    glfwSetScrollCallback(w_, [](GLFWwindow* w, double, double) { mark(w); });
    glfwSetCursorPosCallback(w_, [](GLFWwindow* w, double, double) { mark(w); });
    glfwSetCursorEnterCallback(w_, [](GLFWwindow* w, int) { mark(w); });
    glfwSetWindowFocusCallback(w_, [](GLFWwindow* w, int) { mark(w); });
    glfwSetWindowSizeCallback(w_, [](GLFWwindow* w, int, int) { mark(w); });
    glfwSetWindowRefreshCallback(w_, [](GLFWwindow* w) { mark(w); });
    glfwSetWindowCloseCallback(w_, [](GLFWwindow* w) { mark(w); });
  }
  static void mark(GLFWwindow* w) { static_cast<GlfwWindow*>(glfwGetWindowUserPointer(w))->events_ = true; }

  GLFWwindow* w_;
  bool events_ = true;
  std::vector<KeyPress> presses_;
  std::vector<int> pressedSincePoll_, quick_, heldOver_;  // GLFW key codes (newFrame)
  WindowSpec spec_;
  bool software_ = false;
};

}  // namespace

std::unique_ptr<Window> openWindow(const WindowSpec& spec, std::string& error, int& code) {
  if (!glfwInit()) {
    error = "cannot open a window: no display (" + glfwMessage() +
            "). In a terminal, use `backstep trace ex2`; to render without a screen, run "
            "`xvfb-run -a backstep --screenshot out.png`.";
    code = 2;
    return nullptr;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  if (spec.offscreen) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);  // rendered into a framebuffer of the requested size
  const int w = spec.offscreen ? 640 : spec.width, h = spec.offscreen ? 480 : spec.height;
  GLFWwindow* window = glfwCreateWindow(w, h, spec.title.c_str(), nullptr, nullptr);
  if (!window) {
    error = "cannot create an OpenGL 3.3 core window: " + glfwMessage();
    code = 3;
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(spec.vsync ? 1 : 0);
  return std::make_unique<GlfwWindow>(window, spec);
}

}  // namespace bs::app::platform
