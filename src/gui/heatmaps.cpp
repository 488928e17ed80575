#include "gui/heatmaps.h"

#include <algorithm>
#include <vector>

namespace bs::app {

Heatmaps::Heatmaps(const std::string& shaderDir) : program_("shaders/heatmap.vert", "shaders/heatmap.frag", shaderDir) {
  glGenVertexArrays(1, &vao_);
  Tensor ramp(1, 256);
  for (int i = 0; i < 256; ++i) ramp(0, i) = -1.0 + 2.0 * i / 255.0;
  legend_ = std::make_unique<gl::Framebuffer>(256, 1);
  render(ramp, *legend_);
}

Heatmaps::~Heatmaps() { glDeleteVertexArrays(1, &vao_); }

GLuint Heatmaps::texture(int key, const Tensor& t, int version) {
  Entry& e = cache_[key];
  // Enough pixels per cell for crisp squares, at most 256 on a side.
  const int side = int(std::max<Index>(t.rows(), t.cols()));
  const int cell = std::clamp(256 / std::max(side, 1), 1, 8);
  const int w = int(t.cols()) * cell, h = int(t.rows()) * cell;
  if (!e.fb || e.fb->width() != w || e.fb->height() != h) {
    e.fb = std::make_unique<gl::Framebuffer>(w, h);
    e.version = -1;
  }
  if (e.version != version) {
    render(t, *e.fb);
    e.version = version;
  }
  return e.fb->colour().id();
}

void Heatmaps::render(const Tensor& t, const gl::Framebuffer& fb) const {
  std::vector<float> data;
  data.reserve(size_t(t.size()));
  for (Index r = 0; r < t.rows(); ++r)
    for (Index c = 0; c < t.cols(); ++c) data.push_back(float(t(r, c)));
  const double maxAbs = t.size() ? t.cwiseAbs().maxCoeff() : 0.0;
  gl::Texture values = gl::Texture::floats(int(t.cols()), int(t.rows()), data);

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
  glUniform1f(program_.uniform("scale"), maxAbs > 0 ? float(1.0 / maxAbs) : 1.0f);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glUseProgram(0);
  glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previousFb));
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
}

}  // namespace bs::app
