// The answers mode's panels: the inspector's fields for the selected node's numbers
// with their verdicts and explanations, and the Answers menu (load, save, clear).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "i18n/i18n.h"
#include "gui/panels.h"
#include "gui/verdict_marks.h"
#include "core/trace.h"

namespace bs::app {

namespace {

// A mark in the text flow, as high as a line of text.
void inlineMark(Verdict v) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy({h, ImGui::GetFrameHeight()});
  drawVerdictMark(ImGui::GetWindowDrawList(), {p.x + h / 2, p.y + ImGui::GetFrameHeight() / 2}, h * 0.45f, v);
}

// One field: the student's number, its frame tinted by the verdict, a mark after it.
// True while it holds a new number, typed but not yet checked.
bool answerField(AppState& s, const AnswerKey& k, float width) {
  const Answers& a = s.answers();
  const auto v = a.verdict(k);
  std::string text = a.fieldText(k);
  ImGui::PushID(int(k.row * 64 + k.col));
  if (v) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::ColorConvertU32ToFloat4(verdictTint(*v)));
  ImGui::SetNextItemWidth(width);
  ImGui::InputText("##answer", &text);
  if (v) ImGui::PopStyleColor();
  const bool typing = ImGui::IsItemActive() && text != a.fieldText(k);
  if (ImGui::IsItemDeactivatedAfterEdit()) s.typeAnswer(k, text);
  if (ImGui::IsItemHovered()) {
    const Graph& g = s.graph();
    const ElementCheck* e = a.report().element(k.node, k.quantity, k.row, k.col);
    std::string slips;
    if (e)
      for (const Slip& sl : e->slips) slips += (slips.empty() ? ": " : " or ") + sl.label;
    if (e) ImGui::SetTooltip(tr("%s = %s: %s%s (exact %s)"), answerName(g, k.node, k.quantity, k.row, k.col).c_str(),
                             text.c_str(), verdictName(e->verdict), slips.c_str(), formatNumber(e->exact, 4).c_str());
    else ImGui::SetTooltip(tr("%s: type the number you wrote (empty: none)"), answerName(g, k.node, k.quantity, k.row, k.col).c_str());
  }
  ImGui::SameLine(0, 3);
  if (v) inlineMark(*v);
  else ImGui::Dummy({ImGui::GetTextLineHeight(), ImGui::GetFrameHeight()});
  ImGui::PopID();
  return typing;
}

// Every element of a node's value or gradient, as fields in the node's own shape.
// True while one of them holds a new number not yet checked.
bool quantityFields(AppState& s, int node, Quantity q) {
  const Graph& g = s.graph();
  const Node& n = g.node(node);
  const std::string name = answerName(g, node, q);
  const auto worst = s.answers().report().verdictOf(node, q);
  ImGui::TextColored(q == Quantity::Grad ? ImVec4{0.75f, 0.12f, 0.12f, 1} : ImVec4{0.1f, 0.1f, 0.12f, 1}, "%s", name.c_str());
  if (worst) {
    // The verdict, and the slips named for its wrong numbers: "wrong: a misread entry of Wᵀ".
    std::string verdict = verdictName(*worst), named;
    for (const CheckEntry& e : s.answers().report().entries)
      if (e.node == node && e.quantity == q)
        for (const ElementCheck& el : e.elements)
          for (const Slip& sl : el.slips)
            if (named.find(sl.label) == std::string::npos) named += (named.empty() ? ": " : "; ") + sl.label;
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(verdictColour(*worst)), "%s%s", verdict.c_str(), named.c_str());
  }
  if (n.shape.rows > 8 || n.shape.cols > 8) {
    ImGui::TextDisabled(tr("(too large to type here: load an answers file)"));
    return false;
  }
  ImGui::PushID(int(q));
  // Each field after its element's name ("z1", "dL/dW12"), all names as wide as the widest.
  float labelW = 0;
  for (Index r = 0; r < n.shape.rows; ++r)
    for (Index c = 0; c < n.shape.cols; ++c)
      labelW = std::max(labelW, ImGui::CalcTextSize(answerName(g, node, q, r, c).c_str()).x);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float mark = ImGui::GetTextLineHeight() + 3 + spacing;
  // A row of the matrix on a line if its fields can be 50 pixels wide, else one a line.
  float w = (ImGui::GetContentRegionAvail().x - 4) / float(n.shape.cols) - mark - labelW - spacing;
  const bool rowsFit = n.shape.cols == 1 || w >= 50;
  if (!rowsFit) w = ImGui::GetContentRegionAvail().x - 4 - mark - labelW - spacing;
  w = std::clamp(w, 40.0f, 90.0f);
  bool typing = false;
  for (Index r = 0; r < n.shape.rows; ++r)
    for (Index c = 0; c < n.shape.cols; ++c) {
      const float x = ImGui::GetCursorPosX();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(answerName(g, node, q, r, c).c_str());
      ImGui::SameLine(x + labelW + spacing);
      typing |= answerField(s, {node, q, r, c}, w);
      if (rowsFit && c + 1 < n.shape.cols) ImGui::SameLine();
    }
  for (Index r = 0; r < n.shape.rows; ++r)
    for (Index c = 0; c < n.shape.cols; ++c)
      if (const std::string* err = s.answers().fieldError({node, q, r, c}))
        ImGui::TextColored({0.75f, 0.12f, 0.12f, 1}, "%s: %s", answerName(g, node, q, r, c).c_str(), err->c_str());
  ImGui::PopID();
  return typing;
}

