// ui/inspector.h: the Jacobian inspector: heatmaps of every Jacobian of the backward pass (one sample and the
// minibatch side by side), the chain view (upstream x local = downstream), the gradient check, and the
// backprop stepper. Every matrix comes from core/jacobian.h; this file only chooses and draws.
#pragma once

#include "core/jacobian.h"
#include "render/heatmap.h"

#include <array>
#include <string>

namespace pg {

struct AppState;

// What the learner can pick: "of" and "wrt" as core::inspect names them.
struct InspectKind {
  const char* label;
  const char* of;
  const char* wrt;
  const char* help;
};
extern const std::array<InspectKind, 10> kInspectKinds;

struct HeatmapPane {
  Heatmap map;
  HeatmapWindow window;  // zoom and pan
  Inspected data;        // what is shown (a copy: the hover reads exact values from it)
};

struct InspectorState {
  bool open = false;
  int tab = 0;          // 0 matrices, 1 chain, 2 gradient check, 3 stepper (the tab bar's current tab)
  int tab_request = -1; // a tab to select on the next frame (from a link or the JS API)
  int layer = 1;        // 1..L
  int kind = 3;         // index into kInspectKinds (default dz/dW)
  int sample = 0;       // the sample of the one-sample form
  bool live = true;     // follow training (throttled), or freeze on the current step
  HeatmapStyle style;
  int chain_op = 0;     // loss, act, W, b, a_prev
  std::string gl_error; // heatmap program compile log, if it failed
  bool reupload = false; // the GL context was restored: the panes' matrices go to the GPU again
  // What the panes show, and when it was computed.
  std::string key;
  uint64_t version = ~uint64_t{0};
  double computed_at = -1;
  double compute_seconds = 0;  // how long the last computation took (throttles live updates)
  std::string note;     // e.g. "too large: ..." shown instead of a heatmap
  std::array<HeatmapPane, 4> panes;  // matrices: [0] one sample, [1] minibatch; check: [0] analytic, [1] numeric, [2] difference; chain: [0..2]
  double check_rel_error = 0;
  double chain_diff = 0;
  // The stepper: -1 = off; 0..n-1 = position in the op list (forward, then backward, then the update).
  int stepper_pos = -1;
  int highlight_layer = -1;  // the network view outlines this layer while stepping
  // Last hover (for the JS API and the tests): matrix row/column and the exact value.
  int hover_pane = -1;
  Index hover_row = -1, hover_col = -1;
  double hover_value = 0;
};

void draw_inspector(AppState& app);

}  // namespace pg
