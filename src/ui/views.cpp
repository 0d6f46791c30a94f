// ui/views.cpp: the live views. The engine computes every number (predict, forward traces, metrics); this
// file only turns them into pixels, lines and text.
#include "ui/views.h"
#include "ui/i18n.h"

#include "core/model.h"
#include "render/lines.h"
#include "ui/panels.h"
#include "ui/strings.h"
#include "ui/style.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

namespace pg {

// The network view's widest input name and a space (the names are math, "sin x", the same in every language).
constexpr const char* kWidestFeatureLabel = "sin x ";

namespace colors {

uint32_t lerp(uint32_t a, uint32_t b, float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  uint32_t out = 0;
  for (int s = 0; s < 32; s += 8) {
    const float ca = float((a >> s) & 255), cb = float((b >> s) & 255);
    out |= uint32_t(std::lround(ca + (cb - ca) * t)) << s;
  }
  return out;
}

// Class k's colour whatever the class count: class 0 orange and class 1 blue as in TensorFlow Playground.
constexpr uint32_t kPalette[8] = {IM_COL32(245, 147, 34, 255), IM_COL32(8, 119, 189, 255),
                                  IM_COL32(44, 160, 44, 255),  IM_COL32(214, 39, 40, 255),
                                  IM_COL32(148, 103, 189, 255), IM_COL32(140, 86, 75, 255),
                                  IM_COL32(227, 119, 194, 255), IM_COL32(120, 120, 20, 255)};

// 1024 steps over [-1, 1], computed once: the boundary colours 40,000 pixels a frame.
const std::array<uint32_t, 1025>& diverging_table() {
  static const std::array<uint32_t, 1025> table = [] {
    std::array<uint32_t, 1025> t{};
    for (size_t i = 0; i < t.size(); ++i) {
      const float v = float(i) / 512.0f - 1.0f;
      t[i] = v >= 0 ? lerp(kNeutral, kBlue, v) : lerp(kNeutral, kOrange, -v);
    }
    return t;
  }();
  return table;
}

uint32_t diverging(float v) {
  if (!std::isfinite(v)) return IM_COL32(255, 0, 255, 255);  // never happens for finite weights; visible if it does
  return diverging_table()[size_t(std::lround((std::clamp(v, -1.0f, 1.0f) + 1.0f) * 512.0f))];
}

uint32_t class_color(int k) { return kPalette[static_cast<size_t>(k) % 8]; }

}  // namespace colors

namespace {

constexpr float kLo = -6.0f, kHi = 6.0f;
constexpr double kMinViewInterval = 1.0 / 30;  // the boundary and neuron maps follow training at up to 30 Hz
constexpr size_t kDirectLinks = 256;  // the network view draws up to this many links as lines, more as an image

const Trainer* trainer_of(const AppState& app) { return app.session ? &app.session->trainer : nullptr; }

// One output column -> a colour: binary and regression on the diverging scale, k classes by the winning
// class, paler when less sure.
uint32_t output_color(const Arch& a, Problem problem, const float* out, Index K) {
  if (K > 1) {
    Index best = 0;
    for (Index k = 1; k < K; ++k) best = out[k] > out[best] ? k : best;
    const float conf = (out[best] - 1.0f / float(K)) / (1.0f - 1.0f / float(K));
    return colors::lerp(colors::kNeutral, colors::class_color(int(best)), 0.15f + 0.7f * conf);
  }
  float v = out[0];
  if (problem != Problem::Regression && a.out != Act::Tanh) v = 2.0f * v - 1.0f;  // [0, 1] -> [-1, 1]
  return colors::diverging(std::clamp(v, -1.0f, 1.0f));
}

// Cell centres of an R x R grid over the input square, row by row from the top (y = +6), as the pixels run.
std::vector<Point> grid_points(int R) {
  std::vector<Point> grid(size_t(R) * size_t(R));
  for (int j = 0; j < R; ++j)
    for (int i = 0; i < R; ++i)
      grid[size_t(j) * size_t(R) + size_t(i)] = Point{kLo + (kHi - kLo) * (i + 0.5f) / R, kHi - (kHi - kLo) * (j + 0.5f) / R, 0};
  return grid;
}

// The boundary's resolution: 200 x 200, fewer for a network so big that 40,000 forward passes a rebuild
// would stall the page (about kViewWork multiply-adds at most).
constexpr double kViewWork = 4e7;
int boundary_grid(const Network& net) {
  return std::clamp(int(std::sqrt(kViewWork / double(std::max<Index>(1, net.param_count())))), 24, 200);
}

void build_boundary(AppState& app, const Trainer& t) {
  ViewCache& c = app.cache;
  const Dataset& d = t.data();
  c.grid = boundary_grid(t.network());
  const int R = c.grid;
  if (c.boundary_features != d.features || c.boundary_input_dim != d.info.input_dim || c.boundary_inputs.cols() != R * R) {
    c.boundary_inputs = featurize(grid_points(R), d.features, d.info.input_dim);
    c.boundary_features = d.features;
    c.boundary_input_dim = d.info.input_dim;
  }
  forward(t.network(), c.boundary_inputs, c.boundary_trace);  // reuses the trace's buffers frame to frame
  const Mat& out = c.boundary_trace.output();
  c.boundary_pixels.resize(static_cast<size_t>(R) * R);
  for (Index n = 0; n < out.cols(); ++n)
    c.boundary_pixels[size_t(n)] = output_color(t.arch(), d.info.problem, out.col(n).data(), out.rows());
  upload_rgba(c.boundary_tex, R, R, c.boundary_pixels);
}

void build_curve(AppState& app, const Trainer& t) {
  ViewCache& c = app.cache;
  const int M = 240;
  std::vector<Point> xs(M);
  for (int i = 0; i < M; ++i) xs[size_t(i)] = Point{kLo + (kHi - kLo) * i / (M - 1), 0, 0};
  const Mat out = predict(t.network(), featurize(xs, t.data().features, 1));
  c.curve_x.resize(M);
  c.curve_y.resize(M);
  for (int i = 0; i < M; ++i) {
    c.curve_x[size_t(i)] = xs[size_t(i)].x;
    c.curve_y[size_t(i)] = out(0, i);
  }
}

// Per-neuron output maps on a kCell x kCell grid, packed into one atlas texture. Layers wider than 32 units
// are drawn as dots (their maps would be too small to read).
void build_neuron_maps(AppState& app, const Trainer& t) {
  ViewCache& c = app.cache;
  const Dataset& d = t.data();
  const Network& net = t.network();
  const int S = ViewCache::kCell, L = net.arch.num_layers();
  if (d.info.input_dim != 2 || double(net.param_count()) * S * S > kViewWork) {  // 1-D, or too big: dots
    c.atlas_slot.assign(size_t(L) + 1, {});
    return;
  }
  TraceT<float> trace;
  forward(net, featurize(grid_points(S), d.features, 2), trace);
  int cells = 0;
  c.atlas_slot.assign(size_t(L) + 1, {});
  for (int l = 0; l <= L; ++l) {
    const int width = net.arch.width(l);
    c.atlas_slot[size_t(l)].assign(size_t(width), -1);
    if (width <= 32)
      for (int k = 0; k < width; ++k) c.atlas_slot[size_t(l)][size_t(k)] = cells++;
  }
  c.atlas_cols = std::max(1, int(std::ceil(std::sqrt(double(cells)))));
  const int rows = std::max(1, (cells + c.atlas_cols - 1) / c.atlas_cols), W = c.atlas_cols * S, H = rows * S;
  c.atlas_pixels.assign(size_t(W) * H, colors::kNeutral);
  for (int l = 0; l <= L; ++l) {
    const Mat& A = trace.A[size_t(l)];
    const bool output = l == L;
    for (Index k = 0; k < A.rows(); ++k) {
      const int slot = c.atlas_slot[size_t(l)][size_t(k)];
      if (slot < 0) continue;
      // Bounded activations keep their scale; others are scaled by their largest magnitude on the grid.
      const Act f = l == 0 ? Act::Linear : net.arch.act(l);
      const bool unit = f == Act::Sigmoid || f == Act::Softmax;
      const float scale = (f == Act::Tanh || unit) ? 1.0f : std::max(1e-6f, A.row(k).cwiseAbs().maxCoeff());
      const int cx = (slot % c.atlas_cols) * S, cy = (slot / c.atlas_cols) * S;
      for (int p = 0; p < S * S; ++p) {
        const float a = A(k, p);
        const float v = output && A.rows() == 1 && t.data().info.problem == Problem::Regression ? a
                        : unit ? 2.0f * a - 1.0f : a / scale;
        c.atlas_pixels[size_t(cy + p / S) * W + cx + p % S] = colors::diverging(std::clamp(v, -1.0f, 1.0f));
      }
    }
  }
  upload_rgba(c.atlas_tex, W, H, c.atlas_pixels);
}

// The point sprite: 32 x 32 cells, a disc (alpha 1 inside radius 13) and a ring (radius 11..15), antialiased.
void build_sprite(ViewCache& c) {
  constexpr int S = 32;
  std::vector<uint32_t> px(size_t(2 * S * S), 0);
  for (int y = 0; y < S; ++y)
    for (int x = 0; x < S; ++x) {
      const float d = std::hypot(x + 0.5f - S / 2.0f, y + 0.5f - S / 2.0f);
      const float disc = std::clamp(13.5f - d, 0.0f, 1.0f), ring = std::clamp(1.5f - std::abs(d - 13.0f), 0.0f, 1.0f);
      px[size_t(y) * 2 * S + x] = IM_COL32(255, 255, 255, int(255 * disc));
      px[size_t(y) * 2 * S + S + x] = IM_COL32(255, 255, 255, int(255 * ring));
    }
  upload_rgba(c.sprite_tex, 2 * S, S, px);
}

// The backprop stepper on the network diagram: outlines, arrows and its caption, in violet (the diagram's
// orange and blue already mean negative and positive).
constexpr uint32_t kStepperOutline = IM_COL32(130, 40, 190, 255);
constexpr uint32_t kStepperText = IM_COL32(90, 25, 135, 255);

// A filled arrow head with its tip at `tip`, pointing along `dir`.
void draw_arrow_head(ImDrawList* dl, ImVec2 tip, ImVec2 dir, float size, uint32_t col) {
  const float n = std::hypot(dir.x, dir.y);
  if (n <= 0) return;
  const float ux = dir.x / n, uy = dir.y / n;
  const ImVec2 back(tip.x - ux * size * 1.6f, tip.y - uy * size * 1.6f);
  dl->AddTriangleFilled(tip, ImVec2(back.x - uy * size, back.y + ux * size), ImVec2(back.x + uy * size, back.y - ux * size), col);
}

void remember_rect(AppState& app, const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  app.widget_rects[name] = {a.x, a.y, b.x, b.y};
}

std::string fmt(double v, const char* spec = "%.4g") {
  if (!std::isfinite(v)) return "overflow";
  char buf[48];
  std::snprintf(buf, sizeof buf, spec, v);
  return buf;
}

// Text wrapped to the window at spaces only (ImGui's wrapping also breaks after '.', which splits numbers);
// with `at_commas`, after a comma where one fits ("2-4-2-1 MLP, tanh hidden, | sigmoid + BCE, batch 10").
void text_wrapped_at_spaces(const std::string& text, bool at_commas = false) {
  const float width = ImGui::GetContentRegionAvail().x;
  auto fits = [&](size_t start, size_t end) { return ImGui::CalcTextSize(text.data() + start, text.data() + end).x <= width; };
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.size();
    if (at_commas && !fits(start, end)) {
      for (size_t comma = text.rfind(", ", end); comma != std::string::npos && comma > start; comma = text.rfind(", ", comma - 1))
        if (fits(start, comma + 1)) {
          end = comma + 1;
          break;
        }
    }
    while (!fits(start, end)) {
      const size_t space = text.rfind(' ', end - 1);
      if (space == std::string::npos || space <= start) break;  // one word wider than the window: let it run
      end = space;
    }
    ImGui::TextUnformatted(text.data() + start, text.data() + end);
    start = text.find_first_not_of(' ', end);
    if (start == std::string::npos) break;
  }
}

}  // namespace

