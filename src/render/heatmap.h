// render/heatmap.h: one matrix on the GPU as an R32F texture, coloured by shaders/heatmap.frag into an RGBA
// texture that ImGui shows. Knows matrices, not neurons. The only place a column-major Eigen matrix becomes
// row-major texels (upload_matrix), so no transpose happens silently anywhere else.
#pragma once

#include "core/types.h"

#include <string>

namespace pg {

struct HeatmapStyle {
  bool symlog = false;      // symmetric log scale instead of linear
  bool auto_range = true;   // full colour at the largest |value|; else at fixed_range
  float fixed_range = 1.0f;
  float linthresh = 1e-3f;  // symmetric log: linear below this |value|
};

// The visible part of the matrix in texture coordinates (zoom and pan): columns c0..c1, rows r0..r1.
struct HeatmapWindow { float c0 = 0, r0 = 0, c1 = 1, r1 = 1; };

constexpr int kMaxHeatmapSide = 2048;  // larger matrices are pooled (max |value|) down to this many cells

class Heatmap {
 public:
  Heatmap() = default;
  Heatmap(const Heatmap&) = delete;
  Heatmap& operator=(const Heatmap&) = delete;
  ~Heatmap();

  // Uploads M (pooled when a side exceeds kMaxHeatmapSide). NaN and Inf are kept, so the shader shows them.
  void set_matrix(const MatD& M);
  // Colours the matrix into this heatmap's w x h colour texture. Restores the default framebuffer. Does
  // nothing when the matrix, size, style and window are what the texture already shows.
  void render(int w, int h, const HeatmapStyle& style, const HeatmapWindow& window);

  // The GL context was lost: forgets the textures and framebuffer (deleting them is a no-op then) and the
  // matrix. set_matrix uploads again on the restored context.
  void release();

  unsigned texture() const { return color_tex_; }
  Index pool_rows() const { return pool_r_; }  // 1 when not pooled
  Index pool_cols() const { return pool_c_; }
  double max_abs() const { return max_abs_; }  // over the finite entries
  bool empty() const { return rows_ == 0 || cols_ == 0; }

 private:
  unsigned matrix_tex_ = 0, fbo_ = 0, color_tex_ = 0;
  int fbo_w_ = 0, fbo_h_ = 0;
  bool dirty_ = true;  // the matrix changed since the last render
  HeatmapStyle drawn_style_;
  HeatmapWindow drawn_window_;
  Index rows_ = 0, cols_ = 0, pool_r_ = 1, pool_c_ = 1;
  double max_abs_ = 0;
};

// Compiles the heatmap program once. Returns an empty string on success, else the GLSL log.
std::string heatmap_init();
// The GL context was lost: forgets the program, so that heatmap_init compiles it again on the restored context.
void heatmap_release();

}  // namespace pg
