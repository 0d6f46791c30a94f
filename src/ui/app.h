// ui/app.h: the application state and the functions the platform layer calls each frame. Panels are
// `void draw_<panel>(AppState&)`; none of them owns state (no function-static UI state). Never includes
// emscripten headers: everything browser-specific lives in src/platform.
#pragma once

#include "render/lines.h"
#include "render/texture.h"
#include "core/landscape.h"
#include "state/history.h"
#include "state/params.h"
#include "ui/inspector.h"
#include "ui/io.h"
#include "ui/theme.h"
#include "state/resolve.h"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pg {

// The loss chart's points, with bounded memory. Rows are recorded at fixed steps whatever the frame rate or
// speed: step 0 and every multiple of `stride` (so a replayed step=N link records exactly the rows the sender's
// chart had). When full, every other row is dropped and the stride doubles.
struct LossHistory {
  // Data losses (without the penalty) and the penalty R(W) at that step; NaN where a set is empty (no value).
  struct Row { uint64_t step; float train_loss, test_loss, train_acc, test_acc, penalty; };
  std::vector<Row> rows;
  uint64_t stride = 1;            // record at every multiple of stride
  static constexpr size_t kMaxRows = 2000;
  // Takes the first stride (a power of two; see app.cpp's chart_stride); forgets every row.
  void clear(uint64_t first_stride = 1) { rows.clear(); stride = first_stride; }
  void add(const Row& r);        // a row for the step already last replaces it (e.g. weights just loaded)
  // Takes a step; returns the next step after it at which a row is recorded.
  uint64_t next_record(uint64_t step) const { return (step / stride + 1) * stride; }
};

struct ViewState {
  bool show_test = false;          // draw test points on the boundary view
  bool log_scale = false;          // loss chart y axis
  bool show_network = true, show_loss = true, show_boundary = true;
  bool add_points = false;         // the "Add points" tool: a click on the data view adds a point
  float lr_typed = 0;              // the learning rate being typed (applied when the typing ends)
  bool lr_editing = false;         // the typed field had the keyboard last frame
  int add_class = 1;               // class (or target) of points added by clicking the boundary view
  float add_target = 0.5f;         // regression target of points added by clicking
  int hover_neuron_layer = -1, hover_neuron_index = -1;
  // The network view's hovered link (W[layer](row, col)) or bias (b[layer](row), col -1); layer 0: none.
  int hover_link_layer = 0, hover_link_row = -1, hover_link_col = -1;
  float hover_link_value = 0;
  float status_height = 0;         // the status window's height last frame (it fits its lines; the chart takes the rest)
  std::string network_note;        // what the network view says it draws of the links ("" when all are drawn)
};

// Pixels and textures the views draw from, rebuilt when boundary_version moves on.
struct ViewCache {
  uint64_t version = ~uint64_t{0};        // boundary_version these were built for
  double built_at = -1, build_seconds = 0;  // when the views were last rebuilt, and what it cost
  int grid = 200;                         // boundary resolution (grid x grid)
  Mat boundary_inputs;                    // features of the grid points (F x grid^2), cached per feature set
  FeatureSet boundary_features = 0;
  int boundary_input_dim = 0;
  TraceT<float> boundary_trace;           // the forward pass over the grid (buffers reused)
  std::vector<uint32_t> boundary_pixels;  // RGBA, row 0 = top (y = +6)
  Texture boundary_tex;
  static constexpr int kCell = 32;        // neuron output maps: kCell x kCell each, in one atlas
  std::vector<uint32_t> atlas_pixels;
  Texture atlas_tex;
  int atlas_cols = 0;
  std::vector<std::vector<int>> atlas_slot;  // [layer 0..L][neuron] -> cell index, or -1 when not drawn
  std::vector<float> curve_x, curve_y;    // 1-D regression: the fitted curve
  int thumbs_classes = -1;                // the k the thumbnails were drawn with
  Texture thumbs_tex;                     // all thumbnails in one row of kThumb x kThumb cells
  static constexpr int kThumb = 64;
  Texture sprite_tex;                     // a white disc (left half) and a white ring (right half), tinted per point
  // The network view's links (ui/views.cpp, update_link_pick): at most kMaxLinks are drawn, the strongest (largest
  // |w|) of each layer's W. links[l - 1] lists the flat (column-major) indices into W[l] drawn, or is empty when
  // all of W[l] is drawn. Picked again as the weights change, at most 4 times a second.
  static constexpr size_t kMaxLinks = 4096;
  std::vector<std::vector<int32_t>> links;
  std::vector<Index> links_sizes;         // W[l].size() the picks were made for (another network: picked anew)
  uint64_t links_version = ~uint64_t{0};  // boundary_version they were picked for
  double links_at = -1, links_seconds = 0;
  size_t links_drawn = 0, links_total = 0;  // links drawn, and links of the network (sum of W[l].size())
  // Many links are painted into an image (with the wide layers' bars and biases) and drawn as one quad.
  RgbaImage links_image;
  Texture links_tex;
  uint64_t links_image_version = ~uint64_t{0};  // links_version the image shows
  std::array<float, 5> links_image_geometry{};  // the view's size, cell, label width and dpr it was painted for
};

