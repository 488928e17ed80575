// The desktop platform: GLFW for the window and its events, OpenGL 3.3 core.
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstring>

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
    ImGui_ImplGlfw_InitForOpenGL(w_, true);
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
  bool waitEvents(double seconds) override {
    // GLFW does not say whether an event or the timeout woke it: the clock does.
    const double t0 = glfwGetTime();
    glfwWaitEventsTimeout(seconds);
    return glfwGetTime() - t0 < seconds * 0.95;
  }
  void newFrame() override {
    glfwPollEvents();
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
  GLFWwindow* w_;
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
