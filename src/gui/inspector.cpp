#include <imgui.h>

#include "i18n/i18n.h"
#include "gui/panels.h"
#include "core/tensor_stats.h"
#include "core/trace.h"

namespace bs::app {

namespace {

void tensorText(const char* label, const Tensor& t, ImVec4 colour, int precision) {
  arithmeticText(std::string(label) + "  " + formatTensor(t, precision, 12, 12), &colour);
}

// Inputs, params and consts: one field per element (up to 8x8), Enter or leaving the
// field applies it.
void leafEditor(AppState& s, int id) {
  const Node& n = s.graph().node(id);
  if (n.value.rows() > 8 || n.value.cols() > 8) {
    ImGui::TextDisabled(tr("(too large to edit here: change it in the Source tab)"));
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped(tr("Edit the values (Enter applies; every step up to this one is recomputed):"));
  ImGui::PopStyleColor();
  const float w = std::min(90.0f, (ImGui::GetContentRegionAvail().x - 10) / float(n.value.cols()) - 6);
  for (Index r = 0; r < n.value.rows(); ++r)
    for (Index c = 0; c < n.value.cols(); ++c) {
      double v = n.value(r, c);
      ImGui::PushID(int(r * 64 + c));
      ImGui::SetNextItemWidth(w);
      ImGui::InputDouble("##v", &v, 0, 0, "%.4g");
      if (ImGui::IsItemDeactivatedAfterEdit()) s.setLeafElement(id, r, c, v);
      ImGui::PopID();
      if (c + 1 < n.value.cols()) ImGui::SameLine();
    }
  bool any = false;
  for (int i = 0; i < s.graph().size(); ++i) any |= s.edited(i);
  if (any && ImGui::Button(tr("Reset edited values"))) s.resetEdits();
}

}  // namespace

// A line of arithmetic in the panel's width, broken between its forms, never inside a number.
void arithmeticText(const std::string& line, const ImVec4* colour) {
  const float avail = ImGui::GetContentRegionAvail().x;
  for (const std::string& l : wrapArithmetic(line, [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; }, avail)) {
    if (colour) ImGui::TextColored(*colour, "%s", l.c_str());
    else ImGui::TextUnformatted(l.c_str());
  }
}

void paragraphText(const std::string& text, const ImVec4* colour) {
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    arithmeticText(text.substr(start, end - start), colour);
  arithmeticText(text.substr(start), colour);
}

void drawInspector(AppState& s) {
  if (!s.hasGraph()) return;
  const Graph& g = s.graph();
  const Stepper& st = s.stepper();
  const ImVec4 ink{0.1f, 0.1f, 0.12f, 1}, red{0.75f, 0.12f, 0.12f, 1}, dim{0.45f, 0.45f, 0.45f, 1};

  // A step an op could not compute: what and where; the window goes on.
  if (const auto& f = st.failure()) {
    ImGui::PushStyleColor(ImGuiCol_Text, red);
    paragraphText(f->message + (f->loc.line > 0 ? " " + fmt(tr("(line {}, column {})"), f->loc.line, f->loc.col) : ""));
    ImGui::PopStyleColor();
    ImGui::TextDisabled(tr("Fix it in the Source tab; the steps before it are shown."));
    ImGui::Separator();
  }

  // The element clicked in the graph first: its own arithmetic, whatever the tensor's size.
  if (const auto el = s.selectedElement(); el && s.selected()) {
    const int id = *s.selected();
    const Node& n = g.node(id);
    const std::string name = elementName(n.name, n.shape, el->row, el->col);
    ImGui::TextColored(el->grad ? red : ink, tr("%s (clicked):"), (el->grad ? gradName(g, name) : name).c_str());
    const auto lines = nodeElementText(st, id, el->grad, el->row, el->col, s.traceOptions());
    if (lines.empty()) ImGui::TextColored(dim, tr("  not computed yet: step on to it"));
    for (const std::string& l : lines) arithmeticText("  " + l);
    ImGui::Separator();
  }

  // The current step, in the words of `backstep trace`.
  auto cur = s.currentStep();
  if (!cur) {
    ImGui::TextWrapped(tr("Step 0 of %d. Press Right (or >) to compute the first node."), st.size());
  } else {
    const StepRecord& r = st.record(*cur);
    ImGui::Text(tr("Step %d of %d  (%s)"), *cur + 1, st.size(), r.step.phase == Phase::Forward ? tr("forward") : tr("backward"));
    const StepText t = traceStep(g, r, s.traceOptions());
    for (const std::string& line : t.lines) arithmeticText(line);
    if (!t.formula.empty()) arithmeticText(std::string(tr("local derivative:")) + " " + tr(t.formula));
  }
  ImGui::Separator();

  // The selected node, or else the node of the current step.
  int id = -1;
  if (s.selected()) id = *s.selected();
  else if (cur) id = st.record(*cur).step.phase == Phase::Forward ? st.record(*cur).step.node : st.record(*cur).step.target;
  if (id < 0) {
    // Wrapped: the Spanish hint is wider than the panel at 1024x640.
    paragraphText(s.answers().active() ? tr("Click a node to type the numbers you wrote for it.") : tr("Click a node to inspect it."), &dim);
    return;
  }
  const Node& n = g.node(id);
  arithmeticText(n.name + "  ·  " + kindName(n.kind) + "  ·  " + n.shape.str() + (s.selected() ? "" : std::string("   ") + tr("(the current step's node)")));
  if (!n.isLeaf()) {
    std::vector<std::string> operands;
    for (int in : n.inputs) operands.push_back(g.node(in).name);
    arithmeticText(n.name + " = " + expressionText(*n.op, operands, n.attrs));
    arithmeticText(std::string(tr("local derivative:")) + " " + tr(n.op->formula));
    if (ImGui::TreeNode(tr("Why? (how the backward step is derived)"))) {
      paragraphText(tr(n.op->derivation));
      ImGui::TreePop();
    }
  }
  if (!s.selectedElement() && !s.answers().active()) ImGui::TextColored(dim, tr("Click a number in the graph for its own arithmetic."));
  // Tensors too large to read number by number (a training batch) get their statistics.
  const bool large = n.value.size() > 16;
  if (st.valueKnown(id)) {
    tensorText(tr("value"), n.value, ink, s.traceOptions().precision);
    if (large) paragraphText(formatStats(valueStats(n), n.op ? n.op->saturation : "", "\n"));
  } else {
    ImGui::TextColored(dim, tr("value ? (not computed yet)"));
  }
  if (st.contributionsTotal(id) > 0) {
    const std::string label = gradName(g, n.name);
    if (st.gradKnown(id)) {
      tensorText(label.c_str(), n.grad, red, s.traceOptions().precision);
      if (large) arithmeticText(formatStats(tensorStats(n.grad)), &red);
    } else if (st.contributionsDone(id) > 0) {
      tensorText(fmt(tr("{} so far"), label).c_str(), n.grad, red, s.traceOptions().precision);
      ImGui::TextColored(dim, tr("(%d of %d contributions)"), st.contributionsDone(id), st.contributionsTotal(id));
    } else {
      ImGui::TextColored(dim, tr("%s ? (not computed yet)"), label.c_str());
    }
  }
  if (n.isLeaf()) leafEditor(s, id);
  if (s.answers().active()) drawAnswerFields(s, id);
}

}  // namespace bs::app
