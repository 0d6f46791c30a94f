// render/texture.cpp: RGBA8 texture upload (WebGL2 / GLES 3.0).
#include "render/texture.h"

#include <GLES3/gl3.h>

namespace pg {

void upload_rgba(Texture& tex, int w, int h, const std::vector<uint32_t>& pixels) {
  if (static_cast<size_t>(w) * static_cast<size_t>(h) > pixels.size() || w <= 0 || h <= 0) return;
  if (tex.id == 0) {
    GLuint id = 0;
    glGenTextures(1, &id);
    tex.id = id;
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  }
  glBindTexture(GL_TEXTURE_2D, tex.id);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  if (tex.width != w || tex.height != h) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    tex.width = w;
    tex.height = h;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  }
}

void destroy(Texture& tex) {
  if (tex.id) {
    GLuint id = tex.id;
    glDeleteTextures(1, &id);
  }
  tex = Texture{};
}

}  // namespace pg
