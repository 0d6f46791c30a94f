// tests/ui/theme_test.cpp: every text colour the UI draws meets WCAG 2.1 AA (4.5:1) on every background it is
// drawn on, in both themes; and the contrast formula itself against known values.
#include "ui/theme.h"

#include <gtest/gtest.h>

#include <string>

namespace pg {
namespace {

TEST(contrast, matches_wcag_reference_values) {
  EXPECT_NEAR(contrast_ratio({0, 0, 0}, {255, 255, 255}), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio({255, 255, 255}, {0, 0, 0}), 21.0, 1e-9);  // order does not matter
  EXPECT_NEAR(contrast_ratio({0x77, 0x77, 0x77}, {0x77, 0x77, 0x77}), 1.0, 1e-12);
  EXPECT_NEAR(contrast_ratio({0x76, 0x76, 0x76}, {255, 255, 255}), 4.54, 0.005);  // the classic AA grey on white
  EXPECT_NEAR(contrast_ratio({0x77, 0x77, 0x77}, {255, 255, 255}), 4.48, 0.005);  // ... and the one just below
  EXPECT_NEAR(relative_luminance({255, 0, 0}), 0.2126, 1e-12);
}

TEST(theme, every_text_pair_meets_aa_in_both_themes) {
  for (const Theme* t : {&kLightTheme, &kDarkTheme})
    for (const TextPair& p : kTextPairs) {
      const double ratio = contrast_ratio((*t)[p.text], (*t)[p.background]);
      EXPECT_GE(ratio, 4.5) << t->name << " theme, " << p.where << ": " << ratio << ":1";
    }
}

TEST(theme, old_grey_on_grey_would_fail) {
  // What the page had before: ImGui's light TextDisabled (0.60 grey) on its window background (0.94 grey).
  EXPECT_LT(contrast_ratio({153, 153, 153}, {240, 240, 240}), 3.0);
}

TEST(theme, every_role_has_a_colour_in_each_theme) {
  // A role added to the enum without a colour would be {0, 0, 0} in one palette: black on black somewhere.
  for (const Theme* t : {&kLightTheme, &kDarkTheme})
    for (int r = 0; r < kRoleCount; ++r) {
      const Rgb c = t->colour[size_t(r)];
      EXPECT_FALSE(c.r == 0 && c.g == 0 && c.b == 0) << t->name << " theme: role " << r << " has no colour";
    }
  EXPECT_NE(contrast_ratio(kLightTheme[Role::Background], kDarkTheme[Role::Background]), 1.0);
  EXPECT_GT(relative_luminance(kLightTheme[Role::Background]), relative_luminance(kLightTheme[Role::Text]));
  EXPECT_LT(relative_luminance(kDarkTheme[Role::Background]), relative_luminance(kDarkTheme[Role::Text]));
}

TEST(theme, text_size_bounds) {
  EXPECT_LE(kMinTextPx, kDefaultTextPx);
  EXPECT_GE(kMaxTextPx, kDefaultTextPx * 1.5f);  // room to enlarge by half (more with browser zoom)
}

}  // namespace
}  // namespace pg
