// ui/learn_views.cpp: the landscape, scalar graph, paths and gradient-norm tabs of the inspector (see
// learn_views.h). The numbers come from core (landscape.h, scalar_graph.h, paths.h); this file only lays them out.
#include "ui/learn_views.h"
#include "ui/i18n.h"

#include "core/paths.h"
#include "core/scalar_graph.h"
#include "ui/rects.h"
#include "ui/strings.h"
#include "ui/style.h"
#include "ui/views.h"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace pg {

namespace {

// The gate patterns' names as the page shows them (core's kGatePatternNames, in the reader's language).
constexpr const char* kGatePatternText[] = {"", TR_KEY("distributes"), TR_KEY("swaps"), TR_KEY("routes")};
static_assert(std::size(kGatePatternText) == std::size(kGatePatternNames));


using nlohmann::json;

json jnum(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::string num4(double v) {  // short, for labels inside the graph (the tooltip has the full value)
  if (!std::isfinite(v)) return std::string(tr(text::kNotAvailable.data()));
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string num(double v) {
  if (!std::isfinite(v)) return std::string(tr(text::kNotAvailable.data()));
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

const Trainer* trainer(const AppState& app) { return app.session ? &app.session->trainer : nullptr; }

constexpr size_t kMaxTraceParams = 20000;  // θ beyond this many parameters is not kept for the trajectory

ImU32 ink(const AppState& app, Role r) { return im_colour_u32(theme_for(app.display)[r]); }

// ---- landscape ------------------------------------------------------------------------------------------------

// A sequential colour map for loss values (low: pale yellow, high: dark blue), t in [0, 1].
ImU32 loss_colour(double t) {
  static const float stops[5][3] = {{255, 247, 188}, {161, 218, 180}, {65, 182, 196}, {34, 94, 168}, {12, 44, 132}};
  t = std::clamp(t, 0.0, 1.0) * 4;
  const int i = std::min(3, int(t));
  const float f = float(t - i);
  auto c = [&](int k) { return int(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f); };
  return IM_COL32(c(0), c(1), c(2), 255);
}

// What the landscape is computed for: the learner's selection, then "|" and the step and weights version.
std::string landscape_key(const AppState& app) {
  const LearnState& s = app.learn;
  return std::to_string(s.plane) + "/" + std::to_string(s.param_i) + "," + std::to_string(s.param_j) + "/" +
         std::to_string(s.seed) + "/" + (s.minibatch ? "mb" : "set") + "|" + std::to_string(app.session->trainer.steps()) +
         "/" + std::to_string(app.boundary_version);
}

// Computes the landscape for the current selection when it changed. While training moves the weights, a rebuild
// is paid from the frame's budget as the inspector's live matrices are (ui/app.h, FrameBudget): its time is a
// debt that training repays, and the next waits until it is repaid, at least 0.25 s and ten times as long as the
// last took. A new selection of the learner's is computed at once.
void update_landscape(AppState& app, bool force) {
  LearnState& s = app.learn;
  const Trainer& t = app.session->trainer;
  const std::string key = landscape_key(app);
  if (key == s.landscape_key) return;
  const bool live = s.landscape_key.compare(0, s.landscape_key.find('|'), key, 0, key.find('|')) == 0;  // same selection
  const double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0;
  FrameBudget& b = app.budget;
  if (!force && live && app.playing && (now - s.landscape_at < std::max(0.25, 10 * s.landscape_seconds) || b.debt > 0)) return;
  const auto t0 = std::chrono::steady_clock::now();
  const Index P = t.network().param_count();
  LandscapeSpec spec;
  spec.plane = s.plane == 0 ? PlaneKind::Params : PlaneKind::Random;
  s.param_i = int(std::clamp<Index>(s.param_i, 0, P - 1));
  s.param_j = int(std::clamp<Index>(s.param_j, 0, P - 1));
  if (s.param_i == s.param_j) s.param_j = s.param_i == 0 ? 1 : 0;
  spec.param_i = s.param_i;
  spec.param_j = s.param_j;
  spec.seed = uint32_t(std::max(0, s.seed));
  if (P == 2 && spec.plane == PlaneKind::Random) spec.bias = BiasDirection::Neuron;  // two Zero directions would be parallel
  const Index samples = s.minibatch ? t.next_batch_count() : t.data().X_train.cols();
  std::vector<VecD> trajectory;
  for (const VecD& v : s.trace_theta)
    if (v.size() == P) trajectory.push_back(v);
  const bool cheap = landscape_point_cost(t.arch(), samples) * 81 * 5 < kLandscapeBudget;
  // Wider while a coarse grid's minimum sits on its edge (up to 16x): the valley the steps head for is in view.
  auto widen_to_minimum = [&](LandscapeSpec& sp) {
    if (!cheap) return;
    for (int k = 0; k < 4; ++k) {
      sp.grid = 9;
      const Landscape coarse = loss_landscape(t, sp, s.minibatch);
      if (!coarse.ok() || coarse.argmin_row < 0) break;
      const bool edge = coarse.argmin_row == 0 || coarse.argmin_row == 8 || coarse.argmin_col == 0 || coarse.argmin_col == 8;
      if (!edge) break;
      sp.span = std::min(sp.span * 2, kMaxLandscapeSpan);
    }
  };
  if (spec.plane == PlaneKind::Params) {
    // Two parameters: the map stays put while θ moves on it (the dot walks down the contours); it is framed
    // again only when the selection changes or θ nears its edge. The frame holds the path from step 0, θ, and
    // the coarse minimum; its half width is a power of two.
    const VecD theta = flatten_params(t.network());
    const double xi = theta(spec.param_i), yj = theta(spec.param_j);
    const std::string frame_key = std::to_string(s.param_i) + "," + std::to_string(s.param_j) + (s.minibatch ? "mb" : "set");
    const bool inside = std::abs(xi - s.frame_cx) < 0.9 * s.frame_span && std::abs(yj - s.frame_cy) < 0.9 * s.frame_span;
    if (frame_key != s.frame_key || !inside) {
      double x_lo = xi, x_hi = xi, y_lo = yj, y_hi = yj;
      for (const VecD& v : trajectory) {
        x_lo = std::min(x_lo, v(spec.param_i)), x_hi = std::max(x_hi, v(spec.param_i));
        y_lo = std::min(y_lo, v(spec.param_j)), y_hi = std::max(y_hi, v(spec.param_j));
      }
      spec.centred = true;
      spec.centre_x = (x_lo + x_hi) / 2;
      spec.centre_y = (y_lo + y_hi) / 2;
      spec.span = 1;
      while (spec.span < 1.15 * std::max(x_hi - x_lo, y_hi - y_lo) / 2 && spec.span < kMaxLandscapeSpan) spec.span *= 2;
      widen_to_minimum(spec);
      s.frame_key = frame_key;
      s.frame_cx = spec.centre_x, s.frame_cy = spec.centre_y, s.frame_span = spec.span;
    }
    spec.centred = true;
    spec.centre_x = s.frame_cx, spec.centre_y = s.frame_cy, spec.span = s.frame_span;
  } else {
    // Random directions follow θ (they are normalised to its rows): centred on θ, wide enough for the path.
    spec.span = 1.0;
    if (!trajectory.empty()) {
      spec.grid = 3;
      const Landscape probe = loss_landscape(t, spec, s.minibatch, trajectory);
      if (probe.ok())
        for (const auto& p : probe.trajectory)
          spec.span = std::max({spec.span, 1.15 * std::abs(p.x - probe.x0), 1.15 * std::abs(p.y - probe.y0)});
      spec.span = std::min(spec.span, kMaxLandscapeSpan);
    }
    widen_to_minimum(spec);
  }
  spec.grid = landscape_grid_for_budget(t.arch(), samples, kLandscapeBudget, 61);
  s.landscape = loss_landscape(t, spec, s.minibatch, trajectory);
  s.landscape_key = key;
  s.landscape_at = now;
  s.landscape_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!force) b.rebuild_seconds += s.landscape_seconds;  // (a JS API call's is not part of a frame)
  if (!force && live && app.playing) b.debt += s.landscape_seconds;
}

// One contour level through the grid: marching squares, each cell's crossing edges joined by a segment.
void draw_contour(ImDrawList* dl, const MatD& V, double level, const std::function<ImVec2(double, double)>& at, ImU32 col, float w) {
  const Index n = V.rows(), m = V.cols();
  for (Index r = 0; r + 1 < n; ++r)
    for (Index c = 0; c + 1 < m; ++c) {
      const double v[4] = {V(r, c), V(r, c + 1), V(r + 1, c + 1), V(r + 1, c)};  // corners counter-clockwise
      const double cr[4] = {double(r), double(r), double(r + 1), double(r + 1)}, cc[4] = {double(c), double(c + 1), double(c + 1), double(c)};
      ImVec2 pts[4];
      int k = 0;
      for (int e = 0; e < 4; ++e) {
        const int a = e, b = (e + 1) % 4;
        if (!std::isfinite(v[a]) || !std::isfinite(v[b])) continue;
        if ((v[a] < level) != (v[b] < level)) {
          const double f = (level - v[a]) / (v[b] - v[a]);
          pts[k++] = at(cc[a] + f * (cc[b] - cc[a]), cr[a] + f * (cr[b] - cr[a]));
        }
      }
      if (k >= 2) dl->AddLine(pts[0], pts[1], col, w);
      if (k == 4) dl->AddLine(pts[2], pts[3], col, w);
    }
}

void draw_landscape(AppState& app) {
  LearnState& s = app.learn;
  const Trainer& t = app.session->trainer;
  const Arch& arch = t.arch();
  const Index P = t.network().param_count();
  const float d = app.dpr;
  // Controls: the plane, its parameters or seed, the samples.
  const char* planes[] = {tr("two parameters"), tr("two random directions")};
  ImGui::SetNextItemWidth(std::max(ImGui::CalcTextSize(planes[0]).x, ImGui::CalcTextSize(planes[1]).x) + ImGui::GetFrameHeight() * 2);
  ImGui::Combo(tr("plane"), &s.plane, planes, 2);
  remember_item(app, "landscape_plane");
  if (s.plane == 0) {
    for (int axis = 0; axis < 2; ++axis) {
      int& k = axis == 0 ? s.param_i : s.param_j;
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::CalcTextSize("W[16][255,255]").x + ImGui::GetFrameHeight() * 2);
      const std::string current = param_name(arch, std::clamp<Index>(k, 0, P - 1));
      if (ImGui::BeginCombo(axis == 0 ? tr("x axis") : tr("y axis"), current.c_str())) {
        for (Index q = 0; q < std::min<Index>(P, 400); ++q)
          if (ImGui::Selectable(param_name(arch, q).c_str(), q == k)) k = int(q);
        ImGui::EndCombo();
      }
    }
  } else {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000000").x + ImGui::GetFrameHeight() * 2);
    ImGui::InputInt(tr("seed"), &s.seed);
    s.seed = std::max(0, s.seed);
  }
  ImGui::SameLine();
  ImGui::Checkbox(tr("next minibatch only"), &s.minibatch);
  remember_item(app, "landscape_minibatch");
  update_landscape(app, false);
  const Landscape& L = s.landscape;
  if (!L.ok()) {
    ImGui::TextWrapped("%s", tr_message(L.error).c_str());
    return;
  }
  const bool params = L.plane == PlaneKind::Params;
  ImGui::TextWrapped(tr("L(θ) = %s over %s (N = %lld)   ∂L/∂%s = %s   ∂L/∂%s = %s"), num(L.value).c_str(),
              s.minibatch ? tr("the next minibatch") : tr("the training set"), (long long)L.samples, L.x_name.c_str(), num(L.gx).c_str(),
              L.y_name.c_str(), num(L.gy).c_str());
  remember_item(app, "landscape_readout");
  // The plot: a square as large as fits, axes labelled, the grid coloured by log L.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float label_w = ImGui::CalcTextSize("-0.000000").x, line = ImGui::GetTextLineHeightWithSpacing();
  const float side = std::max(60 * d, std::min(avail.x - label_w - 20 * d, avail.y - 2 * line));
  const ImVec2 p0(ImGui::GetCursorScreenPos().x + label_w, ImGui::GetCursorScreenPos().y);
  ImGui::InvisibleButton("##landscape", ImVec2(side + label_w, side + 2 * line));
  const ImVec2 q0 = p0, q1(p0.x + side, p0.y + side);
  app.widget_rects["landscape"] = {q0.x, q0.y, q1.x, q1.y};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Index n = L.values.rows();
  double lo = INFINITY, hi = -INFINITY;
  for (Index r = 0; r < n; ++r)
    for (Index c = 0; c < n; ++c)
      if (std::isfinite(L.values(r, c))) lo = std::min(lo, L.values(r, c)), hi = std::max(hi, L.values(r, c));
  if (!(lo <= hi)) return;
  const double eps = std::max(1e-12, (hi - lo) * 1e-6);
  auto tval = [&](double v) { return std::isfinite(v) ? std::log((v - lo) + eps) : INFINITY; };
  const double tlo = tval(lo), thi = std::max(tval(hi), tlo + 1e-12);
  // Grid cell (c, r) in grid units -> screen; row 0 is the smallest y, drawn at the bottom.
  const float cw = side / float(n), ch = side / float(n);
  auto at = [&](double c, double r) { return ImVec2(q0.x + float(c + 0.5) * cw, q1.y - float(r + 0.5) * ch); };
  for (Index r = 0; r < n; ++r)
    for (Index c = 0; c < n; ++c) {
      const double v = L.values(r, c);
      const ImU32 col = std::isfinite(v) ? loss_colour((tval(v) - tlo) / (thi - tlo)) : IM_COL32(120, 0, 0, 255);
      dl->AddRectFilled(ImVec2(q0.x + float(c) * cw, q1.y - float(r + 1) * ch), ImVec2(q0.x + float(c + 1) * cw + 0.5f, q1.y - float(r) * ch + 0.5f), col);
    }
  // Contours at 10 levels evenly spaced in log(L - min).
  MatD T(n, n);
  for (Index r = 0; r < n; ++r)
    for (Index c = 0; c < n; ++c) T(r, c) = tval(L.values(r, c));
  for (int k = 1; k <= 10; ++k) draw_contour(dl, T, tlo + (thi - tlo) * k / 11.0, at, IM_COL32(40, 40, 40, 150), 1.0f * d);
  dl->AddRect(q0, q1, ink(app, Role::Border));
  // Plane coordinates -> grid units.
  const double x0 = L.x(0), x1 = L.x(n - 1), y0 = L.y(0), y1 = L.y(n - 1);
  auto plane_at = [&](double x, double y) { return at((x - x0) / (x1 - x0) * double(n - 1), (y - y0) / (y1 - y0) * double(n - 1)); };
  // The trajectory, the current point and −∇L (its direction; its length a fifth of the plot).
  std::vector<ImVec2> path;
  for (const auto& p : L.trajectory) path.push_back(plane_at(p.x, p.y));
  path.push_back(plane_at(L.x0, L.y0));
  dl->PushClipRect(q0, q1, true);
  if (path.size() >= 2) dl->AddPolyline(path.data(), int(path.size()), IM_COL32(255, 255, 255, 255), 0, 3.0f * d);
  if (path.size() >= 2) dl->AddPolyline(path.data(), int(path.size()), IM_COL32(200, 40, 40, 255), 0, 1.5f * d);
  const ImVec2 cur = plane_at(L.x0, L.y0);
  const double gnorm = std::hypot(L.gx / (x1 - x0), L.gy / (y1 - y0));
  if (gnorm > 0 && std::isfinite(gnorm)) {
    const float len = side * 0.2f;
    const ImVec2 dir(float(-L.gx / (x1 - x0) / gnorm), float(L.gy / (y1 - y0) / gnorm));  // screen y grows down
    const ImVec2 tip(cur.x + dir.x * len, cur.y + dir.y * len), nrm(-dir.y, dir.x);
    dl->AddLine(cur, tip, IM_COL32(255, 255, 255, 255), 4.0f * d);
    dl->AddLine(cur, tip, IM_COL32(20, 20, 20, 255), 2.0f * d);
    const float h = 9 * d;
    dl->AddTriangleFilled(tip, ImVec2(tip.x - dir.x * h + nrm.x * h * 0.5f, tip.y - dir.y * h + nrm.y * h * 0.5f),
                          ImVec2(tip.x - dir.x * h - nrm.x * h * 0.5f, tip.y - dir.y * h - nrm.y * h * 0.5f), IM_COL32(20, 20, 20, 255));
  }
  dl->AddCircleFilled(cur, 5 * d, IM_COL32(20, 20, 20, 255));
  dl->AddCircleFilled(cur, 3.5f * d, IM_COL32(255, 255, 255, 255));
  dl->PopClipRect();
  // Axes: names and end values.
  const ImU32 txt = ink(app, Role::Text);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", x0);
  dl->AddText(ImVec2(q0.x, q1.y + 2 * d), txt, buf);
  std::snprintf(buf, sizeof buf, "%.4g", x1);
  dl->AddText(ImVec2(q1.x - ImGui::CalcTextSize(buf).x, q1.y + 2 * d), txt, buf);
  const std::string xl = "x: " + L.x_name, yl = "y: " + L.y_name;
  dl->AddText(ImVec2((q0.x + q1.x - ImGui::CalcTextSize(xl.c_str()).x) * 0.5f, q1.y + 2 * d), txt, xl.c_str());
  std::snprintf(buf, sizeof buf, "%.4g", y1);
  dl->AddText(ImVec2(q0.x - ImGui::CalcTextSize(buf).x - 4 * d, q0.y), txt, buf);
  std::snprintf(buf, sizeof buf, "%.4g", y0);
  dl->AddText(ImVec2(q0.x - ImGui::CalcTextSize(buf).x - 4 * d, q1.y - ImGui::GetFontSize()), txt, buf);
  const float view_left = ImGui::GetWindowPos().x + ImGui::GetStyle().WindowPadding.x;  // a long name stays in the view
  dl->AddText(ImVec2(std::max(view_left, q0.x - ImGui::CalcTextSize(yl.c_str()).x - 4 * d), (q0.y + q1.y) * 0.5f), txt, yl.c_str());
  // Beside the plot: the key.
  const float kx = q1.x + 12 * d;
  float ky = q0.y;
  auto key_line = [&](const std::string& s2) {
    dl->AddText(ImVec2(kx, ky), txt, s2.c_str());
    ky += line;
  };
  key_line(tr("colour: log(L − min), pale = low"));
  key_line(tr("lines: contours of L"));
  key_line(tr("dot: θ now; arrow: −∇L"));
  key_line(tr("red: the path θ took (every chart row)"));
  if (!params) key_line(tr("x = α, y = β: θ + α d₁ + β d₂, filter-normalised"));
  key_line(std::string(tr("min on the grid: ")) + num(L.min_value));
  if (ImGui::IsItemHovered()) {
    const ImVec2 m = ImGui::GetMousePos();
    if (m.x >= q0.x && m.x < q1.x && m.y >= q0.y && m.y < q1.y) {
      const Index c = std::clamp<Index>(Index((m.x - q0.x) / cw), 0, n - 1), r = std::clamp<Index>(Index((q1.y - m.y) / ch), 0, n - 1);
      ImGui::SetTooltip(tr("%s = %.5g\n%s = %.5g\nL = %s"), L.x_name.c_str(), L.x(c), L.y_name.c_str(), L.y(r), num(L.values(r, c)).c_str());
    }
  }
}

// ---- scalar graph -------------------------------------------------------------------------------------------------

ScalarGraph graph_now(const AppState& app, int sample, bool decompose) {
  const Trainer& t = app.session->trainer;
  Mat X, Y;
  t.next_batch(X, Y);
  if (X.cols() == 0) {
    ScalarGraph g;
    g.error = "no training points";
    return g;
  }
  return scalar_graph(t.network(), X, Y, std::clamp(sample, 0, int(X.cols()) - 1), decompose);
}

void draw_graph(AppState& app) {
  LearnState& s = app.learn;
  const Trainer& t = app.session->trainer;
  const float d = app.dpr;
  bool decompose = app.params.view_decompose != 0;
  if (ImGui::Checkbox(tr("σ as ×(−1), exp, +1, 1/x"), &decompose)) {
    app.params.view_decompose = decompose ? 1 : 0;
    app.url_dirty = true;
    s.graph_done = -1;
  }
  remember_item(app, "graph_decompose");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000").x + ImGui::GetFrameHeight() * 2);
  if (ImGui::InputInt(tr("sample"), &s.graph_sample)) s.graph_done = -1;
  s.graph_sample = std::clamp(s.graph_sample, 0, std::max(0, t.next_batch_count() - 1));
  const ScalarGraph g = graph_now(app, s.graph_sample, decompose);
  if (!g.ok()) {
    ImGui::TextWrapped(tr("The scalar graph draws one neuron: %s. Open lesson 2.10 or choose logistic or linear regression "
                       "with up to 4 input features."), tr_message(g.error).c_str());
    return;
  }
  // Backprop, one gate at a time.
  const int total = int(g.backward_order.size());
  if (s.graph_done < 0 || s.graph_done > total) s.graph_done = total;
  ImGui::SameLine();
  if (ImGui::Button(tr("Forward only"))) s.graph_done = 0;
  remember_item(app, "graph_reset");
  ImGui::SameLine();
  ImGui::BeginDisabled(s.graph_done >= total);
  if (ImGui::Button(tr("Back one gate"))) ++s.graph_done;
  ImGui::EndDisabled();
  remember_item(app, "graph_next");
  ImGui::SameLine();
  if (ImGui::Button(tr("All gates"))) s.graph_done = total;
  ImGui::SameLine();
  ImGui::TextDisabled(tr("%d of %d gates back"), s.graph_done, total);
  ImGui::TextWrapped(tr("%s    L = %s (this sample, y = %s). %s"), tr_message(g.formula).c_str(), num(g.loss).c_str(), num(g.target).c_str(),
                     tr_message(g.batch_relation).c_str());
  if (!g.note.empty()) ImGui::TextWrapped("%s", tr_message(g.note).c_str());
  // Which gates have their gradient shown: those backprop has visited, and the leaves they feed.
  std::vector<bool> visited(g.gates.size(), false);
  for (int k = 0; k < s.graph_done; ++k) visited[size_t(g.backward_order[size_t(k)])] = true;
  std::vector<bool> grad_shown(g.gates.size(), false);
  for (const Gate& gate : g.gates)
    if (visited[size_t(gate.id)]) {
      grad_shown[size_t(gate.id)] = true;
      for (int in : gate.inputs) grad_shown[size_t(in)] = true;
    }
  const int current = s.graph_done > 0 && s.graph_done <= total ? g.backward_order[size_t(s.graph_done - 1)] : -1;
  if (current >= 0) {
    const Gate& c = g.gates[size_t(current)];
    std::string line = trf("At %s: upstream ∂L/∂%s = %s", c.op.c_str(), c.name.c_str(), num(c.upstream).c_str());
    for (size_t k = 0; k < c.inputs.size(); ++k)
      line += trf(";  × local %s = %s to %s", num(c.local[k]).c_str(), num(c.downstream[k]).c_str(),
                  g.gates[size_t(c.inputs[k])].name.c_str());
    if (c.pattern != GatePattern::None) line += std::string("   (") + tr(kGatePatternText[int(c.pattern)]) + ")";
    ImGui::TextWrapped("%s", line.c_str());
  } else {
    ImGui::TextWrapped("%s", tr("Forward values in blue above each wire; press Back one gate to run backprop from the loss (gradients "
                       "∂L/∂ of each wire in red below it)."));
  }
  // Layout: columns by depth (the longest path from a leaf), gates spread evenly in each column.
  std::vector<int> depth(g.gates.size(), 0);
  int max_depth = 0;
  for (const Gate& gate : g.gates) {
    for (int in : gate.inputs) depth[size_t(gate.id)] = std::max(depth[size_t(gate.id)], depth[size_t(in)] + 1);
    max_depth = std::max(max_depth, depth[size_t(gate.id)]);
  }
  // A leaf (w, x, b, a constant) sits in the column just before the gate that takes it, so wires stay short.
  for (const Gate& gate : g.gates)
    for (int in : gate.inputs)
      if (g.gates[size_t(in)].kind == GateKind::Leaf) depth[size_t(in)] = std::max(depth[size_t(in)], depth[size_t(gate.id)] - 1);
  std::vector<std::vector<int>> columns(size_t(max_depth) + 1);
  for (const Gate& gate : g.gates) columns[size_t(depth[size_t(gate.id)])].push_back(gate.id);
  size_t rows = 1;
  for (const auto& c : columns) rows = std::max(rows, c.size());
  // Each gate or leaf takes its box and the line of text under it (its gradient, or its pattern), and a gap: the
  // graph is as tall as its fullest column needs, and scrolls in the view when that is more than the view.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 view0 = ImGui::GetCursorScreenPos();
  const float view_h = std::max(120 * d, avail.y - 4 * d), Wd = std::max(200 * d, avail.x - 4 * d);
  const float colw = Wd / float(max_depth + 1), rad = std::min(colw * 0.22f, 22 * d);
  const float margin = ImGui::GetFontSize() * 1.6f;  // the gradient label under the lowest gate stays inside
  float need = 0;  // the fullest column: a leaf's box is 1.4 rad tall, a gate 2 rad, each with a line under it
  for (const auto& c : columns) {
    float h = 0;
    for (int id : c) {
      const bool leaf = g.gates[size_t(id)].kind == GateKind::Leaf;  // a leaf's gradient takes two lines
      h += (leaf ? 1.4f : 2.0f) * rad + ImGui::GetFontSize() * (leaf ? 2.3f : 1.25f) + 2 * d;
    }
    need = std::max(need, h);
  }
  const float H = std::max(view_h, need + 2 * margin);
  const bool scroll = H > view_h + 0.5f;
  if (scroll) ImGui::BeginChild("##graph_view", ImVec2(Wd + ImGui::GetStyle().ScrollbarSize, view_h));
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##graph", ImVec2(Wd, H));
  app.widget_rects["graph"] = {view0.x, view0.y, view0.x + Wd, view0.y + view_h};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::vector<ImVec2> centre(g.gates.size());
  for (size_t c = 0; c < columns.size(); ++c)
    for (size_t r = 0; r < columns[c].size(); ++r) {
      const float y = p0.y + margin + (H - 2 * margin) * (float(r) + 0.5f) / float(columns[c].size());
      centre[size_t(columns[c][r])] = ImVec2(p0.x + colw * (float(c) + 0.5f), y);
    }
  const ImU32 txt = ink(app, Role::Text), fwd = ink(app, Role::TextBlue), bwd = ink(app, Role::TextBad), line_col = ink(app, Role::Border);
  // Wires: forward value above (blue), gradient below (red) once backprop has reached it.
  for (const Gate& gate : g.gates)
    for (size_t k = 0; k < gate.inputs.size(); ++k) {
      const Gate& from = g.gates[size_t(gate.inputs[k])];
      const ImVec2 a = centre[size_t(from.id)], b = centre[size_t(gate.id)];
      dl->AddLine(ImVec2(a.x + rad, a.y), ImVec2(b.x - rad, b.y), line_col, 1.5f * d);
      if (from.kind == GateKind::Leaf) continue;  // a leaf shows its value and gradient at itself
      const ImVec2 mid((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
      const std::string v = num4(from.value);
      dl->AddText(ImVec2(mid.x - ImGui::CalcTextSize(v.c_str()).x * 0.5f, mid.y - ImGui::GetFontSize() - 1 * d), fwd, v.c_str());
      if (visited[size_t(gate.id)]) {
        const std::string gr = num4(gate.downstream[k]);
        dl->AddText(ImVec2(mid.x - ImGui::CalcTextSize(gr.c_str()).x * 0.5f, mid.y + 1 * d), bwd, gr.c_str());
      }
    }
  // Gates: a circle with the op; leaves as boxes with their name; the current gate outlined.
  for (const Gate& gate : g.gates) {
    const ImVec2 c = centre[size_t(gate.id)];
    const bool leaf = gate.kind == GateKind::Leaf;
    const std::string label = leaf ? gate.name + " = " + num4(gate.value) : gate.kind == GateKind::Loss ? std::string("L") : gate.op;
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    const float r = leaf ? ts.x * 0.5f + 4 * d : std::max(rad, ts.x * 0.5f + 4 * d);
    if (leaf) dl->AddRectFilled(ImVec2(c.x - r, c.y - rad * 0.7f), ImVec2(c.x + r, c.y + rad * 0.7f), ink(app, Role::Field), 4 * d);
    else dl->AddCircleFilled(c, r, ink(app, Role::Field));
    const ImU32 edge = gate.id == current ? IM_COL32(150, 60, 215, 255) : line_col;
    if (leaf) dl->AddRect(ImVec2(c.x - r, c.y - rad * 0.7f), ImVec2(c.x + r, c.y + rad * 0.7f), edge, 4 * d, 0, (gate.id == current ? 3 : 1) * d);
    else dl->AddCircle(c, r, edge, 0, (gate.id == current ? 3.0f : 1.0f) * d);
    dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), txt, label.c_str());
    if (gate.pattern != GatePattern::None) {
      const char* pat = tr(kGatePatternText[int(gate.pattern)]);
      dl->AddText(ImVec2(c.x - ImGui::CalcTextSize(pat).x * 0.5f, c.y + r + 1 * d), ink(app, Role::TextMuted), pat);
    }
    if (leaf && grad_shown[size_t(gate.id)]) {  // a leaf's gradient: what training uses (∂L/∂w), in two short lines
      const std::string lines[2] = {"∂L/∂" + gate.name, "= " + num4(gate.upstream)};
      for (int k = 0; k < 2; ++k) {
        const float w = ImGui::CalcTextSize(lines[k].c_str()).x;
        const float x = std::clamp(c.x - w * 0.5f, p0.x, std::max(p0.x, p0.x + Wd - w));  // inside the graph
        dl->AddText(ImVec2(x, c.y + rad * 0.7f + 1 * d + float(k) * ImGui::GetFontSize()), bwd, lines[k].c_str());
      }
    }
    if (ImGui::IsItemHovered()) {
      const ImVec2 m = ImGui::GetMousePos();
      if (std::abs(m.x - c.x) < r && std::abs(m.y - c.y) < r) {
        std::string tip = gate.name + " = " + num(gate.value) + (gate.engine_name.empty() ? "" : "  (" + gate.engine_name + ")");
        if (grad_shown[size_t(gate.id)]) tip += "\n∂L/∂" + gate.name + " = " + num(gate.upstream);
        for (size_t k = 0; k < gate.inputs.size(); ++k)
          tip += trf("\nlocal ∂%s/∂%s = %s", gate.name.c_str(), g.gates[size_t(gate.inputs[k])].name.c_str(), num(gate.local[k]).c_str());
        ImGui::SetTooltip("%s", tip.c_str());
      }
    }
  }
  if (scroll) ImGui::EndChild();
}

// ---- paths ----------------------------------------------------------------------------------------------------

TotalDerivative paths_now(const AppState& app, int of, int layer, int row, int col) {
  const Trainer& t = app.session->trainer;
  Mat X, Y;
  t.next_batch(X, Y);
  return total_derivative(t.network(), X, Y, of == 0 ? PathOf::Weight : of == 1 ? PathOf::Activation : PathOf::Bias, layer, row,
                          col, t.config().reg, double(t.config().reg_rate));
}

void draw_paths(AppState& app) {
  LearnState& s = app.learn;
  const Trainer& t = app.session->trainer;
  const Arch& arch = t.arch();
  const int layer = std::clamp(app.inspector.layer, 1, arch.num_layers());
  const char* kinds[] = {tr("a weight over the batch"), tr("an activation over the units"), tr("a bias over the batch")};
  float kinds_w = 0;
  for (const char* k : kinds) kinds_w = std::max(kinds_w, ImGui::CalcTextSize(k).x);
  ImGui::SetNextItemWidth(kinds_w + ImGui::GetFrameHeight() * 2);
  ImGui::Combo(tr("quantity"), &s.paths_of, kinds, 3);
  remember_item(app, "paths_of");
  const int rows = s.paths_of == 1 ? arch.width(layer - 1) : arch.width(layer);
  const int cols = s.paths_of == 0 ? arch.width(layer - 1) : s.paths_of == 1 ? std::max(1, t.next_batch_count()) : 1;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("000").x + ImGui::GetFrameHeight() * 2);
  ImGui::InputInt(s.paths_of == 1 ? tr("unit i") : tr("unit j"), &s.paths_row);
  s.paths_row = std::clamp(s.paths_row, 0, rows - 1);
  if (s.paths_of != 2) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("000").x + ImGui::GetFrameHeight() * 2);
    ImGui::InputInt(s.paths_of == 1 ? tr("sample") : tr("input i"), &s.paths_col);
    s.paths_col = std::clamp(s.paths_col, 0, cols - 1);
  } else {
    s.paths_col = 0;
  }
  ImGui::SameLine();
  ImGui::TextDisabled(tr("layer %d (the inspector's layer)"), layer);
  const TotalDerivative td = paths_now(app, s.paths_of, layer, s.paths_row, s.paths_col);
  if (!td.ok()) {
    ImGui::TextWrapped("%s", tr_message(td.error).c_str());
    return;
  }
  ImGui::TextWrapped("%s", tr_message(td.formula).c_str());
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (ImGui::BeginTable("paths", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                        ImVec2(avail.x, std::max(80 * app.dpr, avail.y - ImGui::GetTextLineHeightWithSpacing() * 3)))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("path"));
    ImGui::TableSetupColumn(tr("factors"));
    ImGui::TableSetupColumn(tr("product"));
    ImGui::TableHeadersRow();
    for (const PathTerm& p : td.paths) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(tr_message(p.label).c_str());
      ImGui::TableNextColumn();
      std::string f;
      for (size_t k = 0; k < p.factors.size(); ++k) f += (k ? " × " : "") + num(p.factors[k]);
      ImGui::TextUnformatted(f.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(num(p.product).c_str());
    }
    ImGui::EndTable();
  }
  const ImVec2 p1 = ImGui::GetItemRectMax();
  app.widget_rects["paths"] = {p0.x, p0.y, p1.x, p1.y};
  ImGui::Text(tr("sum of the %d paths = %s    backprop computed %s    difference %s"), int(td.paths.size()), num(td.sum).c_str(),
              num(td.backprop).c_str(), num(td.sum - td.backprop).c_str());
  remember_item(app, "paths_sum");
  if (td.of == PathOf::Weight && td.penalty != 0)
    ImGui::TextWrapped(tr("+ penalty term %s = %s, what training applies. %s"), num(td.penalty).c_str(), num(td.total).c_str(),
                       tr_message(td.note).c_str());
  else if (!td.note.empty())
    ImGui::TextWrapped("%s", tr_message(td.note).c_str());
}

