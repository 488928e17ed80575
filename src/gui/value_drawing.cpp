#include "gui/value_drawing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gui/verdict_marks.h"
#include "core/tensor_stats.h"

namespace bs::app {

std::string fitNumber(double v, int chars) {
  for (int p = 4; p >= 0; --p) {
    std::string s = formatNumber(v, p);
    if (int(s.size()) <= chars) return s;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1e", v);  // very large or small: 1.2e+05
  return buf;
}

void ValuePainter::text(ImVec2 centre, const std::string& s, ImU32 col, float scale) const {
  const float size = metrics->lineHeight * 0.83f * zoom * scale;
  if (size < metrics->minTextPixels) return;
  ImFont* font = fonts->graphFor(size);
  const ImVec2 ext = font->CalcTextSizeA(size, FLT_MAX, 0, s.c_str());
  dl->AddText(font, size, {centre.x - ext.x / 2, centre.y - ext.y / 2}, col, s.c_str());
}

void ValuePainter::mark(ImVec2 centre, float cellW, const AnswerKey& k) const {
  if (!answers || k.node < 0) return;
  const auto v = answers->verdict(k);
  if (!v) return;
  const float lh = metrics->lineHeight * zoom, r = std::min(lh * 0.26f, metrics->markWidth * zoom * 0.45f);
  dl->AddRectFilled({centre.x - cellW / 2 + 1, centre.y - lh / 2 + 1}, {centre.x + cellW / 2 - 1, centre.y + lh / 2 - 1},
                    verdictTint(*v), 2 * zoom);
  if (r >= 2.5f) drawVerdictMark(dl, {centre.x + cellW / 2 - metrics->markWidth * zoom / 2, centre.y}, r, *v);
}

std::string ValuePainter::mine(const AnswerKey& k) const {
  if (!answers || k.node < 0) return {};
  std::string t = answers->fieldText(k);
  if (int(t.size()) > metrics->numberChars && !answers->fieldError(k))
    if (const auto n = answers->sheet().get(k.node, k.quantity, k.row, k.col)) t = fitNumber(n->value, metrics->numberChars);
  return t;
}

void ValuePainter::number(ImVec2 centre, const Tensor* t, const AnswerKey& k, ImU32 col) const {
  const ImVec2 at{centre.x - metrics->markWidth * zoom / 2, centre.y};
  if (const std::string m = mine(k); !m.empty()) text(at, m, k.quantity == Quantity::Grad ? palette.grad : palette.ink);
  else text(at, t ? fitNumber((*t)(k.row, k.col), metrics->numberChars) : "?", t ? col : palette.faint);
}

void ValuePainter::grid(ImVec2 topLeft, float cellW, const Tensor* t, ImU32 col, Shape shape, int node, Quantity q) const {
  const float lh = metrics->lineHeight * zoom;
  for (Index r = 0; r < shape.rows; ++r)
    for (Index c = 0; c < shape.cols; ++c) {
      const ImVec2 centre{topLeft.x + (float(c) + 0.5f) * cellW, topLeft.y + (float(r) + 0.5f) * lh};
      mark(centre, cellW, {node, q, r, c});
      number(centre, t, {node, q, r, c}, col);
    }
}

void ValuePainter::heatmap(ImVec2 min, ImVec2 max, const Tensor* t, int key, ImU32 captionCol, const char* prefix,
                           const std::string& suffix) const {
  const float lh = metrics->lineHeight * zoom;
  const ImVec2 imgMax{max.x, max.y - lh};
  if (!t) {
    dl->AddRectFilled(min, imgMax, IM_COL32(230, 230, 230, 255));
    text({(min.x + max.x) / 2, (min.y + imgMax.y) / 2}, "?", palette.faint);
    return;
  }
  const Heatmaps::Shown& shown = heatmaps->texture(key, *t, valuesVersion);
  dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(shown.texture)), min, imgMax, {0, 1}, {1, 0});
  dl->AddRect(min, imgMax, palette.faint);
  std::string caption = std::string(prefix) + fitNumber(shown.maxAbs, metrics->numberChars) + suffix;
  if (shown.nans) caption += "  " + std::to_string(shown.nans) + " NaN";
  if (shown.infs) caption += "  " + std::to_string(shown.infs) + " Inf";
  text({(min.x + max.x) / 2, imgMax.y + lh / 2}, caption, shown.nans || shown.infs ? IM_COL32(190, 30, 30, 255) : captionCol, 0.85f);
}

void ValuePainter::draw(ImVec2 min, ImVec2 max, Shape shape, const EdgeValue& ev, int key) const {
  const Tensor* value = ev.valueKnown ? ev.value : nullptr;
  const Tensor* grad = ev.gradKnown ? &ev.grad : nullptr;
  const float lh = metrics->lineHeight * zoom, pad = metrics->pad * zoom;
  const float cx = (min.x + max.x) / 2;
  switch (valueStyle(shape, *metrics)) {
    case ValueStyle::Scalar: {
      const AnswerKey v{ev.producer, Quantity::Value, 0, 0}, g{gradIsTotal ? ev.producer : -1, Quantity::Grad, 0, 0};
      const ImVec2 top{cx, min.y + pad / 4 + lh / 2}, bottom{cx, min.y + pad / 4 + 1.5f * lh};
      mark(top, max.x - min.x - pad / 2, v);
      mark(bottom, max.x - min.x - pad / 2, g);
      number(top, value, v, palette.ink);
      if (grad || (answers && gradIsTotal)) number(bottom, grad, g, palette.grad);
      break;
    }
    case ValueStyle::Grid: {
      const float cellW = (max.x - min.x - pad) / float(shape.cols);
      const ImVec2 top{min.x + pad / 2, min.y + pad / 2};
      grid(top, cellW, value, palette.ink, shape, ev.producer, Quantity::Value);
      const float mid = top.y + float(shape.rows) * lh + pad / 4;
      dl->AddLine({min.x + pad / 2, mid}, {max.x - pad / 2, mid}, IM_COL32(220, 220, 220, 255));
      if (grad || (answers && gradIsTotal))
        grid({top.x, mid + pad / 4}, cellW, grad, grad ? palette.grad : palette.faint, shape, gradIsTotal ? ev.producer : -1, Quantity::Grad);
      break;
    }
    case ValueStyle::Heatmap: {
      const float half = (max.x - min.x - 3 * pad) / 2;
      const float availH = max.y - min.y - lh - 1.5f * pad;
      // In proportion, but never thinner than a strip of 2 lines (a 20000x1 vector).
      const float w = std::min(half, std::max(availH * float(shape.cols) / float(shape.rows), 2 * lh));
      const float h = std::min(availH, w * float(shape.rows) / float(shape.cols));
      const float x0 = cx - pad / 2 - half / 2 - w / 2, x1 = cx + pad / 2 + half / 2 - w / 2;
      const float y0 = min.y + pad / 2;
      std::string saturated;  // an activation's share of saturated units, as in the inspector
      if (value && graph && ev.producer >= 0)
        if (const TensorStats st = valueStats(graph->node(ev.producer)); st.saturated >= 0)
          saturated = "  " + std::to_string(int(std::lround(100 * st.saturated))) + "% sat.";
      heatmap({x0, y0}, {x0 + w, y0 + h + lh}, value, 2 * key, palette.ink, "±", saturated);
      if (grad) heatmap({x1, y0}, {x1 + w, y0 + h + lh}, grad, 2 * key + 1, palette.grad, "∇ ±");
      break;
    }
  }
}

}  // namespace bs::app