// The lesson views of the inspector (ui/learn_views.h): their choices, the landscape last computed, and the
// trace recorded at the loss chart's rows (θ for the landscape's trajectory, ‖∂L/∂W[l]‖ for the norms view).
struct LearnState {
  int plane = 0;                 // landscape: 0 two parameters, 1 two random directions (Li et al. 2018)
  int param_i = 0, param_j = 1;  // the two parameters (flat indices of θ, core/landscape.h)
  int seed = 1;                  // random directions
  bool minibatch = false;        // over the next minibatch instead of the training set
  Landscape landscape;           // the last computed
  std::string landscape_key;     // what it was computed for (selection, step, weights version)
  std::string frame_key;         // two parameters: the map's frame (centre, half width) and what it was made for
  double frame_cx = 0, frame_cy = 0, frame_span = 1;
  double landscape_at = -1, landscape_seconds = 0;
  int graph_sample = 0;          // scalar graph: the sample of the next minibatch
  int graph_done = -1;           // gates of the backward pass shown so far (-1: all)
  int paths_of = 0;              // paths: 0 a weight W[l][j,i] over the batch, 1 an activation a[l-1][i], 2 a bias
  int paths_row = 0, paths_col = 0;
  static constexpr size_t kMaxTrace = 256;
  std::vector<uint64_t> trace_steps;
  std::vector<VecD> trace_theta;                 // empty vectors when θ is too large to keep
  std::vector<std::vector<double>> trace_norms;  // ‖∂L/∂W[l]‖ of the step that led there (empty at step 0)
};

// The lesson pane (ui/lessons.h): the answer shown or not, and which lessons the learner has done (the
// platform loads and stores `done` in the browser's local storage: progress is the learner's, not the link's).
struct LessonState {
  bool answer_shown = false;
  bool menu_open = false;
  bool select_tab = true;  // bring the Lesson tab to the front (a lesson just opened, or the inspector closed)
  std::string done;        // ids of the lessons whose answer the learner has revealed, comma-separated
  bool done_dirty = false; // `done` changed: the platform saves it
};

// The Share dialog (ui/share.h): what the link it copies will say.
struct ShareState {
  bool open = false;
  bool at_step_zero = false;  // the settings only (step 0), or the run at the current step
  uint32_t hide = 0;          // controls the shared link hides (bit i: kControlNames[i])
  uint32_t embed = 4 | 8;     // views the embed snippet shows (bit i: kViewNames[i]; default network and data)
  int embed_w = 900, embed_h = 520;  // the iframe's size, CSS px
};

// The page's time budget per frame (ui/frame.cpp). The platform measures each frame (`interval`, `cost`);
// train_this_frame derives from them how long training may take this frame, so that the page keeps drawing at
// the display's rate whatever the network, and the Jacobian inspector's live rebuilds are paid from the same
// time. Only how many steps run in a frame depends on it: the steps are the same steps (the run, its loss
// chart and its link are the same however they are grouped into frames). Seconds throughout.
struct FrameBudget {
  // Measured by the platform before each frame.
  double interval = 0;          // since the previous frame began; 0 for the first frame after a pause in drawing
  double cost = 0;              // what the previous frame took on the main thread, from input to the swap
  // Estimated by train_this_frame.
  double display = 1.0 / 60;    // the display's frame interval: the 10th percentile of the last 2 s (1/240..1/30)
  std::vector<float> window;    // ... the intervals of the current 2 s
  double other = 0;             // a frame's work besides training, its evaluations and live rebuilds, smoothed
  double budget = 0;            // training may take this much of this frame
  double credit = 0;            // training time saved up (a step longer than a frame's budget waits for it)
  double debt = 0;              // the live inspector's (or landscape's) last rebuild, still to be repaid from training's budget
  double step_seconds = 0;      // one training step (with the chart rows it records), smoothed; 0: not known
  uint64_t step_key = 0;        // the network and batch step_seconds was measured on (another is measured anew)
  double train_seconds = 0;     // what training's steps took this frame (with the chart rows they recorded)
  double evaluate_seconds = 0;  // what the status's evaluation of the whole set took this frame (0: none)
  double rebuild_seconds = 0;   // what the inspector's rebuilds (matrices, landscape) took this frame (0: none)
  uint64_t steps = 0;           // steps trained this frame
  double steps_per_frame = 0;   // steps per frame while playing, smoothed (the controls' epochs per frame)
  bool inspector_waiting = false;  // a live matrix waits for its turn (the page keeps drawing until it is rebuilt)
  uint64_t inspector_step = 0;  // the step the inspector's matrices are of
};