// ---- gradient norms -------------------------------------------------------------------------------------------

std::vector<LayerGradNorm> norms_now(const AppState& app) {
  const Trainer& t = app.session->trainer;
  Mat X, Y;
  t.next_batch(X, Y);
  if (X.cols() == 0) return {};
  return layer_gradient_norms(t.network(), X, Y, t.config().reg, t.config().reg_rate);
}

void draw_norms(AppState& app) {
  const LearnState& s = app.learn;
  const float d = app.dpr;
  const std::vector<LayerGradNorm> now = norms_now(app);
  if (now.empty()) {
    ImGui::TextWrapped("%s", tr("No training points: there is no gradient."));
    return;
  }
  ImGui::TextWrapped("%s", tr("‖∂L/∂W[l]‖ (Frobenius norm) of every layer on the next minibatch, log scale; layer 1 is next to the "
                     "inputs. In a deep sigmoid net the norms shrink towards the input (vanishing gradients)."));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float W = std::max(200 * d, avail.x), H = std::max(100 * d, avail.y - 4 * d);
  ImGui::InvisibleButton("##norms", ImVec2(W, H));
  app.widget_rects["norms"] = {p0.x, p0.y, p0.x + W, p0.y + H};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float font = ImGui::GetFontSize(), margin = ImGui::CalcTextSize("1e-10").x + 6 * d;
  const float bars_w = W * 0.45f - margin;
  const ImVec2 o0 = p0;
  const ImVec2 b0(p0.x + margin, p0.y);  // the bars start after the axis labels
  double lo = INFINITY, hi = -INFINITY;
  auto consider = [&](double v) {
    if (v > 0 && std::isfinite(v)) lo = std::min(lo, std::log10(v)), hi = std::max(hi, std::log10(v));
  };
  for (const auto& n : now) consider(n.W);
  for (const auto& row : s.trace_norms)
    for (double v : row) consider(v);
  if (!(lo <= hi)) return;
  lo = std::floor(lo), hi = std::max(std::ceil(hi), lo + 1);
  const ImU32 txt = ink(app, Role::Text), bar = colors::kBlue;
  // Bars: one per layer, height log10 of the norm.
  const int Lc = int(now.size());
  const float plot_y0 = p0.y + font, plot_y1 = p0.y + H - 2 * font;
  auto Y = [&](double v) { return plot_y1 - float((std::log10(v) - lo) / (hi - lo)) * (plot_y1 - plot_y0); };
  const float bw = bars_w / float(Lc);
  for (int l = 0; l < Lc; ++l) {
    const double v = now[size_t(l)].W;
    const float x = b0.x + bw * float(l);
    if (v > 0 && std::isfinite(v)) dl->AddRectFilled(ImVec2(x + bw * 0.15f, Y(v)), ImVec2(x + bw * 0.85f, plot_y1), bar);
    char buf[32];
    std::snprintf(buf, sizeof buf, "W[%d]", l + 1);
    dl->AddText(ImVec2(x + bw * 0.5f - ImGui::CalcTextSize(buf).x * 0.5f, plot_y1 + 2 * d), txt, buf);
    std::snprintf(buf, sizeof buf, "%.2g", v);
    dl->AddText(ImVec2(x + bw * 0.5f - ImGui::CalcTextSize(buf).x * 0.5f, plot_y1 + 2 * d + font), txt, buf);
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "1e%d", int(hi));
  dl->AddText(ImVec2(o0.x, plot_y0), ink(app, Role::TextMuted), buf);
  std::snprintf(buf, sizeof buf, "1e%d", int(lo));
  dl->AddText(ImVec2(o0.x, plot_y1 - font), ink(app, Role::TextMuted), buf);
  // Over training: one line per layer, from the chart's rows.
  const float cx0 = b0.x + bars_w + 20 * d, cx1 = p0.x + W;
  dl->AddRect(ImVec2(cx0, plot_y0), ImVec2(cx1, plot_y1), ink(app, Role::Border));
  dl->AddText(ImVec2(cx0, plot_y1 + 2 * d), txt, tr("over training (steps), one line per layer: darker = nearer the input"));
  if (s.trace_steps.size() >= 2) {
    const double s0 = double(s.trace_steps.front()), s1 = std::max(double(s.trace_steps.back()), s0 + 1);
    for (int l = 0; l < Lc; ++l) {
      std::vector<ImVec2> pts;
      for (size_t k = 0; k < s.trace_steps.size(); ++k)
        if (size_t(l) < s.trace_norms[k].size() && s.trace_norms[k][size_t(l)] > 0)
          pts.emplace_back(cx0 + float((double(s.trace_steps[k]) - s0) / (s1 - s0)) * (cx1 - cx0), Y(s.trace_norms[k][size_t(l)]));
      const float f = Lc > 1 ? float(l) / float(Lc - 1) : 1.0f;
      const ImU32 col = IM_COL32(int(10 + 120 * f), int(40 + 120 * f), int(120 + 100 * f), 255);
      if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), col, 0, 1.5f * d);
    }
  }
  if (ImGui::IsItemHovered()) {
    const ImVec2 m = ImGui::GetMousePos();
    const int l = int((m.x - b0.x) / bw);
    if (m.x >= b0.x && m.x < b0.x + bars_w && l >= 0 && l < Lc) {
      ImGui::SetTooltip("‖∂L/∂W[%d]‖ = %s\n‖∂L/∂b[%d]‖ = %s", l + 1, num(now[size_t(l)].W).c_str(), l + 1, num(now[size_t(l)].b).c_str());
    } else if (m.x >= cx0 && m.x <= cx1 && s.trace_steps.size() >= 2) {  // over training: the nearest recorded step
      const double s0 = double(s.trace_steps.front()), s1 = std::max(double(s.trace_steps.back()), s0 + 1);
      const double at = s0 + double(m.x - cx0) / double(cx1 - cx0) * (s1 - s0);
      size_t best = 0;
      for (size_t k = 0; k < s.trace_steps.size(); ++k)
        if (std::abs(double(s.trace_steps[k]) - at) < std::abs(double(s.trace_steps[best]) - at)) best = k;
      std::string tip = trf("step %llu (the step that led there)", (unsigned long long)s.trace_steps[best]);
      for (size_t q = 0; q < s.trace_norms[best].size(); ++q)
        tip += "\n‖∂L/∂W[" + std::to_string(q + 1) + "]‖ = " + num(s.trace_norms[best][q]);
      ImGui::SetTooltip("%s", tip.c_str());
    }
  }
}

}  // namespace