ImTextureID tex_id(const Texture& t) { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(t.id)); }

void draw_point(ImDrawList* dl, const AppState& app, ImVec2 c, float r, uint32_t fill, uint32_t ring) {
  const float h = r * 16.0f / 13.0f;  // the sprite's disc has radius 13 of its 16-pixel half width
  const ImTextureID t = tex_id(app.cache.sprite_tex);
  dl->AddImage(t, ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), ImVec2(0, 0), ImVec2(0.5f, 1), fill);
  dl->AddImage(t, ImVec2(c.x - h, c.y - h), ImVec2(c.x + h, c.y + h), ImVec2(0.5f, 0), ImVec2(1, 1), ring);
}

namespace {

// The links the network view draws (ViewCache::links): every link when the network has at most kMaxLinks;
// else kMaxLinks shared out between the layers, smallest W first (a layer with fewer links than its share draws
// them all and leaves the rest to the others), each layer's share its strongest links by |w| (a NaN counts as
// 0; among equal |w|, the first in W's column-major storage). O(links): one nth_element per layer.
void pick_links(ViewCache& c, const Network& net) {
  const size_t L = net.W.size();
  c.links.assign(L, {});
  c.links_sizes.assign(L, 0);
  c.links_total = 0;
  for (size_t l = 0; l < L; ++l) c.links_total += size_t(c.links_sizes[l] = net.W[l].size());
  c.links_drawn = c.links_total;
  if (c.links_total <= ViewCache::kMaxLinks) return;
  std::vector<size_t> order(L);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return net.W[a].size() < net.W[b].size(); });
  size_t left = ViewCache::kMaxLinks;
  c.links_drawn = 0;
  std::vector<float> mag, scratch;
  for (size_t n = 0; n < L; ++n) {
    const Mat& W = net.W[order[n]];
    const size_t size = size_t(W.size()), k = std::min(size, std::max<size_t>(1, left / (L - n)));
    left -= std::min(left, k);
    c.links_drawn += k;
    if (k == size) continue;  // all of this layer's links: the list stays empty
    mag.resize(size);
    for (size_t i = 0; i < size; ++i) {
      const float a = std::abs(W.data()[i]);
      mag[i] = std::isnan(a) ? 0.0f : a;
    }
    scratch = mag;
    std::nth_element(scratch.begin(), scratch.begin() + ptrdiff_t(size - k), scratch.end());
    const float cut = scratch[size - k];  // the k-th largest |w|
    std::vector<int32_t>& pick = c.links[order[n]];
    pick.reserve(k);
    for (size_t i = 0; i < size; ++i)
      if (mag[i] > cut) pick.push_back(int32_t(i));
    for (size_t i = 0; i < size && pick.size() < k; ++i)
      if (mag[i] == cut) pick.push_back(int32_t(i));
    std::sort(pick.begin(), pick.end());
  }
}

