// ui/inspector.cpp: the Jacobian inspector window. Matrices come from core (inspect, inspect_numeric,
// chain_step, forward); they are recomputed when the selection changes, or, when live, at most 4 times a
// second while training moves the weights, and no more often than the frame's budget pays for (FrameBudget in
// ui/app.h), so the page keeps its frame rate.
#include "ui/inspector.h"
#include "ui/i18n.h"

#include "ui/app.h"
#include "ui/learn_views.h"
#include "ui/strings.h"
#include "ui/style.h"
#include "ui/views.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace pg {

const std::array<InspectKind, 10> kInspectKinds = {{
    {TR_KEY("∂L/∂ŷ: loss Jacobian"), "L", "yhat", TR_KEY("How the loss changes with each output. MSE: (2/N)(ŷ − y)ᵀ; BCE: (1/N)(ŷ − y)/(ŷ(1 − ŷ)), computed from z as (1/N)((1 − y)(1 + eᶻ) − y(1 + e⁻ᶻ)) so it stays exact when ŷ rounds to 0 or 1; CCE: −(1/N) y/ŷ")},
    {TR_KEY("∂a/∂z: activation Jacobian"), "a", "z", TR_KEY("Elementwise activations: diagonal, diag(g′(z)). Softmax: full, diag(s) − s sᵀ")},
    {TR_KEY("∂z/∂a[l−1]: affine, input"), "z", "a_prev", TR_KEY("z = W a + b: the Jacobian is W (one sample), I_N ⊗ W (minibatch)")},
    {TR_KEY("∂z/∂W: affine, weights"), "z", "W", TR_KEY("aᵀ ⊗ I_K (one sample), Aᵀ ⊗ I_K (minibatch): each weight W[k,d] moves only z[k]; ⊗ is the Kronecker product")},
    {TR_KEY("∂z/∂b: affine, bias"), "z", "b", TR_KEY("I_K (one sample), 1_N ⊗ I_K (minibatch): the bias is shared by every sample")},
    {TR_KEY("∂L/∂W: gradient of W"), "L", "W", TR_KEY("Shaped like W (n[l] × n[l−1]): ∂L/∂Z · A[l−1]ᵀ, the sum over the batch, plus the penalty term (λW for L2, λ sign(W) for L1): L is the objective the optimizer minimises, data loss + penalty")},
    {TR_KEY("∂L/∂b: gradient of b"), "L", "b", TR_KEY("Shaped like b: ∂L/∂Z · 1, the sum over the batch (the total derivative over N paths)")},
    {TR_KEY("∂L/∂z: upstream at z"), "L", "z", TR_KEY("Shaped like Z (n[l] × N)")},
    {TR_KEY("∂L/∂a: upstream at a"), "L", "a", TR_KEY("Shaped like A[l] (n[l] × N)")},
    {TR_KEY("∂L/∂a[l−1]: downstream"), "L", "a_prev", TR_KEY("Shaped like A[l−1]: W[l]ᵀ · ∂L/∂Z, what flows to the previous layer")},
}};

