// ui/learn_views.h: the inspector's views for the lessons, beside its matrices: the loss landscape over a plane
// through the weights (core/landscape.h), the scalar computational graph of one sample (core/scalar_graph.h),
// the total derivative path by path (core/paths.h) and the per-layer gradient norms over training. Every number
// they draw is the engine's, for the network the trainer holds and the minibatch its next step will use.
#pragma once

#include "ui/app.h"

#include <string>

namespace pg {

// Inspector tabs (InspectorState::tab, the link's itab) of these views.
constexpr int kTabLandscape = 4, kTabGraph = 5, kTabPaths = 6, kTabNorms = 7;

// Draws tab `tab` (one of the above) into the current window's remaining space.
void draw_learn_tab(AppState& app, int tab);

// Records θ and the per-layer gradient norms at a loss-chart row (app.cpp calls it where it records the row), so
// the landscape can draw the trajectory and the norms view its curves. Bounded: at most kMaxTrace entries.
void learn_record(AppState& app);
void learn_clear(AppState& app);

// JSON for the page's API (and the tests): the landscape on screen (axes, values, trajectory, current point,
// value and gradient; computed now if the tab has not drawn it), the scalar graph, the paths of one quantity,
// the gradient norms.
std::string learn_landscape_json(AppState& app);
std::string learn_graph_json(AppState& app, int sample, bool decompose);
std::string learn_paths_json(AppState& app, const std::string& of, int layer, int row, int col);
std::string learn_norms_json(AppState& app);

}  // namespace pg
