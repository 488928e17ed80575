// The window's fonts: DejaVu Sans with the Greek and math glyphs the traces use
// (σ ∂ ∇ · ² ᵀ Σ ⊙ −), or ImGui's own font if DejaVu is missing.
#pragma once
#include <imgui.h>

namespace bs::app {

struct Fonts {
  ImFont* ui = nullptr;     // panels
  ImFont* graph = nullptr;  // the graph view's largest size; drawn scaled by the zoom
  // The graph font at a few sizes: text is drawn from the nearest one at or above its
  // size, so zoomed-out labels stay crisp (a big atlas glyph shrunk a lot blurs).
  static constexpr int kGraphSizes = 3;
  ImFont* graphAt[kGraphSizes] = {};
  float graphPx[kGraphSizes] = {11, 18, 30};
  ImFont* graphFor(float px) const {
    for (int i = 0; i < kGraphSizes; ++i)
      if (graphAt[i] && px <= graphPx[i] * 1.1f) return graphAt[i];
    return graph;
  }
  ImFont* mono = nullptr;   // the source editor
  float uiSize = 15;
  float graphBaseSize = 15;  // the graph font's size at zoom 1
  bool dejaVu = false;       // false: fell back to ImGui's font (no Greek letters)
  ImVector<ImWchar> ranges;  // the atlas reads these when it is built: keep them alive
};

// Adds the fonts to the current ImGui context's atlas (before the first frame). `f`
// must outlive the atlas's build (it holds the glyph ranges).
void loadFonts(Fonts& f);

}  // namespace bs::app
