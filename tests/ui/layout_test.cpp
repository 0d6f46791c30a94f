// tests/ui/layout_test.cpp: the page's tiling at every supported size: the network, the data view and the
// inspector never overlap, each keeps a usable size, and every tile stays on screen.
#include "ui/layout.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pg {
namespace {

bool overlap(const Rect& a, const Rect& b) {
  return !a.empty() && !b.empty() && a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}
bool inside(const Rect& a, float W, float H) { return a.x0 >= 0 && a.y0 >= 0 && a.x1 <= W + 0.01f && a.y1 <= H + 0.01f; }

LayoutInput input(float css_w, float css_h, float dpr, bool inspector, float split = -1) {
  LayoutInput in;
  in.width = css_w * dpr;
  in.height = css_h * dpr;
  in.dpr = dpr;
  in.title_h = 26 * dpr;
  in.bar_h = 40 * dpr;
  in.row_h = 23 * dpr;
  in.status_h = 120 * dpr;
  in.inspector = inspector;
  in.split = split;
  return in;
}

struct Size { float w, h, dpr; };
const std::vector<Size> kSizes = {{1024, 768, 1}, {1280, 800, 1}, {1280, 800, 2}, {1920, 1080, 1}, {1366, 768, 1.5f},
                                  {800, 600, 1},  {390, 844, 3},  {360, 640, 2},   {768, 1024, 2},  {412, 915, 2.6f}};

TEST(layout, tiles_never_overlap_and_stay_on_screen) {
  for (const Size& s : kSizes)
    for (bool insp : {false, true})
      for (float split : {-1.0f, 0.0f, 0.3f, 0.5f, 0.8f, 1.0f})
      for (bool lesson : {false, true}) {
        LayoutInput in = input(s.w, s.h, s.dpr, insp, split);
        in.lesson = lesson;
        const Layout L = compute_layout(in);
        const std::string at = std::to_string(int(s.w)) + "x" + std::to_string(int(s.h)) + " dpr " + std::to_string(s.dpr) +
                               (insp ? " inspector split " + std::to_string(split) : "") + (lesson ? " lesson" : "");
        // A lesson has its pane on screen (on a phone without the inspector, the first tab of the tabbed pane).
        if (lesson) EXPECT_TRUE(!L.lesson.empty() || (L.narrow && !insp && !L.more.empty())) << at;
        if (lesson && !L.lesson.empty()) EXPECT_GE(L.lesson.h() / s.dpr, 120) << at;
        const std::vector<Rect> tiles = {L.lesson, L.title, L.controls, L.params, L.network, L.data, L.loss, L.status, L.more, L.inspector, L.splitter};
        for (size_t i = 0; i < tiles.size(); ++i) {
          EXPECT_TRUE(inside(tiles[i], in.width, in.height)) << at << " tile " << i;
          for (size_t j = i + 1; j < tiles.size(); ++j) EXPECT_FALSE(overlap(tiles[i], tiles[j])) << at << " tiles " << i << ", " << j;
        }
        // The views stay visible and usable whatever the splitter says (CSS px).
        const float d = s.dpr;
        EXPECT_GE(L.network.w() / d, 180) << at;
        EXPECT_GE(L.network.h() / d, 150) << at;
        EXPECT_GE(L.data.w() / d, 180) << at;
        EXPECT_GE(L.data.h() / d, 150) << at;
        if (insp) {
          EXPECT_GE(L.inspector.w() / d, 360) << at;
          EXPECT_GE(L.inspector.h() / d, 180) << at;
          EXPECT_FALSE(L.splitter.empty()) << at;
        } else {
          EXPECT_TRUE(L.inspector.empty()) << at;
        }
      }
}

TEST(layout, the_title_strip_sits_above_the_controls_bar) {
  for (const Size& s : kSizes) {
    const Layout L = compute_layout(input(s.w, s.h, s.dpr, false));
    EXPECT_EQ(L.title.y0, 0);
    EXPECT_EQ(L.title.w(), s.w * s.dpr);
    EXPECT_EQ(L.controls.y0, L.title.y1);
    EXPECT_EQ(L.body_y0, L.controls.y1);
  }
}

// An embedded page (the link key `embed`): exactly the views it names, tiled without overlap, each usable.
TEST(layout, an_embedded_page_shows_only_the_views_it_names) {
  const char* names[] = {"controls", "params", "network", "data", "loss", "status", "inspector"};
  for (const Size& s : {Size{900, 520, 1}, Size{640, 480, 2}, Size{1280, 800, 1}})
    for (unsigned embed = 1; embed < 128; ++embed) {
      LayoutInput in = input(s.w, s.h, s.dpr, (embed & 64) != 0);
      in.embed = embed;
      const Layout L = compute_layout(in);
      const Rect* views[] = {&L.controls, &L.params, &L.network, &L.data, &L.loss, &L.status, &L.inspector};
      const std::string at = std::to_string(int(s.w)) + "x" + std::to_string(int(s.h)) + " embed " + std::to_string(embed);
      for (int i = 0; i < 7; ++i) {
        EXPECT_EQ(!views[i]->empty(), ((embed >> i) & 1u) != 0) << at << " " << names[i];
        EXPECT_TRUE(inside(*views[i], in.width, in.height)) << at << " " << names[i];
        for (int j = i + 1; j < 7; ++j) EXPECT_FALSE(overlap(*views[i], *views[j])) << at << " " << names[i] << ", " << names[j];
        if (!views[i]->empty() && i > 0) {
          EXPECT_GE(views[i]->w() / s.dpr, 100) << at << " " << names[i];
          EXPECT_GE(views[i]->h() / s.dpr, 50) << at << " " << names[i];
        }
      }
      EXPECT_TRUE(L.more.empty()) << at;
    }
}

TEST(layout, phone_stacks_the_data_view_over_the_network) {
  const Layout L = compute_layout(input(390, 844, 3, false));
  EXPECT_TRUE(L.narrow);
  EXPECT_LE(L.data.y1, L.network.y0);
  EXPECT_FLOAT_EQ(L.network.w(), L.data.w());
  EXPECT_FALSE(L.more.empty()) << "loss, status and hyperparameters are one tab away";
  EXPECT_TRUE(L.params.empty());
}

TEST(layout, wide_keeps_the_data_column_full_height_with_the_inspector_docked_below_the_network) {
  const Layout closed = compute_layout(input(1280, 800, 1, false)), open = compute_layout(input(1280, 800, 1, true));
  EXPECT_FALSE(open.narrow);
  EXPECT_FLOAT_EQ(open.data.h(), closed.data.h());
  EXPECT_FLOAT_EQ(open.status.y1, 800);
  EXPECT_GE(open.inspector.y0, open.network.y1);
  EXPECT_FLOAT_EQ(open.inspector.x1, open.network.x1);
}

TEST(layout, the_splitter_moves_the_boundary_and_maximise_takes_the_body) {
  const Layout a = compute_layout(input(1280, 800, 1, true, 0.3f)), b = compute_layout(input(1280, 800, 1, true, 0.6f));
  EXPECT_GT(a.network.h(), b.network.h());
  EXPECT_LT(a.inspector.h(), b.inspector.h());
  LayoutInput in = input(1280, 800, 1, true);
  in.maximised = true;
  const Layout m = compute_layout(in);
  EXPECT_FLOAT_EQ(m.inspector.w(), 1280);
  EXPECT_FLOAT_EQ(m.inspector.y1, 800);
  EXPECT_TRUE(m.network.empty());
  EXPECT_TRUE(m.data.empty());
}

}  // namespace
}  // namespace pg
