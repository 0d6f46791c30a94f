// render/texture.h: GPU textures for the views. Knows pixels and matrices, not neurons.
// The one place that turns row-major pixel rows into a GL texture (no silent transposes elsewhere).
#pragma once

#include <cstdint>
#include <vector>

namespace pg {

struct Texture {
  unsigned id = 0;  // GL texture name; 0 until first upload
  int width = 0, height = 0;
};

// Uploads w x h RGBA8 pixels, row 0 at the top (as an image reads). Linear filtering, clamped edges.
// Reuses the texture's storage when the size is unchanged.
void upload_rgba(Texture& tex, int w, int h, const std::vector<uint32_t>& pixels);
void destroy(Texture& tex);

}  // namespace pg
