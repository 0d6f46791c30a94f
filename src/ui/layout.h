// ui/layout.h: where each window of the page goes, as plain rectangles (device pixels), from the work area's
// size and what is open. Pure arithmetic: no ImGui, no GL, so tests/ui checks it at every size natively.
//
// Both: a title strip on top (the product's name, one sentence), then the controls bar.
// Wide (desktop): the controls bar on top; hyperparameters left, network centre, data / loss / status right.
//   With the inspector open it docks as a pane under the hyperparameters and the network, behind a splitter;
//   the right column (the data view) keeps its full height. Maximised, it takes the whole body.
// Embedded (an <iframe> with the link key `embed`): only the chosen views, as columns (hyperparameters, network,
//   then data / loss / status stacked), the inspector under them; the controls bar only when chosen.
// Narrow (a phone, under kNarrowCss CSS px wide): the data view and the network stacked, then a pane with
//   tabs (loss, status, hyperparameters). With the inspector open, data and network sit side by side above
//   it (splitter between). Nothing ever overlaps: every window is a tile.
#pragma once

namespace pg {

struct Rect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float w() const { return x1 - x0; }
  float h() const { return y1 - y0; }
  bool empty() const { return w() <= 0 || h() <= 0; }  // an empty rect: that window is not drawn
};

constexpr float kNarrowCss = 720;  // below this many CSS px wide, the narrow (phone) layout

struct LayoutInput {
  float width = 0, height = 0;  // the work area, device pixels
  float dpr = 1;                // device pixels per CSS pixel
  float title_h = 0;            // the title strip's height (the product's name and what it does), above the bar
  float bar_h = 0;              // the controls bar's height
  float row_h = 0;              // one row of widgets (ImGui's frame height with spacing)
  float status_h = 0;           // the status window's height last frame (it fits its lines)
  bool inspector = false;       // the inspector is open
  bool lesson = false;          // a lesson is open (its pane: wide, over the hyperparameters; narrow, a tab)
  bool maximised = false;       // ... and takes the whole body
  unsigned embed = 0;           // an embedded page's views (bit i: kViewNames[i] of state/params.h); 0: the page
  float split = -1;             // the inspector's share of the body's height (the splitter's place); < 0: default
};

struct Layout {
  bool narrow = false;
  Rect title, controls, params, network, data, loss, status, more;  // `more`: the narrow layout's tabbed pane
  Rect inspector, splitter, lesson;
  float body_y0 = 0, body_h = 0;  // the area under the controls bar (the splitter's drag maps onto it)
};

Layout compute_layout(const LayoutInput& in);

}  // namespace pg
