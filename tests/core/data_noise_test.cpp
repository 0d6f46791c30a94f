// tests/core/data_noise_test.cpp: how each generator's noise setting maps to a spread, from the shapes the README
// and data.cpp's comments state (TensorFlow Playground's dataset.ts for circle, xor, gauss, spiral, plane;
// sklearn's make_moons). The noise-free shapes are in data_test.cpp; here each set is generated with noise and
// the residual from its noise-free shape is measured against the stated spread:
//   gauss, gauss1d  N(+-2, variance 0.5 + 3.5 noise / 0.5), the variance capped at 4 (TF's slider stops at 50)
//   blobs           N(centre, (1 + 2 noise)^2) at (-2.5, 2) and (2.5, -2)
//   blobsk          N(centre, (0.6 + 2 noise)^2), centres 4 (cos, sin)(2 pi j / k)
//   moons           N(curve, (2 noise)^2) around the scaled half circles
//   line, sine      targets N(0.5 x + 1, (2 noise)^2) and N(sin x, noise^2)
//   spiral, spiralk U(-noise, noise) on each coordinate around the arm
//   plane           the target is (x + nx + y + ny) / 10 with nx, ny ~ U(-6, 6) noise
// Points come back in generation order (class by class), which is what lets a test rebuild each clean point.
#include "core/data.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace pg {
namespace {

constexpr double kPi = 3.14159265358979323846;

DataSpec spec_of(DatasetKind kind, int n, float noise, uint32_t seed = 5, int classes = 3) {
  DataSpec s;
  s.kind = kind;
  s.num_points = n;
  s.noise = noise;
  s.seed = seed;
  s.classes = classes;
  return s;
}

struct Moments {
  double n = 0, sum = 0, sq = 0, max_abs = 0;
  void add(double v) {
    ++n;
    sum += v;
    sq += v * v;
    max_abs = std::max(max_abs, std::fabs(v));
  }
  double mean() const { return sum / n; }
  double sd() const { return std::sqrt(sq / n - mean() * mean()); }
};

TEST(data_noise, gauss_variance_runs_from_half_to_four_and_stops_there) {
  for (const auto& [noise, variance] : {std::pair{0.0f, 0.5}, std::pair{0.1f, 1.2}, std::pair{0.25f, 2.25}}) {
    Moments m[2][2];  // [class][coordinate]
    for (const Point& p : generate_points(spec_of(DatasetKind::Gauss, 8000, noise))) {
      const int c = static_cast<int>(p.label);
      m[c][0].add(p.x);
      m[c][1].add(p.y);
    }
    for (int c = 0; c < 2; ++c)
      for (int k = 0; k < 2; ++k) {
        EXPECT_NEAR(m[c][k].mean(), c == 1 ? 2.0 : -2.0, 0.06) << noise;
        EXPECT_NEAR(m[c][k].sd(), std::sqrt(variance), 0.04 * std::sqrt(variance)) << "noise " << noise;
      }
  }
  // Beyond 0.5 the variance stays at 4: the same draws, so the same points.
  EXPECT_EQ(generate_points(spec_of(DatasetKind::Gauss, 300, 0.5f)), generate_points(spec_of(DatasetKind::Gauss, 300, 1.0f)));
  EXPECT_EQ(generate_points(spec_of(DatasetKind::Gauss1D, 300, 0.5f)), generate_points(spec_of(DatasetKind::Gauss1D, 300, 0.8f)));
  EXPECT_NE(generate_points(spec_of(DatasetKind::Gauss, 300, 0.4f)), generate_points(spec_of(DatasetKind::Gauss, 300, 0.5f)));
}

TEST(data_noise, gauss1d_spread_follows_gauss) {
  Moments m[2];
  for (const Point& p : generate_points(spec_of(DatasetKind::Gauss1D, 8000, 0.1f))) m[static_cast<int>(p.label)].add(p.x);
  for (int c = 0; c < 2; ++c) {
    EXPECT_NEAR(m[c].mean(), c == 1 ? 2.0 : -2.0, 0.06);
    EXPECT_NEAR(m[c].sd(), std::sqrt(1.2), 0.04 * std::sqrt(1.2));
  }
}

TEST(data_noise, blobs_spread_is_one_plus_twice_the_noise) {
  for (const auto& [noise, sd] : {std::pair{0.0f, 1.0}, std::pair{0.2f, 1.4}}) {
    Moments m[2][2];
    for (const Point& p : generate_points(spec_of(DatasetKind::Blobs, 8000, noise))) {
      const int c = static_cast<int>(p.label);
      m[c][0].add(p.x);
      m[c][1].add(p.y);
    }
    const double centre[2][2] = {{-2.5, 2.0}, {2.5, -2.0}};
    for (int c = 0; c < 2; ++c)
      for (int k = 0; k < 2; ++k) {
        EXPECT_NEAR(m[c][k].mean(), centre[c][k], 0.06);
        EXPECT_NEAR(m[c][k].sd(), sd, 0.04 * sd) << "noise " << noise;
      }
  }
}

TEST(data_noise, blobsk_spread_and_centres_on_the_circle_of_radius_four) {
  for (int k : {3, 5, 8})
    for (const auto& [noise, sd] : {std::pair{0.0f, 0.6}, std::pair{0.3f, 1.2}}) {
      std::vector<Moments> mx(static_cast<size_t>(k)), my(static_cast<size_t>(k));
      for (const Point& p : generate_points(spec_of(DatasetKind::BlobsK, 1000 * k, noise, 5, k))) {
        mx[static_cast<size_t>(p.label)].add(p.x);
        my[static_cast<size_t>(p.label)].add(p.y);
      }
      for (int j = 0; j < k; ++j) {
        const double a = 2 * kPi * j / k;
        EXPECT_NEAR(mx[size_t(j)].mean(), 4 * std::cos(a), 0.1) << k << " " << j;
        EXPECT_NEAR(my[size_t(j)].mean(), 4 * std::sin(a), 0.1) << k << " " << j;
        EXPECT_NEAR(mx[size_t(j)].sd(), sd, 0.07 * sd) << k << " noise " << noise;
        EXPECT_NEAR(my[size_t(j)].sd(), sd, 0.07 * sd) << k << " noise " << noise;
      }
    }
}

TEST(data_noise, moons_scatter_around_their_curves_with_sd_twice_the_noise) {
  const int n = 8000, m = n / 2;
  const float noise = 0.15f;
  const std::vector<Point> pts = generate_points(spec_of(DatasetKind::Moons, n, noise));
  Moments r;
  for (int i = 0; i < n; ++i) {
    const int label = i < m ? 0 : 1, j = i % m;
    const double t = kPi * j / (m - 1);
    const double ux = label == 0 ? std::cos(t) : 1 - std::cos(t), uy = label == 0 ? std::sin(t) : 0.5 - std::sin(t);
    const Point& p = pts[size_t(i)];
    ASSERT_EQ(p.label, label);
    r.add(p.x - (ux - 0.5) * 10 / 3);
    r.add(p.y - (uy - 0.25) * 10 / 3);
  }
  EXPECT_NEAR(r.mean(), 0, 0.01);
  EXPECT_NEAR(r.sd(), 2 * noise, 0.03 * 2 * noise);
}

TEST(data_noise, line_and_sine_targets_scatter_with_the_stated_sd) {
  const float noise = 0.2f;
  Moments line, sine;
  for (const Point& p : generate_points(spec_of(DatasetKind::Line, 8000, noise))) line.add(p.y - (0.5 * p.x + 1));
  for (const Point& p : generate_points(spec_of(DatasetKind::Sine, 8000, noise))) sine.add(p.y - std::sin(p.x));
  EXPECT_NEAR(line.mean(), 0, 0.02);
  EXPECT_NEAR(line.sd(), 2 * noise, 0.03 * 2 * noise);
  EXPECT_NEAR(sine.mean(), 0, 0.01);
  EXPECT_NEAR(sine.sd(), noise, 0.03 * noise);
}

TEST(data_noise, spiral_arms_carry_uniform_noise_of_half_width_noise) {
  const float noise = 0.4f;
  {
    const int n = 4000, m = n / 2;
    const std::vector<Point> pts = generate_points(spec_of(DatasetKind::Spiral, n, noise));
    Moments r;
    for (int i = 0; i < n; ++i) {
      const int label = i < m ? 1 : 0, j = i % m;  // class 1 first, class 0 rotated by pi
      const double rad = double(j) / m * 5, t = 1.75 * j / m * 2 * kPi + (label == 1 ? 0 : kPi);
      ASSERT_EQ(pts[size_t(i)].label, label);
      r.add(pts[size_t(i)].x - rad * std::sin(t));
      r.add(pts[size_t(i)].y - rad * std::cos(t));
    }
    EXPECT_LE(r.max_abs, noise + 1e-5);
    EXPECT_GT(r.max_abs, 0.99 * noise);
    EXPECT_NEAR(r.sd(), noise / std::sqrt(3.0), 0.03 * noise / std::sqrt(3.0));
  }
  {
    const int k = 5, n = 5000, m = n / k;
    const std::vector<Point> pts = generate_points(spec_of(DatasetKind::SpiralK, n, noise, 5, k));
    Moments r;
    for (int i = 0; i < n; ++i) {
      const int j = i / m, q = i % m;  // arm j: radius 5 q / m, angle 4 q / m + 2 pi j / k
      const double rad = 5.0 * q / m, t = 4.0 * q / m + 2 * kPi * j / k;
      ASSERT_EQ(pts[size_t(i)].label, j);
      r.add(pts[size_t(i)].x - rad * std::sin(t));
      r.add(pts[size_t(i)].y - rad * std::cos(t));
    }
    EXPECT_LE(r.max_abs, noise + 1e-5);
    EXPECT_NEAR(r.sd(), noise / std::sqrt(3.0), 0.03 * noise / std::sqrt(3.0));
  }
}

TEST(data_noise, plane_noise_moves_the_target_not_the_point) {
  const float noise = 0.5f;
  Moments r, pos;
  for (const Point& p : generate_points(spec_of(DatasetKind::Plane, 8000, noise))) {
    r.add(p.label - (p.x + p.y) / 10.0);  // (nx + ny) / 10: sd sqrt(2 * 12) noise / 10
    pos.add(p.x);
  }
  EXPECT_LE(r.max_abs, 1.2 * noise + 1e-5);
  EXPECT_NEAR(r.mean(), 0, 0.01);
  EXPECT_NEAR(r.sd(), std::sqrt(24.0) * noise / 10, 0.03 * std::sqrt(24.0) * noise / 10);
  EXPECT_NEAR(pos.sd(), 12 / std::sqrt(12.0), 0.05);  // x ~ U(-6, 6) whatever the noise
}

TEST(data_noise, xor_noise_flips_labels_near_the_axes_and_leaves_the_points_in_place) {
  // xor: points keep their 0.3 gap from the axes; the label follows the sign of (x + nx)(y + ny) with nx, ny in
  // +-5 noise = +-2.5 here, so a point farther than 2.5 from both axes never flips.
  int flipped = 0;
  for (const Point& p : generate_points(spec_of(DatasetKind::Xor, 4000, 0.5f))) {
    ASSERT_GE(std::fabs(p.x), 0.3f);
    ASSERT_GE(std::fabs(p.y), 0.3f);
    const bool rule = p.x * p.y >= 0;
    if (std::fabs(p.x) > 2.5f && std::fabs(p.y) > 2.5f) {
      ASSERT_EQ(p.label, rule ? 1.0f : 0.0f) << p.x << "," << p.y;
    }
    flipped += p.label != (rule ? 1.0f : 0.0f);
  }
  EXPECT_GT(flipped, 100);
}

}  // namespace
}  // namespace pg
