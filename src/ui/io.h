// ui/io.h: export (model JSON, loss history CSV, data CSV, PNG of a view) and import (a pasted or dropped link,
// model JSON or data CSV). Builds and parses text only; the platform layer moves files and pixels.
#pragma once

#include "core/types.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pg {

struct AppState;

struct Download {
  std::string name, mime, text;
};
struct PngRequest {
  std::string name;
  std::array<float, 4> rect;  // device pixels x0, y0, x1, y1 of the framebuffer region to save
};

// The most text Open, a paste or a dropped file takes: well above the page's own largest export (a model JSON
// of 16 hidden layers of 256 units is about 26 MB), and a bound on what a paste or a drop makes the page hold.
constexpr size_t kMaxOpenBytes = 64'000'000;

// A model file being opened: its link replays first (a slice per frame when long, with progress and Stop, as
// opening a link does), then its weights are loaded.
struct OpeningModel {
  std::string source;          // how the notice names the file ("'model.json'", "the pasted text")
  uint64_t step = 0;           // the step the file's weights belong to (its link's `step`)
  std::vector<Mat> W;          // the file's weights and biases, checked against the network's shapes
  std::vector<Vec> b;
};

struct IoState {
  std::vector<Download> downloads;       // the platform saves these after the frame, then clears the list
  std::vector<PngRequest> png_requests;  // the platform reads these pixels after the frame is drawn
  bool open_window = false;              // the "Open" window (paste a link, a model JSON or CSV)
  std::string open_text;                 // what the Open box holds (grows with a paste, up to kMaxOpenBytes)
  std::string notice;                    // the result of the last import, shown until dismissed or the state
  bool notice_is_error = false;          // changes another way (an edit, a new link, a reset)
  bool notice_new = false;               // shown in front of every window when it appears
  std::string notice_state;              // the link (without the step) the notice speaks about; "" until the
                                         // end of the frame after the notice
  std::optional<OpeningModel> opening;   // a model whose link is still replaying (any new state drops it)
};

std::string export_model_json(const AppState& app);  // {"format": "backprop-playground-model", "link", "step", "layers"}
std::string export_loss_csv(const AppState& app);    // step,train_loss,test_loss,train_accuracy,test_accuracy
std::string export_data_csv(const AppState& app);
// A NumPy script with the weights and the next minibatch: the forward and backward pass with the course's
// Jacobians, printing the loss and every gradient (core/python_export.h); "" when there is no model.
std::string export_python(const AppState& app);    // x1,x2,label (or x,y for 1-D sets): the data readable by import

// Opens text from a paste, a drop or the Open window: a link (or a whole URL, ours or TensorFlow Playground's),
// a model JSON (the link is replayed, then the file's weights are loaded), or CSV points (they become the
// user data set). Sets io.notice to what happened or, for bad input, a clear error; nothing else changes then.
// Surrounding white space and newlines (LF or CRLF) and a UTF-8 byte-order mark are ignored. Text over
// kMaxOpenBytes, or a single line too long to be a link, gets one clear message.
void app_open_text(AppState& app, std::string_view name, std::string_view text);

// The replay of an opening model's link has ended (app_continue_replay, app_stop_replay, or at once when it was
// short): at the file's step, loads the file's weights (exactly; the replayed optimizer state stays when they are
// the replay's own weights, bit for bit) and recomputes the metrics; short of it (stopped, or training diverged),
// keeps the replayed weights. Either way, sets Open's notice to what happened.
void app_model_replayed(AppState& app);

// Says (as Open's notice) that the text called `name`, of `bytes` bytes, is more than kMaxOpenBytes and was not
// read. For the platform, which checks a paste's or a dropped file's size before moving it.
void app_refuse_open(AppState& app, std::string_view name, double bytes);

// Clears Open's notice when the state it spoke about has changed another way (a control edited, a link
// applied, a reset). Called once a frame, after the windows.
void app_expire_notice(AppState& app);

// Queues a download as the Export menu does: "model", "loss", "data", or "png:<view>" for a named view
// (boundary, network, loss_chart, heatmap_0..2). Returns false for an unknown name or a view not on screen.
bool app_request_download(AppState& app, std::string_view what);

void draw_io_buttons(AppState& app);  // "Export" menu and "Open" button for the control bar
void draw_io_windows(AppState& app);  // the Open window and the import notice

}  // namespace pg
