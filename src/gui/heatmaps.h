// Large tensors drawn as heatmaps by shaders/heatmap.{vert,frag}: each tensor's cells
// (session/heatmap_image.h: scaled, NaN and Inf coded, downsampled when too big for a
// texture) are uploaded as a float texture and rendered once per change into its own
// framebuffer, whose colour texture the graph view draws like an image.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "gui/gl/framebuffer.h"
#include "gui/gl/shader.h"
#include "core/tensor.h"
#include "session/heatmap_image.h"

namespace bs::app {

class Heatmaps {
 public:
  // Compiles the shader (embedded, or from `shaderDir`); throws gl::ShaderError if it
  // does not compile.
  explicit Heatmaps(const std::string& shaderDir = "");
  ~Heatmaps();
  Heatmaps(const Heatmaps&) = delete;
  Heatmaps& operator=(const Heatmaps&) = delete;

  struct Shown {
    GLuint texture = 0;
    double maxAbs = 0;  // the largest finite |value|
    Index nans = 0, infs = 0;
    bool downsampled = false;
  };
  // The texture showing `t`, re-rendered only when `version` differs from the one it
  // was last rendered for.
  const Shown& texture(int key, const Tensor& t, int version);
  // A horizontal bar from -1 (left) through 0 to +1 (right).
  GLuint legend() const { return legend_->colour().id(); }
  void clear() { cache_.clear(); }  // a new graph: the keys mean other tensors now

 private:
  void render(const HeatmapImage& img, const gl::Framebuffer& fb) const;

  struct Entry {
    int version = -1;
    std::unique_ptr<gl::Framebuffer> fb;
    Shown shown;
  };
  int maxSide_ = 1024;  // cells per side: more than a heatmap box has pixels
  gl::ShaderProgram program_;
  GLuint vao_ = 0;  // core profile: a VAO must be bound even with no attributes
  std::map<int, Entry> cache_;
  std::unique_ptr<gl::Framebuffer> legend_;
};

}  // namespace bs::app
