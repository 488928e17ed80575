#include "gui/plot/plot_widget.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "i18n/i18n.h"
#include "gui/gl/gl.h"
#include "gui/gl/screenshot.h"
#include "session/run_store.h"

namespace bs::app::plot {

namespace {

constexpr float kLeft = 58, kRight = 12, kTop = 24, kBottom = 40;
constexpr ImU32 kAxis = IM_COL32(90, 90, 90, 255), kGrid = IM_COL32(212, 212, 212, 255), kText = IM_COL32(40, 40, 40, 255);

ImU32 faded(std::uint32_t c, float alpha) {
  const auto a = std::uint32_t(float((c >> 24) & 0xff) * alpha);
  return (c & 0x00ffffffu) | (a << 24);
}

// One series on the screen: its decimated points, NaN where the line must break (a
// value ≤ 0 on a log scale).
std::vector<ImVec2> screenPoints(const Series& s, const Frame& f) {
  std::vector<ImVec2> pts;
  for (int i : decimate(s.x, s.y, f)) pts.emplace_back(f.screenX(s.x[size_t(i)]), f.screenY(s.y[size_t(i)]));
  return pts;
}

void drawLine(ImDrawList* dl, const Series& s, const std::vector<ImVec2>& pts) {
  const ImU32 col = s.faint ? faded(s.colour, 0.28f) : s.colour;
  const float thick = s.faint ? 1.0f : 2.0f;
  size_t begin = 0;
  for (size_t i = 0; i <= pts.size(); ++i)
    if (i == pts.size() || !std::isfinite(pts[i].y)) {
      if (i - begin >= 2) dl->AddPolyline(pts.data() + begin, int(i - begin), col, ImDrawFlags_None, thick);
      begin = i + 1;
    }
  // Few points (epochs): mark each one so that a single epoch shows.
  if (!s.faint && pts.size() <= 60)
    for (const ImVec2& p : pts)
      if (std::isfinite(p.y)) dl->AddCircleFilled(p, 2.5f, col);
}

// The corner of the plot where the legend hides the least of the lines (sampled
// along each segment, so a line crossing the box counts even between its points).
ImVec2 legendCorner(const std::vector<std::vector<ImVec2>>& lines, ImVec2 a, ImVec2 b, ImVec2 size) {
  const ImVec2 corners[] = {{b.x - size.x - 4, a.y + 4}, {b.x - size.x - 4, b.y - size.y - 4},
                            {a.x + 4, a.y + 4}, {a.x + 4, b.y - size.y - 4}};
  long hidden[4] = {0, 0, 0, 0};
  for (const auto& pts : lines)
    for (size_t i = 0; i < pts.size(); ++i) {
      const ImVec2 p = pts[i], q = i + 1 < pts.size() ? pts[i + 1] : pts[i];
      const int steps = std::clamp(int(std::hypot(q.x - p.x, q.y - p.y) / 4), 1, 200);
      for (int k = 0; k < steps; ++k) {
        const float t = float(k) / float(steps);
        const ImVec2 s{p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t};
        for (int c = 0; c < 4; ++c)
          hidden[c] += s.x >= corners[c].x && s.x <= corners[c].x + size.x && s.y >= corners[c].y && s.y <= corners[c].y + size.y;
      }
    }
  return corners[std::min_element(hidden, hidden + 4) - hidden];
}

std::string exact(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

PlotView::PlotView(std::string title, std::string xLabel, std::string yLabel, bool allowLog)
    : id_(title), title_(std::move(title)), xLabel_(std::move(xLabel)), yLabel_(std::move(yLabel)), allowLog_(allowLog) {}

void PlotView::setLabels(std::string title, std::string yLabel) {
  title_ = std::move(title);
  yLabel_ = std::move(yLabel);
}

void PlotView::draw(const std::vector<Series>& series, float width, float height) {
  ImGui::PushID(id_.c_str());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  width = std::max(width, 120.f);
  height = std::max(height, 90.f);
  ImGui::InvisibleButton("plot", {width, height});
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // No background fill: under llvmpipe every filled pixel costs; the frame's panel
  // colour shows through and the grid lines carry the axes.
  dl->AddText({origin.x + kLeft, origin.y + 4}, kText, tr(title_).c_str());  // titles and labels are msgids (trNoop)

  Frame f;
  f.left = origin.x + kLeft;
  f.top = origin.y + kTop;
  f.width = width - kLeft - kRight;
  f.height = height - kTop - kBottom;
  f.yScale = allowLog_ && logScale ? Scale::Log : Scale::Linear;

  std::vector<const Series*> all;
  for (const auto& s : series) all.push_back(&s);
  const auto xr = xExtent(all);
  const auto yr = fixedY ? fixedY : autoscaleY(all, f.yScale);
  if (!xr || !yr) {
    dl->AddText({f.left + 8, f.top + f.height / 2 - 8}, IM_COL32(140, 140, 140, 255), tr("no data yet"));
  } else {
    f.x = countRange(*xr);  // every x here counts epochs, batches or steps
    // A fixed range a little wider: accuracy 1.0 drawn on the frame's edge was hidden.
    f.y = padded(*yr, fixedY ? 0.03 : 0.06);
    // The y labels first: the left margin grows to hold the widest (1e+16 losses).
    const bool log = f.yScale == Scale::Log;
    const auto yt = log ? logTicks(f.y, std::max(2, int(f.height / 34))) : niceTicks(f.y, std::max(2, int(f.height / 34)));
    const double yStep = yt.size() > 1 ? yt[1] - yt[0] : 1;
    std::vector<std::string> yLabels;
    float labelW = 0;
    for (double v : yt) {
      yLabels.push_back(log ? tickLabel(v, v / 10) : tickLabel(v, yStep));
      labelW = std::max(labelW, ImGui::CalcTextSize(yLabels.back().c_str()).x);
    }
    const float grow = std::max(0.f, labelW + 12 - kLeft);
    f.left += grow;
    f.width -= grow;
    const ImVec2 a{f.left, f.top}, b{f.left + f.width, f.top + f.height};
    // Grid and ticks.
    const int xMax = std::max(2, int(f.width / 70));
    const auto xt = niceTicks(f.x, xMax, true);
    const double xStep = xt.size() > 1 ? xt[1] - xt[0] : 1;
    for (double v : xt) {
      const float sx = f.screenX(v);
      dl->AddLine({sx, a.y}, {sx, b.y}, kGrid);
      const std::string label = tickLabel(v, xStep);
      const float w = ImGui::CalcTextSize(label.c_str()).x;
      dl->AddText({sx - w / 2, b.y + 3}, kText, label.c_str());
    }
    for (size_t i = 0; i < yt.size(); ++i) {
      const float sy = f.screenY(yt[i]);
      dl->AddLine({a.x, sy}, {b.x, sy}, kGrid);
      const ImVec2 ts = ImGui::CalcTextSize(yLabels[i].c_str());
      dl->AddText({a.x - ts.x - 5, sy - ts.y / 2}, kText, yLabels[i].c_str());
    }
    dl->AddRect(a, b, kAxis);
    // Lines: faint ones first, so the smoothed ones lie on top.
    std::vector<std::vector<ImVec2>> pts;
    for (const auto& s : series) pts.push_back(screenPoints(s, f));
    dl->PushClipRect(a, b, true);
    for (int pass = 0; pass < 2; ++pass)
      for (size_t i = 0; i < series.size(); ++i)
        if (series[i].faint == (pass == 0)) drawLine(dl, series[i], pts[i]);
    dl->PopClipRect();

    // Legend, in the emptiest corner; faint series are listed faint.
    float lw = 0;
    for (const auto& s : series) lw = std::max(lw, ImGui::CalcTextSize(tr(s.name).c_str()).x);
    if (!series.empty()) {
      const float lh = ImGui::GetTextLineHeight() + 2;
      const ImVec2 box{lw + 40, lh * float(series.size()) + 6};
      const ImVec2 c = legendCorner(pts, a, b, box);
      dl->AddRectFilled(c, {c.x + box.x, c.y + box.y}, IM_COL32(242, 242, 242, 235));
      float ly = c.y + 3;
      for (const auto& s : series) {
        dl->AddLine({c.x + 6, ly + lh / 2}, {c.x + 26, ly + lh / 2}, s.faint ? faded(s.colour, 0.35f) : s.colour, s.faint ? 1.5f : 2.5f);
        dl->AddText({c.x + 32, ly}, kText, tr(s.name).c_str());
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
        ImGui::SetTooltip("%s\n%s %s\n%s %s", tr(s.name).c_str(), tr(xLabel_).c_str(), exact(x).c_str(), tr(yLabel_).c_str(), exact(y).c_str());
      }
    }
  }
  // Axis labels.
  const std::string xLabel = tr(xLabel_);
  const ImVec2 xs = ImGui::CalcTextSize(xLabel.c_str());
  dl->AddText({f.left + f.width / 2 - xs.x / 2, origin.y + height - xs.y - 2}, kText, xLabel.c_str());
  // The title names the quantity; the y label shows in the hover read-out.
  if (f.yScale == Scale::Log)
    dl->AddText({origin.x + kLeft + ImGui::CalcTextSize(tr(title_).c_str()).x + 10, origin.y + 4}, IM_COL32(120, 120, 120, 255),
                tr("(log scale)"));

  // Right-click: log scale and export.
  if (ImGui::BeginPopupContextItem("plot menu")) {
    if (allowLog_) ImGui::Checkbox(tr("Log scale"), &logScale);
    if (csvPath_.empty()) {  // "Loss per epoch" -> loss-per-epoch.csv
      std::string stem;
      for (char c : title_) stem += std::isalnum(static_cast<unsigned char>(c)) ? char(std::tolower(c)) : '-';
      csvPath_ = stem + ".csv";
      pngPath_ = stem + ".png";
    }
    ImGui::SetNextItemWidth(260);
    ImGui::InputText("##csv", &csvPath_);
    ImGui::SameLine();
    if (ImGui::Button(tr("Export the data (CSV)"))) {
      try {
        exportPlotCsv(csvPath_, series);
        message_ = fmt(tr("wrote {}"), csvPath_);
      } catch (const std::exception& e) {
        message_ = e.what();
      }
    }
    ImGui::SetNextItemWidth(260);
    ImGui::InputText("##png", &pngPath_);
    ImGui::SameLine();
    if (ImGui::Button(tr("Save the picture (PNG)"))) savePng(pngPath_);
    if (!message_.empty()) ImGui::TextUnformatted(message_.c_str());
    ImGui::EndPopup();
  }
  pngBox_[0] = origin.x;
  pngBox_[1] = origin.y;
  pngBox_[2] = origin.x + width;
  pngBox_[3] = origin.y + height;
  // The pixels are there once the renderer has drawn this list up to here.
  if (pngPending_) {
    dl->AddCallback(&PlotView::pngCallback, this);
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  }
  ImGui::PopID();
}

void PlotView::savePng(const std::string& path) {
  pngPath_ = path;
  pngPending_ = true;
}

void PlotView::pngCallback(const ImDrawList*, const ImDrawCmd* cmd) { static_cast<PlotView*>(cmd->UserCallbackData)->writePng(); }

void PlotView::writePng() {
  pngPending_ = false;
  GLint vp[4] = {0, 0, 0, 0};
  glGetIntegerv(GL_VIEWPORT, vp);  // the backend's viewport is the whole framebuffer
  const ImVec2 s = ImGui::GetIO().DisplayFramebufferScale;
  const int x0 = std::clamp(int(pngBox_[0] * s.x), 0, vp[2]), x1 = std::clamp(int(pngBox_[2] * s.x), 0, vp[2]);
  const int y0 = std::clamp(int(pngBox_[1] * s.y), 0, vp[3]), y1 = std::clamp(int(pngBox_[3] * s.y), 0, vp[3]);
  const int w = x1 - x0, h = y1 - y0;
  if (w <= 0 || h <= 0) {
    message_ = tr("the plot is not on screen");
    return;
  }
  const std::string err = gl::writePng(pngPath_, x0, vp[3] - y1, w, h);
  message_ = err.empty() ? fmt(tr("wrote {} ({}x{})"), pngPath_, w, h) : err;
}

}  // namespace bs::app::plot
