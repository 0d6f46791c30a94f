// ui/layout.cpp: the page's tiling (see layout.h). Sizes are CSS px times dpr, so the page looks the same on
// every screen density; the splitter's share is clamped so neither side ever shrinks below a usable size.
#include "ui/layout.h"

#include <algorithm>

namespace pg {

namespace {

// The inspector's height under a splitter in a body of height `bh`: the requested share, clamped so the views
// above keep `top_min` and the inspector `insp_min` (each at most half the body when it is short).
float inspector_height(float requested, float bh, float sh, float top_min, float insp_min) {
  const float room = std::max(0.0f, bh - sh);
  const float lo = std::min(insp_min, room * 0.5f), hi = std::max(lo, room - std::min(top_min, room * 0.5f));
  return std::clamp(requested, lo, hi);
}

void wide(const LayoutInput& in, Layout& L) {
  const float W = in.width, H = in.height, d = in.dpr, y0 = L.body_y0, bh = L.body_h;
  const float panel_w = std::min(340 * d, W * 0.34f), right_w = std::clamp(W * 0.3f, 240 * d, 420 * d);
  const float x_right = panel_w + std::max(100.0f, W - panel_w - right_w);
  // The right column keeps its full height whatever is open: the data view on top, the status fitted to its
  // lines at the bottom (up to 45%), the loss chart between.
  const float data_h = std::min(right_w + in.bar_h, bh * 0.5f);
  const float status_h = std::clamp(in.status_h, 60 * d, bh * 0.45f);
  L.data = {x_right, y0, W, y0 + data_h};
  if (in.lesson) {  // a lesson's pane under the data view, with the loss and the status as its other tabs
    L.lesson = {x_right, y0 + data_h, W, H};
  } else {
    L.loss = {x_right, y0 + data_h, W, H - status_h};
    L.status = {x_right, H - status_h, W, H};
  }
  float top_h = bh;
  if (in.inspector) {
    const float sh = 8 * d, requested = in.split >= 0 ? in.split * bh : bh * 0.5f;
    top_h = bh - sh - inspector_height(requested, bh, sh, 200 * d, 200 * d);
    L.splitter = {0, y0 + top_h, x_right, y0 + top_h + sh};
    L.inspector = {0, L.splitter.y1, x_right, H};
  }
  L.params = {0, y0, panel_w, y0 + top_h};
  L.network = {panel_w, y0, x_right, y0 + top_h};
}

void narrow(const LayoutInput& in, Layout& L) {
  const float W = in.width, H = in.height, d = in.dpr, y0 = L.body_y0, bh = L.body_h;
  const float chrome = in.row_h * 3.5f;  // a view window's title bar, its two rows (Add points, test points), padding
  if (!in.inspector) {  // stacked: the data view (a square as wide as the screen), the network, the tabbed pane
    const float data_h = std::min(W + chrome, bh * 0.52f), more_h = bh * 0.21f;  // room for the 15 px text font
    L.data = {0, y0, W, y0 + data_h};
    L.network = {0, y0 + data_h, W, H - more_h};
    L.more = {0, H - more_h, W, H};
    return;
  }
  // Side by side above the inspector: two squares of half the width, unless the splitter says otherwise. A lesson
  // open takes a strip between them and the inspector (its words stay on screen with the matrices).
  const float lesson_h = in.lesson ? bh * 0.26f : 0.0f, body = bh - lesson_h;
  const float sh = 12 * d, requested = in.split >= 0 ? in.split * body : body - sh - (W * 0.5f + chrome);
  const float top_h = body - sh - inspector_height(requested, body, sh, 150 * d, 240 * d);
  L.data = {0, y0, W * 0.5f, y0 + top_h};
  L.network = {W * 0.5f, y0, W, y0 + top_h};
  if (in.lesson) L.lesson = {0, y0 + top_h, W, y0 + top_h + lesson_h};
  const float y_split = y0 + top_h + lesson_h;
  L.splitter = {0, y_split, W, y_split + sh};
  L.inspector = {0, L.splitter.y1, W, H};
}

// The views an embedded page shows (bits as state/params.h's kViewNames).
enum EmbedBit : unsigned { kControls = 1, kParams = 2, kNetwork = 4, kData = 8, kLoss = 16, kStatus = 32, kInspector = 64 };

void embedded(const LayoutInput& in, Layout& L) {
  const unsigned e = in.embed;
  const float W = in.width, H = in.height, d = in.dpr, y0 = L.body_y0, bh = L.body_h;
  const bool right = e & (kData | kLoss | kStatus), views = right || (e & (kParams | kNetwork));
  float top_h = bh;
  if ((e & kInspector) && views) {
    const float sh = 8 * d, requested = in.split >= 0 ? in.split * bh : bh * 0.5f;
    top_h = bh - sh - inspector_height(requested, bh, sh, 204 * d, 160 * d);
    L.splitter = {0, y0 + top_h, W, y0 + top_h + sh};
    L.inspector = {0, L.splitter.y1, W, H};
  } else if (e & kInspector) {
    L.inspector = {0, y0, W, H};
    return;
  }
  const float y1 = y0 + top_h;
  float x = 0, x_end = W;
  if (e & kParams) {
    const float w = (e & (kNetwork | kData | kLoss | kStatus)) ? std::min(340 * d, W * 0.34f) : W;
    L.params = {0, y0, w, y1};
    x = w;
  }
  if (right) {
    const float w = (e & kNetwork) ? std::clamp((W - x) * 0.45f, std::min(240 * d, W - x), 420 * d) : W - x;
    x_end = W - w;
    // The data view square-ish on top, the status fitted to its lines at the bottom, the loss chart between.
    float top = y0, bottom = y1, x_col = x_end;
    if ((e & kData) && (e & (kLoss | kStatus)) && !(e & kNetwork)) {  // no network: the data view beside the rest
      x_col = x_end + std::min(w * 0.5f, top_h + 2 * in.row_h);
      L.data = {x_end, y0, x_col, y1};
    } else if (e & kData) {
      const float h = (e & (kLoss | kStatus)) ? std::min(w + in.bar_h, top_h * 0.5f) : top_h;
      L.data = {x_end, top, W, top + h};
      top += h;
    }
    if (e & kStatus) {
      const float h = (e & kLoss) ? std::min(in.status_h, (bottom - top) * 0.5f) : bottom - top;  // the loss keeps half
      L.status = {x_col, bottom - h, W, bottom};
      bottom -= h;
    }
    if (e & kLoss) L.loss = {x_col, top, W, bottom};
  }
  if (e & kNetwork) L.network = {x, y0, x_end, y1};
}

}  // namespace

Layout compute_layout(const LayoutInput& in) {
  Layout L;
  L.narrow = in.width < kNarrowCss * in.dpr;
  L.title = {0, 0, in.width, in.title_h};
  const bool bar = in.embed == 0 || (in.embed & 1u);
  L.controls = {0, in.title_h, in.width, in.title_h + (bar ? in.bar_h : 0)};
  L.body_y0 = L.controls.y1;
  L.body_h = std::max(0.0f, in.height - L.body_y0);
  if (in.inspector && in.maximised) {  // on purpose only: the views come back with Restore
    L.inspector = {0, L.body_y0, in.width, in.height};
    return L;
  }
  if (in.embed) embedded(in, L);
  else if (L.narrow) narrow(in, L);
  else wide(in, L);
  return L;
}

}  // namespace pg
