// How a verdict looks in the window: a colour, a light tint behind a number, and a round
// mark with an icon (✓ correct, ≈ rounding, ✗ wrong, ↷ carried over), so the verdicts
// stay apart where colours are hard to tell (the orange current-step highlight).
#pragma once
#include <imgui.h>

#include "check/checker.h"

namespace bs::app {

ImU32 verdictColour(Verdict v);  // green, yellow, red, orange
ImU32 verdictTint(Verdict v);    // the same, light: behind a number or in a field
// A filled circle of radius r in the verdict's colour with its icon drawn in lines.
void drawVerdictMark(ImDrawList* dl, ImVec2 centre, float r, Verdict v);
// The four marks with their names in a row from `at`; returns the row's width (with a
// null `dl`, only measures it).
float drawVerdictLegend(ImDrawList* dl, ImFont* font, float size, ImVec2 at, ImU32 ink);

}  // namespace bs::app