struct AppState {
  Params params;                          // what the panel edits; the link encodes exactly this
  std::optional<Session> session;         // the engine: dataset + trainer
  std::vector<std::string> link_warnings; // from the last link applied (dismissable)
  RunConfig run;                          // resolve(params): what the engine runs, and each correction (badges)
  bool playing = false;
  uint64_t replay_to = 0;                 // a link's step count still to reach, a slice per frame (0: none)
  int steps_per_frame = 25;               // speed: the most steps per frame (25 = one epoch of the default set);
                                          // fewer when they do not fit in the frame's budget (FrameBudget)
  FrameBudget budget;                     // the frame's time for training (ui/frame.cpp)
  bool url_dirty = true;                  // the platform rewrites location.hash when set
  std::string toast;                      // short confirmation message
  double toast_until = 0;                 // seconds (ImGui time)
  LossHistory history;
  Metrics metrics;                        // of the current weights (while playing, possibly a few frames old)
  uint64_t metrics_step = 0;              // the step `metrics` were computed at
  RunPath run_path;                       // live settings in force since step 0 of this run (state/history.h)
  size_t path_applied = 0;                // entries of run_path the trainer has taken (a replay applies the rest)
  UndoHistory undo;                       // snapshots to go back (and forward) to
  double evaluated_at = -1e9, evaluate_seconds = 0;  // when the metrics were last computed, and what it cost
  double samples_per_second = 0;
  ViewState view;
  ViewCache cache;
  InspectorState inspector;
  IoState io;
  ShareState share;
  uint64_t boundary_version = 0;          // bumps whenever the weights or data change (views re-render)
  // ImGui runs in device pixels: sizes in CSS pixels at the default text size are multiplied by this, which is
  // devicePixelRatio x text size / 15 (the whole UI grows with the reader's text size).
  float dpr = 1.0f;
  DisplaySettings display;                // text size and theme (the platform applies and remembers them)
  std::string clipboard_request;          // text the platform should copy (Copy link)
  LessonState lesson;
  LearnState learn;                     // the lesson pane (ui/lessons.h); which lesson is open is params.lesson
  std::string page_url;                   // the page's address without the fragment (set by the platform)
  // Screen rectangles (device pixels: x0, y0, x1, y1) of named widgets, for the browser tests, the JS API and
  // the PNG export. The windows fill widget_rects while they draw; at the end of the frame it becomes ui_rects,
  // so ui_rects names exactly what the last complete frame drew (a closed window's widgets are gone).
  std::map<std::string, std::array<float, 4>> widget_rects;
  std::map<std::string, std::array<float, 4>> ui_rects;
};

// Applies a link (a fragment, or a whole URL): decodes, keeps warnings, rebuilds the session and replays its
// step count. Never fails: bad links give defaults plus warnings. With `record`, Undo goes back to the state
// before (when there was one).
void app_apply_link(AppState& app, std::string_view link, bool record = true);
// Undo and redo. A snapshot is the settings, the step and the run's live edits (state/history.h).
// app_snapshot takes the state; returns it as a snapshot (its step is the link's).
Snapshot app_snapshot(const AppState& app);
// Records the current state before a change (group: a widget id that coalesces a drag, 0 for none).
void app_record(AppState& app, uint64_t group = 0);
// Restores a snapshot: the settings, then the run replayed to its step along its path (bit for bit the run it
// was taken of). The view (inspector, scales) and classroom mode stay as they are. Training pauses.
void app_restore(AppState& app, const Snapshot& s);
// Undo / redo the last change; return false (and change nothing) when there is none.
bool app_undo(AppState& app);
bool app_redo(AppState& app);
// Stops a replay where it is: the link then says that step, and the settings shown apply from there on.
void app_stop_replay(AppState& app);
// The loss chart's points as JSON: [{step, train_loss, test_loss, train_accuracy, test_accuracy, penalty}],
// null where a set is empty; the last one is the current step when it is not a recorded row.
std::string app_loss_history_json(const AppState& app);
// The recorded rows plus the current step's point when it is newer (what the chart draws).
std::vector<LossHistory::Row> app_chart_rows(const AppState& app);

