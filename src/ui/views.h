// ui/views.h: the live views (decision boundary / fitted curve, loss chart, network diagram, status) and the
// colours they share. One function per window; all state lives in AppState.
#pragma once

#include "ui/app.h"

#include <imgui.h>

namespace pg {

// TensorFlow Playground's palette: orange for negative / class 0, blue for positive / class 1.
namespace colors {
constexpr uint32_t kNeutral = IM_COL32(232, 234, 235, 255);
uint32_t diverging(float v);             // v in [-1, 1]: orange .. neutral .. blue
constexpr uint32_t kOrange = IM_COL32(245, 147, 34, 255);  // negative values
constexpr uint32_t kBlue = IM_COL32(8, 119, 189, 255);     // positive values
uint32_t class_color(int k);  // class k's colour, the same whatever the class count (0 orange, 1 blue, ...)
uint32_t lerp(uint32_t a, uint32_t b, float t);
}  // namespace colors

// One point as two tinted sprite quads (a disc and its ring): 4 triangles instead of a tessellated circle,
// which keeps hundreds of points cheap for a software renderer.
void draw_point(ImDrawList* dl, const AppState& app, ImVec2 center, float radius, uint32_t fill, uint32_t ring);
ImTextureID tex_id(const Texture& t);

// Rebuilds the boundary texture and the neuron maps when the weights or data changed.
void update_view_cache(AppState& app);

void draw_boundary_view(AppState& app);  // decision boundary (2-D) or fitted curve (1-D), with the points
void draw_loss_view(AppState& app);      // train / test loss (and accuracy) over steps
void draw_network_view(AppState& app);   // neurons, links by weight, biases, per-neuron output maps
void draw_status(AppState& app);         // epoch, step, samples/s, losses, accuracy, confusion matrix

}  // namespace pg
