// ui/style.cpp: ImGui's colours from the theme (ui/theme.h), the UI font from generated/fonts.h, and the control
// bar's text size and theme menu. The font bytes are compiled into the program (scripts/subset_fonts.py makes
// them at build time): no request, no file system, and the font is there for the very first frame.
#include "ui/style.h"
#include "ui/i18n.h"

#include "ui/app.h"
#include "ui/rects.h"

#include "fonts.h"  // generated: kFontText, kFontMath and their glyph ranges, kFontRequired

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace pg {

void apply_style(const Theme& t, float scale) {
  ImGuiStyle s;  // ImGui's default sizes, scaled from scratch each time (scaling twice would compound)
  s.ScaleAllSizes(scale);
  ImVec4* c = s.Colors;
  const ImVec4 none(0, 0, 0, 0);
  c[ImGuiCol_Text] = im_colour(t[Role::Text]);
  c[ImGuiCol_TextDisabled] = im_colour(t[Role::TextMuted]);
  c[ImGuiCol_WindowBg] = im_colour(t[Role::Background]);
  c[ImGuiCol_ChildBg] = none;  // children show their window's background (the pairs in theme.cpp assume so)
  c[ImGuiCol_PopupBg] = im_colour(t[Role::Surface]);
  c[ImGuiCol_Border] = im_colour(t[Role::Border]);
  c[ImGuiCol_BorderShadow] = none;
  c[ImGuiCol_FrameBg] = im_colour(t[Role::Field]);
  c[ImGuiCol_FrameBgHovered] = im_colour(t[Role::FieldHovered]);
  c[ImGuiCol_FrameBgActive] = im_colour(t[Role::FieldActive]);
  c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgCollapsed] = c[ImGuiCol_MenuBarBg] = im_colour(t[Role::Title]);
  c[ImGuiCol_TitleBgActive] = im_colour(t[Role::TitleActive]);
  c[ImGuiCol_ScrollbarBg] = none;
  c[ImGuiCol_ScrollbarGrab] = im_colour(t[Role::Border]);
  c[ImGuiCol_ScrollbarGrabHovered] = im_colour(t[Role::Accent], 0.7f);
  c[ImGuiCol_ScrollbarGrabActive] = im_colour(t[Role::Accent]);
  c[ImGuiCol_CheckMark] = im_colour(t[Role::Accent]);
  c[ImGuiCol_SliderGrab] = im_colour(t[Role::Grab]);
  c[ImGuiCol_SliderGrabActive] = im_colour(t[Role::GrabActive]);
  c[ImGuiCol_Button] = im_colour(t[Role::Button]);
  c[ImGuiCol_ButtonHovered] = im_colour(t[Role::ButtonHovered]);
  c[ImGuiCol_ButtonActive] = im_colour(t[Role::ButtonActive]);
  c[ImGuiCol_Header] = im_colour(t[Role::Header]);
  c[ImGuiCol_HeaderHovered] = im_colour(t[Role::HeaderHovered]);
  c[ImGuiCol_HeaderActive] = im_colour(t[Role::HeaderActive]);
  c[ImGuiCol_Separator] = im_colour(t[Role::Border]);
  c[ImGuiCol_SeparatorHovered] = im_colour(t[Role::Accent]);
  c[ImGuiCol_SeparatorActive] = im_colour(t[Role::AccentActive]);
  c[ImGuiCol_ResizeGrip] = im_colour(t[Role::Border], 0.6f);
  c[ImGuiCol_ResizeGripHovered] = im_colour(t[Role::Accent]);
  c[ImGuiCol_ResizeGripActive] = im_colour(t[Role::AccentActive]);
  c[ImGuiCol_Tab] = c[ImGuiCol_TabUnfocused] = im_colour(t[Role::Tab]);
  c[ImGuiCol_TabHovered] = im_colour(t[Role::TabHovered]);
  c[ImGuiCol_TabActive] = c[ImGuiCol_TabUnfocusedActive] = im_colour(t[Role::TabActive]);
  c[ImGuiCol_PlotLines] = im_colour(t[Role::Accent]);
  c[ImGuiCol_PlotLinesHovered] = im_colour(t[Role::AccentActive]);
  c[ImGuiCol_PlotHistogram] = c[ImGuiCol_PlotHistogramHovered] = im_colour(t[Role::Progress]);
  c[ImGuiCol_TableHeaderBg] = im_colour(t[Role::TableHeader]);
  c[ImGuiCol_TableBorderStrong] = c[ImGuiCol_TableBorderLight] = im_colour(t[Role::Border]);
  c[ImGuiCol_TableRowBg] = none;
  c[ImGuiCol_TableRowBgAlt] = im_colour(t[Role::TableRowAlt]);
  c[ImGuiCol_TextSelectedBg] = im_colour(t[Role::Selection]);
  c[ImGuiCol_DragDropTarget] = c[ImGuiCol_NavHighlight] = im_colour(t[Role::Accent]);
  c[ImGuiCol_NavWindowingHighlight] = im_colour(t[Role::Text], 0.7f);
  c[ImGuiCol_NavWindowingDimBg] = c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.35f);
  ImGui::GetStyle() = s;
}

