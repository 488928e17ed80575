// The decision boundary of a two-input network: its output over the input plane,
// computed by the engine (TrainingSession) and coloured by shaders/boundary.frag,
// with the training points drawn on top.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "gui/gl/framebuffer.h"
#include "gui/gl/shader.h"
#include "core/tensor.h"

namespace bs::app {

class DecisionBoundaryView {
 public:
  // Compiles the shader (embedded, or from `shaderDir`); throws gl::ShaderError.
  explicit DecisionBoundaryView(const std::string& shaderDir = "");
  ~DecisionBoundaryView();
  DecisionBoundaryView(const DecisionBoundaryView&) = delete;
  DecisionBoundaryView& operator=(const DecisionBoundaryView&) = delete;

  // `values`: grid x grid outputs, row 0 at the bottom. Re-renders when the run or
  // its version changed.
  void update(const std::vector<float>& values, int grid, int runId, int version);
  // Draws a square of `side` pixels showing [-extent, extent]^2 with axes, and the
  // points (2 x N) coloured by their targets (1 x N).
  void draw(float side, double extent, const Mat<float>& points, const Mat<float>& targets) const;

 private:
  gl::ShaderProgram program_;
  GLuint vao_ = 0;
  std::unique_ptr<gl::Framebuffer> fb_;
  int runId_ = -1, version_ = -1;
};

}  // namespace bs::app