void draw_learn_tab(AppState& app, int tab) {
  if (!app.session) return;
  if (tab == kTabLandscape) draw_landscape(app);
  else if (tab == kTabGraph) draw_graph(app);
  else if (tab == kTabPaths) draw_paths(app);
  else if (tab == kTabNorms) draw_norms(app);
}

void learn_clear(AppState& app) {
  LearnState& s = app.learn;
  s.trace_steps.clear();
  s.trace_theta.clear();
  s.trace_norms.clear();
  s.landscape_key.clear();
  s.frame_key.clear();
}

void learn_record(AppState& app) {
  if (!app.session) return;
  LearnState& s = app.learn;
  const Trainer& t = app.session->trainer;
  if (!s.trace_steps.empty() && t.steps() < s.trace_steps.back()) learn_clear(app);  // a new run, or back in time
  if (!s.trace_steps.empty() && t.steps() == s.trace_steps.back()) {  // the same step again (weights loaded)
    s.trace_steps.pop_back();
    s.trace_theta.pop_back();
    s.trace_norms.pop_back();
  }
  if (s.trace_steps.size() >= LearnState::kMaxTrace) {  // thin: every other entry, like the loss chart
    size_t j = 0;
    for (size_t i = 0; i < s.trace_steps.size(); i += 2, ++j) {
      s.trace_steps[j] = s.trace_steps[i];
      s.trace_theta[j] = std::move(s.trace_theta[i]);
      s.trace_norms[j] = std::move(s.trace_norms[i]);
    }
    s.trace_steps.resize(j);
    s.trace_theta.resize(j);
    s.trace_norms.resize(j);
  }
  s.trace_steps.push_back(t.steps());
  s.trace_theta.push_back(size_t(t.network().param_count()) <= kMaxTraceParams ? flatten_params(t.network()) : VecD());
  std::vector<double> norms;
  if (t.steps() > 0 && !t.last_gradients().dW.empty())
    for (const LayerGradNorm& n : layer_gradient_norms(t.last_gradients())) norms.push_back(n.W);
  s.trace_norms.push_back(std::move(norms));
}

