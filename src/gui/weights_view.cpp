#include "gui/weights_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "gui/training_render_pass.h"

namespace bs::app {

namespace {
constexpr int kTile = 34;  // 32 pixels and a 1-pixel border on each side (as in weights.frag)
}  // namespace

WeightsView::WeightsView(const std::string& shaderDir) : program_("shaders/heatmap.vert", "shaders/weights.frag", shaderDir) { glGenVertexArrays(1, &vao_); }

WeightsView::~WeightsView() { glDeleteVertexArrays(1, &vao_); }

void WeightsView::update(const Mat<float>& w, int runId, long batch) {
  if ((runId == runId_ && batch == batch_) || !shows(w)) return;
  runId_ = runId;
  batch_ = batch;
  units_ = int(w.rows());
  // Up to 12 units (the class templates of a linear classifier) in two rows, else a square.
  columns_ = units_ <= 6 ? units_ : units_ <= 12 ? (units_ + 1) / 2 : int(std::ceil(std::sqrt(double(units_))));
  const int rows = (units_ + columns_ - 1) / columns_;
  if (!fb_ || fb_->width() != columns_ * kTile || fb_->height() != rows * kTile)
    fb_ = std::make_unique<gl::Framebuffer>(columns_ * kTile, rows * kTile);

  // Rows of the texture: unit u's planes at 3u..3u+2; Eigen is column-major, so copy.
  std::vector<float> data(size_t(units_) * 3072), ranges(size_t(units_) * 2);
  for (int u = 0; u < units_; ++u) {
    float lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k < 3072; ++k) {
      const float v = w(u, k);
      data[size_t(u) * 3072 + size_t(k)] = v;
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
    ranges[size_t(u) * 2] = std::isfinite(lo) ? lo : 0;
    ranges[size_t(u) * 2 + 1] = std::isfinite(hi) ? hi : 0;
  }
  const gl::Texture values = gl::Texture::floats(1024, units_ * 3, data);
  const gl::Texture bounds = gl::Texture::floats(2, units_, ranges);

  renderPass(program_, *fb_, vao_, [&] {
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, values.id());
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, bounds.id());
    glUniform1i(program_.uniform("weights"), 0);
    glUniform1i(program_.uniform("ranges"), 1);
    glUniform1i(program_.uniform("columns"), columns_);
    glUniform1i(program_.uniform("units"), units_);
    glUniform1i(program_.uniform("height"), fb_->height());
  });
}

void WeightsView::draw(float width, float height) const {
  if (!fb_) return;
  const float fw = float(fb_->width()), fh = float(fb_->height());
  const float fit = std::min(width / fw, height / fh);
  const float scale = fit >= 1 ? std::floor(fit) : fit;  // crisp pixels when enlarged
  ImGui::Image(ImTextureID(intptr_t(fb_->colour().id())), {fw * scale, fh * scale}, {0, 1}, {1, 0});
}

void ImageStrip::update(const std::vector<std::uint8_t>& pixels, int runId) {
  const int n = int(pixels.size() / 3072);
  if (runId == runId_ && n == images_) return;
  runId_ = runId;
  images_ = n;
  if (n == 0) return;
  std::vector<std::uint8_t> rgba(size_t(n) * 32 * 32 * 4);
  for (int i = 0; i < n; ++i)
    for (int y = 0; y < 32; ++y)
      for (int x = 0; x < 32; ++x) {
        const std::uint8_t* img = pixels.data() + size_t(i) * 3072;
        std::uint8_t* out = rgba.data() + (size_t(y) * size_t(n) * 32 + size_t(i) * 32 + size_t(x)) * 4;
        for (int c = 0; c < 3; ++c) out[c] = img[c * 1024 + y * 32 + x];
        out[3] = 255;
      }
  texture_ = gl::Texture::rgba(n * 32, 32);
  glBindTexture(GL_TEXTURE_2D, texture_.id());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, n * 32, 32, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
}

void ImageStrip::draw(const std::vector<int>& truth, const std::vector<int>& predicted, const std::vector<std::string>& names,
                      float scale, float width) const {
  if (images_ == 0) return;
  auto name = [&](int c) { return c >= 0 && c < int(names.size()) ? names[size_t(c)] : std::to_string(c); };
  const float side = 32 * scale, gap = 14;
  float caption = 0;  // the widest caption decides the spacing
  for (int i = 0; i < images_; ++i) {
    if (i < int(truth.size())) caption = std::max(caption, ImGui::CalcTextSize(name(truth[size_t(i)]).c_str()).x);
    if (i < int(predicted.size())) caption = std::max(caption, ImGui::CalcTextSize(("-> " + name(predicted[size_t(i)])).c_str()).x);
  }
  const float cell = std::max(side, caption) + gap;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  const int shown = std::clamp(int((width + gap) / cell), 1, images_);
  for (int i = 0; i < shown; ++i) {
    const float x = origin.x + float(i) * cell;
    const ImVec2 a{x, origin.y}, b{x + side, origin.y + side};
    const float u0 = float(i) / float(images_), u1 = float(i + 1) / float(images_);
    dl->AddImage(ImTextureID(intptr_t(texture_.id())), a, b, {u0, 0}, {u1, 1});
    const bool known = i < int(predicted.size()) && i < int(truth.size());
    const bool right = known && predicted[size_t(i)] == truth[size_t(i)];
    dl->AddRect({a.x - 2, a.y - 2}, {b.x + 2, b.y + 2}, right ? IM_COL32(30, 140, 60, 255) : IM_COL32(200, 40, 40, 255), 0, 0, 3);
    if (i < int(truth.size())) dl->AddText({x, b.y + 4}, IM_COL32(60, 60, 60, 255), name(truth[size_t(i)]).c_str());
    if (known)
      dl->AddText({x, b.y + 4 + lh}, right ? IM_COL32(30, 140, 60, 255) : IM_COL32(200, 40, 40, 255),
                  ("-> " + name(predicted[size_t(i)])).c_str());
  }
  ImGui::Dummy({float(shown) * cell, side + 2 * lh + 10});
}

}  // namespace bs::app
