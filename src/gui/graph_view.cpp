#include "gui/graph_view.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

#include "i18n/i18n.h"
#include "gui/verdict_marks.h"

namespace bs::app {

namespace {

// The boxes and arrows that the step just done touched.
struct Highlight {
  int node = -1;      // forward: the node computed; backward: the node receiving a gradient
  int producer = -1;  // forward: value boxes of this producer light up
  int consumer = -2, inputIndex = -2;  // backward: the value box along which the gradient flowed
};

Highlight highlightOf(const AppState& s) {
  Highlight h;
  auto k = s.currentStep();
  if (!k) return h;
  const Step& st = s.stepper().record(*k).step;
  if (st.phase == Phase::Forward) {
    h.node = h.producer = st.node;
  } else if (st.isSeed()) {
    h.node = st.target;
    h.consumer = h.inputIndex = -1;
  } else {
    h.node = st.target;
    h.consumer = st.node;
    h.inputIndex = st.inputIndex;
  }
  return h;
}

bool lit(const Highlight& h, const LayoutBox& b) {
  if (b.kind != BoxKind::Value) return b.node == h.node;
  return b.node == h.producer || (b.consumer == h.consumer && b.inputIndex == h.inputIndex && b.node == h.node);
}

}  // namespace

void GraphView::relayout(const AppState& s, const Fonts& fonts) {
  const float base = fonts.graphBaseSize;
  ImFont* font = fonts.graph;
  metrics_.lineHeight = base * 1.2f;
  metrics_.pad = base * 0.5f;
  metrics_.markWidth = s.answers().active() ? base * 0.9f : 0;  // a verdict mark beside each number
  metrics_.textWidth = [font, base](std::string_view t) {
    return font->CalcTextSizeA(base, FLT_MAX, 0, t.data(), t.data() + t.size()).x;
  };
  const auto t0 = std::chrono::steady_clock::now();
  input_ = s.layoutInput(metrics_);
  // Our layered layout at once; dot's in a child process, waited for briefly (the
  // examples take milliseconds, so they open with dot's drawing and never flicker).
  layout_ = simpleLayout(input_);
  layoutNote_.clear();
  job_.reset();
  if (!dotGaveUp_ && int(input_.boxes.size()) <= kMaxDotBoxes) {
    job_ = std::make_unique<LayoutJob>(input_, kDotSeconds);
    while (job_->poll() == LayoutJob::State::Running && std::chrono::steady_clock::now() - t0 < kDotWait)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    takeFinishedLayout();
  }
  layoutMs_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  fitPending_ = true;
}

void GraphView::takeFinishedLayout() {
  if (!job_) return;
  const LayoutJob::State state = job_->poll();
  if (state == LayoutJob::State::Running) return;
  if (state == LayoutJob::State::Done) {
    layout_ = job_->take();
    fitPending_ = true;
    focusShown_ = -1;
  } else {
    dotGaveUp_ = true;
    layoutNote_ = job_->reason() + tr(": a simple layered layout is shown.");
  }
  job_.reset();
}

void GraphView::fit(ImVec2 canvas) {
  const float margin = 24;
  const float w = std::max(layout_.width, 1.0f), h = std::max(layout_.height, 1.0f);
  zoom_ = std::clamp(std::min((canvas.x - 2 * margin) / w, (canvas.y - 2 * margin) / h), 0.02f, 2.0f);
  pan_ = {(canvas.x - w * zoom_) / 2, (canvas.y - h * zoom_) / 2};
  fittedFor_ = canvas;
  moved_ = false;
  // A graph too big to fit with its numbers readable (a preset's network) is shown at
  // the smallest readable zoom, following the current step (the wheel still zooms out).
  follow_ = zoom_ < kReadableZoom;
  if (follow_) {
    zoom_ = kReadableZoom;
    focusShown_ = -1;
  }
}

std::optional<BoxElement> GraphView::elementAt(const AppState& s, int box, ImVec2 mouse) const {
  const LayoutBox& b = input_.boxes[size_t(box)];
  if (b.kind != BoxKind::Value) return std::nullopt;
  const ImVec2 c = toScreen(layout_.centres[size_t(box)]);
  return valueBoxElement(s.graph().node(b.node).shape, metrics_, (mouse.x - c.x) / zoom_ + b.width / 2,
                         (mouse.y - c.y) / zoom_ + b.height / 2);
}

void GraphView::openAnswerField(const AppState& s, int box, ImVec2 mouse) {
  const LayoutBox& b = input_.boxes[size_t(box)];
  const auto e = elementAt(s, box, mouse);
  // A tensor drawn as a heatmap is too big to answer number by number.
  if (!e || valueStyle(s.graph().node(b.node).shape, metrics_) == ValueStyle::Heatmap) return;
  if (!Answers::takes(s.graph(), b.node, e->quantity)) return;  // a given value, a const's gradient
  if (e->quantity == Quantity::Grad) {  // only a box with the node's whole gradient (one consumer) takes it
    int boxes = 0;
    for (const EdgeValue& ev : edges_) boxes += ev.producer == b.node;
    if (boxes != 1) return;
  }
  editing_ = AnswerKey{b.node, e->quantity, e->row, e->col};
  editText_ = s.answers().fieldText(*editing_);
  ImGui::OpenPopup("answer field");  // i18n: an ID
}

void GraphView::selectElement(AppState& s, int box, ImVec2 mouse) const {
  if (const auto e = elementAt(s, box, mouse))
    s.selectElement(input_.boxes[size_t(box)].node, e->quantity == Quantity::Grad, e->row, e->col);
}

void GraphView::drawAnswerField(AppState& s) {
  if (!ImGui::BeginPopup("answer field")) return;
  if (editing_ && s.hasGraph() && editing_->node < s.graph().size()) {
    const AnswerKey k = *editing_;
    const bool scalar = s.graph().node(k.node).shape.size() == 1;  // "dL/dz", not "dL/dz1"
    ImGui::Text(tr("What you wrote for %s:"), answerName(s.graph(), k.node, k.quantity, scalar ? -1 : k.row, scalar ? -1 : k.col).c_str());
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(140);
    if (ImGui::InputText("##answer", &editText_, ImGuiInputTextFlags_EnterReturnsTrue)) {
      s.typeAnswer(k, editText_);
      ImGui::CloseCurrentPopup();
    }
    ImGui::TextDisabled(tr("Enter checks it; empty erases it; Esc cancels."));
  }
  ImGui::EndPopup();
}

int GraphView::hit(ImVec2 p) const {
  for (int i = int(input_.boxes.size()) - 1; i >= 0; --i) {
    const LayoutBox& b = input_.boxes[size_t(i)];
    const ImVec2 c = toScreen(layout_.centres[size_t(i)]);
    if (std::abs(p.x - c.x) <= b.width * zoom_ / 2 && std::abs(p.y - c.y) <= b.height * zoom_ / 2) return i;
  }
  return -1;
}

void GraphView::drawArrow(ImDrawList* dl, const std::vector<Point>& curve, bool head, ImU32 col, float thickness) const {
  // Zoomed out (a big graph), few segments suffice; the software renderer pays per triangle.
  const int segments = zoom_ < 0.6f ? 4 : 0;
  for (size_t i = 0; i + 3 < curve.size(); i += 3)
    dl->AddBezierCubic(toScreen(curve[i]), toScreen(curve[i + 1]), toScreen(curve[i + 2]), toScreen(curve[i + 3]), col, thickness, segments);
  if (!head || curve.size() < 2) return;
  const ImVec2 tip = toScreen(curve.back());
  ImVec2 from = toScreen(curve[curve.size() - 2]);
  if (std::hypot(tip.x - from.x, tip.y - from.y) < 1e-3f) from = toScreen(curve.front());
  float dx = tip.x - from.x, dy = tip.y - from.y;
  const float len = std::max(std::hypot(dx, dy), 1e-3f);
  dx /= len;
  dy /= len;
  const float size = 9 * zoom_ + thickness;
  const ImVec2 base{tip.x - dx * size, tip.y - dy * size};
  dl->AddTriangleFilled(tip, {base.x - dy * size * 0.45f, base.y + dx * size * 0.45f},
                        {base.x + dy * size * 0.45f, base.y - dx * size * 0.45f}, col);
}

void GraphView::drawNode(ImDrawList* dl, const AppState& s, const LayoutBox& b, ImVec2 min, ImVec2 max,
                         const Fonts& fonts, bool current, bool selected) const {
  const Node& n = s.graph().node(b.node);
  const float fs = fonts.graphBaseSize * zoom_;
  const ImVec2 c{(min.x + max.x) / 2, (min.y + max.y) / 2};
  auto text = [&](ImVec2 centre, const std::string& t, ImU32 col, float scale) {
    if (fs * scale < metrics_.minTextPixels) return;
    ImFont* font = fonts.graphFor(fs * scale);
    const ImVec2 e = font->CalcTextSizeA(fs * scale, FLT_MAX, 0, t.c_str());
    dl->AddText(font, fs * scale, {centre.x - e.x / 2, centre.y - e.y / 2}, col, t.c_str());
  };
  const ImU32 outline = selected ? palette_.selected : current ? palette_.highlight : palette_.edge;
  const float thick = (selected || current ? 3.0f : 1.2f) * std::max(zoom_, 0.5f);
  const float lh = metrics_.lineHeight * zoom_;
  if (b.kind == BoxKind::Leaf) {
    const ImU32 fill = current ? palette_.highlightFill
                     : n.kind == NodeKind::Input ? palette_.input
                     : n.kind == NodeKind::Param ? palette_.param : palette_.constant;
    dl->AddRectFilled(min, max, fill, 4 * zoom_);
    dl->AddRect(min, max, outline, 4 * zoom_, 0, thick);
    std::string kind = kindName(n.kind);
    if (s.edited(b.node)) kind += tr(" (edited)");
    text({c.x, c.y - lh / 2}, boxLabel(n.name), palette_.ink, 1.0f);
    text({c.x, c.y + lh / 2}, kind, palette_.faint, 0.8f);
  } else {
    const float r = (max.x - min.x) / 2;
    dl->AddCircleFilled(c, r, current ? palette_.highlightFill : palette_.op);  // segments by size
    dl->AddCircle(c, r, outline, 0, thick);
    text({c.x, c.y + lh * kOpSymbol.offset}, n.op->symbol, palette_.ink, kOpSymbol.scale);
    text({c.x, c.y + lh * kOpName.offset}, boxLabel(n.name), palette_.faint, kOpName.scale);
  }
  // Answers mode: the worst verdict of the node's value (top right) and gradient (bottom right).
  if (!s.answers().active()) return;
  const float mr = std::max(lh * 0.36f, 3.0f);
  const float inset = b.kind == BoxKind::Leaf ? 0.0f : (max.x - min.x) * 0.146f;  // onto the circle at 45°
  if (auto v = s.answers().report().verdictOf(b.node, Quantity::Value))
    drawVerdictMark(dl, {max.x - inset, min.y + inset}, mr, *v);
  if (auto v = s.answers().report().verdictOf(b.node, Quantity::Grad))
    drawVerdictMark(dl, {max.x - inset, max.y - inset}, mr, *v);
}

void GraphView::drawLegend(ImDrawList* dl, ImVec2 cmin, ImVec2 cmax, const Fonts& fonts, Heatmaps& h, bool heatmapsShown) const {
  ImFont* f = fonts.ui;
  const float fs = fonts.uiSize;
  ImVec2 p{cmin.x + 10, cmax.y - 10 - fs};
  dl->AddText(f, fs, p, palette_.ink, tr("value"));
  p.x += f->CalcTextSizeA(fs, FLT_MAX, 0, tr("value")).x + 12;
  dl->AddText(f, fs, p, palette_.grad, tr("gradient dL/d(·) along the edge"));
  if (!heatmapsShown) return;
  // The colour map: -max .. 0 .. +max of each heatmap (its own range is printed under it).
  const float w = 160, bh = 12;
  ImVec2 q{cmin.x + 10, cmax.y - 20 - 2 * fs - bh};
  dl->AddText(f, fs, {q.x, q.y - fs - 2}, palette_.ink, tr("heatmaps:"));
  dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(h.legend())), q, {q.x + w, q.y + bh}, {0, 1}, {1, 0});
  dl->AddRect(q, {q.x + w, q.y + bh}, palette_.faint);
  const float ty = q.y + bh + 1;
  dl->AddText(f, fs, {q.x, ty}, palette_.ink, "−max");  // i18n: math
  dl->AddText(f, fs, {q.x + w / 2 - 4, ty}, palette_.ink, "0");
  dl->AddText(f, fs, {q.x + w - f->CalcTextSizeA(fs, FLT_MAX, 0, "+max").x, ty}, palette_.ink, "+max");  // i18n: math
  // The colours beyond the map (heatmap.frag): NaN black, +Inf and -Inf darker than the ends.
  float x = q.x + w + 10;
  for (auto [colour, label] : {std::pair{IM_COL32(0, 0, 0, 255), "NaN"}, {IM_COL32(89, 0, 13, 255), "+Inf"}, {IM_COL32(0, 20, 77, 255), "-Inf"}}) {
    dl->AddRectFilled({x, q.y}, {x + bh, q.y + bh}, colour);
    x += bh + 3;
    dl->AddText(f, fs, {x, q.y + bh / 2 - fs / 2}, palette_.ink, label);
    x += f->CalcTextSizeA(fs, FLT_MAX, 0, label).x + 8;
  }
}