std::string learn_landscape_json(AppState& app) {
  if (!app.session) return "null";
  update_landscape(app, true);
  const Landscape& L = app.learn.landscape;
  if (!L.ok()) return json{{"error", L.error}}.dump();
  json values = json::array();
  for (Index r = 0; r < L.values.rows(); ++r) {
    json row = json::array();
    for (Index c = 0; c < L.values.cols(); ++c) row.push_back(jnum(L.values(r, c)));
    values.push_back(std::move(row));
  }
  json traj = json::array();
  for (const auto& p : L.trajectory) traj.push_back({{"x", jnum(p.x)}, {"y", jnum(p.y)}, {"off_plane", jnum(p.off_plane)}});
  return json{{"plane", L.plane == PlaneKind::Params ? "params" : "random"},
              {"over", app.learn.minibatch ? "minibatch" : "training set"},
              {"samples", L.samples},
              {"x", {{"name", L.x_name}, {"values", std::vector<double>(L.x.data(), L.x.data() + L.x.size())}}},
              {"y", {{"name", L.y_name}, {"values", std::vector<double>(L.y.data(), L.y.data() + L.y.size())}}},
              {"values", values},
              {"current", {{"x", L.x0}, {"y", L.y0}}},
              {"value", jnum(L.value)},
              {"gradient", {{"x", jnum(L.gx)}, {"y", jnum(L.gy)}}},
              {"argmin", {{"row", L.argmin_row}, {"col", L.argmin_col}, {"value", jnum(L.min_value)}}},
              {"trajectory", traj}}
      .dump();
}

