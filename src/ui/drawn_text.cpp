// ui/drawn_text.cpp: text read back from the draw lists (see drawn_text.h). ImFont::RenderText writes a glyph
// as four vertices, top-left first with the glyph's (U0, V0), and six indices (0 1 2, 0 2 3).
#include "ui/drawn_text.h"

#include <imgui.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace pg {

namespace {

uint64_t uv_key(float u, float v) {
  uint32_t a = 0, b = 0;
  std::memcpy(&a, &u, sizeof a);
  std::memcpy(&b, &v, sizeof b);
  return (uint64_t(a) << 32) | b;
}

void append_utf8(std::string& s, unsigned int c) {
  if (c < 0x80) {
    s += char(c);
  } else if (c < 0x800) {
    s += char(0xC0 | (c >> 6)), s += char(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += char(0xE0 | (c >> 12)), s += char(0x80 | ((c >> 6) & 0x3F)), s += char(0x80 | (c & 0x3F));
  } else {
    s += char(0xF0 | (c >> 18)), s += char(0x80 | ((c >> 12) & 0x3F)), s += char(0x80 | ((c >> 6) & 0x3F));
    s += char(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::vector<std::string> drawn_text(const ImDrawData* draw_data, const ImFont* font) {
  std::vector<std::string> runs;
  if (!draw_data || !font || !font->ContainerAtlas) return runs;
  std::unordered_map<uint64_t, const ImFontGlyph*> by_uv;
  for (const ImFontGlyph& g : font->Glyphs)
    if (g.Visible) by_uv.emplace(uv_key(g.U0, g.V0), &g);
  const ImFontGlyph* space = font->FindGlyphNoFallback(' ');
  const ImTextureID atlas = font->ContainerAtlas->TexID;

  std::string run;
  float next_x = 0, base_y = 0, space_w = 0;
  bool open = false;
  auto close = [&] {
    if (open && !run.empty()) runs.push_back(run);
    run.clear();
    open = false;
  };
  for (int l = 0; l < draw_data->CmdListsCount; ++l) {
    const ImDrawList* list = draw_data->CmdLists[l];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback || cmd.GetTexID() != atlas) {
        close();
        continue;
      }
      for (unsigned int i = 0; i + 5 < cmd.ElemCount; i += 3) {
        const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset + i;
        const ImDrawVert& v0 = list->VtxBuffer[int(cmd.VtxOffset + idx[0])];
        const auto it = by_uv.find(uv_key(v0.uv.x, v0.uv.y));
        const bool quad = it != by_uv.end() && idx[3] == idx[0] && idx[4] == idx[2] && idx[1] == idx[0] + 1 &&
                          idx[2] == idx[0] + 2 && idx[5] == idx[0] + 3;
        if (!quad) {
          continue;  // a shape between glyphs (an underline, a cursor) does not split the text
        }
        const ImFontGlyph& g = *it->second;
        const ImDrawVert& v2 = list->VtxBuffer[int(cmd.VtxOffset + idx[2])];
        const float scale = g.X1 > g.X0 ? (v2.pos.x - v0.pos.x) / (g.X1 - g.X0) : 1.0f;
        const float pen_x = v0.pos.x - g.X0 * scale, pen_y = v0.pos.y - g.Y0 * scale;
        const float tol = 0.75f;
        if (open && std::fabs(pen_y - base_y) <= tol && pen_x >= next_x - tol) {
          const float gap = pen_x - next_x;
          if (gap > tol) {
            const float n = space_w > 0 ? std::round(gap / space_w) : 0;
            if (n < 1 || n > 4) close();
            else run.append(size_t(n), ' ');
          }
        } else {
          close();
        }
        open = true;
        base_y = pen_y;
        space_w = space ? space->AdvanceX * scale : 0;
        append_utf8(run, g.Codepoint);
        next_x = pen_x + g.AdvanceX * scale;
        i += 3;  // the quad's second triangle
      }
    }
    close();
  }
  close();
  return runs;
}

}  // namespace pg
