#include "gui/verdict_marks.h"

#include <algorithm>

namespace bs::app {

ImU32 verdictColour(Verdict v) {
  switch (v) {
    case Verdict::Correct: return IM_COL32(35, 150, 60, 255);
    case Verdict::Rounding: return IM_COL32(225, 185, 0, 255);
    case Verdict::CarriedOver: return IM_COL32(240, 120, 10, 255);
    case Verdict::Wrong: return IM_COL32(210, 35, 35, 255);
  }
  return IM_COL32(128, 128, 128, 255);
}

ImU32 verdictTint(Verdict v) {
  switch (v) {
    case Verdict::Correct: return IM_COL32(200, 238, 205, 255);
    case Verdict::Rounding: return IM_COL32(255, 241, 150, 255);
    case Verdict::CarriedOver: return IM_COL32(255, 208, 160, 255);
    case Verdict::Wrong: return IM_COL32(255, 196, 196, 255);
  }
  return IM_COL32(240, 240, 240, 255);
}

void drawVerdictMark(ImDrawList* dl, ImVec2 c, float r, Verdict v) {
  dl->AddCircleFilled(c, r, verdictColour(v), 16);
  // Rounding's yellow is light: a dark icon; the others white.
  const ImU32 icon = v == Verdict::Rounding ? IM_COL32(60, 50, 0, 255) : IM_COL32(255, 255, 255, 255);
  const float t = std::max(1.2f, r * 0.28f), s = r * 0.55f;
  auto p = [&](float x, float y) { return ImVec2{c.x + x * s, c.y + y * s}; };
  switch (v) {
    case Verdict::Correct: {
      const ImVec2 pts[3] = {p(-0.8f, 0.05f), p(-0.2f, 0.65f), p(0.85f, -0.6f)};
      dl->AddPolyline(pts, 3, icon, 0, t);
      break;
    }
    case Verdict::Wrong:
      dl->AddLine(p(-0.65f, -0.65f), p(0.65f, 0.65f), icon, t);
      dl->AddLine(p(-0.65f, 0.65f), p(0.65f, -0.65f), icon, t);
      break;
    case Verdict::Rounding:  // ≈: two waves
      for (float y : {-0.35f, 0.4f})
        dl->AddBezierCubic(p(-0.85f, y + 0.1f), p(-0.3f, y - 0.45f), p(0.3f, y + 0.45f), p(0.85f, y - 0.1f), icon, t * 0.85f, 8);
      break;
    case Verdict::CarriedOver: {  // an arrow: handed on from an earlier step
      dl->AddLine(p(-0.8f, 0), p(0.35f, 0), icon, t);
      dl->AddTriangleFilled(p(0.9f, 0), p(0.15f, -0.6f), p(0.15f, 0.6f), icon);
      break;
    }
  }
}

float drawVerdictLegend(ImDrawList* dl, ImFont* font, float size, ImVec2 at, ImU32 ink) {
  float x = at.x;
  const float r = size * 0.5f;
  for (Verdict v : {Verdict::Correct, Verdict::Rounding, Verdict::Wrong, Verdict::CarriedOver}) {
    if (dl) drawVerdictMark(dl, {x + r, at.y + size / 2}, r, v);
    x += 2 * r + 4;
    const char* name = verdictName(v);
    if (dl) dl->AddText(font, size, {x, at.y}, ink, name);
    x += font->CalcTextSizeA(size, FLT_MAX, 0, name).x + 12;
  }
  return x - at.x;
}

}  // namespace bs::app