void GraphView::draw(AppState& s, Heatmaps& heatmaps, const Fonts& fonts) {
  if (!s.hasGraph()) return;
  if (s.graphVersion() != graphVersion_) {
    dotGaveUp_ = false;
    shown_ = s.shownNodes();
    relayout(s, fonts);
    heatmaps.clear();
    graphVersion_ = s.graphVersion();
    valuesVersion_ = -1;
    focusShown_ = -1;
  }
  if (s.shownNodes() != shown_) {  // a collapsed view moved on with the steps
    shown_ = s.shownNodes();
    relayout(s, fonts);
    heatmaps.clear();
    focusShown_ = -1;
  }
  if (s.answers().active() != answersLayout_) {  // numbers get room for their marks
    answersLayout_ = s.answers().active();
    relayout(s, fonts);
  }
  takeFinishedLayout();
  if (s.valuesVersion() != valuesVersion_) {
    edges_ = s.edgeValues();
    valuesVersion_ = s.valuesVersion();
  }
  const ImVec2 cmin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 50.0f);
  size.y = std::max(size.y, 50.0f);
  const ImVec2 cmax{cmin.x + size.x, cmin.y + size.y};
  origin_ = cmin;
  const bool resized = size.x != fittedFor_.x || size.y != fittedFor_.y;
  if (fitPending_ || (resized && !moved_ && !s.collapsed())) {
    fit(size);
    fitPending_ = false;
  }
  // A collapsed view, or a graph too big to fit readably, keeps the focus node (the
  // current step's, or the selected one) in sight instead: at zoom 1, or the readable
  // zoom Fit chose (the wheel still zooms out).
  if ((s.collapsed() || follow_) && focusShown_ != s.focusNode()) {
    focusShown_ = s.focusNode();
    if (s.collapsed()) zoom_ = 1;
    for (size_t i = 0; i < input_.boxes.size(); ++i)
      if (input_.boxes[i].node == focusShown_ && input_.boxes[i].kind != BoxKind::Value)
        pan_ = {size.x / 2 - layout_.centres[i].x * zoom_, size.y / 2 - layout_.centres[i].y * zoom_};
  }

  // Interaction: click selects, drag pans, the wheel zooms about the mouse.
  ImGui::InvisibleButton("canvas", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2) || ImGui::IsMouseDragging(ImGuiMouseButton_Right, 2) ||
                                ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 2))) {
    pan_.x += io.MouseDelta.x;
    pan_.y += io.MouseDelta.y;
    moved_ = true;
  }
  if (ImGui::IsItemHovered() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
      ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).x == 0 && ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).y == 0) {
    const int b = hit(io.MousePos);
    if (b >= 0) s.select(input_.boxes[size_t(b)].node); else s.clearSelection();
    if (b >= 0 && s.answers().active()) openAnswerField(s, b, io.MousePos);
    else if (b >= 0) selectElement(s, b, io.MousePos);
  }
  drawAnswerField(s);
  if (ImGui::IsItemHovered() && io.MouseWheel != 0) {
    const float z = std::clamp(zoom_ * std::pow(1.15f, io.MouseWheel), 0.05f, 6.0f);
    const ImVec2 m{io.MousePos.x - origin_.x, io.MousePos.y - origin_.y};
    pan_ = {m.x - (m.x - pan_.x) * z / zoom_, m.y - (m.y - pan_.y) * z / zoom_};
    zoom_ = z;
    moved_ = true;
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(cmin, cmax, true);
  // Zoomed out, anti-aliasing is invisible but triples the triangles llvmpipe must set up.
  const ImDrawListFlags flags = dl->Flags;
  if (zoom_ < 0.6f) dl->Flags &= ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedFill);
  // The background is the window's clear colour (see window.cpp): one fill less per frame.
  const Highlight hl = highlightOf(s);
  const int nodes = s.graph().size();
  auto visible = [&](ImVec2 a, ImVec2 b) { return b.x >= cmin.x && a.x <= cmax.x && b.y >= cmin.y && a.y <= cmax.y; };

  for (size_t i = 0; i < input_.arrows.size(); ++i) {
    const LayoutArrow& a = input_.arrows[i];
    const bool on = lit(hl, input_.boxes[size_t(a.from)]) && lit(hl, input_.boxes[size_t(a.to)]);
    drawArrow(dl, layout_.curves[i], a.head, on ? palette_.highlight : palette_.edge, (on ? 3.0f : 1.5f) * std::max(zoom_, 0.4f));
  }
  ValuePainter vp;
  vp.dl = dl;
  vp.fonts = &fonts;
  vp.zoom = zoom_;
  vp.metrics = &metrics_;
  vp.heatmaps = &heatmaps;
  vp.graph = &s.graph();
  vp.valuesVersion = valuesVersion_;
  std::vector<int> edgesOut(size_t(nodes), 0);  // value boxes per producer: one means its gradient is whole
  if (s.answers().active()) {
    vp.answers = &s.answers();
    for (const EdgeValue& e : edges_) ++edgesOut.at(size_t(e.producer));
  }
  bool heatmapShown = false;
  for (size_t i = 0; i < input_.boxes.size(); ++i) {
    const LayoutBox& b = input_.boxes[i];
    const ImVec2 c = toScreen(layout_.centres[i]);
    const ImVec2 bmin{c.x - b.width * zoom_ / 2, c.y - b.height * zoom_ / 2}, bmax{c.x + b.width * zoom_ / 2, c.y + b.height * zoom_ / 2};
    if (!visible(bmin, bmax)) continue;
    const bool current = lit(hl, b);
    const bool selected = s.selected() == b.node && b.kind != BoxKind::Value;
    if (b.kind == BoxKind::Value) {
      dl->AddRectFilled(bmin, bmax, current ? palette_.highlightFill : palette_.valueBox, 3 * zoom_);
      dl->AddRect(bmin, bmax, current ? palette_.highlight : IM_COL32(215, 215, 210, 255), 3 * zoom_, 0, current ? 2.5f : 1.0f);
      const Shape shape = s.graph().node(b.node).shape;
      heatmapShown |= valueStyle(shape, metrics_) == ValueStyle::Heatmap;
      const EdgeValue& ev = edges_.at(size_t(b.edge));
      vp.gradIsTotal = edgesOut.at(size_t(ev.producer)) == 1;
      vp.draw(bmin, bmax, shape, ev, int(i));
    } else {
      drawNode(dl, s, b, bmin, bmax, fonts, current, selected);
    }
  }
  dl->Flags = flags;
  drawLegend(dl, cmin, cmax, fonts, heatmaps, heatmapShown);
  std::string note;  // say what is not as usual: only a part drawn, a simpler layout
  if (s.collapsed()) {
    char text[200];
    std::snprintf(text, sizeof text, tr("Collapsed view: %d nodes are too many to draw; showing nodes %d-%d and what feeds them. "
                                        "It follows the current step (or the selected node)."), nodes, shown_.first + 1, shown_.last);
    note = text;
  }
  // Answers mode's hint here, where every tab of the side panel shows it.
  if (s.answers().active())
    note += (note.empty() ? "" : "\n") + std::string(tr("Answers mode: click a number in the graph to type the one you wrote."));
  if (job_) note += (note.empty() ? "" : "\n") + std::string(tr("Laying out with Graphviz..."));
  if (!layoutNote_.empty()) note += (note.empty() ? "" : "\n") + layoutNote_;
  if (!note.empty()) {
    const ImVec2 p{cmin.x + 10, cmin.y + 8};
    const ImVec2 ext = ImGui::CalcTextSize(note.c_str(), nullptr, false, size.x - 20);
    dl->AddRectFilled({p.x - 4, p.y - 3}, {p.x + ext.x + 4, p.y + ext.y + 3}, IM_COL32(255, 244, 214, 235), 3);
    dl->AddText(fonts.ui, fonts.uiSize, p, palette_.ink, note.c_str(), nullptr, size.x - 20);
  }
  if (s.answers().active()) {  // the verdict marks, bottom right
    const float w = drawVerdictLegend(nullptr, fonts.ui, fonts.uiSize, {}, palette_.ink);
    // On the value/gradient legend's line if it fits beside it (Spanish is longer), else above it.
    const float used = cmin.x + 10 + fonts.ui->CalcTextSizeA(fonts.uiSize, FLT_MAX, 0, tr("value")).x + 12 +
                       fonts.ui->CalcTextSizeA(fonts.uiSize, FLT_MAX, 0, tr("gradient dL/d(·) along the edge")).x + 16;
    const float y = cmax.x - 10 - w >= used ? cmax.y - 10 - fonts.uiSize : cmax.y - 16 - 2 * fonts.uiSize;
    drawVerdictLegend(dl, fonts.ui, fonts.uiSize, {cmax.x - 10 - w, y}, palette_.ink);
  }
  dl->PopClipRect();
}

}  // namespace bs::app
