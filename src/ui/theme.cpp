// ui/theme.cpp: the two palettes and the list of text/background pairs the UI draws. Plain data and the WCAG
// formulas; no ImGui (tests/ui/theme_test.cpp checks every pair natively).
#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace pg {

// Colours in role order (ui/theme.h). Text on every background it meets: at least 4.5:1 (the test says by how much).
const Theme kLightTheme = {"light", {{
    {0xf0, 0xf0, 0xf0},  // Background
    {0xff, 0xff, 0xff},  // Surface
    {0xdc, 0xdc, 0xdc},  // Title
    {0xc3, 0xd6, 0xee},  // TitleActive
    {0xff, 0xff, 0xff},  // Field
    {0xe6, 0xef, 0xfb},  // FieldHovered
    {0xd3, 0xe4, 0xfa},  // FieldActive
    {0xbd, 0xd6, 0xf5},  // Button
    {0x9d, 0xc3, 0xf2},  // ButtonHovered
    {0x7f, 0xb0, 0xee},  // ButtonActive
    {0xc8, 0xdc, 0xf5},  // Header
    {0xaa, 0xc9, 0xf2},  // HeaderHovered
    {0x8e, 0xb8, 0xef},  // HeaderActive
    {0xd6, 0xe3, 0xf5},  // Tab
    {0xaa, 0xc9, 0xf2},  // TabHovered
    {0xb8, 0xd2, 0xf3},  // TabActive
    {0xb3, 0xd4, 0xfc},  // Selection
    {0xf0, 0xb4, 0x29},  // Progress
    {0xd9, 0xe2, 0xec},  // TableHeader
    {0xe8, 0xe8, 0xe8},  // TableRowAlt
    {0xa8, 0xa8, 0xa8},  // Border
    {0x25, 0x63, 0xc9},  // Accent
    {0x1a, 0x4f, 0xa8},  // AccentActive
    {0x8a, 0xb6, 0xee},  // Grab
    {0x6f, 0xa3, 0xea},  // GrabActive
    {0x1a, 0x1a, 0x1a},  // Text
    {0x54, 0x54, 0x54},  // TextMuted
    {0x17, 0x66, 0x1a},  // TextGood
    {0xb0, 0x14, 0x1b},  // TextBad
    {0x0b, 0x5e, 0x9c},  // TextBlue
    {0xa6, 0x4b, 0x00},  // TextOrange
    {0x1d, 0x6b, 0x1d},  // TextGreen
}}};

const Theme kDarkTheme = {"dark", {{
    {0x1c, 0x1d, 0x20},  // Background
    {0x26, 0x28, 0x2c},  // Surface
    {0x2b, 0x2e, 0x33},  // Title
    {0x2f, 0x4a, 0x6b},  // TitleActive
    {0x2a, 0x2d, 0x32},  // Field
    {0x34, 0x38, 0x40},  // FieldHovered
    {0x38, 0x3d, 0x45},  // FieldActive
    {0x2c, 0x4a, 0x70},  // Button
    {0x35, 0x59, 0x8a},  // ButtonHovered
    {0x3a, 0x62, 0x99},  // ButtonActive
    {0x2a, 0x3e, 0x5a},  // Header
    {0x33, 0x50, 0x7a},  // HeaderHovered
    {0x3a, 0x5d, 0x8f},  // HeaderActive
    {0x27, 0x36, 0x4b},  // Tab
    {0x33, 0x50, 0x7a},  // TabHovered
    {0x2f, 0x4a, 0x6b},  // TabActive
    {0x2f, 0x52, 0x83},  // Selection
    {0x2e, 0x6b, 0x3a},  // Progress
    {0x2e, 0x34, 0x3d},  // TableHeader
    {0x24, 0x26, 0x2a},  // TableRowAlt
    {0x4a, 0x4f, 0x57},  // Border
    {0x6c, 0xa6, 0xf0},  // Accent
    {0x9c, 0xc4, 0xf7},  // AccentActive
    {0x45, 0x68, 0x94},  // Grab
    {0x3a, 0x5a, 0x82},  // GrabActive
    {0xe8, 0xe8, 0xe8},  // Text
    {0xae, 0xb3, 0xba},  // TextMuted
    {0x7b, 0xd8, 0x8f},  // TextGood
    {0xff, 0x8a, 0x8a},  // TextBad
    {0x6c, 0xb4, 0xee},  // TextBlue
    {0xf5, 0xa0, 0x4a},  // TextOrange
    {0x7b, 0xd8, 0x8f},  // TextGreen
}}};