namespace {

constexpr const char* kChainOps[] = {"loss", "act", "W", "b", "a_prev"};
constexpr const char* kChainLabels[] = {TR_KEY("loss: L ← ŷ"), TR_KEY("activation: a ← z"), TR_KEY("affine: z ← W"),
                                        TR_KEY("affine: z ← b"), TR_KEY("affine: z ← a[l−1]")};
constexpr double kLiveInterval = 0.25;       // seconds between live recomputations
constexpr double kMaxCells = 4096.0 * 4096;  // beyond this a matrix is not built at all (memory)
constexpr double kMaxNumericWork = 2e8;      // columns x forward cost for a live numerical check

// Rows x columns of a request, before building it.
std::pair<double, double> predicted_shape(const Arch& a, int l, const std::string& of, const std::string& wrt, double N) {
  const double K = a.width(l), D = a.width(l - 1), out = a.output_dim;
  if (of == "L") {
    if (wrt == "yhat") return {1, out * N};
    if (wrt == "W") return {K, D};
    if (wrt == "b") return {K, 1};
    return {wrt == "a_prev" ? D : K, N};
  }
  const double rows = K * N;
  if (wrt == "a_prev") return {rows, D * N};
  if (wrt == "W") return {rows, K * D};
  if (wrt == "b") return {rows, K};
  return {rows, rows};  // a wrt z
}

uint32_t legend_color(float t) { return colors::diverging(std::clamp(t, -1.0f, 1.0f)); }

std::string fmtv(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void set_pane(HeatmapPane& p, Inspected data) {
  p.data = std::move(data);
  p.finite = p.data.M.allFinite();
  if (p.data.ok() && p.data.M.size() > 0) p.map.set_matrix(p.data.M);
}

// Small matrices (up to 8 x 8, unzoomed, with cells wide enough) show their numbers in the cells, in black or
// white, whichever stands out on the cell's colour (the legend's colour scale, approximately the shader's).
void draw_cell_numbers(const AppState& app, const MatD& M, ImVec2 p0, ImVec2 box, const HeatmapWindow& w, double range) {
  if (M.rows() > 8 || M.cols() > 8 || M.size() == 0 || w.c0 > 0 || w.r0 > 0 || w.c1 < 1 || w.r1 < 1) return;
  const float cw = box.x / float(M.cols()), ch = box.y / float(M.rows());
  if (ch < ImGui::GetTextLineHeight() + 2 * app.dpr) return;
  auto text = [](double v, char (&buf)[24]) {
    if (std::isnan(v)) std::snprintf(buf, sizeof buf, "NaN");
    else if (std::isinf(v)) std::snprintf(buf, sizeof buf, v > 0 ? "+Inf" : "−Inf");
    else std::snprintf(buf, sizeof buf, "%.3g", v);
  };
  char buf[24];
  for (Index i = 0; i < M.size(); ++i) {  // all or none: every number must fit its cell
    text(M.data()[i], buf);
    if (ImGui::CalcTextSize(buf).x > cw - 4 * app.dpr) return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (Index r = 0; r < M.rows(); ++r)
    for (Index c = 0; c < M.cols(); ++c) {
      const double v = M(r, c);
      text(v, buf);
      const uint32_t cell = std::isfinite(v) ? legend_color(range > 0 ? float(v / range) : 0.0f) : IM_COL32(0, 0, 0, 255);
      const float lum = 0.2126f * float((cell >> IM_COL32_R_SHIFT) & 255) + 0.7152f * float((cell >> IM_COL32_G_SHIFT) & 255) +
                        0.0722f * float((cell >> IM_COL32_B_SHIFT) & 255);
      const ImVec2 t = ImGui::CalcTextSize(buf);
      const ImVec2 at(p0.x + (float(c) + 0.5f) * cw - t.x * 0.5f, p0.y + (float(r) + 0.5f) * ch - t.y * 0.5f);
      dl->AddText(at, lum > 140 ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255), buf);
    }
}

// One heatmap with its title, formula, shape, legend, hover, zoom (wheel) and pan (drag).
void draw_pane(AppState& app, int idx, ImVec2 size) {
  InspectorState& s = app.inspector;
  HeatmapPane& p = s.panes[size_t(idx)];
  const Inspected& d = p.data;
  ImGui::BeginGroup();
  ImGui::PushID(idx);
  ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + size.x);  // long titles wrap inside the pane's column
  ImGui::TextWrapped("%s", tr_message(d.title).c_str());
  // Shape and formula in the primary text colour (they are what the heatmap means), the key right under them.
  ImGui::TextWrapped(tr("%lld × %lld%s%s"), (long long)d.M.rows(), (long long)d.M.cols(), d.formula.empty() ? "" : "   = ",
                     tr_message(d.formula).c_str());
  if (!d.key.empty()) ImGui::TextWrapped("%s", tr_message(d.key).c_str());
  if (d.data_term.size() > 0 && d.data_term.size() <= 4) {  // small: every entry's split in numbers
    for (Index k = 0; k < d.M.size(); ++k)
      ImGui::TextWrapped(tr("[%lld,%lld]: data term %s + penalty term %s = %s"), (long long)(k % d.M.rows()), (long long)(k / d.M.rows()),
                         fmtv(d.data_term.data()[k]).c_str(), fmtv(d.penalty_term.data()[k]).c_str(), fmtv(d.M.data()[k]).c_str());
  } else if (d.data_term.size()) {
    ImGui::TextWrapped(tr("= data term + penalty term (largest |penalty term| %s); hover a cell for each"),
                       fmtv(d.penalty_term.cwiseAbs().maxCoeff()).c_str());
  }
  if (!d.note.empty()) ImGui::TextWrapped("%s", tr_message(d.note).c_str());
  ImGui::PopTextWrapPos();
  if (d.M.size() == 0 || p.map.empty()) {
    ImGui::Dummy(size);
    ImGui::PopID();
    ImGui::EndGroup();
    return;
  }
  // Keep the cells square-ish: fit the matrix's aspect ratio into the box.
  const float aspect = float(d.M.cols()) / float(d.M.rows());
  ImVec2 box = size;
  if (aspect > box.x / box.y) box.y = std::max(8.0f, box.x / aspect);
  else box.x = std::max(8.0f, box.y * aspect);
  p.map.render(int(box.x), int(box.y), s.style, p.window);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  // The heatmap goes to channel 0 of the window's draw list (see draw_inspector), everything else to channel 1.
  ImGui::InvisibleButton("##heatmap", box);
  ImDrawList* wdl = ImGui::GetWindowDrawList();
  wdl->ChannelsSetCurrent(0);
  wdl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(p.map.texture())), p0, ImVec2(p0.x + box.x, p0.y + box.y),
                ImVec2(0, 1), ImVec2(1, 0));
  wdl->ChannelsSetCurrent(1);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  app.widget_rects["heatmap_" + std::to_string(idx)] = {a.x, a.y, b.x, b.y};
  HeatmapWindow& w = p.window;
  draw_cell_numbers(app, d.M, p0, box, w, s.style.auto_range ? p.map.max_abs() : s.style.fixed_range);
  if (ImGui::IsItemHovered()) {
    const ImGuiIO& io = ImGui::GetIO();
    const float fx = (io.MousePos.x - p0.x) / box.x, fy = (io.MousePos.y - p0.y) / box.y;
    const float u = w.c0 + fx * (w.c1 - w.c0), v = w.r0 + fy * (w.r1 - w.r0);
    const Index col = std::clamp<Index>(Index(u * float(d.M.cols())), 0, d.M.cols() - 1);
    const Index row = std::clamp<Index>(Index(v * float(d.M.rows())), 0, d.M.rows() - 1);
    s.hover_pane = idx;
    s.hover_row = row;
    s.hover_col = col;
    s.hover_value = d.M(row, col);
    const std::string split = d.data_term.size() ? trf("\n  = data term %s + penalty term %s", fmtv(d.data_term(row, col)).c_str(),
                                                       fmtv(d.penalty_term(row, col)).c_str())
                                                 : std::string();
    // ∂L/∂ŷ: the sample's target beside its entry (which class it is decides the sign).
    std::string target;
    if (s.tab == 0 && s.kind == 0 && app.session) {
      Mat X, Y;
      app.session->trainer.next_batch(X, Y);
      const Index K = Y.rows(), n = d.M.cols() == K ? Index(s.sample) : col / std::max<Index>(1, K), k = col % std::max<Index>(1, K);
      if (n >= 0 && n < Y.cols()) target = trf("\ntarget y = %s", fmtv(double(Y(k, n))).c_str());
    }
    ImGui::SetTooltip(tr("row %lld = %s\ncolumn %lld = %s\nvalue %s%s%s%s"), (long long)row, tr_message(d.row_axis.label(row)).c_str(),
                      (long long)col, tr_message(d.col_axis.label(col)).c_str(), fmtv(d.M(row, col)).c_str(), split.c_str(), target.c_str(),
                      p.map.pool_rows() > 1 || p.map.pool_cols() > 1 ? tr("\n(drawn pooled: max |value| per block)") : "");
    if (io.MouseWheel != 0) {  // zoom about the mouse
      const float z = io.MouseWheel > 0 ? 0.8f : 1.25f;
      const float cw = std::min(1.0f, (w.c1 - w.c0) * z), rh = std::min(1.0f, (w.r1 - w.r0) * z);
      w.c0 = std::clamp(u - fx * cw, 0.0f, 1.0f - cw);
      w.r0 = std::clamp(v - fy * rh, 0.0f, 1.0f - rh);
      w.c1 = w.c0 + cw;
      w.r1 = w.r0 + rh;
    }
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
      const ImVec2 dd = io.MouseDelta;
      const float cw = w.c1 - w.c0, rh = w.r1 - w.r0;
      w.c0 = std::clamp(w.c0 - dd.x / box.x * cw, 0.0f, 1.0f - cw);
      w.r0 = std::clamp(w.r0 - dd.y / box.y * rh, 0.0f, 1.0f - rh);
      w.c1 = w.c0 + cw;
      w.r1 = w.r0 + rh;
    }
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) w = HeatmapWindow{};
  }
  // Legend: the colour scale with its range.
  const double range = s.style.auto_range ? p.map.max_abs() : s.style.fixed_range;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 l0 = ImGui::GetCursorScreenPos();
  const float lw = std::min(size.x, std::max(box.x, 120.0f * app.dpr)), lh = 8 * app.dpr;
  for (int i = 0; i < 32; ++i)
    dl->AddRectFilled(ImVec2(l0.x + lw * i / 32, l0.y), ImVec2(l0.x + lw * (i + 1) / 32, l0.y + lh), legend_color(-1.0f + 2.0f * (i + 0.5f) / 32));
  ImGui::Dummy(ImVec2(lw, lh));
  if (range > 0) ImGui::TextDisabled("-%s   0   +%s%s", fmtv(range).c_str(), fmtv(range).c_str(), s.style.symlog ? "  (symlog)" : "");
  else ImGui::TextDisabled("%s", tr("every finite entry is 0"));
  ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + size.x);
  if (!p.finite)
    ImGui::TextWrapped(tr("Entries beyond double's range: %s%s (hover for each value)"), d.M.array().isInf().any() ? tr("+Inf black, -Inf dark brown ") : "",
                       d.M.array().isNaN().any() ? tr("NaN magenta") : "");
  ImGui::PopTextWrapPos();
  if (p.map.pool_rows() > 1 || p.map.pool_cols() > 1)
    ImGui::TextDisabled(tr("large: drawn as %lld x %lld blocks (max |value|)"), (long long)p.map.pool_rows(), (long long)p.map.pool_cols());
  ImGui::PopID();
  ImGui::EndGroup();
}

