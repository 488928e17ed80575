// Images for the training views, rendered with OpenGL: the first layer's weight rows
// of a CIFAR network as 32x32 colour tiles (shaders/weights.frag), and a strip of
// test images with their true and predicted classes.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gui/gl/framebuffer.h"
#include "gui/gl/shader.h"
#include "core/tensor.h"

namespace bs::app {

class WeightsView {
 public:
  // Compiles the shader (embedded, or from `shaderDir`); throws gl::ShaderError.
  explicit WeightsView(const std::string& shaderDir = "");
  ~WeightsView();
  WeightsView(const WeightsView&) = delete;
  WeightsView& operator=(const WeightsView&) = delete;

  // True when `w` has 3072 columns (a CIFAR image per row).
  static bool shows(const Mat<float>& w) { return w.cols() == 3072 && w.rows() > 0; }
  // Re-renders the tiles when the run or its batch count changed. `w` must satisfy shows().
  void update(const Mat<float>& w, int runId, long batch);
  // Draws the tiles, as large as fits in width x height, in whole-pixel multiples.
  void draw(float width, float height) const;

 private:
  gl::ShaderProgram program_;
  GLuint vao_ = 0;
  std::unique_ptr<gl::Framebuffer> fb_;
  int runId_ = -1;
  long batch_ = -1;
  int units_ = 0, columns_ = 0;
};

// CIFAR test images side by side, each captioned with its true and predicted class.
class ImageStrip {
 public:
  // `pixels`: 3072 bytes per image in the CIFAR layout (red, green, blue planes).
  void update(const std::vector<std::uint8_t>& pixels, int runId);
  void draw(const std::vector<int>& truth, const std::vector<int>& predicted, const std::vector<std::string>& classNames,
            float scale, float width) const;  // as many images as fit in `width`

 private:
  gl::Texture texture_;
  int runId_ = -1, images_ = 0;
};

}  // namespace bs::app
