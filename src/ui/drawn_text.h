// ui/drawn_text.h: the text a frame drew, read back from its draw lists. Every glyph ImGui draws is a quad whose
// texture coordinates are that glyph's rectangle in the font atlas, so the quads give the text back, in drawing
// order, whatever code drew it (a widget, a tooltip, a draw-list caption). Tests use it as an oracle of what is
// on screen: in Korean, no English words (tests/browser/language.test.mjs).
#pragma once

#include <string>
#include <vector>

struct ImDrawData;
struct ImFont;

namespace pg {

// The runs of text in `draw_data` drawn with `font` (its atlas texture; the page has one merged font): glyphs on
// one baseline, each next where the previous one's advance ends, make a run; a gap of about a space's width and
// up to four spaces adds spaces; anything else starts a new run. UTF-8. A glyph cut by a clip rectangle (its
// texture coordinates no longer a glyph's own) is left out. Empty when either pointer is null.
std::vector<std::string> drawn_text(const ImDrawData* draw_data, const ImFont* font);

}  // namespace pg
