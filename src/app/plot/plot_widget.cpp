#include "app/plot/plot_widget.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/run_store.h"

namespace bs::app::plot {

namespace {

constexpr float kLeft = 58, kRight = 12, kTop = 24, kBottom = 40;
constexpr ImU32 kAxis = IM_COL32(90, 90, 90, 255), kGrid = IM_COL32(225, 225, 225, 255), kText = IM_COL32(40, 40, 40, 255);

ImU32 faded(std::uint32_t c, float alpha) {
  const auto a = std::uint32_t(float((c >> 24) & 0xff) * alpha);
  return (c & 0x00ffffffu) | (a << 24);
}

// Draws one series through its decimated points, breaking the line where a point
// cannot be shown (a value ≤ 0 on a log scale).
void drawLine(ImDrawList* dl, const Series& s, const Frame& f) {
  const std::vector<int> idx = decimate(s.x, s.y, f);
  const ImU32 col = s.faint ? faded(s.colour, 0.28f) : s.colour;
  const float thick = s.faint ? 1.0f : 2.0f;
  std::vector<ImVec2> pts;
  pts.reserve(idx.size());
  auto flush = [&] {
    if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), col, ImDrawFlags_None, thick);
    pts.clear();
  };
  for (int i : idx) {
    const float sx = f.screenX(s.x[size_t(i)]), sy = f.screenY(s.y[size_t(i)]);
    if (!std::isfinite(sy)) {
      flush();
      continue;
    }
    pts.emplace_back(sx, sy);
  }
  // Few points (epochs): mark each one so single epochs are visible.
  if (!s.faint && idx.size() <= 60)
    for (const ImVec2& p : pts) dl->AddCircleFilled(p, 2.5f, col);
  flush();
}