// Picks the links again when the weights changed: at once for another network (the old picks do not fit it),
// else at most 4 times a second and a tenth of the time (with the painting of the links' image that follows),
// and while training, paid from its budget as the inspector's live rebuilds are (FrameBudget::debt, ui/app.h).
void update_link_pick(AppState& app, const Network& net) {
  ViewCache& c = app.cache;
  FrameBudget& b = app.budget;
  bool same = c.links_sizes.size() == net.W.size();
  for (size_t l = 0; same && l < net.W.size(); ++l) same = c.links_sizes[l] == net.W[l].size();
  const double now = ImGui::GetTime();
  if (same && (c.links_version == app.boundary_version || now - c.links_at < std::max(0.25, 10 * c.links_seconds) ||
               (app.playing && b.debt > 0)))
    return;
  const auto t0 = std::chrono::steady_clock::now();
  pick_links(c, net);
  c.links_version = app.boundary_version;
  c.links_at = now;
  c.links_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  b.rebuild_seconds += c.links_seconds;
  if (same && app.playing) b.debt += c.links_seconds;
}

}  // namespace

void update_view_cache(AppState& app) {
  const Trainer* t = trainer_of(app);
  ViewCache& c = app.cache;
  if (c.sprite_tex.id == 0) build_sprite(c);
  if (t) update_link_pick(app, t->network());
  if (!t || c.version == app.boundary_version) return;
  // A large network makes the 200 x 200 boundary costly: rebuild no sooner than 4x its last cost after the
  // previous rebuild, so the views take at most about a fifth of the time while training runs.
  const double now = ImGui::GetTime();
  if (now - c.built_at < std::max(kMinViewInterval, 4 * c.build_seconds)) return;
  const auto t0 = std::chrono::steady_clock::now();
  c.version = app.boundary_version;
  if (t->data().info.input_dim == 2) build_boundary(app, *t);
  else build_curve(app, *t);
  build_neuron_maps(app, *t);
  c.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  c.built_at = now;
}

// Adds a point where the learner clicked: the current set becomes a user set first (so nothing is lost).
void add_point(AppState& app, Point p) {
  if (!app.session) return;
  Params& prm = app.params;
  const Dataset& d = app.session->trainer.data();
  if (prm.points.size() < size_t(kMaxPoints)) app_record(app);  // Ctrl+Z takes the point back (and the run)
  const bool was_user = prm.data == DatasetKind::User;
  const uint64_t from = app.session->trainer.steps();
  if (prm.data != DatasetKind::User) {
    prm.points = d.train_points;
    prm.points.insert(prm.points.end(), d.test_points.begin(), d.test_points.end());
    prm.points_one_d = d.info.input_dim == 1;
    prm.data = DatasetKind::User;
  }
  if (prm.points.size() >= size_t(kMaxPoints)) {
    app.toast = trf("At most %d points", int(kMaxPoints));
    app.toast_until = ImGui::GetTime() + 3;
    return;
  }
  prm.points.push_back(p);
  prm.steps = 0;
  app_rebuild(app);
  // Say what changed: the run restarted (when it had trained), the set became the user's own (the first time).
  app.toast = std::string(tr((!was_user ? text::kPointAddedUserSet : text::kPointAdded).data())) +
              (from > 0 ? tr(" - training restarts at step 0") : "") + std::string(tr(text::kUndoHint.data()));
  if (!was_user && from == 0) app.toast = std::string(tr(text::kPointAddedUserSet.data())) + std::string(tr(text::kUndoHint.data()));
  if (was_user && from == 0) app.toast.clear();  // nothing was lost: the point shows for itself
  app.toast_until = ImGui::GetTime() + 3;
  if (prm.points.size() > size_t(kMaxLinkPoints)) {
    app.toast = trf("A link carries the first %d points: use Export > Data (CSV) to share them all", int(kMaxLinkPoints));
    app.toast_until = ImGui::GetTime() + 4;
  }
}

// The colour legend beside the data view: the value scale (blue +1 .. orange -1, or for a sigmoid output
// P(class 1) from 1 down to 0) with its ends labelled, or one swatch per class (paler: less sure). Labels in
// dark grey on the panel's light grey (contrast above 7:1).
constexpr float kLegendWidth = 44.0f;  // CSS pixels
void draw_output_legend(AppState& app, const Trainer& t, ImVec2 p0, float height) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Dataset& d = t.data();
  const float w = 12.0f * app.dpr, font = ImGui::GetFontSize(), x = p0.x + 6.0f * app.dpr;
  const ImU32 ink = im_colour_u32(theme_for(app.display)[Role::Text]);
  const Index K = t.arch().output_dim;
  if (d.info.input_dim == 1) return;  // a fitted curve: its axes say it all
  if (d.info.problem != Problem::Regression && K > 1) {  // one swatch per class
    const float step = std::min(font * 1.6f, height / float(K));
    for (Index k = 0; k < K; ++k) {
      const float y = p0.y + step * float(k);
      dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + font), colors::class_color(int(k)));
      dl->AddText(ImVec2(x + w + 4 * app.dpr, y), ink, std::to_string(k).c_str());
    }
    app.widget_rects["legend"] = {p0.x, p0.y, p0.x + kLegendWidth * app.dpr, p0.y + step * float(K)};
    return;
  }
  const bool probability = d.info.problem != Problem::Regression && t.arch().out != Act::Tanh;
  const float top = p0.y + font * 0.5f, bottom = p0.y + height - font * 0.5f;
  const int bands = 32;
  for (int i = 0; i < bands; ++i) {  // from +1 at the top to -1 at the bottom
    const float y0 = top + (bottom - top) * float(i) / bands, y1 = top + (bottom - top) * float(i + 1) / bands;
    dl->AddRectFilled(ImVec2(x, y0), ImVec2(x + w, y1 + 1), colors::diverging(1.0f - 2.0f * (float(i) + 0.5f) / bands));
  }
  dl->AddRect(ImVec2(x, top), ImVec2(x + w, bottom), IM_COL32(160, 160, 160, 255));
  const char* hi = probability ? "1" : "+1";
  const char* mid = probability ? ".5" : "0";
  const char* lo = probability ? "0" : "-1";
  const float tx = x + w + 4 * app.dpr;
  dl->AddText(ImVec2(tx, top - font * 0.5f), ink, hi);
  dl->AddText(ImVec2(tx, (top + bottom) * 0.5f - font * 0.5f), ink, mid);
  dl->AddText(ImVec2(tx, bottom - font * 0.5f), ink, lo);
  app.widget_rects["legend"] = {p0.x, p0.y, p0.x + kLegendWidth * app.dpr, p0.y + height};
}

// The "Add points" toggle and, when on, the class (or target) of the points it adds, under the data view.
void add_points_tool(AppState& app, const Dataset& d) {
  const bool hidden = !(shown(app, "data") && shown(app, "points"));
  if (hidden) {
    app.view.add_points = false;
    return;
  }
  ImGui::Checkbox(tr(text::kAddPoints.data()), &app.view.add_points);
  remember_rect(app, "add_points");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", tr(text::kAddPointsTip.data()));
  if (!app.view.add_points || d.info.input_dim != 2) return;
  ImGui::SameLine();
  const float width = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(tr(text::kAddTarget.data())).x - ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::SetNextItemWidth(std::max(40.0f, width));
  if (d.info.problem == Problem::Regression) {
    ImGui::SliderFloat(tr(text::kAddTarget.data()), &app.view.add_target, -1.0f, 1.0f, "%.2f");
    remember_rect(app, "add_target");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", tr(text::kAddTargetTip.data()));
    return;
  }
  // One swatch button per class (and one more, a new class), in the class's colour; the chosen one framed.
  const int k = std::min(8, std::max(2, d.info.classes) + 1);
  app.view.add_class = std::clamp(app.view.add_class, 0, k - 1);
  for (int c = 0; c < k; ++c) {
    if (c > 0) ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::PushID(c);
    const ImVec4 col = ImColor(colors::class_color(c));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, app.view.add_class == c ? 3.0f * app.dpr : 0.0f);
    ImGui::PushStyleColor(ImGuiCol_Border, IM_COL32(20, 20, 20, 255));
    if (ImGui::ColorButton("##class", col, ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoAlpha,
                           ImVec2(ImGui::GetFrameHeight(), ImGui::GetFrameHeight())))
      app.view.add_class = c;
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    remember_rect(app, ("add_class_" + std::to_string(c)).c_str());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s %d%s", tr(text::kAddClass.data()), c, c >= std::max(2, d.info.classes) ? tr(" (a new class)") : "");
    ImGui::PopID();
  }
}

