// The window's fonts: DejaVu Sans with the Greek and math glyphs the traces use
// (σ ∂ ∇ · ² ᵀ Σ ⊙ −), or ImGui's own font if DejaVu is missing.
#pragma once
#include <imgui.h>

namespace bs::app {

struct Fonts {
  ImFont* ui = nullptr;     // panels
  ImFont* graph = nullptr;  // the graph view: loaded large, drawn scaled by the zoom
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