// View state (inspector selection, scales, shown layers) <-> the Params fields that carry it in the link.
void app_view_from_params(AppState& app);
void app_params_from_view(AppState& app);  // sets url_dirty when something changed
// Rebuilds the session from app.params (after an edit that needs a new network or dataset).
void app_rebuild(AppState& app);
// A link's replay that is too big for one go runs a slice per frame (the page stays responsive, with a
// progress bar and Stop). True while that is under way. Opening a model replays its link the same way, then
// loads the file's weights (ui/io.h).
bool app_replaying(const AppState& app);
void app_continue_replay(AppState& app, double seconds);  // up to `seconds` of replay now
// Stops the replay where it is: the steps taken so far stay and the link says that step. A model being opened
// keeps the replayed weights of that step, not the file's (which belong to its last step); its notice says so.
void app_stop_replay(AppState& app);
// The weights were replaced (a model file's): the metrics, the loss curve's last point and the views follow now.
void app_weights_replaced(AppState& app);
// Applies an edit that needs no new network (learning rate, optimizer, batch, regularization): the trainer
// takes the resolved constants at once and the metrics are recomputed (the penalty depends on them).
void app_set_live_params(AppState& app, const Params& p);
// Evaluates the current weights on the whole data set now and records the loss curve's point for this step.
void app_refresh_metrics(AppState& app);
// True when the data set has training points (otherwise Play, Step and Epoch have nothing to do).
bool app_has_training_points(const AppState& app);
// What the loss chart and the status's losses are: "loss", or "data loss" when a regularizer is on (the
// penalty is not in them; the status adds it up to the objective).
std::string app_loss_quantity(const AppState& app);
// The status panel's lines, as drawn (and as getMetrics().status_lines gives them): what runs, the step, the
// losses (data loss, penalty and objective when a regularizer is on), accuracies, and why a value is n/a.
std::vector<std::string> app_status_lines(const AppState& app);
// Runs `n` training steps now (the JS API and the step buttons); updates metrics and history.
// `live` (training while playing) lets a costly evaluation of the metrics wait; see refresh_metrics.
uint64_t app_step(AppState& app, uint64_t n, bool live = false);
// The current state as a link, including the current step.
std::string app_link(const AppState& app);
// Metrics of the current weights as JSON text (no NaN: non-finite numbers are null).
std::string app_metrics_json(const AppState& app);
// The current weights and biases as JSON text.
std::string app_weights_json(const AppState& app);

// Where named widgets are on screen, as JSON: {"play": [x0, y0, x1, y1], ...} in device pixels: those the last
// complete frame drew (ui_rects), nothing else.
std::string app_ui_json(const AppState& app);
// What the network view draws of the links, as JSON (ui/views.cpp): {"links_drawn", "links_total", "layers",
// "note"}: the links drawn and the network's links (every W[l] entry), the same per layer l = 1..L
// ([{"drawn", "total"}]: the strongest `drawn` of W[l]'s `total` entries), and the note the view shows ("" when
// all are drawn).
std::string app_network_json(const AppState& app);

// The inspector's state (open, tab, selection, last hover, check results) as JSON, and setting it from JSON
// ({"open": true, "tab": 0, "layer": 1, "kind": 4, "sample": 0, "live": false, "symlog": false}; missing keys
// keep their value). The JS API and the browser tests use these.
std::string app_inspector_json(const AppState& app);
void app_set_inspector(AppState& app, std::string_view json_text);
// One matrix straight from the engine (core::inspect on the current minibatch), as JSON
// {"rows", "cols", "title", "values": row-major}, or {"error": ...}.
std::string app_inspect_json(const AppState& app, int layer, const std::string& of, const std::string& wrt, int sample);
// The matrix the inspector's pane `pane` (0..2) shows now, as JSON {"rows", "cols", "title", "formula",
// "values": row-major}: what the heatmap draws and its hover reads, for tests that check the view against an
// independent computation. {"error": ...} for a pane out of range or one showing nothing.
std::string app_inspector_pane_json(const AppState& app, int pane);

// One frame of UI (between ImGui::NewFrame and ImGui::Render): training for this frame, then every window.
void app_frame(AppState& app);

// Whether the page must keep drawing although nothing happens (no input, no API call): training or a replay
// runs, the views or the live inspector have yet to catch up with the weights, or Open's notice is one frame
// from settling. When false, the page may stop drawing until an input, an API call, a resize, a hash change or
// `*wake_in` seconds from now (a toast's end; infinity when nothing is due).
bool app_needs_frames(const AppState& app, double* wake_in);

// The WebGL context was lost: forgets every GL object of the app (view textures, heatmaps and their program;
// deleting them is a no-op on a lost context), so the next frames after the restore create them again.
void app_forget_gl(AppState& app);

}  // namespace pg