void draw_boundary_view(AppState& app) {
  const Trainer* t = trainer_of(app);
  if (!t) return;
  const Dataset& d = t->data();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // Room below for two rows: the Add points tool, and Show test points; the legend at the right.
  // The legend goes beside the view unless the pane is too narrow for both (a phone with the inspector open).
  const bool legend = d.info.input_dim == 2 && avail.x - kLegendWidth * app.dpr >= 200 * app.dpr;
  const float legend_w = legend ? kLegendWidth * app.dpr : 0.0f;
  const float size = std::max(50.0f, std::min(avail.x - legend_w, avail.y - ImGui::GetFrameHeightWithSpacing() * 2.2f));
  if (avail.x > size + legend_w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - size - legend_w) * 0.5f);  // centred (a phone's is wide)
  const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + size, p0.y + size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // A 1-D two-class set (logistic regression over x): the y axis is the probability, 0 to 1 with a margin.
  const bool one_d_classes = d.info.input_dim == 1 && d.info.problem != Problem::Regression;
  const float ylo = one_d_classes ? -0.25f : kLo, yhi = one_d_classes ? 1.25f : kHi;
  auto to_screen = [&](float x, float y) {
    return ImVec2(p0.x + (x - kLo) / (kHi - kLo) * size, p0.y + (yhi - y) / (yhi - ylo) * size);
  };
  ImGui::InvisibleButton("##boundary", ImVec2(size, size));
  remember_rect(app, "boundary");
  if (legend_w > 0) draw_output_legend(app, *t, ImVec2(p1.x, p0.y), size);
  const bool one_d = d.info.input_dim == 1;
  if (!one_d) {
    dl->AddImage(tex_id(app.cache.boundary_tex), p0, p1);
  } else {
    dl->AddRectFilled(p0, p1, IM_COL32(250, 250, 250, 255));
    dl->AddLine(to_screen(kLo, 0), to_screen(kHi, 0), IM_COL32(200, 200, 200, 255));
    dl->AddLine(to_screen(0, ylo), to_screen(0, yhi), IM_COL32(200, 200, 200, 255));
    if (one_d_classes)  // the probability's guides: 1, 0.5 (the decision threshold) and 0
      for (float y : {0.0f, 0.5f, 1.0f}) {
        if (y != 0.0f) dl->AddLine(to_screen(kLo, y), to_screen(kHi, y), IM_COL32(200, 200, 200, 255));
        char lab[8];
        std::snprintf(lab, sizeof lab, "%g", double(y));
        dl->AddText(ImVec2(p0.x + 3 * app.dpr, to_screen(0, y).y - ImGui::GetFontSize()), IM_COL32(60, 60, 60, 255), lab);
      }
    for (float x : {-4.0f, -2.0f, 2.0f, 4.0f}) {  // x ticks along the bottom edge
      char lab[8];
      std::snprintf(lab, sizeof lab, "%g", double(x));
      const ImVec2 at = to_screen(x, ylo);
      dl->AddLine(ImVec2(at.x, p1.y - 4 * app.dpr), ImVec2(at.x, p1.y), IM_COL32(120, 120, 120, 255));
      dl->AddText(ImVec2(at.x - ImGui::CalcTextSize(lab).x * 0.5f, p1.y - 4 * app.dpr - ImGui::GetFontSize()), IM_COL32(60, 60, 60, 255), lab);
    }
  }
  dl->AddRect(p0, p1, IM_COL32(160, 160, 160, 255));
  const float r = 3.0f * app.dpr;
  const int classes = d.info.problem == Problem::Regression ? 0 : std::max(2, d.info.classes);
  auto draw_points = [&](const std::vector<Point>& pts, bool test) {
    for (const Point& pt : pts) {
      const ImVec2 s = to_screen(pt.x, pt.y);
      const uint32_t fill = one_d_classes ? colors::class_color(int(pt.y)) : one_d ? IM_COL32(40, 40, 40, 255)
                            : classes ? colors::class_color(int(pt.label))
                                      : colors::diverging(std::clamp(pt.label, -1.0f, 1.0f));
      draw_point(dl, app, s, r, fill, test ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255));
    }
  };
  draw_points(d.train_points, false);
  if (app.view.show_test) draw_points(d.test_points, true);
  if (one_d && app.cache.curve_x.size() > 1) {
    for (size_t i = 1; i < app.cache.curve_x.size(); ++i) {
      const float y0 = std::clamp(app.cache.curve_y[i - 1], ylo, yhi), y1 = std::clamp(app.cache.curve_y[i], ylo, yhi);
      dl->AddLine(to_screen(app.cache.curve_x[i - 1], y0), to_screen(app.cache.curve_x[i], y1), IM_COL32(8, 119, 189, 255), 2.5f * app.dpr);
    }
  }
  if (ImGui::IsItemHovered()) {
    const ImVec2 m = ImGui::GetMousePos();
    const float x = kLo + (m.x - p0.x) / size * (kHi - kLo), y = yhi - (m.y - p0.y) / size * (yhi - ylo);
    const std::string what = !app.view.add_points ? std::string(tr(text::kHoverAddPointsOff.data()))
                             : one_d ? std::string(tr(text::kHoverAddPoint.data())) + tr(" (at this target)")
                             : d.info.problem == Problem::Regression ? std::string(tr(text::kHoverAddPoint.data())) + trf(" (target %.2f)", app.view.add_target)
                             : std::string(tr(text::kHoverAddPoint.data())) + trf(" (class %d)", app.view.add_class);
    ImGui::SetTooltip("x = %.2f, y = %.2f\n%s", x, y, what.c_str());
    if (app.view.add_points && ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
      const float label = one_d ? 0.0f : d.info.problem == Problem::Regression ? app.view.add_target : float(app.view.add_class);
      add_point(app, Point{x, y, label});
    }
  }
  add_points_tool(app, d);
  ImGui::Checkbox(tr("Show test points"), &app.view.show_test);
  remember_rect(app, "show_test");
}

