// What the window needs from the platform it runs on: a window with an OpenGL context,
// Dear ImGui's platform and renderer backends for them, and a frame loop. The desktop
// implements it with GLFW and OpenGL 3.3 (platform/desktop); everything else in
// src/gui is the same on every platform.
#pragma once
#include <memory>
#include <string>
#include <vector>

namespace bs::app::platform {

// A key pressed (or repeated while held), with the modifiers held at that moment: a
// shortcut does not depend on how its key events fall into frames (ImGui 1.86 sees only
// each frame's key state, so a quick Ctrl+Z can arrive as Z without Ctrl, and a press and
// release within one frame not at all: quick Right presses lost steps).
// `key`: 'A'..'Z', or one of the codes below.
struct KeyPress {
  int key = 0;
  bool ctrl = false, shift = false;
};
constexpr int kEscape = 27, kSpace = ' ';
constexpr int kRight = 0x100, kLeft = 0x101, kHome = 0x102, kEnd = 0x103;

struct WindowSpec {
  int width = 1280, height = 800;
  std::string title;
  bool offscreen = false;  // hidden; the frames are rendered into a framebuffer of width x height
  bool vsync = true;
};

class Window {
 public:
  virtual ~Window() = default;
  virtual bool shouldClose() const = 0;
  virtual void requestClose() = 0;
  // The close button was pressed but the window stays (to ask about unsaved work).
  virtual void cancelClose() = 0;
  virtual void setTitle(const std::string& title) = 0;
  // Sleeps until an event arrives or `seconds` pass: an idle window draws nothing.
  virtual void waitEvents(double seconds) = 0;
  // True if input or window events (a key, the mouse, a resize) came since the last call.
  virtual bool takeEvents() = 0;
  // The letter and Esc keys pressed since the last call, in order.
  virtual std::vector<KeyPress> takeKeyPresses() = 0;
  // Polls events and starts an ImGui frame (display size: the window's, or the
  // offscreen size).
  virtual void newFrame() = 0;
  // Renders ImGui's draw data into the bound framebuffer.
  virtual void renderDrawData() = 0;
  virtual void present() = 0;
  virtual void framebufferSize(int& w, int& h) const = 0;
  // True under a software renderer (llvmpipe), where every frame is CPU time.
  virtual bool softwareRenderer() const = 0;
};

// Opens the window, its context and ImGui's backends (an ImGui context must exist).
// On failure returns null, with the message and the exit code to give (2: no display,
// 3: no OpenGL 3.3 context).
std::unique_ptr<Window> openWindow(const WindowSpec& spec, std::string& error, int& code);

}  // namespace bs::app::platform