// The stepper's ops: forward layer by layer, the loss, backward layer by layer, the update.
struct StepOp {
  enum Kind { ForwardZ, ForwardA, LossValue, Chain, Update } kind;
  int layer;
  const char* chain_op;
};
std::vector<StepOp> stepper_ops(int L) {
  std::vector<StepOp> ops;
  for (int l = 1; l <= L; ++l) {
    ops.push_back({StepOp::ForwardZ, l, nullptr});
    ops.push_back({StepOp::ForwardA, l, nullptr});
  }
  ops.push_back({StepOp::LossValue, L, nullptr});
  ops.push_back({StepOp::Chain, L, "loss"});
  for (int l = L; l >= 1; --l)
    for (const char* op : {"act", "W", "b", "a_prev"}) ops.push_back({StepOp::Chain, l, op});
  ops.push_back({StepOp::Update, 0, nullptr});
  return ops;
}

Inspected activation_matrix(const MatD& M, const std::string& name, const std::string& title) {
  Inspected r;
  r.M = M;
  r.row_axis = Axis{Axis::Kind::Vector, name, M.rows(), 1};
  r.col_axis = Axis{Axis::Kind::Vector, "sample", M.cols(), 1};
  r.title = title;
  return r;
}

// The stepper's loss step: the data loss, and with a penalty the objective L the optimizer minimises.
std::string loss_value_title(const Network& net, const TraceT<float>& tr, const Mat& Y, Reg reg, double lambda) {
  const double data = data_loss(net, tr, Y);
  std::string t = "yhat = a[L], then the data loss = loss(yhat, y) = " + fmtv(data);
  if (reg != Reg::None && lambda != 0) {
    const double pen = reg_penalty(net, reg, float(lambda));
    t += "; L = data loss + " + std::string(reg_name(reg)) + " penalty " + fmtv(pen) + " = " + fmtv(data + pen);
  }
  return t;
}

