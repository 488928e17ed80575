// Help > Guide: the session's guide (session/guide.h) drawn as a window, with each
// colour painted from the graph view's own palette.
#include <imgui.h>

#include <algorithm>

#include "i18n/i18n.h"
#include "gui/panels.h"
#include "gui/value_drawing.h"
#include "session/guide.h"

namespace bs::app {

namespace {

// A sample of the colour as the graph view uses it: a filled box, an outline, or text.
void swatch(Swatch s) {
  const Palette p;
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 a = ImGui::GetCursorScreenPos(), b{a.x + 2.2f * h, a.y + h};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto box = [&](ImU32 fill, ImU32 outline, float thick) {
    dl->AddRectFilled(a, b, fill, 3);
    dl->AddRect(a, b, outline, 3, 0, thick);
  };
  switch (s) {
    case Swatch::Input: box(p.input, p.edge, 1); break;
    case Swatch::Param: box(p.param, p.edge, 1); break;
    case Swatch::Const: box(p.constant, p.edge, 1); break;
    case Swatch::Op: {
      const ImVec2 c{(a.x + b.x) / 2, (a.y + b.y) / 2};
      dl->AddCircleFilled(c, h / 2, p.op);
      dl->AddCircle(c, h / 2, p.edge);
      break;
    }
    case Swatch::Current: box(p.highlightFill, p.highlight, 3); break;
    case Swatch::Selected: box(p.op, p.selected, 3); break;
    case Swatch::Value: dl->AddText(a, p.ink, "0.406"); break;
    case Swatch::Gradient: dl->AddText(a, p.grad, "0.196"); break;
  }
  ImGui::Dummy({2.2f * h, h});
}

void section(const GuideSection& s, ImGuiTreeNodeFlags flags = 0) {
  if (!ImGui::CollapsingHeader(s.title.c_str(), flags)) return;
  for (const std::string& p : s.paragraphs) {
    paragraphText(p);
    ImGui::Spacing();
  }
}

void ops(const std::vector<GuideOp>& all) {
  const std::string title = fmt(tr("Ops ({})"), all.size()) + "###ops";
  if (!ImGui::CollapsingHeader(title.c_str())) return;
  ImGui::TextDisabled(tr("How each is written in a .bsg file, what it computes, its symbol in the graph and its local derivative."));
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("ops", 4, flags)) {
    ImGui::TableSetupColumn(tr("written"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(tr("computes"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("symbol"), ImGuiTableColumnFlags_WidthStretch, 0.5f);
    ImGui::TableSetupColumn(tr("local derivative"), ImGuiTableColumnFlags_WidthStretch, 2.3f);
    ImGui::TableHeadersRow();
    for (const GuideOp& op : all) {
      ImGui::TableNextRow();
      for (const std::string* cell : {&op.written, &op.computes, &op.symbol, &op.formula}) {
        ImGui::TableNextColumn();
        arithmeticText(*cell);
      }
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::TextDisabled(tr("How each backward step is derived (the Inspector's \"Why?\", backstep explain OP):"));
  for (const GuideOp& op : all)
    if (ImGui::TreeNode(op.name.c_str())) {
      paragraphText(op.derivation);
      ImGui::TreePop();
    }
}

}  // namespace

void drawGuide(bool& open) {
  if (!open) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 size{std::min(720.0f, vp->WorkSize.x - 40), vp->WorkSize.y - 40};
  ImGui::SetNextWindowPos({vp->WorkPos.x + (vp->WorkSize.x - size.x) / 2, vp->WorkPos.y + 20}, ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
  if (!ImGui::Begin(tr("Guide"), &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  const Guide& g = guide();
  section(g.start, ImGuiTreeNodeFlags_DefaultOpen);
  if (ImGui::CollapsingHeader(tr("Colours"), ImGuiTreeNodeFlags_DefaultOpen)) {
    for (const GuideColour& c : g.colours) {
      swatch(c.swatch);
      ImGui::SameLine();
      arithmeticText(c.name + ": " + c.meaning);
    }
  }
  ops(g.ops);
  for (const GuideSection& s : g.formats) section(s);
  ImGui::End();
}

}  // namespace bs::app