void draw_loss_view(AppState& app) {
  const std::vector<LossHistory::Row> rows = app_chart_rows(app);  // the recorded rows and the current step
  const bool acc = app.metrics.has_accuracy;
  const bool regularized = app.session && app.session->trainer.config().reg != Reg::None;
  const std::string quantity = app_loss_quantity(app);  // "data loss" with a regularizer: the penalty is not plotted
  // The legend in darker shades of the line colours (text contrast of 4.5:1 or more), then the scale, wrapping
  // to a new line whatever does not fit.
  bool first = true;
  auto same_line_if_fits = [&](float width) {
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (!first && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right_edge) ImGui::SameLine();
    first = false;
  };
  auto legend = [&](const std::string& label, ImU32 colour) {
    same_line_if_fits(ImGui::CalcTextSize(label.c_str()).x);
    ImGui::TextColored(ImColor(colour), "%s", label.c_str());
  };
  const Theme& theme = theme_for(app.display);
  legend(tr("train ") + quantity, im_colour_u32(theme[Role::TextBlue]));
  legend(tr("test ") + quantity, im_colour_u32(theme[Role::TextMuted]));
  if (acc) legend(std::string(tr(text::kChartAccuracy.data())), im_colour_u32(theme[Role::TextGreen]));
  same_line_if_fits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(tr("Log scale")).x);
  ImGui::Checkbox(tr("Log scale"), &app.view.log_scale);
  const ImVec2 p0 = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  const ImVec2 size(std::max(50.0f, avail.x), std::max(40.0f, avail.y));
  ImGui::InvisibleButton("##loss", size);
  remember_rect(app, "loss_chart");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), im_colour_u32(theme[Role::Field]));  // white, or dark
  if (rows.size() < 2) return;
  const bool logy = app.view.log_scale;
  auto ty = [&](float v) { return logy ? std::log10(std::max(v, 1e-8f)) : v; };
  float lo = 1e30f, hi = -1e30f;
  for (const auto& r : rows)  // an empty set's losses are NaN: no value, left out (a gap, never a 0)
    for (float v : {r.train_loss, r.test_loss})
      if (std::isfinite(v)) lo = std::min(lo, ty(v)), hi = std::max(hi, ty(v));
  if (lo > hi) return;  // nothing to plot
  if (!logy) lo = std::min(lo, 0.0f);
  if (hi - lo < 1e-6f) hi = lo + 1e-6f;
  const double s0 = double(rows.front().step), s1 = std::max(double(rows.back().step), s0 + 1);
  auto X = [&](uint64_t s) { return p0.x + float((double(s) - s0) / (s1 - s0)) * size.x; };
  auto Y = [&](float v) { return p0.y + size.y - (v - lo) / (hi - lo) * size.y; };
  auto YA = [&](float a) { return p0.y + size.y - a * size.y; };
  // One polyline per series, at most one point per 2 pixels (the history holds up to 2000 rows).
  const size_t buckets = std::max<size_t>(2, size_t(size.x / (2 * app.dpr)));
  std::vector<ImVec2> train, test, accuracy;
  auto add = [&](const LossHistory::Row& r) {
    if (std::isfinite(r.train_loss)) train.emplace_back(X(r.step), Y(ty(r.train_loss)));
    if (std::isfinite(r.test_loss)) test.emplace_back(X(r.step), Y(ty(r.test_loss)));
    if (std::isfinite(r.test_acc)) accuracy.emplace_back(X(r.step), YA(r.test_acc));
  };
  for (size_t i = 0; i < rows.size(); i += std::max<size_t>(1, rows.size() / buckets)) add(rows[i]);
  add(rows.back());
  dl->AddPolyline(test.data(), int(test.size()), IM_COL32(120, 120, 120, 255), 0, 1.5f * app.dpr);
  dl->AddPolyline(train.data(), int(train.size()), colors::kBlue, 0, 2.0f * app.dpr);
  if (acc) dl->AddPolyline(accuracy.data(), int(accuracy.size()), colors::kPalette[2], 0, 1.0f * app.dpr);
  char buf[64];
  std::snprintf(buf, sizeof buf, logy ? "1e%.1f" : "%.3g", hi);
  const ImU32 axis_ink = im_colour_u32(theme[Role::TextMuted]);  // 4.5:1 or more on the chart's field colour
  // The axis labels on a patch of the chart's colour: the curves start at the top-left corner, under them.
  auto label_box = [&](ImVec2 at, const char* t) {
    const ImVec2 ts = ImGui::CalcTextSize(t);
    dl->AddRectFilled(ImVec2(at.x - 1, at.y), ImVec2(at.x + ts.x + 2, at.y + ts.y), im_colour_u32(theme[Role::Field]));
  };
  label_box(ImVec2(p0.x + 2, p0.y), buf);
  dl->AddText(ImVec2(p0.x + 2, p0.y), axis_ink, buf);
  std::snprintf(buf, sizeof buf, logy ? "1e%.1f" : "%.3g", lo);
  label_box(ImVec2(p0.x + 2, p0.y + size.y - ImGui::GetFontSize()), buf);
  dl->AddText(ImVec2(p0.x + 2, p0.y + size.y - ImGui::GetFontSize()), axis_ink, buf);
  if (ImGui::IsItemHovered()) {
    const float mx = ImGui::GetMousePos().x;
    size_t best = 0;
    for (size_t i = 0; i < rows.size(); ++i)
      if (std::abs(X(rows[i].step) - mx) < std::abs(X(rows[best].step) - mx)) best = i;
    const auto& r = rows[best];
    dl->AddLine(ImVec2(X(r.step), p0.y), ImVec2(X(r.step), p0.y + size.y), axis_ink);
    auto value = [](float v, const char* spec) { return std::isfinite(v) ? fmt(v, spec) : std::string(tr(text::kNotAvailable.data())); };
    std::string tip_text = trf("step %llu\ntrain %s %s\ntest %s %s", (unsigned long long)r.step, quantity.c_str(),
                               value(r.train_loss, "%.6g").c_str(), quantity.c_str(), value(r.test_loss, "%.6g").c_str());
    if (regularized)
      tip_text += "\n" + std::string(tr(text::kPenalty.data())) + " " + value(r.penalty, "%.6g") + "\n" + std::string(tr(text::kObjective.data())) +
                 tr(" (train) ") + value(r.train_loss + r.penalty, "%.6g");
    if (acc) tip_text += trf("\ntrain accuracy %s\ntest accuracy %s", value(r.train_acc, "%.4g").c_str(), value(r.test_acc, "%.4g").c_str());
    ImGui::SetTooltip("%s", tip_text.c_str());
  }
}