// The computational graph as a row of gates (CS231n's picture): a[0] -> z[1] -> a[1] -> ... -> z[L] -> a[L] -> L,
// with the stepper's current op highlighted and the direction of the pass.
void draw_graph_strip(AppState& app, const StepOp& op, int L) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight() + 8 * app.dpr, gap = 18 * app.dpr;
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float x_start = p.x;
  auto node = [&](const std::string& label, bool on) {
    const ImVec2 sz = ImGui::CalcTextSize(label.c_str());
    const ImVec2 a = p, b(p.x + sz.x + 10 * app.dpr, p.y + h);
    dl->AddRectFilled(a, b, on ? IM_COL32(255, 214, 90, 255) : IM_COL32(235, 235, 235, 255), 4 * app.dpr);
    dl->AddRect(a, b, on ? IM_COL32(200, 140, 0, 255) : IM_COL32(170, 170, 170, 255), 4 * app.dpr);
    dl->AddText(ImVec2(a.x + 5 * app.dpr, a.y + 4 * app.dpr), IM_COL32(30, 30, 30, 255), label.c_str());
    p.x = b.x + gap;
    if (p.x > x_start + ImGui::GetContentRegionAvail().x - 80 * app.dpr) {  // wrap long networks
      p.x = x_start;
      p.y += h + 6 * app.dpr;
    }
  };
  const bool backward = op.kind == StepOp::Chain;
  for (int l = 0; l <= L; ++l) {
    const std::string sl = std::to_string(l);
    if (l > 0) {
      const bool z_on = (op.kind == StepOp::ForwardZ && op.layer == l) ||
                        (backward && op.layer == l && std::string(op.chain_op) != "loss" && std::string(op.chain_op) != "act");
      node("z[" + sl + "] = W[" + sl + "] a[" + std::to_string(l - 1) + "] + b[" + sl + "]", z_on);
    }
    const bool a_on = (l > 0 && op.kind == StepOp::ForwardA && op.layer == l) ||
                      (backward && std::string(op.chain_op) == "act" && op.layer == l) ||
                      (backward && std::string(op.chain_op) == "a_prev" && op.layer == l + 1) || (l == 0 && op.kind == StepOp::ForwardZ && op.layer == 1);
    node(l == 0 ? "x = a[0]" : "a[" + sl + "] = g(z[" + sl + "])", a_on);
  }
  node("L = loss(a[" + std::to_string(L) + "], y)", op.kind == StepOp::LossValue || (backward && std::string(op.chain_op) == "loss"));
  ImGui::SetCursorScreenPos(ImVec2(x_start, p.y + h + 4 * app.dpr));
  ImGui::TextDisabled("%s", op.kind == StepOp::Update ? tr("update: every parameter takes its step")
                             : backward                 ? tr("<- backward pass: gradients flow right to left")
                                                        : tr("-> forward pass: each gate caches what backward needs"));
}

// What the network diagram shows of one stepper op: which parts light up, the direction of flow, and, when
// every layer has at most kMaxValueWidth neurons, the numbers of one sample beside the neurons (the forward
// values from the trace, the backward gradients from core's backward pass in its unfused form, so dL/dyhat
// exists). Gradients of b are sums over the minibatch, as the step applies them.
constexpr int kMaxValueWidth = 8;
StepperOverlay stepper_overlay(const Network& net, const Mat& Y, const TraceT<float>& tr, const StepOp& op, int sample) {
  StepperOverlay o;
  const int L = net.arch.num_layers(), l = op.kind == StepOp::Update ? L : op.layer;
  const std::string sl = std::to_string(l), sp = std::to_string(l - 1);
  o.layer = l;
  o.sample = sample;
  o.backward = op.kind == StepOp::Chain;
  bool small = true;
  for (int i = 0; i <= L; ++i) small = small && net.arch.width(i) <= kMaxValueWidth;
  GradsT<float> g;
  if (o.backward && small) backward(net, tr, Y, g, /*fused=*/false, /*want_input_grad=*/true);
  auto show = [&](int layer, const std::string& name, const Mat& M, Index col) {
    if (!small || M.size() == 0) return;
    o.values_layer = layer;
    o.values_name = name;
    o.values.assign(size_t(M.rows()), 0.0);
    for (Index k = 0; k < M.rows(); ++k) o.values[size_t(k)] = double(M(k, std::min(col, M.cols() - 1)));
  };
  const Index n = sample;
  switch (op.kind) {
    case StepOp::ForwardZ:
      o.links = o.prev_neurons = o.neurons = true;
      o.caption = "-> forward, layer " + sl + ": z[" + sl + "] = W[" + sl + "] a[" + sp + "] + b[" + sl + "]";
      show(l, "z[" + sl + "]", tr.Z[size_t(l - 1)], n);
      break;
    case StepOp::ForwardA:
      o.neurons = true;
      o.caption = "-> forward, layer " + sl + ": a[" + sl + "] = " + std::string(act_name(net.arch.act(l))) + "(z[" + sl + "])";
      show(l, "a[" + sl + "]", tr.A[size_t(l)], n);
      break;
    case StepOp::LossValue:
      o.neurons = true;
      o.caption = "-> forward: yhat = a[" + sl + "], then the loss L(yhat, y)";
      show(l, "yhat", tr.A[size_t(l)], n);
      break;
    case StepOp::Chain: {
      const std::string c = op.chain_op;
      if (c == "loss") {
        o.neurons = true;
        o.caption = "<- backward: dL/dyhat, the loss's gradient at the output";
        if (small) show(l, "dL/dyhat", g.dA[size_t(l)], n);
      } else if (c == "act") {
        o.neurons = true;
        o.caption = "<- backward, layer " + sl + ": dL/dz[" + sl + "] = dL/da[" + sl + "] through the activation's Jacobian";
        if (small) show(l, "dL/dz[" + sl + "]", g.dZ[size_t(l - 1)], n);
      } else if (c == "W") {
        o.links = o.prev_neurons = o.neurons = true;
        o.caption = "<- backward, layer " + sl + ": dL/dW[" + sl + "] = dL/dz[" + sl + "] a[" + sp + "]^T, one number per link";
      } else if (c == "b") {
        o.neurons = true;
        o.caption = "<- backward, layer " + sl + ": dL/db[" + sl + "] = dL/dz[" + sl + "] summed over the batch";
        if (small) {
          const Mat db = g.db[size_t(l - 1)];
          show(l, "dL/db[" + sl + "] (batch sum)", db, 0);
        }
      } else {
        o.links = o.prev_neurons = true;
        o.caption = "<- backward, layer " + sl + ": dL/da[" + sp + "] = W[" + sl + "]^T dL/dz[" + sl + "], to layer " + sp;
        if (small) show(l - 1, "dL/da[" + sp + "]", g.dA[size_t(l - 1)], n);
      }
      break;
    }
    case StepOp::Update:
      o.update = o.links = o.neurons = true;
      o.caption = "update: every W[l] and b[l] takes its step, w <- w - eta dL/dw";
      break;
  }
  return o;
}