const std::array<TextPair, 39> kTextPairs = {{
    {Role::Text, Role::Background, "panels and windows"},
    {Role::Text, Role::Surface, "popups, menus, tooltips, the notice"},
    {Role::Text, Role::Title, "a title bar"},
    {Role::Text, Role::TitleActive, "the focused window's title bar"},
    {Role::Text, Role::Field, "text boxes, sliders, combos"},
    {Role::Text, Role::FieldHovered, "a hovered text box or slider"},
    {Role::Text, Role::FieldActive, "a text box or slider in use"},
    {Role::Text, Role::Button, "buttons"},
    {Role::Text, Role::ButtonHovered, "a hovered button"},
    {Role::Text, Role::ButtonActive, "a pressed button"},
    {Role::Text, Role::Header, "section headers, selected items"},
    {Role::Text, Role::HeaderHovered, "a hovered header or menu item"},
    {Role::Text, Role::HeaderActive, "a pressed header"},
    {Role::Text, Role::Tab, "inspector tabs"},
    {Role::Text, Role::TabHovered, "a hovered tab"},
    {Role::Text, Role::TabActive, "the open tab"},
    {Role::Text, Role::Selection, "selected text"},
    {Role::Text, Role::Progress, "the replay's progress bar"},
    {Role::Text, Role::Grab, "a slider's value over its grab"},
    {Role::Text, Role::GrabActive, "a dragged slider's value over its grab"},
    {Role::Text, Role::TableHeader, "table headers"},
    {Role::Text, Role::TableRowAlt, "alternate table rows"},
    {Role::TextMuted, Role::Background, "shapes, formulas, the step counter on panels"},
    {Role::TextMuted, Role::Surface, "secondary text in popups and tooltips"},
    {Role::TextMuted, Role::Field, "a text box's hint"},
    {Role::TextMuted, Role::FieldHovered, "a hovered text box's hint"},
    {Role::TextMuted, Role::FieldActive, "a focused text box's hint"},
    {Role::TextMuted, Role::TableHeader, "secondary text in table headers"},
    {Role::TextMuted, Role::TableRowAlt, "secondary text in alternate rows"},
    {Role::TextGood, Role::Background, "a passing gradient check"},
    {Role::TextGood, Role::Surface, "a passing check in a popup"},
    {Role::TextBad, Role::Background, "a failing gradient check"},
    {Role::TextBad, Role::Surface, "a failing check in a popup"},
    {Role::TextBlue, Role::Background, "class 0 and the train curve's label on panels"},
    {Role::TextBlue, Role::Surface, "class 0 in a tooltip"},
    {Role::TextOrange, Role::Background, "class 1 on panels"},
    {Role::TextOrange, Role::Surface, "class 1 in a tooltip"},
    {Role::TextGreen, Role::Background, "the accuracy curve's label on panels"},
    {Role::TextGreen, Role::Surface, "the accuracy in a tooltip"},
}};

const Theme& theme_for(const DisplaySettings& d) { return d.dark() ? kDarkTheme : kLightTheme; }

std::string_view theme_choice_name(ThemeChoice c) {
  return c == ThemeChoice::Light ? "light" : c == ThemeChoice::Dark ? "dark" : "system";
}

double relative_luminance(Rgb c) {
  auto linear = [](uint8_t v) {
    const double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double contrast_ratio(Rgb a, Rgb b) {
  const double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace pg
