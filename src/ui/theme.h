// ui/theme.h: the page's colours, light and dark, as plain data. One palette per theme, one colour per role;
// ui/style.cpp maps the roles onto ImGui's style colours, and the views take text colours from here. Every
// pair of text colour and background the UI draws text on is listed in kTextPairs, and tests/ui/theme_test.cpp
// checks each against WCAG 2.1 AA (contrast ratio at least 4.5:1). No ImGui here: the native tests read it.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace pg {

struct Rgb {
  uint8_t r, g, b;
};

// Colour roles. Every one is opaque: a colour drawn over another is that colour (no blending to account for).
enum class Role : int {
  Background,     // the cleared framebuffer behind the tiled panels, and floating windows' background
  Surface,        // popups, menus, tooltips, the notice
  Title,          // window title bars (inactive)
  TitleActive,    // the focused window's title bar
  Field,          // text boxes, sliders, combos, checkboxes, the progress bar's track
  FieldHovered,
  FieldActive,
  Button,
  ButtonHovered,
  ButtonActive,
  Header,         // collapsing headers, selected items, menu items
  HeaderHovered,
  HeaderActive,
  Tab,
  TabHovered,
  TabActive,
  Selection,      // selected text in a text box
  Progress,       // the progress bar's fill (its "42%" is drawn over it)
  TableHeader,
  TableRowAlt,
  Border,         // lines and outlines (not text)
  Accent,         // check marks, scrollbar grabs, plot lines, focus (not text)
  AccentActive,
  Grab,           // a slider's grab (its value is drawn over it)
  GrabActive,
  Text,           // all ordinary text
  TextMuted,      // secondary text: shapes, formulas, hints, the step counter (ImGui's TextDisabled)
  TextGood,       // a passing check
  TextBad,        // a failing check
  TextBlue,       // text in the views' hues (class 0 / the train curve, class 1, the accuracy curve), darker or
  TextOrange,     // lighter than the hues themselves so that, as text, they read at 4.5:1 on the panels (the
  TextGreen,      // chart's own #0877bd blue is 4.2:1 on the light background, its orange 2.3:1)
  Count
};
constexpr int kRoleCount = static_cast<int>(Role::Count);

struct Theme {
  std::string_view name;               // "light", "dark"
  std::array<Rgb, kRoleCount> colour;  // indexed by Role
  Rgb operator[](Role r) const { return colour[static_cast<size_t>(r)]; }
};

extern const Theme kLightTheme;
extern const Theme kDarkTheme;

// A text colour and a background the UI draws it on, and where (for the test's message).
struct TextPair {
  Role text, background;
  std::string_view where;
};
extern const std::array<TextPair, 39> kTextPairs;

// WCAG 2.1: relative luminance of an sRGB colour, and the contrast ratio of two colours (1 to 21).
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

// Text size: CSS pixels of the UI font (the page remembers the reader's choice; the whole UI scales with it).
constexpr float kDefaultTextPx = 15.0f;
constexpr float kMinTextPx = 12.0f;
constexpr float kMaxTextPx = 24.0f;

// The theme setting: follow the system (prefers-color-scheme), or always light, or always dark.
enum class ThemeChoice : int { System, Light, Dark };

// What the reader chose for the display (the page remembers it in the browser, not in the link: it is the
// reader's, not the run's), and what the system prefers.
struct DisplaySettings {
  float text_px = kDefaultTextPx;             // CSS pixels, kMinTextPx..kMaxTextPx
  ThemeChoice theme = ThemeChoice::System;
  bool system_dark = false;                   // prefers-color-scheme: dark
  bool dark() const { return theme == ThemeChoice::Dark || (theme == ThemeChoice::System && system_dark); }
};
const Theme& theme_for(const DisplaySettings& d);
std::string_view theme_choice_name(ThemeChoice c);  // "system", "light", "dark"

}  // namespace pg