// What is wrong with the node's wrong or carried-over entries, and where to look; none
// while a field holds a number not yet checked (the explanation is of the old one).
void explanations(AppState& s, int node, Quantity q, bool typing) {
  if (typing || s.answers().unreadable(node, q)) {
    ImGui::TextDisabled("%s", typing ? tr("Enter checks the new number; then its explanation shows.")
                                     : tr("Not checked while a field's text cannot be read."));
    return;
  }
  const CheckReport& rep = s.answers().report();
  for (const CheckEntry& e : rep.entries) {
    if (e.node != node || e.quantity != q || e.explanation.empty()) continue;
    ImGui::PushID(&e);
    ImGui::Spacing();
    for (const std::string& line : e.explanation) arithmeticText(line);
    for (const ElementCheck& el : e.elements) {
      if (el.blamedStep < 0 || (el.verdict != Verdict::Wrong && el.verdict != Verdict::CarriedOver)) continue;
      const std::string label = el.verdict == Verdict::Wrong ? fmt(tr("Go to {}, where it went wrong"), stepLabel(el.blamedStep))
                                                             : fmt(tr("Go to {}, the earlier mistake"), stepLabel(el.blamedStep));
      if (ImGui::Button(label.c_str())) s.goToBlamed({node, q, el.row, el.col});
      break;  // one button: the entry's first blamed element
    }
    ImGui::PopID();
  }
}

}  // namespace

void drawAnswerFields(AppState& s, int node) {
  const Answers& a = s.answers();
  ImGui::Separator();
  ImGui::TextUnformatted(tr("Your answers"));
  const CheckReport& rep = a.report();
  const int total = rep.count(Verdict::Correct) + rep.count(Verdict::Rounding) + rep.count(Verdict::Wrong) +
                    rep.count(Verdict::CarriedOver);
  if (total > 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped(tr("%d numbers: %d correct, %d rounding, %d wrong, %d carried over"), total, rep.count(Verdict::Correct),
                       rep.count(Verdict::Rounding), rep.count(Verdict::Wrong), rep.count(Verdict::CarriedOver));
    ImGui::PopStyleColor();
  } else {
    ImGui::TextDisabled(tr("Type the numbers you wrote; each is checked at once."));
  }
  if (!a.checkError().empty()) ImGui::TextColored({0.75f, 0.12f, 0.12f, 1}, "%s", a.checkError().c_str());
  if (!a.note().empty()) paragraphText(a.note());
  const Graph& g = s.graph();
  const bool value = Answers::takes(g, node, Quantity::Value), grad = Answers::takes(g, node, Quantity::Grad);
  if (!value)
    ImGui::TextDisabled(grad ? tr("%s is given: write its gradient.") : tr("%s is given and gets no gradient: nothing to write."),
                        g.node(node).name.c_str());
  if (value) explanations(s, node, Quantity::Value, quantityFields(s, node, Quantity::Value));
  if (grad) explanations(s, node, Quantity::Grad, quantityFields(s, node, Quantity::Grad));
  // The first mistake anywhere, so it can be found from any node.
  for (const CheckEntry& e : rep.entries)
    if (e.verdict == Verdict::Wrong && e.node != node) {
      ImGui::Spacing();
      ImGui::TextDisabled(tr("Also wrong: %s (%s)."), e.name.c_str(), stepLabel(e.step).c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton(tr("Show it"))) {
        for (const ElementCheck& el : e.elements)
          if (el.verdict == Verdict::Wrong && s.goToBlamed({e.node, e.quantity, el.row, el.col})) break;
      }
      break;
    }
}

void drawAnswersMenu(AppState& s, MenuState& m, bool& load, bool& save) {
  if (!ImGui::BeginMenu(tr("Answers"))) return;
  bool on = s.answers().active();
  if (ImGui::MenuItem(tr("Check my answers (answers mode)"), nullptr, &on)) s.setAnswersMode(on);
  load = ImGui::MenuItem(tr("Load answers..."));
  save = ImGui::MenuItem(tr("Save answers..."), nullptr, false, !s.answers().sheet().empty());
  if (ImGui::MenuItem(tr("Clear answers"), nullptr, false, !s.answers().sheet().empty())) {
    s.clearAnswers();
    m.message = tr("answers cleared");
  }
  ImGui::EndMenu();
}

void drawAnswersPopups(AppState& s, MenuState& m, bool load, bool save) {
  if (load) ImGui::OpenPopup(tr("Load answers"));
  if (save) ImGui::OpenPopup(tr("Save answers"));
  if (pathPopup(tr("Load answers"), tr("An answers file: one line per number, e.g.  dL/dy = [0.196, 0.262]"), m.answersPath, tr("Load"))) {
    auto err = s.loadAnswers(m.answersPath);
    m.message = !err ? fmt(tr("loaded {}"), m.answersPath) : err->located(m.answersPath);
  }
  if (pathPopup(tr("Save answers"), nullptr, m.answersPath, tr("Save"))) {
    const std::string err = s.saveAnswers(m.answersPath);
    m.message = err.empty() ? fmt(tr("saved {}"), m.answersPath) : err;
  }
}

}  // namespace bs::app
