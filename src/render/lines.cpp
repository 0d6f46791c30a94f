// render/lines.cpp: segments and rectangles painted into an RGBA image on the CPU (see lines.h).
#include "render/lines.h"

#include <algorithm>
#include <cmath>

namespace pg {

namespace {

// Paints `colour` with its alpha scaled by `coverage` (0..1) over pixel p, in straight alpha:
//   a = as + ad (1 - as),  c = (cs as + cd ad (1 - as)) / a   (Porter & Duff's "over").
inline void over(uint32_t& p, uint32_t colour, float coverage) {
  const float as = float(colour >> 24) * (1.0f / 255.0f) * coverage;
  if (as <= 0) return;
  const uint32_t d = p;
  const float ad = float(d >> 24) * (1.0f / 255.0f), keep = ad * (1 - as), a = as + keep, inv = 1.0f / a;
  uint32_t out = uint32_t(a * 255.0f + 0.5f) << 24;
  for (int shift = 0; shift < 24; shift += 8) {
    const float c = (float((colour >> shift) & 255u) * as + float((d >> shift) & 255u) * keep) * inv;
    out |= uint32_t(std::min(255.0f, c + 0.5f)) << shift;
  }
  p = out;
}

}  // namespace

void RgbaImage::clear(int w, int h) {
  width = std::max(0, w);
  height = std::max(0, h);
  pixels.assign(size_t(width) * size_t(height), 0u);
}

void paint_segment(RgbaImage& img, const Segment& s) {
  if (img.width <= 0 || img.height <= 0 || !(s.width > 0) || (s.colour >> 24) == 0) return;
  if (!std::isfinite(s.x0) || !std::isfinite(s.y0) || !std::isfinite(s.x1) || !std::isfinite(s.y1) || !std::isfinite(s.width)) return;
  const float dx = s.x1 - s.x0, dy = s.y1 - s.y0, len2 = dx * dx + dy * dy, inv_len2 = len2 > 0 ? 1.0f / len2 : 0.0f;
  const float reach = s.width * 0.5f + 0.5f, reach2 = reach * reach;  // coverage is 0 beyond `reach`
  // Walk the major axis pixel by pixel; across it, the pixels within reach of the line there (reach / cos of the
  // angle to the axis; the round ends lie within reach of the end points, where the walk's centre stops).
  const bool steep = std::abs(dy) > std::abs(dx);
  const float a0 = steep ? s.y0 : s.x0, a1 = steep ? s.y1 : s.x1, b0 = steep ? s.x0 : s.y0;
  const float da = steep ? dy : dx, db = steep ? dx : dy;
  const float span = std::abs(da) > 0 ? reach * std::sqrt(len2) / std::abs(da) : reach;
  const int amax = steep ? img.height : img.width, bmax = steep ? img.width : img.height;
  const int i0 = std::max(0, int(std::floor(std::min(a0, a1) - reach))), i1 = std::min(amax - 1, int(std::ceil(std::max(a0, a1) + reach)));
  for (int i = i0; i <= i1; ++i) {
    const float ca = float(i) + 0.5f;
    const float t = std::abs(da) > 0 ? std::clamp((ca - a0) / da, 0.0f, 1.0f) : 0.0f;
    const float cb = b0 + t * db;
    const int j0 = std::max(0, int(std::floor(cb - span))), j1 = std::min(bmax - 1, int(std::ceil(cb + span)));
    for (int j = j0; j <= j1; ++j) {
      const float px = steep ? float(j) + 0.5f : ca, py = steep ? ca : float(j) + 0.5f;
      const float u = std::clamp(((px - s.x0) * dx + (py - s.y0) * dy) * inv_len2, 0.0f, 1.0f);
      const float ex = px - (s.x0 + u * dx), ey = py - (s.y0 + u * dy), d2 = ex * ex + ey * ey;
      if (d2 >= reach2) continue;
      const float coverage = std::min(1.0f, reach - std::sqrt(d2));
      over(img.pixels[size_t(steep ? i : j) * size_t(img.width) + size_t(steep ? j : i)], s.colour, coverage);
    }
  }
}

void paint_rect(RgbaImage& img, float x0, float y0, float x1, float y1, uint32_t colour) {
  if (!(x1 > x0) || !(y1 > y0) || (colour >> 24) == 0) return;
  const int i0 = std::max(0, int(std::floor(x0))), i1 = std::min(img.width - 1, int(std::ceil(x1)) - 1);
  const int j0 = std::max(0, int(std::floor(y0))), j1 = std::min(img.height - 1, int(std::ceil(y1)) - 1);
  for (int j = j0; j <= j1; ++j) {
    const float cy = std::min(y1, float(j + 1)) - std::max(y0, float(j));
    for (int i = i0; i <= i1; ++i) {
      const float cx = std::min(x1, float(i + 1)) - std::max(x0, float(i));
      if (cx > 0 && cy > 0) over(img.pixels[size_t(j) * size_t(img.width) + size_t(i)], colour, cx * cy);
    }
  }
}

}  // namespace pg
