#include "gui/decision_boundary.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "gui/training_render_pass.h"

namespace bs::app {

namespace {
constexpr int kPixels = 384;  // the rendered image; the grid is interpolated up to it
}

DecisionBoundaryView::DecisionBoundaryView(const std::string& shaderDir)
    : program_("shaders/heatmap.vert", "shaders/boundary.frag", shaderDir) {
  glGenVertexArrays(1, &vao_);
}

DecisionBoundaryView::~DecisionBoundaryView() { glDeleteVertexArrays(1, &vao_); }

void DecisionBoundaryView::update(const std::vector<float>& values, int grid, int runId, int version) {
  if ((runId == runId_ && version == version_) || grid < 2 || values.size() != size_t(grid) * size_t(grid)) return;
  runId_ = runId;
  version_ = version;
  if (!fb_) fb_ = std::make_unique<gl::Framebuffer>(kPixels, kPixels);
  // Non-finite outputs (a diverged run) are drawn as 0.
  std::vector<float> v(values);
  for (float& x : v)
    if (!std::isfinite(x)) x = 0;
  const gl::Texture tex = gl::Texture::floats(grid, grid, v);
  glBindTexture(GL_TEXTURE_2D, tex.id());
  // Linear: the boundary line follows the interpolated output, not the grid cells.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);

  renderPass(program_, *fb_, vao_, [&] {
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, tex.id());
    glUniform1i(program_.uniform("values"), 0);
  });
}

void DecisionBoundaryView::draw(float side, double extent, const Mat<float>& points, const Mat<float>& targets) const {
  if (!fb_ || extent <= 0) return;
  const float margin = 26;
  side = std::max(side - margin, 60.f);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const ImVec2 a{o.x + margin, o.y}, b{a.x + side, a.y + side};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddImage(ImTextureID(intptr_t(fb_->colour().id())), a, b, {0, 1}, {1, 0});
  dl->AddRect(a, b, IM_COL32(90, 90, 90, 255));
  auto sx = [&](double x) { return a.x + float((x + extent) / (2 * extent)) * side; };
  auto sy = [&](double y) { return b.y - float((y + extent) / (2 * extent)) * side; };
  const ImU32 text = IM_COL32(40, 40, 40, 255);
  for (double t : {-1.0, 0.0, 1.0}) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%g", t);
    dl->AddLine({sx(t), b.y}, {sx(t), b.y + 4}, text);
    dl->AddText({sx(t) - 4, b.y + 5}, text, buf);
    dl->AddLine({a.x - 4, sy(t)}, {a.x, sy(t)}, text);
    dl->AddText({a.x - 22, sy(t) - 7}, text, buf);
  }
  dl->AddText({b.x - 18, b.y + 5}, text, "x1");
  dl->AddText({a.x - 22, a.y}, text, "x2");
  for (Index i = 0; i < points.cols() && points.rows() >= 2; ++i) {
    const bool positive = targets.size() > i && targets(0, i) > 0;
    const ImVec2 p{sx(points(0, i)), sy(points(1, i))};
    dl->AddCircleFilled(p, 8, positive ? IM_COL32(178, 24, 43, 255) : IM_COL32(33, 102, 172, 255));
    dl->AddCircle(p, 8, IM_COL32(255, 255, 255, 255), 16, 2.5f);
  }
  ImGui::Dummy({side + margin, side + 22});
}

}  // namespace bs::app