namespace {

// A count with thousands separators ("1,048,576"), as the network view's note gives it.
std::string grouped(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string app_network_json(const AppState& app) {
  const ViewCache& c = app.cache;
  std::string out = "{\"links_drawn\":" + std::to_string(c.links_drawn) + ",\"links_total\":" + std::to_string(c.links_total) +
                    ",\"layers\":[";
  for (size_t l = 0; l < c.links.size(); ++l) {
    const size_t total = size_t(c.links_sizes[l]), drawn = c.links[l].empty() ? total : c.links[l].size();
    out += (l ? ",{" : "{") + std::string("\"drawn\":") + std::to_string(drawn) + ",\"total\":" + std::to_string(total) + "}";
  }
  out += "],\"note\":\"";
  for (char ch : app.view.network_note) {  // the note is plain text: escape what JSON needs
    if (ch == '"' || ch == '\\') out += '\\';
    if (static_cast<unsigned char>(ch) >= 0x20) out += ch;
  }
  return out + "\"}";
}

void draw_network_view(AppState& app) {
  const Trainer* t = trainer_of(app);
  if (!t) return;
  const Network& net = t->network();
  const int L = net.arch.num_layers();
  const StepperOverlay& op = app.inspector.overlay;
  const bool stepping = op.layer >= 1 && op.layer <= L;
  const ViewCache& cache = app.cache;
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImVec2 size(std::max(80.0f, avail.x), std::max(80.0f, avail.y));
  ImGui::InvisibleButton("##network", size);
  remember_rect(app, "network");
  const bool hovered_view = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  if (stepping) {  // the stepper's caption takes the top line; the diagram the rest (nothing drawn over it)
    dl->AddText(p0, kStepperText, tr_message(op.caption).c_str());
    p0.y += line;
    size.y = std::max(40.0f, size.y - line);
  }
  // Too many links to draw them all (ViewCache::kMaxLinks): the strongest are drawn, and the bottom line says how
  // many of how many.
  app.view.network_note.clear();
  if (cache.links_drawn < cache.links_total) {
    char buf[256];
    std::snprintf(buf, sizeof buf, tr("Links: the %s strongest of %s drawn (largest |w| in each layer)"),
                  grouped(cache.links_drawn).c_str(), grouped(cache.links_total).c_str());
    app.view.network_note = buf;
    size.y = std::max(40.0f, size.y - line);
    const ImVec2 at(p0.x, p0.y + size.y + (line - ImGui::GetTextLineHeight()) * 0.5f);
    dl->AddText(at, ImGui::GetColorU32(ImGuiCol_TextDisabled), buf);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    app.widget_rects["network_note"] = {at.x, at.y, at.x + ts.x, at.y + ts.y};
  }
  int max_width = 1;
  for (int l = 0; l <= L; ++l) max_width = std::max(max_width, net.arch.width(l));
  const float label_w = ImGui::CalcTextSize(kWidestFeatureLabel).x;
  const float col_w = (size.x - label_w) / float(L + 1);
  const float cell = std::min({44.0f * app.dpr, col_w * 0.45f, size.y / float(std::min(max_width, 32)) * 0.8f});
  auto node_pos = [&](int l, int k) {  // top-left corner of neuron k of layer l
    const int n = net.arch.width(l);
    const float step = n <= 32 ? cell * 1.25f : (size.y - cell) / float(n);
    const float total = step * float(n - 1) + cell;
    return ImVec2(p0.x + label_w + col_w * (float(l) + 0.5f) - cell * 0.5f,
                  p0.y + (size.y - total) * 0.5f + step * float(k));
  };
  auto node_h = [&](int l) {  // a neuron's height: a square up to 32 a layer, a thin bar beyond
    const int n = net.arch.width(l);
    return n <= 32 ? cell : std::max(1.0f, (size.y - cell) / float(n) * 0.8f);
  };
  // Links, coloured by sign and sized by |w| (relative to the largest drawn into the layer), under the neurons:
  // all of them, or the strongest of each layer (ViewCache::links) when there are too many to draw. The drawn one
  // nearest the mouse (within a few pixels) is the hovered link: its weight shows in a tooltip. Many links (or a
  // layer too wide for a square per neuron) are painted into an image with the wide layers' bars and biases
  // (render/lines.h), again when the links are picked again (at most 4 times a second while training, its time
  // repaid from training's budget as the inspector's is) or the view's size changes, and drawn as one quad: a
  // software renderer takes tens of microseconds a line, far more than a frame for thousands of them. The
  // stepper's halos and arrows are drawn line by line.
  ViewCache& vc = app.cache;
  const bool as_image = !stepping && (cache.links_drawn > kDirectLinks || max_width > 32);
  const std::array<float, 5> geometry = {size.x, size.y, cell, label_w, app.dpr};
  const bool repaint = as_image && (vc.links_tex.id == 0 || vc.links_image_version != vc.links_version || vc.links_image_geometry != geometry);
  const auto paint_start = std::chrono::steady_clock::now();
  if (repaint) vc.links_image.clear(int(std::ceil(size.x)), int(std::ceil(size.y)));
  const ImVec2 mouse = ImGui::GetMousePos();
  int link_l = 0, link_j = -1, link_i = -1;
  float link_d2 = std::pow(4.0f * app.dpr, 2.0f);
  ImVec2 link_a, link_b;
  for (int l = 1; l <= L; ++l) {
    const Mat& W = net.W[size_t(l - 1)];
    const bool fits = size_t(l - 1) < cache.links_sizes.size() && cache.links_sizes[size_t(l - 1)] == W.size();
    const std::vector<int32_t>* pick = fits && !cache.links[size_t(l - 1)].empty() ? &cache.links[size_t(l - 1)] : nullptr;
    if (!fits || (!pick && W.size() > Index(ViewCache::kMaxLinks))) continue;  // not picked for this network yet
    const Index count = pick ? Index(pick->size()) : W.size();
    auto flat = [&](Index n) { return pick ? Index((*pick)[size_t(n)]) : n; };
    float wmax = 1e-6f;
    Index strongest = -1;
    for (Index n = 0; n < count; ++n) {
      const float m = std::abs(W.data()[flat(n)]);
      if (m > wmax || strongest < 0) strongest = n, wmax = std::max(wmax, m);
    }
    const float thin = std::min(1.0f, 64.0f / float(count));  // many links: thinner lines, less overdraw
    const float h_from = node_h(l - 1) * 0.5f, h_to = node_h(l) * 0.5f;
    const bool lit = stepping && op.links && (op.update || l == op.layer);
    for (Index n = 0; n < count; ++n) {
      const Index f = flat(n), j = f % W.rows(), i = f / W.rows();  // column-major: W(j, i)
      const ImVec2 a = node_pos(l - 1, int(i)), b = node_pos(l, int(j));
      const ImVec2 from(a.x + cell, a.y + h_from), to(b.x, b.y + h_to);
      if (!as_image || repaint) {
        const float w = W(j, i), m = std::abs(w) / wmax;
        const uint32_t col = colors::lerp(IM_COL32(255, 255, 255, 0), w > 0 ? colors::kBlue : colors::kOrange, 0.25f + 0.75f * m);
        const float width = std::max(1.0f, (0.5f + 3.0f * m) * thin * app.dpr);
        if (repaint) {
          paint_segment(vc.links_image, Segment{from.x - p0.x, from.y - p0.y, to.x - p0.x, to.y - p0.y, width, col});
        } else {
          if (lit) dl->AddLine(from, to, kStepperOutline, width + 3.0f * app.dpr);  // outlined: a halo under the link
          dl->AddLine(from, to, col, width);
        }
      }
      if (lit && W.size() <= 64) {  // the direction of flow, at the middle of each link
        const ImVec2 mid((from.x + to.x) * 0.5f, (from.y + to.y) * 0.5f);
        draw_arrow_head(dl, mid, op.backward ? ImVec2(from.x - to.x, from.y - to.y) : ImVec2(to.x - from.x, to.y - from.y),
                        5.0f * app.dpr, kStepperOutline);
      }
      if (pick && n == strongest)  // where the strongest drawn link of a thinned layer is (for the browser tests)
        app.widget_rects["network_link:" + std::to_string(l)] = {std::min(from.x, to.x) - 1, std::min(from.y, to.y) - 1,
                                                                 std::max(from.x, to.x) + 1, std::max(from.y, to.y) + 1};
      if (hovered_view) {
        const float dx = to.x - from.x, dy = to.y - from.y, len2 = std::max(1e-6f, dx * dx + dy * dy);
        const float u = std::clamp(((mouse.x - from.x) * dx + (mouse.y - from.y) * dy) / len2, 0.0f, 1.0f);
        const float ex = from.x + u * dx - mouse.x, ey = from.y + u * dy - mouse.y;
        if (ex * ex + ey * ey < link_d2) link_d2 = ex * ex + ey * ey, link_l = l, link_j = int(j), link_i = int(i), link_a = from, link_b = to;
      }
    }
  }
  if (repaint) {  // the wide layers over their links: a bar each, and its biases (as the neuron loop draws them)
    for (int l = 1; l <= L; ++l) {
      const int n = net.arch.width(l);
      if (n <= 32) continue;
      const Vec& bias = net.b[size_t(l - 1)];
      const float bmax = std::max(1e-6f, bias.cwiseAbs().maxCoeff()), h = node_h(l), bs = std::max(3.0f, cell * 0.22f);
      const ImVec2 a(node_pos(l, 0).x - p0.x, node_pos(l, 0).y - p0.y), b(a.x + cell, node_pos(l, n - 1).y - p0.y + h);
      paint_rect(vc.links_image, a.x, a.y, b.x, b.y, IM_COL32(120, 120, 120, 255));
      paint_rect(vc.links_image, a.x + 1, a.y + 1, b.x - 1, b.y - 1, IM_COL32(200, 200, 200, 255));
      for (int k = 0; k < n; ++k) {
        const float y = node_pos(l, k).y - p0.y + h;
        paint_rect(vc.links_image, a.x - bs * 0.5f, y - bs * 0.5f, a.x + bs * 0.5f, y + bs * 0.5f, colors::diverging(bias(k) / bmax));
      }
    }
    upload_rgba(vc.links_tex, vc.links_image.width, vc.links_image.height, vc.links_image.pixels);
    const bool paced = vc.links_image_geometry == geometry && vc.links_tex.id != 0;  // the weights moved, not the view
    vc.links_image_version = vc.links_version;
    vc.links_image_geometry = geometry;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - paint_start).count();
    app.budget.rebuild_seconds += seconds;
    if (paced) vc.links_seconds += seconds;  // the next pick waits ten times the pick and the painting
    if (paced && app.playing) app.budget.debt += seconds;
  }
  if (as_image && vc.links_tex.id != 0)
    dl->AddImage(tex_id(vc.links_tex), p0, ImVec2(p0.x + float(vc.links_tex.width), p0.y + float(vc.links_tex.height)));
  // The stepper's current op: a band behind the layers it touches (the links into layer l, layer l-1, layer l),
  // outlined; its neurons get outlines below, the numbers beside them after the neurons.
  auto column_box = [&](int l) {
    const ImVec2 top = node_pos(l, 0), bottom = node_pos(l, net.arch.width(l) - 1);
    const float pad = 6.0f * app.dpr;
    return std::array<float, 4>{top.x - pad, top.y - pad, top.x + cell + pad, bottom.y + cell + pad};
  };
  if (stepping) {
    const int first = op.update ? 0 : op.links || op.prev_neurons ? op.layer - 1 : op.layer, last = op.update ? L : op.layer;
    std::array<float, 4> box = column_box(first);
    for (int l = first + 1; l <= last; ++l) {
      const std::array<float, 4> c = column_box(l);
      box = {std::min(box[0], c[0]), std::min(box[1], c[1]), std::max(box[2], c[2]), std::max(box[3], c[3])};
    }
    dl->AddRectFilled(ImVec2(box[0], box[1]), ImVec2(box[2], box[3]), IM_COL32(150, 70, 210, 28), 6.0f * app.dpr);
    dl->AddRect(ImVec2(box[0], box[1]), ImVec2(box[2], box[3]), kStepperOutline, 6.0f * app.dpr, 0, 2.0f * app.dpr);
    app.widget_rects["stepper_layer"] = box;
    // The direction of flow under the band (also for ops without links: the activation, the loss, the bias).
    const float y = box[3] + 6.0f * app.dpr, x0 = box[0] + 8.0f * app.dpr, x1 = box[2] - 8.0f * app.dpr;
    if (y < p0.y + size.y && x1 > x0) {
      dl->AddLine(ImVec2(x0, y), ImVec2(x1, y), kStepperOutline, 2.0f * app.dpr);
      draw_arrow_head(dl, ImVec2(op.backward ? x0 : x1, y), ImVec2(op.backward ? -1.0f : 1.0f, 0), 6.0f * app.dpr, kStepperOutline);
    }
  }
  int hover_l = -1, hover_k = -1, bias_l = 0, bias_k = -1;
  const float atlas_w = float(app.cache.atlas_tex.width), atlas_h = float(app.cache.atlas_tex.height);
  // Two channels, merged at the end: every neuron map (one texture) and then every outline and bias (the font
  // texture), so the whole diagram is two draw calls instead of two per neuron.
  dl->ChannelsSplit(2);
  for (int l = 0; l <= L; ++l) {
    const int n = net.arch.width(l);
    const bool maps = l < int(app.cache.atlas_slot.size()) && !app.cache.atlas_slot[size_t(l)].empty() && n <= 32;
    const bool lit = stepping && ((op.neurons && (l == op.layer || (op.update && l > 0))) || (op.prev_neurons && l == op.layer - 1));
    const float h = node_h(l), bmax = l > 0 ? std::max(1e-6f, net.b[size_t(l - 1)].cwiseAbs().maxCoeff()) : 1.0f;
    if (n > 32 && !as_image) {  // a wide layer: one bar for its neurons (each a pixel or two high), its biases along it
      const ImVec2 a = node_pos(l, 0), b(a.x + cell, node_pos(l, n - 1).y + h);
      dl->ChannelsSetCurrent(1);
      dl->AddRectFilled(a, b, IM_COL32(200, 200, 200, 255));
      dl->AddRect(a, b, IM_COL32(120, 120, 120, 255));
      if (lit) dl->AddRect(ImVec2(a.x - 2 * app.dpr, a.y - 2 * app.dpr), ImVec2(b.x + 2 * app.dpr, b.y + 2 * app.dpr), kStepperOutline, 0, 0, 2.5f * app.dpr);
    }
    for (int k = 0; k < n; ++k) {
      const ImVec2 a = node_pos(l, k);
      const ImVec2 b(a.x + cell, a.y + h);
      const int slot = maps ? app.cache.atlas_slot[size_t(l)][size_t(k)] : -1;
      if (slot >= 0 && atlas_w > 0) {
        const float S = float(ViewCache::kCell), cx = float(slot % app.cache.atlas_cols) * S, cy = float(slot / app.cache.atlas_cols) * S;
        dl->ChannelsSetCurrent(0);
        dl->AddImage(tex_id(app.cache.atlas_tex), a, b, ImVec2(cx / atlas_w, cy / atlas_h), ImVec2((cx + S) / atlas_w, (cy + S) / atlas_h));
        dl->ChannelsSetCurrent(1);
      } else if (n <= 32) {
        dl->ChannelsSetCurrent(1);
        dl->AddRectFilled(a, b, IM_COL32(200, 200, 200, 255));
      }
      if (n <= 32) dl->AddRect(a, b, IM_COL32(120, 120, 120, 255));
      if (lit && n <= 32) dl->AddRect(ImVec2(a.x - 2 * app.dpr, a.y - 2 * app.dpr), ImVec2(b.x + 2 * app.dpr, b.y + 2 * app.dpr), kStepperOutline, 0, 0, 2.5f * app.dpr);
      if (l > 0) {  // the bias: a small square at the bottom-left corner, coloured by sign and size
        const Vec& bias = net.b[size_t(l - 1)];
        const float bs = std::max(3.0f, cell * 0.22f);
        const float pad = std::max(bs, 6.0f * app.dpr) * 0.5f;  // an easier target than the square itself
        if (n <= 32 || !as_image)  // (a wide layer's are in the links' image)
          dl->AddRectFilled(ImVec2(a.x - bs * 0.5f, b.y - bs * 0.5f), ImVec2(a.x + bs * 0.5f, b.y + bs * 0.5f),
                            colors::diverging(bias(k) / bmax));
        if (hovered_view && std::abs(mouse.x - a.x) <= pad && std::abs(mouse.y - b.y) <= pad) bias_l = l, bias_k = k;
      }
      if (hovered_view && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y) hover_l = l, hover_k = k;
      if (n <= 8) app.widget_rects["neuron:" + std::to_string(l) + ":" + std::to_string(k)] = {a.x, a.y, b.x, b.y};
    }
    if (l == 0 && t->data().info.input_dim == 2) {
      int row = 0;
      for (int f = 0; f < kNumFeatures; ++f)
        if (t->data().features & (1 << f)) {
          const ImVec2 a = node_pos(0, row++);
          dl->AddText(ImVec2(p0.x, a.y + cell * 0.5f - ImGui::GetFontSize() * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), std::string(kFeatureNames[size_t(f)]).c_str());
        }
    }
  }
  dl->ChannelsMerge();
  if (stepping && op.values_layer >= 0 && op.values_layer <= L && int(op.values.size()) == net.arch.width(op.values_layer)) {
    // The op's numbers for one sample, beside the neurons they belong to (forward blue, backward red), on a
    // pale backing so the links under them do not hide them; the name once, over the column.
    const uint32_t ink = op.backward ? IM_COL32(150, 30, 30, 255) : IM_COL32(20, 60, 140, 255);
    auto label = [&](ImVec2 at, const std::string& text) {
      const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
      dl->AddRectFilled(at, ImVec2(at.x + ts.x + 4 * app.dpr, at.y + ts.y), IM_COL32(255, 255, 255, 215), 2 * app.dpr);
      dl->AddText(ImVec2(at.x + 2 * app.dpr, at.y), ink, text.c_str());
    };
    const float right_edge = p0.x + size.x, F = ImGui::GetFontSize();
    for (size_t k = 0; k < op.values.size(); ++k) {  // right of the neuron; left of it where the view ends
      const ImVec2 a = node_pos(op.values_layer, int(k));
      const std::string v = fmt(op.values[k], "%.3g");
      const float w = ImGui::CalcTextSize(v.c_str()).x + 4 * app.dpr;
      const float x = a.x + cell + 4 * app.dpr + w <= right_edge ? a.x + cell + 4 * app.dpr : a.x - 4 * app.dpr - w;
      label(ImVec2(x, a.y + cell * 0.5f - F * 0.5f), v);
    }
    // The name over the column (under it when the column reaches the top), kept inside the view.
    const ImVec2 top = node_pos(op.values_layer, 0), bottom = node_pos(op.values_layer, int(op.values.size()) - 1);
    const std::string name = op.values_name.find("batch") == std::string::npos
                                 ? trf("%s, sample %d", op.values_name.c_str(), op.sample)
                                 : tr_message(op.values_name);  // "dL/db[1] (batch sum)"
    const float name_w = ImGui::CalcTextSize(name.c_str()).x + 4 * app.dpr;
    const float y = top.y - F - 10 * app.dpr >= p0.y ? top.y - F - 10 * app.dpr : bottom.y + cell + 8 * app.dpr;
    label(ImVec2(std::clamp(top.x + cell * 0.5f - name_w * 0.5f, p0.x, std::max(p0.x, right_edge - name_w)), y), name);
  }
  app.view.hover_neuron_layer = hover_l;
  app.view.hover_neuron_index = hover_k;
  app.view.hover_link_layer = 0;
  if (bias_l > 0) {  // the bias square: b[l][k]
    const float v = net.b[size_t(bias_l - 1)](bias_k);
    app.view.hover_link_layer = bias_l, app.view.hover_link_row = bias_k, app.view.hover_link_col = -1, app.view.hover_link_value = v;
    ImGui::SetTooltip(tr("b[%d][%d] = %s\nbias of neuron %d of layer %d: z[%d][%d] = W[%d][%d,:] a[%d] + b[%d][%d]"), bias_l, bias_k,
                      fmt(v, "%.6g").c_str(), bias_k, bias_l, bias_l, bias_k, bias_l, bias_k, bias_l - 1, bias_l, bias_k);
    hover_l = -1;
  } else if (hover_l < 0 && link_l > 0) {  // a link: W[l][j,i], from a[l-1][i] to z[l][j]
    const float v = net.W[size_t(link_l - 1)](link_j, link_i);
    app.view.hover_link_layer = link_l, app.view.hover_link_row = link_j, app.view.hover_link_col = link_i, app.view.hover_link_value = v;
    dl->AddLine(link_a, link_b, IM_COL32(20, 20, 20, 255), 2.0f * app.dpr);
    ImGui::SetTooltip(tr("W[%d][%d,%d] = %s\nthe weight from a[%d][%d] to z[%d][%d]"), link_l, link_j, link_i, fmt(v, "%.6g").c_str(),
                      link_l - 1, link_i, link_l, link_j);
  }
  if (hover_l >= 0) {
    ImGui::BeginTooltip();
    if (hover_l == 0) ImGui::Text(tr("input a[0][%d] = x[%d]"), hover_k, hover_k);
    else
      ImGui::Text(tr("neuron a[%d][%d] = %s(z[%d][%d]), bias b[%d][%d] = %s"), hover_l, hover_k,
                  std::string(act_name(net.arch.act(hover_l))).c_str(), hover_l, hover_k, hover_l, hover_k,
                  fmt(net.b[size_t(hover_l - 1)](hover_k)).c_str());
    const int slot = hover_l < int(app.cache.atlas_slot.size()) && hover_k < int(app.cache.atlas_slot[size_t(hover_l)].size())
                         ? app.cache.atlas_slot[size_t(hover_l)][size_t(hover_k)] : -1;
    if (slot >= 0) {
      const float S = float(ViewCache::kCell), cx = float(slot % app.cache.atlas_cols) * S, cy = float(slot / app.cache.atlas_cols) * S;
      ImGui::Image(tex_id(app.cache.atlas_tex), ImVec2(160 * app.dpr, 160 * app.dpr), ImVec2(cx / atlas_w, cy / atlas_h),
                   ImVec2((cx + S) / atlas_w, (cy + S) / atlas_h));
      ImGui::TextDisabled("%s", tr("output of this neuron over the input square [-6, 6]^2"));
    }
    ImGui::EndTooltip();
  }
}

void draw_status(AppState& app) {
  const Trainer* t = trainer_of(app);
  if (!t) return;
  const Metrics& m = app.metrics;
  const std::vector<std::string> lines = app_status_lines(app);
  for (size_t i = 0; i < lines.size(); ++i) text_wrapped_at_spaces(lines[i], /*at_commas=*/i == 0);  // 0: what runs
  if (m.has_accuracy && m.confusion.rows() >= 2 && m.test_count > 0) {
    text_wrapped_at_spaces(std::string(tr(text::kConfusionHeading.data())));
    // A class: a swatch of its colour, then its index in the text colour (class hues as text are too pale).
    auto class_label = [](int k) {
      const float h = ImGui::GetTextLineHeight();
      const ImVec2 at = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + h * 0.2f), ImVec2(at.x + h * 0.6f, at.y + h * 0.8f), colors::class_color(k));
      ImGui::Dummy(ImVec2(h * 0.6f, h));
      ImGui::SameLine(0, h * 0.25f);
      ImGui::Text("%d", k);
    };
    if (ImGui::BeginTable("confusion", int(m.confusion.cols()) + 1, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      for (Index k = 0; k < m.confusion.cols(); ++k) {
        ImGui::TableNextColumn();
        class_label(int(k));
      }
      for (Index r = 0; r < m.confusion.rows(); ++r) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        class_label(int(r));
        for (Index k = 0; k < m.confusion.cols(); ++k) {
          ImGui::TableNextColumn();
          ImGui::Text("%d", m.confusion(r, k));
        }
      }
      ImGui::EndTable();
    }
  }
}

}  // namespace pg