// (Re)computes what the current tab shows.
void compute(AppState& app) {
  InspectorState& s = app.inspector;
  const Trainer& t = app.session->trainer;
  Mat Xf, Yf;
  t.next_batch(Xf, Yf);
  // The float network and minibatch of the next training step, and its penalty: the gradients shown are the
  // ones that step applies (core/jacobian.h).
  const Network& net = t.network();
  const Mat& X = Xf;
  const Mat& Y = Yf;
  const Reg reg = t.config().reg;
  const double lambda = t.config().reg_rate;
  const int L = net.arch.num_layers(), N = int(X.cols());
  s.layer = std::clamp(s.layer, 1, L);
  s.sample = std::clamp(s.sample, 0, std::max(0, N - 1));
  s.note.clear();
  for (HeatmapPane& p : s.panes) p.data = Inspected{}, p.finite = true;
  if (N == 0) {
    s.note = "No training points: turn on Add points and click the data view, or pick a data set.";
    return;
  }
  const InspectKind& k = kInspectKinds[size_t(s.kind)];
  const auto [rows, cols] = predicted_shape(net.arch, s.layer, k.of, k.wrt, N);
  if (s.tab == 0) {
    set_pane(s.panes[0], inspect(net, X, Y, s.layer, k.of, k.wrt, s.sample, reg, lambda));
    if (rows * cols > kMaxCells) s.note = "The minibatch form would be " + std::to_string(long(rows)) + " x " + std::to_string(long(cols)) +
                                          ": too large to build here. Use a smaller batch or a narrower layer.";
    else set_pane(s.panes[1], inspect(net, X, Y, s.layer, k.of, k.wrt, -1, reg, lambda));
  } else if (s.tab == 1) {
    const ChainStep c = chain_step(net, X, Y, s.layer, kChainOps[s.chain_op], s.sample, reg, lambda);
    s.note = c.ok() ? c.note : c.error;
    set_pane(s.panes[0], c.upstream);
    set_pane(s.panes[1], c.local);
    set_pane(s.panes[2], c.downstream);
    s.chain_diff = c.backprop_diff;
  } else if (s.tab == 2) {
    const double work = (rows / N) * (cols / N) * double(t.network().param_count());
    if (work > kMaxNumericWork) {
      s.note = "Too large for a live numerical check; pick one sample, a smaller layer or a smaller batch.";
      return;
    }
    // A gradient check verifies backprop's formulas, so both sides run in double (as `bprop gradcheck` does);
    // training runs the same formulas in float, and the Matrices tab shows its float gradient.
    const NetworkD netd = net.cast<double>();
    const MatD Xd = X.cast<double>(), Yd = Y.cast<double>();
    Inspected a = inspect(netd, Xd, Yd, s.layer, k.of, k.wrt, s.sample, reg, lambda),
              n = inspect_numeric(netd, Xd, Yd, s.layer, k.of, k.wrt, s.sample, reg, lambda);
    a.title = "backprop in double: " + a.title;
    Inspected diff = a;
    diff.M = a.M - n.M;
    diff.title = "analytic - numerical";
    diff.formula.clear();
    double f_scale = 1;  // the size of the differentiated function's values (core: check_relative_error)
    if (std::string(k.of) == "L") {
      TraceT<double> td;
      forward(netd, Xd, td);
      f_scale = data_loss(netd, td, Yd) + reg_penalty(netd, reg, lambda);
    }
    s.check_rel_error = check_relative_error(a.M, n.M, f_scale);
    if (std::isnan(s.check_rel_error))
      s.note = "Nothing to compare: the analytic matrix has entries beyond double's range (see its note), where "
               "central differences only see a finite slope.";
    set_pane(s.panes[0], std::move(a));
    set_pane(s.panes[1], std::move(n));
    set_pane(s.panes[2], std::move(diff));
  } else if (s.tab == 3 && s.stepper_pos >= 0) {
    const std::vector<StepOp> ops = stepper_ops(L);
    const StepOp& op = ops[size_t(std::min<size_t>(size_t(s.stepper_pos), ops.size() - 1))];
    TraceT<float> tr;  // the forward pass exactly as the training step runs it
    forward(net, X, tr);
    const std::string l = std::to_string(op.layer);
    s.overlay = stepper_overlay(net, Y, tr, op, s.sample);
    if (op.kind == StepOp::ForwardZ)
      set_pane(s.panes[0], activation_matrix(tr.Z[size_t(op.layer - 1)].cast<double>(), "z[" + l + "]", "forward: z[" + l + "] = W[" + l + "] a[" + std::to_string(op.layer - 1) + "] + b[" + l + "]"));
    else if (op.kind == StepOp::ForwardA || op.kind == StepOp::LossValue)
      set_pane(s.panes[0], activation_matrix(tr.A[size_t(op.layer)].cast<double>(), "a[" + l + "]",
                                             op.kind == StepOp::LossValue ? loss_value_title(net, tr, Y, reg, lambda)
                                                                          : "forward: a[" + l + "] = " + std::string(act_name(net.arch.act(op.layer))) + "(z[" + l + "])"));
    else if (op.kind == StepOp::Chain) {
      const ChainStep c = chain_step(net, X, Y, op.layer, op.chain_op, -1, reg, lambda);
      s.note = c.ok() ? c.note : c.error;
      set_pane(s.panes[0], c.upstream);
      set_pane(s.panes[1], c.local);
      set_pane(s.panes[2], c.downstream);
      s.chain_diff = c.backprop_diff;
    }
  }
}

