// render/heatmap.cpp: R32F matrix upload, max-|value| pooling, and the render-to-texture pass.
#include "render/heatmap.h"

#include "shaders.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace pg {

namespace {

struct Program {
  GLuint id = 0, vao = 0;
  GLint u_matrix = -1, u_window = -1, u_range = -1, u_symlog = -1, u_linthresh = -1;
};
Program g_program;  // one GL program shared by every heatmap (GL objects are global to the context anyway)

GLuint compile(GLenum type, const char* src, std::string& log) {
  const GLuint s = glCreateShader(type);
  glShaderSource(s, 1, &src, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char buf[2048];
    glGetShaderInfoLog(s, sizeof buf, nullptr, buf);
    log += buf;
  }
  return s;
}

// Row-major float texels of M, pooled so neither side exceeds kMaxHeatmapSide: each texel keeps the entry of
// largest magnitude in its block (NaN wins, so a NaN is never hidden by pooling).
std::vector<float> texels(const MatD& M, Index pr, Index pc, Index& rows, Index& cols, double& max_abs) {
  rows = (M.rows() + pr - 1) / pr;
  cols = (M.cols() + pc - 1) / pc;
  std::vector<float> out(size_t(rows * cols), 0.0f);
  max_abs = 0;
  for (Index c = 0; c < M.cols(); ++c)
    for (Index r = 0; r < M.rows(); ++r) {
      const double v = M(r, c);
      float& t = out[size_t((r / pr) * cols + c / pc)];
      if (std::isnan(v) || std::isnan(t)) t = std::isnan(v) ? float(v) : t;
      else if (std::abs(v) > std::abs(double(t))) t = float(v);
      if (std::isfinite(v)) max_abs = std::max(max_abs, std::abs(v));
    }
  return out;
}

}  // namespace

std::string heatmap_init() {
  if (g_program.id) return "";
  std::string log;
  const GLuint vs = compile(GL_VERTEX_SHADER, shader_heatmap_vert, log), fs = compile(GL_FRAGMENT_SHADER, shader_heatmap_frag, log);
  const GLuint p = glCreateProgram();
  glAttachShader(p, vs);
  glAttachShader(p, fs);
  glLinkProgram(p);
  GLint ok = 0;
  glGetProgramiv(p, GL_LINK_STATUS, &ok);
  if (!ok) {
    char buf[2048];
    glGetProgramInfoLog(p, sizeof buf, nullptr, buf);
    log += buf;
  }
  glDeleteShader(vs);
  glDeleteShader(fs);
  if (!log.empty()) return log;
  g_program.id = p;
  glGenVertexArrays(1, &g_program.vao);
  g_program.u_matrix = glGetUniformLocation(p, "u_matrix");
  g_program.u_window = glGetUniformLocation(p, "u_window");
  g_program.u_range = glGetUniformLocation(p, "u_range");
  g_program.u_symlog = glGetUniformLocation(p, "u_symlog");
  g_program.u_linthresh = glGetUniformLocation(p, "u_linthresh");
  return "";
}

void heatmap_release() {
  if (g_program.id) glDeleteProgram(g_program.id);
  if (g_program.vao) glDeleteVertexArrays(1, &g_program.vao);
  g_program = Program{};
}

Heatmap::~Heatmap() { release(); }

void Heatmap::release() {
  if (matrix_tex_) glDeleteTextures(1, &matrix_tex_);
  if (color_tex_) glDeleteTextures(1, &color_tex_);
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  matrix_tex_ = fbo_ = color_tex_ = 0;
  fbo_w_ = fbo_h_ = 0;
  rows_ = cols_ = 0;
  dirty_ = true;
}

void Heatmap::set_matrix(const MatD& M) {
  pool_r_ = std::max<Index>(1, (M.rows() + kMaxHeatmapSide - 1) / kMaxHeatmapSide);
  pool_c_ = std::max<Index>(1, (M.cols() + kMaxHeatmapSide - 1) / kMaxHeatmapSide);
  const std::vector<float> t = texels(M, pool_r_, pool_c_, rows_, cols_, max_abs_);
  if (rows_ == 0 || cols_ == 0) return;
  if (!matrix_tex_) {
    glGenTextures(1, &matrix_tex_);
    glBindTexture(GL_TEXTURE_2D, matrix_tex_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);  // R32F + NEAREST is core WebGL2
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  }
  glBindTexture(GL_TEXTURE_2D, matrix_tex_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, GLsizei(cols_), GLsizei(rows_), 0, GL_RED, GL_FLOAT, t.data());
  dirty_ = true;
}

void Heatmap::render(int w, int h, const HeatmapStyle& style, const HeatmapWindow& win) {
  if (!g_program.id || !matrix_tex_ || w <= 0 || h <= 0) return;
  const bool same_style = style.symlog == drawn_style_.symlog && style.auto_range == drawn_style_.auto_range &&
                          style.fixed_range == drawn_style_.fixed_range && style.linthresh == drawn_style_.linthresh;
  const bool same_window = win.c0 == drawn_window_.c0 && win.r0 == drawn_window_.r0 && win.c1 == drawn_window_.c1 &&
                           win.r1 == drawn_window_.r1;
  if (!dirty_ && same_style && same_window && w == fbo_w_ && h == fbo_h_) return;  // the texture is current
  dirty_ = false;
  drawn_style_ = style;
  drawn_window_ = win;
  if (!fbo_) {
    glGenFramebuffers(1, &fbo_);
    glGenTextures(1, &color_tex_);
  }
  if (w != fbo_w_ || h != fbo_h_) {
    glBindTexture(GL_TEXTURE_2D, color_tex_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_tex_, 0);
    fbo_w_ = w;
    fbo_h_ = h;
  }
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, w, h);
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glUseProgram(g_program.id);
  glBindVertexArray(g_program.vao);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, matrix_tex_);
  glUniform1i(g_program.u_matrix, 0);
  glUniform4f(g_program.u_window, win.c0, win.r0, win.c1, win.r1);
  glUniform1f(g_program.u_range, style.auto_range ? float(max_abs_) : style.fixed_range);
  glUniform1i(g_program.u_symlog, style.symlog ? 1 : 0);
  glUniform1f(g_program.u_linthresh, std::max(1e-12f, style.linthresh));
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glBindVertexArray(0);
  glUseProgram(0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace pg
