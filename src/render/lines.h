// render/lines.h: antialiased segments and rectangles painted into an RGBA image on the CPU, for views with too
// many lines to hand the GPU each frame (a software renderer such as SwiftShader spends tens of microseconds a
// line): the image is painted when what it shows changes, and drawn as one textured quad every frame.
// Knows pixels, not neurons. No GL here (render/texture.h uploads the image); no ImGui.
#pragma once

#include <cstdint>
#include <vector>

namespace pg {

// An RGBA8 image, row 0 at the top, pixels packed as ImGui's IM_COL32 (R in the low byte, A in the high byte),
// with straight (not premultiplied) alpha, as the texture upload and ImGui's blending expect.
struct RgbaImage {
  int width = 0, height = 0;
  std::vector<uint32_t> pixels;  // width * height
  // Makes the image w x h (negative sizes count as 0), every pixel transparent (0).
  void clear(int w, int h);
};

// A segment from (x0, y0) to (x1, y1) in pixels (pixel (i, j) covers [i, i+1) x [j, j+1), its centre at
// (i + 0.5, j + 0.5)), `width` pixels wide, in `colour` (IM_COL32 packing, straight alpha).
struct Segment {
  float x0, y0, x1, y1, width;
  uint32_t colour;
};

// Paints the segment over the image ("over" compositing, Porter & Duff 1984, in straight alpha): a pixel's
// coverage is how much of a one-pixel-wide box filter centred on it the segment covers across its width,
// clamp(width / 2 + 1/2 - d, 0, 1) with d the distance from the pixel's centre to the segment (a capsule: its
// ends are round), so a pixel whose centre lies on a segment at least one pixel wide is fully
// covered and coverage falls to 0 within half a pixel of its edge. Parts outside the image are clipped.
// Work is O(length x width) pixels, whatever the segment's direction.
void paint_segment(RgbaImage& img, const Segment& s);

// Paints the rectangle [x0, x1) x [y0, y1) (pixels; partly covered edge pixels in proportion) over the image.
void paint_rect(RgbaImage& img, float x0, float y0, float x1, float y1, uint32_t colour);

}  // namespace pg