void build_fonts(float px, const ExtraFont& extra) {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  atlas.Clear();
  ImFontConfig text;
  text.FontDataOwnedByAtlas = false;  // the bytes are the program's constants
  // Horizontal oversampling places glyphs at half pixels (even spacing at small sizes); at large device sizes
  // it only doubles the atlas.
  text.OversampleH = px < 24 ? 2 : 1;
  text.OversampleV = 1;
  std::snprintf(text.Name, sizeof text.Name, "Noto Sans %.0f px", double(px));
  // ImGui takes non-const pointers but, with FontDataOwnedByAtlas false, never writes or frees them.
  atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(kFontText), int(sizeof kFontText), px, &text, kFontTextRanges);
  ImFontConfig math = text;  // what Noto Sans lacks (∂ ∇ ⊗ ⊙ − → ...), merged into the same font
  math.MergeMode = true;
  std::snprintf(math.Name, sizeof math.Name, "Noto Sans Math %.0f px", double(px));
  atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(kFontMath), int(sizeof kFontMath), px, &math, kFontMathRanges);
  if (extra.data && extra.size > 0) {  // Hangul (NanumGothic, metrics matched to Noto Sans at build time)
    ImFontConfig lang = math;
    std::snprintf(lang.Name, sizeof lang.Name, "language font %.0f px", double(px));
    lang.OversampleH = 1;  // thousands of glyphs: the atlas stays small
    atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(extra.data), extra.size, px, &lang, extra.ranges);
  }
  atlas.Build();
}

const unsigned short* language_font_ranges(std::string_view code) {
  return code == "ko" && kFontKoreanRanges[0] != 0 ? kFontKoreanRanges : nullptr;
}

std::vector<unsigned> missing_glyphs() {
  std::vector<unsigned> out;
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  if (atlas.Fonts.empty()) return {0};
  const ImFont* font = atlas.Fonts[0];
  for (const unsigned short* r = kFontRequired; r[0]; r += 2)
    for (unsigned c = r[0]; c <= r[1]; ++c)
      if (const ImFontGlyph* g = font->FindGlyphNoFallback(ImWchar(c)); !g || (!g->Visible && c != 0x20 && c != 0xA0))
        out.push_back(c);  // absent, or present without ink (spaces have none)
  return out;
}

constexpr const char* kDisplayLabel = "Aa";

float display_menu_width() {
  const ImGuiStyle& st = ImGui::GetStyle();
  return ImGui::CalcTextSize(kDisplayLabel).x + st.FramePadding.x * 2 + st.WindowPadding.x * 2;
}

std::vector<float> glyph_box(unsigned codepoint) {
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  const ImFontGlyph* g = atlas.Fonts.empty() ? nullptr : atlas.Fonts[0]->FindGlyphNoFallback(ImWchar(codepoint));
  if (!g) return {};
  return {g->X0, g->Y0, g->X1, g->Y1};
}

void draw_display_menu(AppState& app) {
  if (ImGui::Button(kDisplayLabel)) ImGui::OpenPopup("display");
  remember_item(app, "display");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", tr("Text size, language and theme"));
  if (!ImGui::BeginPopup("display")) return;
  DisplaySettings& d = app.display;
  ImGui::TextUnformatted(tr("Text size"));
  if (ImGui::Button("A-")) d.text_px = std::max(kMinTextPx, d.text_px - 1);
  remember_item(app, "text_smaller");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::SliderFloat("##text_px", &d.text_px, kMinTextPx, kMaxTextPx, "%.0f px");
  remember_item(app, "text_size");
  ImGui::SameLine();
  if (ImGui::Button("A+")) d.text_px = std::min(kMaxTextPx, d.text_px + 1);
  remember_item(app, "text_larger");
  d.text_px = std::clamp(std::round(d.text_px), kMinTextPx, kMaxTextPx);
  ImGui::SameLine();
  if (ImGui::Button(tr("Default size"))) d.text_px = kDefaultTextPx;
  remember_item(app, "text_reset");
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("Language"));
  for (size_t i = 0; i < kLanguageList.size(); ++i) {  // each in its own name; the choice goes into the link (lang=)
    if (i) ImGui::SameLine();
    const std::string name(kLanguageList[i].name);
    if (ImGui::RadioButton((name + "##lang" + std::to_string(i)).c_str(), language_index() == i)) {
      app.params.language = int(i) + 1;  // kLanguageChoiceNames: auto, then the languages in kLanguageList's order
      app.url_dirty = true;
    }
    remember_item(app, ("lang_" + std::string(kLanguageList[i].code)).c_str());
  }
  ImGui::Spacing();
  ImGui::TextUnformatted(tr("Theme"));
  const struct { ThemeChoice choice; const char* label; const char* name; } choices[] = {
      {ThemeChoice::System, d.system_dark ? tr("As the system (dark now)") : tr("As the system (light now)"), "theme_system"},
      {ThemeChoice::Light, tr("Light"), "theme_light"},
      {ThemeChoice::Dark, tr("Dark"), "theme_dark"}};
  for (const auto& c : choices) {
    if (ImGui::RadioButton(c.label, d.theme == c.choice)) d.theme = c.choice;
    remember_item(app, c.name);
  }
  ImGui::EndPopup();
}

}  // namespace pg
