#include "gui/heatmaps.h"

#include <algorithm>
#include <vector>

namespace bs::app {

Heatmaps::Heatmaps(const std::string& shaderDir) : program_("shaders/heatmap.vert", "shaders/heatmap.frag", shaderDir) {
  glGenVertexArrays(1, &vao_);
  GLint maxTexture = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxTexture);
  if (maxTexture > 0) maxSide_ = std::min(maxSide_, int(maxTexture) / 8);  // 8: the most pixels per cell
  Tensor ramp(1, 256);
  for (int i = 0; i < 256; ++i) ramp(0, i) = -1.0 + 2.0 * i / 255.0;
  legend_ = std::make_unique<gl::Framebuffer>(256, 1);
  render(heatmapImage(ramp, 256), *legend_);
}

Heatmaps::~Heatmaps() { glDeleteVertexArrays(1, &vao_); }

const Heatmaps::Shown& Heatmaps::texture(int key, const Tensor& t, int version) {
  Entry& e = cache_[key];
  if (e.fb && e.version == version) return e.shown;
  const HeatmapImage img = heatmapImage(t, maxSide_);
  // Enough pixels per cell for crisp squares, at most 256 on a side.
  const int side = std::max({img.width, img.height, 1});
  const int cell = std::clamp(256 / side, 1, 8);
  const int w = std::max(img.width, 1) * cell, h = std::max(img.height, 1) * cell;
  if (!e.fb || e.fb->width() != w || e.fb->height() != h) e.fb = std::make_unique<gl::Framebuffer>(w, h);
  render(img, *e.fb);
  e.version = version;
  e.shown = {e.fb->colour().id(), img.maxAbs, img.nans, img.infs, img.blockRows > 1 || img.blockCols > 1};
  return e.shown;
}

void Heatmaps::render(const HeatmapImage& img, const gl::Framebuffer& fb) const {
  const std::vector<float> empty{0.0f};
  gl::Texture values = img.cells.empty() ? gl::Texture::floats(1, 1, empty) : gl::Texture::floats(img.width, img.height, img.cells);

  GLint previousFb = 0, viewport[4];
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previousFb);
  glGetIntegerv(GL_VIEWPORT, viewport);
  fb.bind();
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  program_.use();
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, values.id());
  glUniform1i(program_.uniform("values"), 0);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glUseProgram(0);
  glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previousFb));
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
}

}  // namespace bs::app