// SameLine when the next item (about `width` wide, label included) still fits in the window; otherwise it
// starts a new line, so a phone's inspector stacks its controls instead of clipping them.
void same_line_if_fits(float width) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
}
float labelled(float item_width, const char* label) {
  return item_width + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
}
float button_width(const char* label) { return ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2; }

// Zoom for every pane, by buttons: a touch screen has no wheel (a finger then drags to pan, as the mouse does).
void draw_zoom_buttons(AppState& app) {
  InspectorState& s = app.inspector;
  auto zoom = [&](float z) {
    for (HeatmapPane& p : s.panes) {
      HeatmapWindow& w = p.window;
      const float cu = (w.c0 + w.c1) * 0.5f, cv = (w.r0 + w.r1) * 0.5f;
      const float cw = std::min(1.0f, (w.c1 - w.c0) * z), rh = std::min(1.0f, (w.r1 - w.r0) * z);
      w.c0 = std::clamp(cu - cw * 0.5f, 0.0f, 1.0f - cw);
      w.r0 = std::clamp(cv - rh * 0.5f, 0.0f, 1.0f - rh);
      w.c1 = w.c0 + cw;
      w.r1 = w.r0 + rh;
    }
  };
  same_line_if_fits(button_width(tr("Zoom in")) + button_width(tr("Zoom out")) + button_width(tr("Fit")) + 2 * ImGui::GetStyle().ItemSpacing.x);
  if (ImGui::Button(tr("Zoom in"))) zoom(0.5f);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  app.widget_rects["inspector_zoom_in"] = {a.x, a.y, b.x, b.y};
  ImGui::SameLine();
  if (ImGui::Button(tr("Zoom out"))) zoom(2.0f);
  ImGui::SameLine();
  if (ImGui::Button(tr("Fit")))
    for (HeatmapPane& p : s.panes) p.window = HeatmapWindow{};
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Show every cell again (double-click a heatmap does the same)"));
}

void draw_controls(AppState& app, const Arch& arch) {
  InspectorState& s = app.inspector;
  const int L = arch.num_layers();
  ImGui::SetNextItemWidth(90 * app.dpr);
  ImGui::SliderInt(tr("layer"), &s.layer, 1, L);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip(tr("Layer l: z[l] = W[l] a[l-1] + b[l], a[l] = g(z[l]); layer %d is the output"), L);
  if (s.tab == 0 || s.tab == 2) {
    same_line_if_fits(labelled(230 * app.dpr, tr("matrix")));
    ImGui::SetNextItemWidth(230 * app.dpr);
    if (ImGui::BeginCombo(tr("matrix"), tr(kInspectKinds[size_t(s.kind)].label))) {
      for (size_t i = 0; i < kInspectKinds.size(); ++i)
        if (ImGui::Selectable((std::string(tr(kInspectKinds[i].label)) + "##kind" + std::to_string(i)).c_str(), int(i) == s.kind)) s.kind = int(i);
      ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(kInspectKinds[size_t(s.kind)].help));
  } else if (s.tab == 1) {
    same_line_if_fits(labelled(200 * app.dpr, tr("op")));
    ImGui::SetNextItemWidth(200 * app.dpr);
    const char* chain_labels[std::size(kChainLabels)];
    for (size_t i = 0; i < std::size(kChainLabels); ++i) chain_labels[i] = tr(kChainLabels[i]);
    ImGui::Combo(tr("op"), &s.chain_op, chain_labels, int(std::size(kChainLabels)));
  }
  same_line_if_fits(labelled(80 * app.dpr, "sample"));
  ImGui::SetNextItemWidth(80 * app.dpr);
  ImGui::InputInt(tr("sample"), &s.sample);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("The sample (column of the minibatch) of the one-sample form"));
  ImGui::Checkbox(tr("live"), &s.live);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(text::kInspectorLiveTip.data()));
  same_line_if_fits(labelled(ImGui::GetFrameHeight(), "symlog"));
  ImGui::Checkbox(tr("symlog"), &s.style.symlog);
  same_line_if_fits(labelled(ImGui::GetFrameHeight(), tr("auto range")));
  ImGui::Checkbox(tr("auto range"), &s.style.auto_range);
  if (!s.style.auto_range) {
    same_line_if_fits(labelled(90 * app.dpr, "range"));
    ImGui::SetNextItemWidth(90 * app.dpr);
    ImGui::InputFloat(tr("range"), &s.style.fixed_range, 0, 0, "%.3g");
    s.style.fixed_range = std::isfinite(s.style.fixed_range) ? std::max(1e-12f, std::abs(s.style.fixed_range)) : 1.0f;
  }
  draw_zoom_buttons(app);
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("Jacobian J of f: R^n -> R^m is m x n (rows: outputs, columns: inputs).\n"
                      "Minibatch (extended) form: vec() is column-major, so vec(Z)[k + K n] = Z[k, n]:\n"
                      "rows and columns run over the units of sample 0, then sample 1, ...\n"
                      "dz/dW: vec(W)[k + K d] = W[k, d].  Zero is grey, positive blue, negative orange.\n"
                      "Wheel or Zoom buttons: zoom.  Drag (mouse or finger): pan.  Double-click: reset the view."));
}