std::string exact(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

PlotView::PlotView(std::string title, std::string xLabel, std::string yLabel, bool allowLog)
    : title_(std::move(title)), xLabel_(std::move(xLabel)), yLabel_(std::move(yLabel)), allowLog_(allowLog) {}

void PlotView::draw(const std::vector<Series>& series, float width, float height) {
  ImGui::PushID(title_.c_str());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  width = std::max(width, 120.f);
  height = std::max(height, 90.f);
  ImGui::InvisibleButton("plot", {width, height});
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(origin, {origin.x + width, origin.y + height}, IM_COL32(255, 255, 255, 255));
  dl->AddText({origin.x + kLeft, origin.y + 4}, kText, title_.c_str());

  Frame f;
  f.left = origin.x + kLeft;
  f.top = origin.y + kTop;
  f.width = width - kLeft - kRight;
  f.height = height - kTop - kBottom;
  f.yScale = allowLog_ && logScale ? Scale::Log : Scale::Linear;

  std::vector<const Series*> all;
  for (const auto& s : series) all.push_back(&s);
  const auto xr = xExtent(all);
  const auto yr = fixedY ? fixedY : yExtent(all, f.yScale);
  if (!xr || !yr) {
    dl->AddText({f.left + 8, f.top + f.height / 2 - 8}, IM_COL32(140, 140, 140, 255), "no data yet");
  } else {
    f.x = xr->span() > 0 ? *xr : padded(*xr);
    f.y = fixedY ? *fixedY : padded(*yr, 0.06);
    const ImVec2 a{f.left, f.top}, b{f.left + f.width, f.top + f.height};
    // Grid and ticks.
    const int xMax = std::max(2, int(f.width / 70)), yMax = std::max(2, int(f.height / 34));
    const auto xt = niceTicks(f.x, xMax);
    const double xStep = xt.size() > 1 ? xt[1] - xt[0] : 1;
    for (double v : xt) {
      const float sx = f.screenX(v);
      dl->AddLine({sx, a.y}, {sx, b.y}, kGrid);
      const std::string label = tickLabel(v, xStep);
      const float w = ImGui::CalcTextSize(label.c_str()).x;
      dl->AddText({sx - w / 2, b.y + 3}, kText, label.c_str());
    }
    const bool log = f.yScale == Scale::Log;
    const auto yt = log ? logTicks(f.y, yMax) : niceTicks(f.y, yMax);
    const double yStep = yt.size() > 1 ? yt[1] - yt[0] : 1;
    for (double v : yt) {
      const float sy = f.screenY(v);
      dl->AddLine({a.x, sy}, {b.x, sy}, kGrid);
      const std::string label = log ? tickLabel(v, v / 10) : tickLabel(v, yStep);
      const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
      dl->AddText({a.x - ts.x - 5, sy - ts.y / 2}, kText, label.c_str());
    }
    dl->AddRect(a, b, kAxis);
    // Lines: faint ones first, so the smoothed ones lie on top.
    dl->PushClipRect(a, b, true);
    for (int pass = 0; pass < 2; ++pass)
      for (const auto& s : series)
        if (s.faint == (pass == 0)) drawLine(dl, s, f);
    dl->PopClipRect();

    // Legend, top right.
    float ly = a.y + 6, lw = 0;
    for (const auto& s : series)
      if (!s.faint) lw = std::max(lw, ImGui::CalcTextSize(s.name.c_str()).x);
    const float lx = b.x - lw - 36;
    int shown = 0;
    for (const auto& s : series) shown += s.faint ? 0 : 1;
    if (shown > 0) {
      const float lh = ImGui::GetTextLineHeight() + 2;
      dl->AddRectFilled({lx - 6, ly - 3}, {b.x - 4, ly + lh * float(shown) + 1}, IM_COL32(255, 255, 255, 215));
      for (const auto& s : series) {
        if (s.faint) continue;
        dl->AddLine({lx, ly + lh / 2}, {lx + 20, ly + lh / 2}, s.colour, 2.5f);
        dl->AddText({lx + 26, ly}, kText, s.name.c_str());
        ly += lh;
      }
    }

    // Hover read-out of the nearest point.
    if (hovered) {
      const ImVec2 m = ImGui::GetIO().MousePos;
      if (auto hit = nearest(all, f, m.x, m.y, 14)) {
        const Series& s = *all[size_t(hit->series)];
        const double x = s.x[size_t(hit->index)], y = s.y[size_t(hit->index)];
        dl->AddCircle({f.screenX(x), f.screenY(y)}, 5, s.colour, 12, 2);
        ImGui::SetTooltip("%s\n%s %s\n%s %s", s.name.c_str(), xLabel_.c_str(), exact(x).c_str(), yLabel_.c_str(), exact(y).c_str());
      }
    }
  }
  // Axis labels.
  const ImVec2 xs = ImGui::CalcTextSize(xLabel_.c_str());
  dl->AddText({f.left + f.width / 2 - xs.x / 2, origin.y + height - xs.y - 2}, kText, xLabel_.c_str());
  const std::string yl = yLabel_ + (f.yScale == Scale::Log ? " (log)" : "");
  dl->AddText({origin.x + kLeft + ImGui::CalcTextSize(title_.c_str()).x + 14, origin.y + 4}, IM_COL32(120, 120, 120, 255), yl.c_str());

  // Right-click: log scale and export.
  if (ImGui::BeginPopupContextItem("plot menu")) {
    if (allowLog_) ImGui::Checkbox("Log scale", &logScale);
    ImGui::TextUnformatted("Export the data as CSV:");
    if (exportPath_.empty()) exportPath_ = title_ + ".csv";
    ImGui::SetNextItemWidth(260);
    ImGui::InputText("##path", &exportPath_);
    ImGui::SameLine();
    if (ImGui::Button("Export")) {
      try {
        exportPlotCsv(exportPath_, series);
        message_ = "wrote " + exportPath_;
      } catch (const std::exception& e) {
        message_ = e.what();
      }
    }
    if (!message_.empty()) ImGui::TextUnformatted(message_.c_str());
    ImGui::EndPopup();
  }
  ImGui::PopID();
}

}  // namespace bs::app::plot
