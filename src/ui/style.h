// ui/style.h: the look of the page in ImGui terms: the theme's colours as ImGui's style, the UI font (Noto Sans
// with Noto Sans Math merged in, subset at build time and compiled in: generated/fonts.h), and the text size and
// theme menu of the control bar. The platform layer calls build_fonts/apply_style between frames, when the
// device pixel ratio, the text size or the theme changed, then uploads the font texture.
#pragma once

#include "ui/theme.h"

#include <imgui.h>

#include <string_view>
#include <vector>

namespace pg {

struct AppState;

inline ImVec4 im_colour(Rgb c, float alpha = 1.0f) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, alpha); }
inline ImU32 im_colour_u32(Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); }

// ImGui's style for `theme`, its sizes scaled by `scale` (device pixels per CSS pixel x text size / 15).
void apply_style(const Theme& theme, float scale);

// Rebuilds the font atlas with the UI font rasterised at `px` device pixels (crisp at any devicePixelRatio).
// Between frames only; the caller recreates the GL font texture.
// `extra`: a language's font subset (its bytes and ImGui glyph ranges), merged in after the math font; empty:
// none (the bytes must outlive the atlas).
struct ExtraFont { const unsigned char* data = nullptr; int size = 0; const unsigned short* ranges = nullptr; };
void build_fonts(float px, const ExtraFont& extra = {});
// The glyph ranges of language `code`'s font subset (generated/fonts.h), or nullptr when it has none.
const unsigned short* language_font_ranges(std::string_view code);

// Code points of the glyph set the UI needs (Latin, Greek, ∂ ŷ ⊗ ⊙ ᵀ − × → ←, sub- and superscript digits...)
// that the font atlas cannot draw: empty when every one renders.
std::vector<unsigned> missing_glyphs();

// The ink box (x0, y0, x1, y1; device pixels, y down from the line's top) of a glyph in the atlas, or none.
std::vector<float> glyph_box(unsigned codepoint);

// The "Aa" button at the right end of the control bar and its popup: text size and theme. Sets app.display;
// the platform applies it before the next frame and remembers it. Drawn in a window of its own, this wide.
void draw_display_menu(AppState& app);
float display_menu_width();

}  // namespace pg