std::string request_key(const InspectorState& s) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%d/%d/%d/%d/%d/%d", s.tab, s.layer, s.kind, s.sample, s.chain_op, s.stepper_pos);
  return buf;
}

}  // namespace

void draw_inspector(AppState& app, const Rect& where) {
  InspectorState& s = app.inspector;
  if (!s.open || !app.session || where.empty()) {
    s.overlay = StepperOverlay{};
    return;
  }
  if (s.gl_error.empty()) s.gl_error = heatmap_init();  // compiles once; empty when fine
  if (s.reupload) {  // after a lost GL context, from the matrices each pane keeps
    for (HeatmapPane& p : s.panes)
      if (p.data.ok() && p.data.M.size() > 0) p.map.set_matrix(p.data.M);
    s.reupload = false;
  }
  // A tile of the page's layout: placed and sized by it, never moved over the views (it has no background
  // of its own, like the other tiles).
  ImGui::SetNextWindowPos(ImVec2(where.x0, where.y0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(where.w(), where.h()), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.0f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  // While live matrices lag the run (rebuilt within the frame's budget), the title says which step they are of.
  // The window's id stays the same whatever the title says (and whatever the language).
  char title[256];
  if (s.live && s.tab < kTabLandscape && s.version != app.boundary_version &&
      app.budget.inspector_step != app.session->trainer.steps())
    std::snprintf(title, sizeof title, "%s%s%llu###Jacobian inspector", tr("Jacobian inspector"),
                  tr(text::kInspectorLagPrefix.data()), (unsigned long long)app.budget.inspector_step);
  else
    std::snprintf(title, sizeof title, "%s###Jacobian inspector", tr("Jacobian inspector"));
  if (!ImGui::Begin(title, &s.open, flags)) {
    ImGui::End();
    return;
  }
  const ImVec2 wa = ImGui::GetWindowPos(), wb(wa.x + ImGui::GetWindowWidth(), wa.y + ImGui::GetWindowHeight());
  app.widget_rects["inspector"] = {wa.x, wa.y, wb.x, wb.y};
  if (!s.gl_error.empty()) {
    ImGui::TextWrapped(tr("The heatmap shader did not compile: %s"), s.gl_error.c_str());
    ImGui::End();
    return;
  }
  const Arch& arch = app.session->trainer.arch();
  const int L = arch.num_layers();
  if (ImGui::BeginTabBar("tabs", ImGuiTabBarFlags_FittingPolicyScroll)) {
    const char* names[] = {TR_KEY("Matrices"), TR_KEY("Chain rule"), TR_KEY("Gradient check"), TR_KEY("Backprop stepper"),
                           TR_KEY("Landscape"), TR_KEY("Scalar graph"), TR_KEY("Paths"), TR_KEY("Gradient norms")};
    for (int i = 0; i < 8; ++i)
      if (ImGui::BeginTabItem((std::string(tr(names[i])) + "###tab" + std::to_string(i)).c_str(), nullptr, s.tab_request == i ? ImGuiTabItemFlags_SetSelected : 0)) {
        s.tab = i;
        ImGui::EndTabItem();
      }
    // Maximise on purpose (the whole work area, for large Jacobians); Restore brings the views back.
    if (ImGui::TabItemButton((std::string(s.maximised ? tr("Restore") : tr("Maximise")) + "###size").c_str(), ImGuiTabItemFlags_Trailing))
      s.maximised = !s.maximised;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    app.widget_rects["inspector_maximise"] = {a.x, a.y, b.x, b.y};
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", s.maximised ? tr("Bring the network and data views back beside the inspector")
                                          : tr("Give the inspector the whole page (the views come back with Restore)"));
    ImGui::EndTabBar();
  }
  s.tab_request = -1;
  if (s.tab >= kTabLandscape) {  // the lesson views: their own controls and numbers (ui/learn_views.cpp)
    s.stepper_pos = -1;
    s.overlay = StepperOverlay{};
    draw_learn_tab(app, s.tab);
    ImGui::End();
    return;
  }
  if (s.tab == 3) {
    const std::vector<StepOp> ops = stepper_ops(L);
    if (s.stepper_pos < 0) s.stepper_pos = 0;
    s.stepper_pos = std::min(s.stepper_pos, int(ops.size()) - 1);
    if (ImGui::Button(tr("Previous")) && s.stepper_pos > 0) --s.stepper_pos;
    ImGui::SameLine();
    const bool at_update = ops[size_t(s.stepper_pos)].kind == StepOp::Update;
    if (ImGui::Button(at_update ? tr("Apply the update") : tr("Next"))) {
      if (at_update) {
        app_step(app, 1);
        s.stepper_pos = 0;
      } else {
        ++s.stepper_pos;
      }
    }
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    app.widget_rects["stepper_next"] = {a.x, a.y, b.x, b.y};
    same_line_if_fits(button_width(tr("Run to end")));
    if (ImGui::Button(tr("Run to end"))) s.stepper_pos = int(ops.size()) - 1;
    same_line_if_fits(ImGui::CalcTextSize(trf("op %d of %d", 99, 99).c_str()).x);
    ImGui::Text(tr("op %d of %d"), s.stepper_pos + 1, int(ops.size()));
    draw_zoom_buttons(app);
    const StepOp& op = ops[size_t(s.stepper_pos)];
    if (op.kind == StepOp::Update)
      ImGui::TextWrapped(tr("Update: every W[l] <- W[l] - eta dL/dW[l] and b[l] <- b[l] - eta dL/db[l] (eta = %g, %s). "
                         "This is the step the Step button takes."), app.params.learning_rate,
                         std::string(optimizer_name(app.params.optimizer)).c_str());
    else if (op.kind == StepOp::Chain)
      ImGui::TextWrapped(tr("Backward, layer %d, %s: downstream gradient = upstream gradient x local Jacobian."), op.layer,
                         tr(kChainLabels[std::find_if(std::begin(kChainOps), std::end(kChainOps), [&](const char* o) { return std::string(o) == op.chain_op; }) - std::begin(kChainOps)]));
    else
      ImGui::TextWrapped(tr("Forward, layer %d: computed and cached for the backward pass."), op.layer);
    draw_graph_strip(app, op, L);
  } else {
    s.stepper_pos = -1;
    s.overlay = StepperOverlay{};
    draw_controls(app, arch);
  }
  const std::string key = request_key(s);
  const double now = ImGui::GetTime();
  // Live updates are paid from the frame's training budget (ui/app.h, FrameBudget): each one's time is a debt
  // that training repays, half its budget a frame, and the next waits until it is repaid. A rebuild longer than
  // a frame holds the frame it runs in, so they also wait kLiveInterval and ten times as long as the last one
  // took (a large Jacobian holds at most a tenth of the frames' time). Training slows while it pays, the page
  // keeps its frame rate, and the title says which step the matrices are of while they lag.
  FrameBudget& b = app.budget;
  const bool due = s.version != app.boundary_version && s.live;
  const bool stale = due && now - s.computed_at >= std::max(kLiveInterval, 10 * s.compute_seconds) && b.debt <= 0;
  b.inspector_waiting = due && !stale;
  if (s.key != key || stale) {
    const auto t0 = std::chrono::steady_clock::now();
    compute(app);
    s.compute_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    b.rebuild_seconds += s.compute_seconds;
    if (s.key == key) b.debt += s.compute_seconds;  // a live rebuild (a new choice of the learner's is not paced)
    b.inspector_step = app.session->trainer.steps();
    s.key = key;
    s.version = app.boundary_version;
    s.computed_at = now;
  }
  if (!s.note.empty()) ImGui::TextWrapped("%s", tr_message(s.note).c_str());
  // Two channels: the heatmaps (each its own texture) first, then all text, legends and frames (the font
  // texture) in one draw call.
  ImGui::GetWindowDrawList()->ChannelsSplit(2);
  ImGui::GetWindowDrawList()->ChannelsSetCurrent(1);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  if (s.tab == 0) {
    const ImVec2 box((avail.x - 20 * app.dpr) * 0.5f, std::max(40 * app.dpr, avail.y - line * 5));
    draw_pane(app, 0, box);
    ImGui::SameLine();
    draw_pane(app, 1, box);
  } else {
    const ImVec2 box((avail.x - 40 * app.dpr) / 3.0f, std::max(40 * app.dpr, avail.y - line * 6));
    if (s.tab == 2) {
      const bool pass = s.check_rel_error <= 1e-6, na = std::isnan(s.check_rel_error);
      const Theme& theme = theme_for(app.display);
      ImGui::TextColored(im_colour(theme[na ? Role::TextMuted : pass ? Role::TextGood : Role::TextBad]),
                         tr("%s  max relative error %s"), na ? tr("n/a") : pass ? tr("PASS") : tr("FAIL"),
                         na ? tr("n/a") : fmtv(s.check_rel_error).c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", tr("max |analytic - numerical| / max(max |analytic|, max |numerical|, 1e-3 max(1, |L|)): central "
                          "differences carry an error near 1e-10 |L|, so a vanishing gradient is measured against the floor"));
    } else if (s.panes[1].data.M.size() > 0) {
      ImGui::TextWrapped(tr("upstream (1 x %lld)  x  local (%lld x %lld)  =  downstream (1 x %lld);  differs from the gradient "
                         "the training step computes (in float) by %s"),
                  (long long)s.panes[1].data.M.rows(), (long long)s.panes[1].data.M.rows(), (long long)s.panes[1].data.M.cols(),
                  (long long)s.panes[1].data.M.cols(), fmtv(s.chain_diff).c_str());
    }
    for (int i = 0; i < 3; ++i) {
      if (i) ImGui::SameLine();
      draw_pane(app, i, box);
    }
  }
  ImGui::GetWindowDrawList()->ChannelsMerge();
  ImGui::End();
}

}  // namespace pg