std::string learn_graph_json(AppState& app, int sample, bool decompose) {
  if (!app.session) return "null";
  const ScalarGraph g = graph_now(app, sample, decompose);
  if (!g.ok()) return json{{"error", g.error}}.dump();
  json gates = json::array();
  for (const Gate& gate : g.gates) {
    json local = json::array(), down = json::array();
    for (double v : gate.local) local.push_back(jnum(v));
    for (double v : gate.downstream) down.push_back(jnum(v));
    gates.push_back({{"id", gate.id}, {"op", gate.op}, {"name", gate.name}, {"engine_name", gate.engine_name},
                     {"inputs", gate.inputs}, {"value", jnum(gate.value)}, {"local", local}, {"upstream", jnum(gate.upstream)},
                     {"downstream", down}, {"pattern", kGatePatternNames[int(gate.pattern)]}});
  }
  return json{{"gates", gates}, {"backward_order", g.backward_order}, {"loss", jnum(g.loss)}, {"target", g.target},
              {"formula", g.formula}, {"decomposed", g.decomposed}}
      .dump();
}

std::string learn_paths_json(AppState& app, const std::string& of, int layer, int row, int col) {
  if (!app.session) return "null";
  const int k = of == "W" ? 0 : of == "a" ? 1 : of == "b" ? 2 : -1;
  if (k < 0) return json{{"error", "of must be W, a or b, not '" + of + "'"}}.dump();
  const TotalDerivative td = paths_now(app, k, layer, row, col);
  if (!td.ok()) return json{{"error", td.error}}.dump();
  json paths = json::array();
  for (const PathTerm& p : td.paths) {
    json factors = json::array();
    for (double v : p.factors) factors.push_back(jnum(v));
    paths.push_back({{"label", p.label}, {"factors", factors}, {"product", jnum(p.product)}});
  }
  return json{{"quantity", td.quantity}, {"formula", td.formula}, {"paths", paths}, {"sum", jnum(td.sum)},
              {"backprop", jnum(td.backprop)}, {"penalty", jnum(td.penalty)}, {"total", jnum(td.total)}}
      .dump();
}

std::string learn_norms_json(AppState& app) {
  if (!app.session) return "null";
  json out = json::array();
  for (const LayerGradNorm& n : norms_now(app)) out.push_back({{"W", jnum(n.W)}, {"b", jnum(n.b)}});
  return out.dump();
}

}  // namespace pg
