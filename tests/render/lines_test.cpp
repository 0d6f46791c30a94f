// tests/render/lines_test.cpp: segments and rectangles painted on the CPU (render/lines.h), against hand-worked
// pixels, the segment's area (length x width), Porter-Duff "over" worked by hand, and symmetry.
#include "render/lines.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

namespace pg {
namespace {

constexpr uint32_t rgba(uint32_t r, uint32_t g, uint32_t b, uint32_t a) { return r | g << 8 | b << 16 | a << 24; }
uint32_t alpha(uint32_t p) { return p >> 24; }
uint32_t at(const RgbaImage& img, int i, int j) { return img.pixels[size_t(j) * size_t(img.width) + size_t(i)]; }

TEST(lines, a_one_pixel_horizontal_segment_covers_its_row_and_nothing_else) {
  RgbaImage img;
  img.clear(16, 12);
  const uint32_t blue = rgba(8, 119, 189, 255);
  paint_segment(img, Segment{2.0f, 5.5f, 12.0f, 5.5f, 1.0f, blue});
  // Pixel centres on the segment (x = 2.5 .. 11.5, y = 5.5) are at distance 0: fully covered, the exact colour.
  for (int i = 2; i <= 11; ++i) EXPECT_EQ(at(img, i, 5), blue) << i;
  // Rows 4 and 6 are one pixel away: coverage 1/2 + 1/2 - 1 = 0. Row 3 is further.
  for (int i = 0; i < 16; ++i)
    for (int j : {0, 3, 4, 6, 7, 11}) EXPECT_EQ(at(img, i, j), 0u) << i << "," << j;
  // Beyond the ends: pixel 14's centre is 2.5 from the end point (12, 5.5), out of reach (1).
  EXPECT_EQ(at(img, 14, 5), 0u);
  // Pixel 12's centre (12.5, 5.5) is 0.5 from the end: half covered (round end).
  EXPECT_EQ(alpha(at(img, 12, 5)), 128u);
}

TEST(lines, coverage_adds_up_to_the_segments_area) {
  // Across a segment of width w, the coverage profile clamp(w/2 + 1/2 - d, 0, 1) integrates to w; along it, the
  // length. The round ends add at most a disc of radius w/2 + 1/2.
  for (const Segment s : {Segment{10.3f, 10.7f, 90.1f, 50.2f, 2.0f, rgba(0, 0, 0, 255)},
                          Segment{20.0f, 90.0f, 31.0f, 5.0f, 3.5f, rgba(0, 0, 0, 255)},
                          Segment{5.0f, 60.0f, 95.0f, 61.0f, 1.0f, rgba(0, 0, 0, 255)}}) {
    RgbaImage img;
    img.clear(100, 100);
    paint_segment(img, s);
    double sum = 0;
    for (uint32_t p : img.pixels) sum += alpha(p) / 255.0;
    const double len = std::hypot(s.x1 - s.x0, s.y1 - s.y0), reach = s.width / 2 + 0.5;
    EXPECT_NEAR(sum, len * s.width, 3.14159 * reach * reach + 0.02 * len * s.width) << s.x0 << "," << s.y0;
  }
}

TEST(lines, the_same_pixels_whichever_end_comes_first_and_transposed_when_x_and_y_swap) {
  const Segment s{3.2f, 4.9f, 41.7f, 17.3f, 2.5f, rgba(245, 147, 34, 200)};
  RgbaImage a, b, t;
  a.clear(48, 48);
  b.clear(48, 48);
  t.clear(48, 48);
  paint_segment(a, s);
  paint_segment(b, Segment{s.x1, s.y1, s.x0, s.y0, s.width, s.colour});
  paint_segment(t, Segment{s.y0, s.x0, s.y1, s.x1, s.width, s.colour});  // a steep segment: the other walk
  int painted = 0;
  for (int j = 0; j < 48; ++j)
    for (int i = 0; i < 48; ++i) {
      EXPECT_EQ(at(a, i, j), at(b, i, j)) << i << "," << j;
      EXPECT_EQ(at(a, i, j), at(t, j, i)) << i << "," << j;
      painted += at(a, i, j) != 0;
    }
  EXPECT_GT(painted, 80);
}

TEST(lines, over_composites_in_straight_alpha_as_worked_by_hand) {
  RgbaImage img;
  img.clear(4, 1);
  // Half-transparent red over nothing: red, alpha 128.
  paint_rect(img, 0, 0, 1, 1, rgba(255, 0, 0, 128));
  EXPECT_EQ(at(img, 0, 0), rgba(255, 0, 0, 128));
  // Opaque blue over it: blue.
  paint_rect(img, 0, 0, 1, 1, rgba(0, 0, 255, 255));
  EXPECT_EQ(at(img, 0, 0), rgba(0, 0, 255, 255));
  // as = 128/255 blue over opaque red: a = 1, r = 255 (1 - as) = 127.0, b = 255 as = 128.0.
  paint_rect(img, 1, 0, 2, 1, rgba(255, 0, 0, 255));
  paint_rect(img, 1, 0, 2, 1, rgba(0, 0, 255, 128));
  EXPECT_EQ(at(img, 1, 0), rgba(127, 0, 128, 255));
  // Opaque red over half the pixel: alpha 0.5, stored as 128. Opaque green over half of it: as = 0.5,
  // ad = 128/255; a = 0.5 + ad / 2 = 0.75098 (stored 191.5 -> 192), g = 255 * 0.5 / a = 169.8 -> 170,
  // r = 255 * (ad / 2) / a = 85.2 -> 85.
  paint_rect(img, 2, 0, 2.5f, 1, rgba(255, 0, 0, 255));
  EXPECT_EQ(at(img, 2, 0), rgba(255, 0, 0, 128));
  paint_rect(img, 2, 0, 2.5f, 1, rgba(0, 255, 0, 255));
  EXPECT_EQ(at(img, 2, 0), rgba(85, 170, 0, 192));
}

TEST(lines, a_rectangle_covers_edge_pixels_in_proportion) {
  RgbaImage img;
  img.clear(6, 4);
  paint_rect(img, 1.5f, 2.0f, 3.5f, 3.0f, rgba(10, 20, 30, 255));
  EXPECT_EQ(at(img, 1, 2), rgba(10, 20, 30, 128));  // half of the pixel
  EXPECT_EQ(at(img, 2, 2), rgba(10, 20, 30, 255));
  EXPECT_EQ(at(img, 3, 2), rgba(10, 20, 30, 128));
  EXPECT_EQ(at(img, 0, 2), 0u);
  EXPECT_EQ(at(img, 4, 2), 0u);
  EXPECT_EQ(at(img, 2, 1), 0u);
  EXPECT_EQ(at(img, 2, 3), 0u);
}

TEST(lines, what_lies_outside_the_image_or_is_not_a_number_is_not_painted) {
  RgbaImage img;
  img.clear(8, 8);
  paint_segment(img, Segment{-50, -50, -10, -3, 4, rgba(0, 0, 0, 255)});
  paint_segment(img, Segment{NAN, 1, 5, 5, 2, rgba(0, 0, 0, 255)});
  paint_segment(img, Segment{1, 1, 5, 5, INFINITY, rgba(0, 0, 0, 255)});
  paint_rect(img, -9, -9, -1, -1, rgba(0, 0, 0, 255));
  for (uint32_t p : img.pixels) EXPECT_EQ(p, 0u);
  // Partly outside: only what is inside, and no write beyond the buffer (a sanitizer build would see one).
  paint_segment(img, Segment{-20, 4.5f, 30, 4.5f, 1, rgba(0, 0, 0, 255)});
  for (int i = 0; i < 8; ++i) EXPECT_EQ(alpha(at(img, i, 4)), 255u);
  RgbaImage empty;
  empty.clear(-3, 5);
  paint_segment(empty, Segment{0, 0, 3, 3, 1, rgba(0, 0, 0, 255)});
  EXPECT_TRUE(empty.pixels.empty());
}

}  // namespace
}  // namespace pg
