#version 300 es
// heatmap.vert: one full-screen triangle from gl_VertexID (no vertex buffers; a VAO must be bound).
// out v_uv: (0,0) bottom-left .. (1,1) top-right of the render target.
out vec2 v_uv;
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  v_uv = p;
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
