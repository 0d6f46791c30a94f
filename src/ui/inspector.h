// ui/inspector.h: the Jacobian inspector: heatmaps of every Jacobian of the backward pass (one sample and the
// minibatch side by side), the chain view (upstream x local = downstream), the gradient check, and the
// backprop stepper. Every matrix comes from core/jacobian.h; this file only chooses and draws.
#pragma once

#include "core/jacobian.h"
#include "render/heatmap.h"
#include "ui/layout.h"

#include <array>
#include <string>
#include <vector>

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
  bool finite = true;    // every entry of data.M is finite (checked once per matrix, not every frame)
};

// What the network diagram shows of the stepper's current op (computed with the panes; views.cpp draws it).
struct StepperOverlay {
  int layer = -1;             // the op's layer l (1..L); -1: the stepper is off
  bool backward = false;      // the direction of flow: forward left to right, backward right to left
  bool update = false;        // the update: every W and b takes its step
  bool links = false;         // the op reads or makes W[l]: the links into layer l
  bool prev_neurons = false;  // the op reads a[l-1] (forward z) or makes dL/da[l-1] (backward a_prev)
  bool neurons = false;       // the op makes or reads layer l's neurons (z, a, their gradients, b)
  // Per-neuron numbers of one sample (small networks only): `values[k]` beside neuron k of `values_layer`.
  int values_layer = -1;
  std::string values_name;    // e.g. "z[1]", "dL/dz[2]"
  std::vector<double> values;
  int sample = 0;             // the column of the minibatch the values are of
  std::string caption;        // one line over the diagram, e.g. "<- backward, layer 2: dL/dz[2] = dL/da[2] (x) g'(z[2])"
};

struct InspectorState {
  bool open = false;
  int tab = 0;          // 0 matrices, 1 chain, 2 gradient check, 3 stepper, 4..7 ui/learn_views.h (the tab bar's)
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
  StepperOverlay overlay;   // the network view outlines the current op's layer while stepping
  // Docking: the inspector is a pane of the page's layout (ui/layout.h), never a window over the views.
  bool maximised = false;   // takes the whole body on purpose; Restore brings the views back
  float split = -1;         // its share of the body's height (the splitter); < 0: the layout's default
  // Last hover (for the JS API and the tests): matrix row/column and the exact value.
  int hover_pane = -1;
  Index hover_row = -1, hover_col = -1;
  double hover_value = 0;
};

// Draws the inspector in `where` (empty: closed or no room, nothing drawn).
void draw_inspector(AppState& app, const Rect& where);

}  // namespace pg
