#include "gui/fonts.h"

#include <filesystem>

namespace bs::app {

namespace {
constexpr const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kDejaVuMono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
}

void loadFonts(Fonts& f) {
  ImGuiIO& io = ImGui::GetIO();
  {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());  // Latin-1: · ² ³
    const ImWchar extra[] = {0x0370, 0x03FF,   // Greek: σ Σ η
                             0x2000, 0x206F,   // general punctuation: ′ ‖ …
                             0x2070, 0x209F,   // super- and subscripts
                             0x2190, 0x21FF,   // arrows
                             0x2200, 0x22FF,   // math operators: ∂ ∇ − ⊙ Σ
                             0x1D00, 0x1DBF,   // phonetic extensions: ᵀ ᵢ
                             0x25A0, 0x25FF,   // geometric shapes: ▶ ■
                             0};
    b.AddRanges(extra);
    b.BuildRanges(&f.ranges);
  }
  if (std::filesystem::exists(kDejaVu)) {
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    f.ui = io.Fonts->AddFontFromFileTTF(kDejaVu, f.uiSize, &cfg, f.ranges.Data);
    for (int i = 0; i < Fonts::kGraphSizes; ++i)
      f.graph = f.graphAt[i] = io.Fonts->AddFontFromFileTTF(kDejaVu, f.graphPx[i], &cfg, f.ranges.Data);
    f.mono = std::filesystem::exists(kDejaVuMono) ? io.Fonts->AddFontFromFileTTF(kDejaVuMono, f.uiSize, &cfg, f.ranges.Data) : f.ui;
    f.dejaVu = f.ui && f.graph && f.mono;
  }
  if (!f.dejaVu) {
    io.Fonts->Clear();  // drops any font that did load
    for (ImFont*& g : f.graphAt) g = nullptr;
    ImFontConfig cfg;
    cfg.SizePixels = 13;
    f.ui = f.graph = f.mono = io.Fonts->AddFontDefault(&cfg);
    f.uiSize = 13;
  }
}

}  // namespace bs::app
