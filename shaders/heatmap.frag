#version 300 es
// heatmap.frag: colours a matrix stored one value per texel in an R32F texture (row 0 = texture row 0).
// Uniforms:
//   u_matrix     R32F texture, width = columns, height = rows, NEAREST filtering
//   u_window     (c0, r0, c1, r1): the visible part of the matrix in texture coordinates (zoom and pan)
//   u_range      the |value| that maps to full colour (auto: the largest |value|; or fixed by the user)
//   u_symlog     0: linear scale; 1: symmetric log, t = sign(v) log(1 + |v|/c) / log(1 + range/c)
//   u_linthresh  c, the symmetric-log linear threshold
// Colormap: diverging, zero = neutral grey-white, positive = blue, negative = orange (the playground palette);
// NaN = magenta, +Inf = black, -Inf = dark brown, so a non-finite value can never pass for a number.
precision highp float;
uniform highp sampler2D u_matrix;
uniform vec4 u_window;
uniform float u_range;
uniform int u_symlog;
uniform float u_linthresh;
in vec2 v_uv;
out vec4 frag_color;

const vec3 kNeutral = vec3(0.93, 0.935, 0.94);
const vec3 kPositive = vec3(0.031, 0.467, 0.741);
const vec3 kNegative = vec3(0.961, 0.576, 0.133);

void main() {
  // Screen top is matrix row 0: flip v, then map into the zoom window.
  vec2 uv = vec2(mix(u_window.x, u_window.z, v_uv.x), mix(u_window.y, u_window.w, 1.0 - v_uv.y));
  float v = texture(u_matrix, uv).r;
  if (isnan(v)) { frag_color = vec4(1.0, 0.0, 1.0, 1.0); return; }
  if (isinf(v)) { frag_color = v > 0.0 ? vec4(0.0, 0.0, 0.0, 1.0) : vec4(0.35, 0.2, 0.1, 1.0); return; }
  float r = max(u_range, 1e-30);
  float t = u_symlog == 1 ? sign(v) * log(1.0 + abs(v) / u_linthresh) / log(1.0 + r / u_linthresh) : v / r;
  t = clamp(t, -1.0, 1.0);
  vec3 c = t >= 0.0 ? mix(kNeutral, kPositive, t) : mix(kNeutral, kNegative, -t);
  frag_color = vec4(c, 1.0);
}
