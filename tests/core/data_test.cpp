// tests/core/data_test.cpp: the dataset generators (determinism, counts, ranges, labels, the noise-free
// shapes), the feature transforms, the targets, the train/test split and the CSV reader and writer.
#include "core/data.h"

#include "core/detmath.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace pg {
namespace {

constexpr DatasetKind kGenerated[] = {
    DatasetKind::Circle, DatasetKind::Xor,    DatasetKind::Gauss,   DatasetKind::Spiral, DatasetKind::Plane,
    DatasetKind::MultiGauss, DatasetKind::Moons, DatasetKind::Blobs, DatasetKind::SpiralK, DatasetKind::BlobsK,
    DatasetKind::Line,   DatasetKind::Sine,   DatasetKind::Gauss1D};

DataSpec spec_of(DatasetKind kind, int n = 500, float noise = 0.0f, uint32_t seed = 1) {
  DataSpec s;
  s.kind = kind;
  s.num_points = n;
  s.noise = noise;
  s.seed = seed;
  return s;
}

bool same_points(const std::vector<Point>& a, const std::vector<Point>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].x != b[i].x || a[i].y != b[i].y || a[i].label != b[i].label) return false;
  return true;
}

std::map<int, int> class_histogram(const std::vector<Point>& points) {
  std::map<int, int> h;
  for (const Point& p : points) ++h[static_cast<int>(p.label)];
  return h;
}

// --- generators ------------------------------------------------------------------------------------------

TEST(data, same_spec_gives_identical_points) {
  for (DatasetKind kind : kGenerated) {
    const DataSpec s = spec_of(kind, 300, 0.3f, 42);
    EXPECT_TRUE(same_points(generate_points(s), generate_points(s))) << dataset_name(kind);
  }
}

TEST(data, different_seed_gives_different_points) {
  for (DatasetKind kind : kGenerated) {
    // Moons at noise 0 is a fixed grid on the curves, so compare all kinds with some noise.
    EXPECT_FALSE(same_points(generate_points(spec_of(kind, 300, 0.3f, 1)), generate_points(spec_of(kind, 300, 0.3f, 2))))
        << dataset_name(kind);
  }
}

TEST(data, every_kind_gives_the_requested_count_inside_the_canvas) {
  for (DatasetKind kind : kGenerated) {
    for (int n : {10, 11, 333, 5000}) {
      for (float noise : {0.0f, 0.5f, 1.0f}) {
        const std::vector<Point> pts = generate_points(spec_of(kind, n, noise, 7));
        ASSERT_EQ(static_cast<int>(pts.size()), n) << dataset_name(kind);
        for (const Point& p : pts) {
          ASSERT_TRUE(std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.label)) << dataset_name(kind);
          ASSERT_LE(std::fabs(p.x), 6.0f) << dataset_name(kind);
          ASSERT_LE(std::fabs(p.y), 6.0f) << dataset_name(kind);
        }
      }
    }
  }
}

TEST(data, labels_have_the_right_kind) {
  for (DatasetKind kind : kGenerated) {
    DataSpec s = spec_of(kind, 400, 0.4f, 3);
    s.classes = 5;
    const DataInfo info = dataset_info(s);
    for (const Point& p : generate_points(s)) {
      if (info.problem == Problem::Regression) {
        // Plane: (x + nx + y + ny) / 10 with |x|, |y| <= 6 and |nx|, |ny| <= 6 noise; multigauss: [-1, 1].
        if (info.input_dim == 2) {
          ASSERT_LE(std::fabs(p.label), 1.2f * (1 + 0.4f) + 1e-5f) << dataset_name(kind);
        }
        continue;
      }
      ASSERT_EQ(p.label, std::floor(p.label)) << dataset_name(kind);
      ASSERT_GE(p.label, 0.0f) << dataset_name(kind);
      ASSERT_LT(p.label, static_cast<float>(info.classes)) << dataset_name(kind);
    }
  }
}

TEST(data, dataset_info_of_the_built_in_sets) {
  DataSpec s = spec_of(DatasetKind::SpiralK);
  s.classes = 6;
  EXPECT_EQ(dataset_info(s).problem, Problem::Multiclass);
  EXPECT_EQ(dataset_info(s).classes, 6);
  EXPECT_EQ(dataset_info(spec_of(DatasetKind::Xor)).problem, Problem::Binary);
  EXPECT_EQ(dataset_info(spec_of(DatasetKind::Xor)).classes, 2);
  EXPECT_EQ(dataset_info(spec_of(DatasetKind::MultiGauss)).problem, Problem::Regression);
  EXPECT_EQ(dataset_info(spec_of(DatasetKind::MultiGauss)).input_dim, 2);
  EXPECT_EQ(dataset_info(spec_of(DatasetKind::Sine)).input_dim, 1);
  EXPECT_EQ(dataset_info(spec_of(DatasetKind::Line)).problem, Problem::Regression);
}

TEST(data, classes_are_balanced_and_remainders_go_to_the_first_classes) {
  for (DatasetKind kind : {DatasetKind::Circle, DatasetKind::Gauss, DatasetKind::Spiral, DatasetKind::Moons,
                           DatasetKind::Blobs}) {
    const std::map<int, int> h = class_histogram(generate_points(spec_of(kind, 501)));
    EXPECT_EQ(h.at(0), 251) << dataset_name(kind);
    EXPECT_EQ(h.at(1), 250) << dataset_name(kind);
  }
  for (DatasetKind kind : {DatasetKind::SpiralK, DatasetKind::BlobsK}) {
    for (int k = 3; k <= 8; ++k) {
      DataSpec s = spec_of(kind, 502);
      s.classes = k;
      const std::map<int, int> h = class_histogram(generate_points(s));
      ASSERT_EQ(static_cast<int>(h.size()), k);
      for (int j = 0; j < k; ++j) EXPECT_EQ(h.at(j), 502 / k + (j < 502 % k ? 1 : 0)) << dataset_name(kind) << k;
    }
  }
  const std::map<int, int> xor_h = class_histogram(generate_points(spec_of(DatasetKind::Xor, 2000)));
  EXPECT_NEAR(xor_h.at(1), 1000, 150);  // random quadrants: balanced only on average
}

TEST(data, noise_free_circle_is_separable_by_radius) {
  for (const Point& p : generate_points(spec_of(DatasetKind::Circle, 1000))) {
    const float r = std::sqrt(p.x * p.x + p.y * p.y);
    EXPECT_EQ(p.label, r < 3.0f ? 1.0f : 0.0f) << r;
    EXPECT_TRUE(r < 2.5001f || (r > 3.4999f && r < 5.0001f)) << r;
  }
}

TEST(data, noisy_circle_flips_some_labels_but_keeps_the_points) {
  int flipped = 0;
  for (const Point& p : generate_points(spec_of(DatasetKind::Circle, 1000, 0.5f))) {
    const float r = std::sqrt(p.x * p.x + p.y * p.y);
    EXPECT_TRUE(r < 2.5001f || (r > 3.4999f && r < 5.0001f)) << r;
    flipped += p.label != (r < 3.0f ? 1.0f : 0.0f);
  }
  EXPECT_GT(flipped, 10);
}

TEST(data, noise_free_xor_follows_the_sign_rule) {
  for (const Point& p : generate_points(spec_of(DatasetKind::Xor, 1000))) {
    EXPECT_EQ(p.label, p.x * p.y >= 0 ? 1.0f : 0.0f);
    EXPECT_GE(std::fabs(p.x), 0.3f);  // pushed off the axes
    EXPECT_GE(std::fabs(p.y), 0.3f);
  }
}

TEST(data, noise_free_plane_target_is_x_plus_y_over_10) {
  for (const Point& p : generate_points(spec_of(DatasetKind::Plane, 500)))
    EXPECT_NEAR(p.label, (p.x + p.y) / 10.0f, 1e-6f);
}

TEST(data, noise_free_multigauss_peaks_at_the_centres) {
  for (const Point& p : generate_points(spec_of(DatasetKind::MultiGauss, 2000))) {
    EXPECT_LE(std::fabs(p.label), 1.0f);
    if (std::fabs(p.x - 4) < 0.1f && std::fabs(p.y - 2.5f) < 0.1f) {
      EXPECT_GT(p.label, 0.9f);
    }
    if (std::fabs(p.x) < 0.1f && std::fabs(p.y - 2.5f) < 0.1f) {
      EXPECT_LT(p.label, -0.9f);
    }
  }
}

TEST(data, noise_free_spiral_points_lie_on_their_arm) {
  for (const Point& p : generate_points(spec_of(DatasetKind::Spiral, 400))) {
    const float r = std::sqrt(p.x * p.x + p.y * p.y);
    EXPECT_LT(r, 5.0f);
    if (r < 0.5f) continue;
    // Arm 1 is (r sin t, r cos t) with r = 5 t / (3.5 pi); arm 0 is the same rotated by pi, i.e. negated.
    const double t = r / 5.0 * 3.5 * 3.14159265358979;
    const double sx = p.label == 1 ? 1 : -1;
    EXPECT_NEAR(p.x, sx * r * std::sin(t), 1e-3);
    EXPECT_NEAR(p.y, sx * r * std::cos(t), 1e-3);
  }
}

TEST(data, blobs_centres_and_blobsk_centres_on_a_circle) {
  double sx[2] = {0, 0}, sy[2] = {0, 0};
  const std::vector<Point> pts = generate_points(spec_of(DatasetKind::Blobs, 4000));
  for (const Point& p : pts) {
    sx[static_cast<int>(p.label)] += p.x;
    sy[static_cast<int>(p.label)] += p.y;
  }
  EXPECT_NEAR(sx[0] / 2000, -2.5, 0.1);
  EXPECT_NEAR(sy[0] / 2000, 2.0, 0.1);
  EXPECT_NEAR(sx[1] / 2000, 2.5, 0.1);
  EXPECT_NEAR(sy[1] / 2000, -2.0, 0.1);

  DataSpec s = spec_of(DatasetKind::BlobsK, 4000);
  s.classes = 4;
  double cx[4] = {}, cy[4] = {};
  for (const Point& p : generate_points(s)) {
    cx[static_cast<int>(p.label)] += p.x / 1000;
    cy[static_cast<int>(p.label)] += p.y / 1000;
  }
  const double want[4][2] = {{4, 0}, {0, 4}, {-4, 0}, {0, -4}};
  for (int j = 0; j < 4; ++j) {
    EXPECT_NEAR(cx[j], want[j][0], 0.1) << j;
    EXPECT_NEAR(cy[j], want[j][1], 0.1) << j;
  }
}

TEST(data, noise_free_moons_interleave) {
  for (const Point& p : generate_points(spec_of(DatasetKind::Moons, 200))) {
    // Undo the scaling: the upper moon is the unit half circle at (0, 0), the lower one at (1, 0.5).
    const double ux = p.x * 0.3 + 0.5, uy = p.y * 0.3 + 0.25;
    const double cx = p.label == 0 ? 0.0 : 1.0, cy = p.label == 0 ? 0.0 : 0.5;
    EXPECT_NEAR(std::hypot(ux - cx, uy - cy), 1.0, 1e-5);
    EXPECT_TRUE(p.label == 0 ? uy >= -1e-6 : uy <= 0.5 + 1e-6);
  }
}

TEST(data, noise_free_line_and_sine_follow_their_curves) {
  for (const Point& p : generate_points(spec_of(DatasetKind::Line, 200))) EXPECT_NEAR(p.y, 0.5f * p.x + 1, 1e-5f);
  for (const Point& p : generate_points(spec_of(DatasetKind::Sine, 200))) EXPECT_NEAR(p.y, std::sin(p.x), 1e-6);
}

// gauss1d: a 1-D two-class set (x alone), class 0 around -2 and class 1 around +2, n / 2 each (the odd point to
// class 0), the spread of gauss (sd sqrt(0.5) at noise 0, sqrt(4) at 0.5), y = label = the class.
TEST(data, gauss1d_is_one_d_binary_balanced_and_centred_as_stated) {
  const DataInfo info = dataset_info(spec_of(DatasetKind::Gauss1D));
  EXPECT_EQ(info.problem, Problem::Binary);
  EXPECT_EQ(info.classes, 2);
  EXPECT_EQ(info.input_dim, 1);
  const std::map<int, int> h = class_histogram(generate_points(spec_of(DatasetKind::Gauss1D, 2001)));
  EXPECT_EQ(h.at(0), 1001);
  EXPECT_EQ(h.at(1), 1000);
  for (const auto& [noise, sd] : {std::pair{0.0f, std::sqrt(0.5)}, std::pair{0.5f, 2.0}}) {
    double sum[2] = {0, 0}, sq[2] = {0, 0};
    int count[2] = {0, 0};
    for (const Point& p : generate_points(spec_of(DatasetKind::Gauss1D, 4000, noise, 11))) {
      ASSERT_EQ(p.y, p.label);
      const int c = static_cast<int>(p.label);
      sum[c] += p.x;
      sq[c] += double(p.x) * p.x;
      ++count[c];
    }
    for (int c = 0; c < 2; ++c) {
      const double mean = sum[c] / count[c], var = sq[c] / count[c] - mean * mean;
      // 2000 points: the sample mean's standard error is sd / 45, so 5 of them is 0.08 (at sd 0.71) or 0.22.
      EXPECT_NEAR(mean, c == 1 ? 2.0 : -2.0, 5 * sd / std::sqrt(2000.0)) << "noise " << noise;
      // At noise 0.5 the clamp to [-6, 6] trims the far tails a little, so allow 10% on the spread.
      EXPECT_NEAR(std::sqrt(var), sd, 0.1 * sd) << "noise " << noise;
    }
  }
  // The targets a logistic regression trains on are the classes, from x alone.
  const Dataset d = build_dataset(spec_of(DatasetKind::Gauss1D, 100), kFeatX | kFeatY, false);
  EXPECT_EQ(d.features, kFeatX);
  EXPECT_EQ(d.X_train.rows(), 1);
  for (Index n = 0; n < d.X_train.cols(); ++n) EXPECT_EQ(d.Y_train(0, n), d.train_points[size_t(n)].label);
}

TEST(data, spiralk_arms_rotate_with_the_class) {
  DataSpec s = spec_of(DatasetKind::SpiralK, 300);
  s.classes = 3;
  const std::vector<Point> pts = generate_points(s);
  // The first point of every arm sits at the origin; the second is at radius 5/m, angle 4/m + 2 pi j / 3.
  for (int j = 0; j < 3; ++j) {
    const Point& p = pts[static_cast<size_t>(j * 100 + 1)];
    EXPECT_EQ(static_cast<int>(p.label), j);
    const double t = 4.0 / 100 + 2 * 3.14159265358979 * j / 3;
    EXPECT_NEAR(p.x, 0.05 * std::sin(t), 1e-6);
    EXPECT_NEAR(p.y, 0.05 * std::cos(t), 1e-6);
  }
}

TEST(data, user_points_are_returned_as_given) {
  DataSpec s = spec_of(DatasetKind::User);
  s.user_points = {{1, 2, 1}, {-3, 0.5f, 0}};
  EXPECT_TRUE(same_points(generate_points(s), s.user_points));
}

TEST(data, dataset_info_of_user_points) {
  DataSpec s = spec_of(DatasetKind::User);
  EXPECT_EQ(dataset_info(s).problem, Problem::Binary);  // empty
  EXPECT_EQ(dataset_info(s).input_dim, 2);
  s.user_points = {{1, 2, 1}, {-3, 0.5f, 0}};
  EXPECT_EQ(dataset_info(s).problem, Problem::Binary);
  s.user_points.push_back({0, 0, 3});
  EXPECT_EQ(dataset_info(s).problem, Problem::Multiclass);
  EXPECT_EQ(dataset_info(s).classes, 4);
  s.user_points.push_back({0, 0, 8});  // more than 8 classes: a real target
  EXPECT_EQ(dataset_info(s).problem, Problem::Regression);
  s.user_points = {{1, 2, 0.25f}};
  EXPECT_EQ(dataset_info(s).problem, Problem::Regression);
  EXPECT_EQ(dataset_info(s).classes, 0);
  s.user_points = {{1, 2, -1}};
  EXPECT_EQ(dataset_info(s).problem, Problem::Regression);
  s.user_one_d = true;
  EXPECT_EQ(dataset_info(s).problem, Problem::Regression);
  EXPECT_EQ(dataset_info(s).input_dim, 1);
}

// --- features --------------------------------------------------------------------------------------------

TEST(data, featurize_rows_follow_the_feature_bit_order) {
  const std::vector<Point> pts = {{1.5f, -2.0f, 0}, {-0.25f, 3.0f, 1}};
  const FeatureSet all = kFeatX | kFeatY | kFeatX2 | kFeatY2 | kFeatXY | kFeatSinX | kFeatSinY;
  const Mat X = featurize(pts, all, 2);
  ASSERT_EQ(X.rows(), 7);
  ASSERT_EQ(X.cols(), 2);
  for (Index n = 0; n < 2; ++n) {
    const float x = pts[static_cast<size_t>(n)].x, y = pts[static_cast<size_t>(n)].y;
    EXPECT_EQ(X(0, n), x);
    EXPECT_EQ(X(1, n), y);
    EXPECT_EQ(X(2, n), x * x);
    EXPECT_EQ(X(3, n), y * y);
    EXPECT_EQ(X(4, n), x * y);
    EXPECT_NEAR(X(5, n), std::sin(x), 1e-7);
    EXPECT_NEAR(X(6, n), std::sin(y), 1e-7);
  }
  const Mat Xs = featurize(pts, kFeatSinY | kFeatX2, 2);  // the set's order, not the argument's
  ASSERT_EQ(Xs.rows(), 2);
  EXPECT_EQ(Xs(0, 0), 1.5f * 1.5f);
  EXPECT_NEAR(Xs(1, 0), std::sin(-2.0f), 1e-7);
}

TEST(data, featurize_point_matches_featurize) {
  const std::vector<Point> pts = {{0.7f, -4.1f, 0}};
  const FeatureSet f = kFeatY | kFeatXY | kFeatSinX;
  const Mat X = featurize(pts, f, 2);
  const Vec v = featurize_point(0.7f, -4.1f, f, 2);
  ASSERT_EQ(v.size(), 3);
  for (Index i = 0; i < 3; ++i) EXPECT_EQ(v(i), X(i, 0));
}

TEST(data, one_d_sets_keep_only_the_x_features) {
  EXPECT_EQ(effective_features(kFeatX | kFeatY | kFeatX2 | kFeatXY | kFeatSinX | kFeatSinY, 1),
            kFeatX | kFeatX2 | kFeatSinX);
  EXPECT_EQ(effective_features(kFeatY | kFeatY2 | kFeatXY | kFeatSinY, 1), kFeatX);  // nothing left: keep x
  EXPECT_EQ(effective_features(0, 2), kFeatX | kFeatY);
  EXPECT_EQ(effective_features(kFeatSinY, 2), kFeatSinY);
  EXPECT_EQ(feature_count(kFeatX | kFeatX2 | kFeatSinX), 3);
  EXPECT_EQ(feature_count(0x7F), 7);
  // A 1-D point's y is its target and must never leak into the inputs.
  const Vec v = featurize_point(2.0f, 99.0f, kFeatX | kFeatY | kFeatX2 | kFeatY2, 1);
  ASSERT_EQ(v.size(), 2);
  EXPECT_EQ(v(0), 2.0f);
  EXPECT_EQ(v(1), 4.0f);
}

// --- targets and split -------------------------------------------------------------------------------------

TEST(data, make_targets_binary_zero_one_and_plus_minus_one) {
  const std::vector<Point> pts = {{0, 0, 1}, {0, 0, 0}, {0, 0, 1}};
  const DataInfo info{Problem::Binary, 2, 2};
  const Mat Y01 = make_targets(pts, info, false), Ypm = make_targets(pts, info, true);
  ASSERT_EQ(Y01.rows(), 1);
  ASSERT_EQ(Y01.cols(), 3);
  EXPECT_EQ(Y01(0, 0), 1.0f);
  EXPECT_EQ(Y01(0, 1), 0.0f);
  EXPECT_EQ(Ypm(0, 0), 1.0f);
  EXPECT_EQ(Ypm(0, 1), -1.0f);
  EXPECT_EQ(Ypm(0, 2), 1.0f);
}

TEST(data, make_targets_multiclass_is_one_hot) {
  const std::vector<Point> pts = {{0, 0, 2}, {0, 0, 0}, {0, 0, 4}};
  const Mat Y = make_targets(pts, DataInfo{Problem::Multiclass, 5, 2}, true);  // pm_one_binary is ignored
  ASSERT_EQ(Y.rows(), 5);
  ASSERT_EQ(Y.cols(), 3);
  Mat want = Mat::Zero(5, 3);
  want(2, 0) = want(0, 1) = want(4, 2) = 1;
  EXPECT_EQ(Y, want);
}

TEST(data, make_targets_regression_uses_label_in_2d_and_y_in_1d) {
  const std::vector<Point> pts = {{1, 2, 0.3f}, {-1, -2, -0.7f}};
  const Mat Y2 = make_targets(pts, DataInfo{Problem::Regression, 0, 2}, false);
  const Mat Y1 = make_targets(pts, DataInfo{Problem::Regression, 0, 1}, false);
  EXPECT_EQ(Y2(0, 0), 0.3f);
  EXPECT_EQ(Y2(0, 1), -0.7f);
  EXPECT_EQ(Y1(0, 0), 2.0f);
  EXPECT_EQ(Y1(0, 1), -2.0f);
}

TEST(data, build_dataset_split_sizes_and_shapes) {
  DataSpec s = spec_of(DatasetKind::SpiralK, 101);
  s.classes = 4;
  s.train_fraction = 0.7f;
  const Dataset ds = build_dataset(s, kFeatX | kFeatY | kFeatXY, false);
  EXPECT_EQ(ds.train_points.size(), 71u);  // round(70.7)
  EXPECT_EQ(ds.test_points.size(), 30u);
  EXPECT_EQ(ds.X_train.rows(), 3);
  EXPECT_EQ(ds.X_train.cols(), 71);
  EXPECT_EQ(ds.X_test.cols(), 30);
  EXPECT_EQ(ds.Y_train.rows(), 4);
  EXPECT_EQ(ds.Y_test.cols(), 30);
  ASSERT_EQ(ds.labels_train.size(), 71u);
  ASSERT_EQ(ds.labels_test.size(), 30u);
  for (size_t n = 0; n < 71; ++n) {
    EXPECT_EQ(ds.labels_train[n], static_cast<int>(ds.train_points[n].label));
    EXPECT_EQ(ds.Y_train(ds.labels_train[n], static_cast<Index>(n)), 1.0f);
    EXPECT_EQ(ds.X_train(0, static_cast<Index>(n)), ds.train_points[n].x);
  }
}

TEST(data, build_dataset_shuffles_deterministically_and_keeps_every_point) {
  const DataSpec s = spec_of(DatasetKind::Circle, 200, 0.2f, 9);
  const Dataset a = build_dataset(s, kFeatX | kFeatY, false), b = build_dataset(s, kFeatX | kFeatY, false);
  EXPECT_TRUE(same_points(a.train_points, b.train_points));
  EXPECT_TRUE(same_points(a.test_points, b.test_points));
  EXPECT_EQ(a.X_train, b.X_train);
  std::vector<Point> all = a.train_points;
  all.insert(all.end(), a.test_points.begin(), a.test_points.end());
  EXPECT_FALSE(same_points(all, generate_points(s)));  // shuffled ...
  auto key = [](const Point& p) { return std::tuple(p.x, p.y, p.label); };
  std::vector<std::tuple<float, float, float>> got, want;
  for (const Point& p : all) got.push_back(key(p));
  for (const Point& p : generate_points(s)) want.push_back(key(p));
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);  // ... but nothing lost or duplicated
  // The first half of the generated points is one class; a shuffled train half mixes both.
  const std::map<int, int> h = class_histogram(a.train_points);
  EXPECT_GT(h.at(0), 30);
  EXPECT_GT(h.at(1), 30);
}

TEST(data, build_dataset_keeps_one_train_and_one_test_point) {
  DataSpec s = spec_of(DatasetKind::User);
  s.user_points = {{1, 1, 1}, {2, 2, 0}};
  s.train_fraction = 0.1f;
  Dataset ds = build_dataset(s, kFeatX | kFeatY, false);
  EXPECT_EQ(ds.train_points.size(), 1u);
  EXPECT_EQ(ds.test_points.size(), 1u);
  s.train_fraction = 0.9f;
  ds = build_dataset(s, kFeatX | kFeatY, false);
  EXPECT_EQ(ds.train_points.size(), 1u);
  EXPECT_EQ(ds.test_points.size(), 1u);
  s.user_points.resize(1);
  ds = build_dataset(s, kFeatX | kFeatY, false);
  EXPECT_EQ(ds.train_points.size(), 1u);
  EXPECT_EQ(ds.test_points.size(), 0u);
  s.user_points.clear();
  ds = build_dataset(s, kFeatX | kFeatY, false);
  EXPECT_EQ(ds.X_train.cols(), 0);
  EXPECT_EQ(ds.X_train.rows(), 2);
}

TEST(data, build_dataset_1d_regression) {
  DataSpec s = spec_of(DatasetKind::Sine, 50, 0.1f);
  const Dataset ds = build_dataset(s, kFeatX | kFeatY | kFeatSinX, true);
  EXPECT_EQ(ds.info.input_dim, 1);
  EXPECT_EQ(ds.features, kFeatX | kFeatSinX);
  EXPECT_EQ(ds.X_train.rows(), 2);
  EXPECT_EQ(ds.Y_train.rows(), 1);
  EXPECT_TRUE(ds.labels_train.empty());
  EXPECT_EQ(ds.Y_train(0, 0), ds.train_points[0].y);
}

// --- CSV ---------------------------------------------------------------------------------------------------

// Expects parse_csv to fail with a message that names the line and contains `part`.
void expect_csv_error(const std::string& text, int line, const std::string& part, size_t max_points = 5000) {
  const CsvResult r = parse_csv(text, max_points);
  EXPECT_FALSE(r.ok()) << text;
  EXPECT_TRUE(r.points.empty());
  const std::string prefix = "line " + std::to_string(line) + ":";
  EXPECT_EQ(r.error.rfind(prefix, 0), 0u) << "error: " << r.error << "\nwanted prefix: " << prefix;
  EXPECT_NE(r.error.find(part), std::string::npos) << "error: " << r.error << "\nwanted: " << part;
}

TEST(data, csv_three_columns) {
  const CsvResult r = parse_csv("1,2,1\n-3.5, 0.25 ,0\n  6,-6,2  \n");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_FALSE(r.one_d);
  ASSERT_EQ(r.points.size(), 3u);
  EXPECT_EQ(r.points[1].x, -3.5f);
  EXPECT_EQ(r.points[1].y, 0.25f);
  EXPECT_EQ(r.points[1].label, 0.0f);
  EXPECT_EQ(r.points[2].label, 2.0f);
}

TEST(data, csv_two_columns_is_one_d) {
  const CsvResult r = parse_csv("x,y\n1.5,2\n-1,-0.5\n");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.one_d);
  ASSERT_EQ(r.points.size(), 2u);
  EXPECT_EQ(r.points[0].x, 1.5f);
  EXPECT_EQ(r.points[0].y, 2.0f);
}

TEST(data, csv_header_comments_blank_lines_and_crlf) {
  const CsvResult r = parse_csv("\xEF\xBB\xBF# exported\r\n\r\n x1 , x2 , label \r\n1,2,0\r\n\r\n# more\r\n3,4,1\r\n");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.points.size(), 2u);
  EXPECT_EQ(r.points[1].x, 3.0f);
  EXPECT_EQ(r.points[1].label, 1.0f);
  // No trailing newline, no header.
  const CsvResult r2 = parse_csv("1,2,0\n3,4,1");
  ASSERT_TRUE(r2.ok()) << r2.error;
  EXPECT_EQ(r2.points.size(), 2u);
}

TEST(data, csv_errors_name_the_line) {
  expect_csv_error("x1,x2,label\n1,2,0\n\n# c\n1,2,1\n1,2,0\nabc,2,0\n", 7, "'abc' is not a number");
  expect_csv_error("1,2,0\n1,2,0\n1,2\n", 3, "expected 3 values like the first row, found 2");
  expect_csv_error("1,2\n1,2,0\n", 2, "expected 2 values like the first row, found 3");
  expect_csv_error("1,2,3,4\n", 1, "found 4");
  expect_csv_error("x,y\n1\n", 2, "found 1");
  expect_csv_error("1,2,0\n1,nan,0\n", 2, "'nan' is not a finite number");
  expect_csv_error("1,2,0\n1,2,inf\n", 2, "'inf' is not a finite number");
  expect_csv_error("1,2,0\n1,2,1e999\n", 2, "not a finite number");
  expect_csv_error("1,2,0\r\n7.5,2,0\r\n", 2, "x1 = 7.5 is outside [-6, 6]");
  expect_csv_error("1,-6.01,0\n", 1, "x2 = -6.01 is outside [-6, 6]");
  expect_csv_error("1,2\n1,9\n", 2, "y = 9 is outside [-6, 6]");
  expect_csv_error("1,,0\n", 1, "empty value in column 2");
  expect_csv_error("1,2x,0\n", 1, "'2x' is not a number");
  expect_csv_error("1,2,abc\n", 1, "'abc' is not a number");  // a number in the row: data, not a header
  expect_csv_error("1,2,0\n1,2,0\n1,2,0\n", 3, "more than 2 data rows", 2);
}

TEST(data, trim_text_drops_a_byte_order_mark_and_surrounding_white_space) {
  EXPECT_EQ(trim_text("v=1&lr=0.1\n"), "v=1&lr=0.1");  // a link saved by an editor
  EXPECT_EQ(trim_text("\xEF\xBB\xBFv=1&lr=0.1\r\n"), "v=1&lr=0.1");
  EXPECT_EQ(trim_text(" \t\r\n\v\f{\"a\": 1}\n\n"), "{\"a\": 1}");
  EXPECT_EQ(trim_text("x1,x2,label\r\n1,2,0\r\n"), "x1,x2,label\r\n1,2,0");  // inner lines are kept
  EXPECT_EQ(trim_text("\xEF\xBB\xBF \r\n"), "");
  EXPECT_EQ(trim_text(""), "");
  EXPECT_EQ(trim_text("\xEF\xBB"), "\xEF\xBB");  // half a mark is text
}

TEST(data, csv_error_about_a_huge_field_stays_one_short_line) {
  const std::string junk(10'000'000, 'z');  // 10 MB of pasted junk with commas in it
  const CsvResult r = parse_csv("1,2,0\n" + junk + "," + junk + ",0\n");
  EXPECT_EQ(r.error, "line 2: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz...' is not a number");
  const CsvResult bytes = parse_csv(std::string("1,\x01\xff,0\n"));
  EXPECT_EQ(bytes.error, "line 1: '?" "?' is not a number");  // split: no trigraph
}

TEST(data, csv_minus_one_plus_one_labels_are_two_classes) {
  const CsvResult r = parse_csv("x1,x2,label\n1,2,-1\n3,4,1\n-1,0,-1\n");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.points.size(), 3u);
  EXPECT_EQ(r.points[0].label, 0.0f);
  EXPECT_EQ(r.points[1].label, 1.0f);
  EXPECT_EQ(r.points[2].label, 0.0f);
  EXPECT_NE(r.note.find("Labels -1/+1 read as two classes"), std::string::npos) << r.note;
  DataSpec spec;
  spec.kind = DatasetKind::User;
  spec.user_points = r.points;
  EXPECT_EQ(dataset_info(spec).problem, Problem::Binary);
  EXPECT_EQ(parse_csv("1,2,0\n3,4,1\n").note, "") << "plain classes need no note";
}

// The note names the first label that makes the set regression, with its line; the data layer agrees.
TEST(data, csv_says_why_it_reads_as_regression) {
  const struct { const char* text; const char* note; } cases[] = {
      {"x1,x2,label\n1,2,0\n3,4,0.5\n", "Opened as a regression set because label 0.5 on line 3 is not a whole number"},
      {"1,2,0\n# c\n1,2,3\n1,2,9\n", "Opened as a regression set because label 9 on line 4 is beyond class 7"},
      {"1,2,1\n1,2,-2\n", "Opened as a regression set because label -2 on line 2 is negative"},
      {"1,2,-1\n1,2,0\n1,2,1\n", "Opened as a regression set because label -1 on line 1 is negative"},
  };
  for (const auto& c : cases) {
    const CsvResult r = parse_csv(c.text);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.note.rfind(c.note, 0), 0u) << r.note;
    DataSpec spec;
    spec.kind = DatasetKind::User;
    spec.user_points = r.points;
    EXPECT_EQ(dataset_info(spec).problem, Problem::Regression) << c.text;
  }
  EXPECT_NE(parse_csv("1,2\n3,4\n").note.find("1-D regression"), std::string::npos);
}

TEST(data, csv_refuses_absurd_targets_with_the_line) {
  expect_csv_error("1,2,0.5\n1,2,3\n1,2,2e9\n", 3, "label = 2e9 is beyond +-1e6");
  expect_csv_error("1,2,-1000001\n", 1, "label = -1000001 is beyond +-1e6");
  EXPECT_TRUE(parse_csv("1,2,1e6\n1,2,-1e6\n").ok()) << "the limit itself is fine";
}

TEST(data, csv_without_rows_is_an_error) {
  for (const char* text : {"", "\n\n", "x1,x2,label\n", "# nothing\r\n  \r\n"}) {
    const CsvResult r = parse_csv(text);
    EXPECT_EQ(r.error, "no data rows") << text;
    EXPECT_TRUE(r.points.empty());
  }
}

TEST(data, csv_accepts_exactly_max_points) {
  std::string text = "x1,x2,label\n";
  for (int i = 0; i < 5000; ++i) text += "1,2,0\n";
  EXPECT_TRUE(parse_csv(text).ok());
  expect_csv_error(text + "1,2,0\n", 5002, "more than 5000 data rows");
}

TEST(data, csv_round_trip_is_exact) {
  for (DatasetKind kind : {DatasetKind::Spiral, DatasetKind::MultiGauss, DatasetKind::BlobsK, DatasetKind::Sine}) {
    const std::vector<Point> pts = generate_points(spec_of(kind, 300, 0.37f, 11));
    const bool one_d = dataset_info(spec_of(kind)).input_dim == 1;
    const std::string csv = points_to_csv(pts, one_d);
    EXPECT_EQ(csv.rfind(one_d ? "x,y\n" : "x1,x2,label\n", 0), 0u);
    const CsvResult r = parse_csv(csv);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.one_d, one_d);
    if (one_d) {
      ASSERT_EQ(r.points.size(), pts.size());
      for (size_t i = 0; i < pts.size(); ++i) {
        EXPECT_EQ(r.points[i].x, pts[i].x);
        EXPECT_EQ(r.points[i].y, pts[i].y);
      }
    } else {
      EXPECT_TRUE(same_points(r.points, pts)) << dataset_name(kind);
    }
  }
  // Awkward floats: the extremes of the range (labels up to +-1e6), tiny and negative zero.
  const std::vector<Point> odd = {{6.0f, -6.0f, 1e-30f}, {0.1f, -0.0f, -1e6f}, {1.17549435e-38f, 5.96e-8f, -0.3f}};
  const CsvResult r = parse_csv(points_to_csv(odd, false));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(same_points(r.points, odd));
  EXPECT_TRUE(std::signbit(r.points[1].y));
}


// The page crashed on 10 MB of pasted junk ("memory access out of bounds"); each kind gets a clear error that
// names its line. The time is printed, not checked (no timed tests).
TEST(data, csv_ten_megabytes_of_junk_gets_a_clear_error) {
  constexpr size_t kTen = 10'000'000;
  std::mt19937 rng(13);
  std::string random(kTen, '\0');
  for (char& c : random) c = static_cast<char>(rng() & 0xff);
  std::string no_newline = random;
  std::replace(no_newline.begin(), no_newline.end(), '\n', ' ');
  std::string rows = "x1,x2,label\n";
  while (rows.size() < kTen) rows += "-1.25,2.5,1\n";
  // Random bytes: the message depends on the bytes, so only its start is given.
  const struct { const char* what; std::string text, error; } cases[] = {
      {"random bytes", random, "line 2: expected 3 values (x1,x2,label) or 2 values (x,y), found "},  // line 1: a header
      {"random bytes on one line", no_newline, "line 1: expected 3 values (x1,x2,label) or 2 values (x,y), found "},
      {"a header, then random bytes", "x1,x2,label\n" + random, "line 2: '"},
      {"digits", "1," + std::string(kTen, '7') + ",0\n", "line 1: '7777777777777777777777777777777777777777...' is not a finite number"},
      {"commas", std::string(kTen, ','), "no data rows"},  // a first row with no number is a header
      {"commas after a row", "1,2,0\n" + std::string(kTen, ','), "line 2: expected 3 values like the first row, found 10000001"},
      {"newlines", std::string(kTen, '\n'), "no data rows"},
      {"833 thousand good rows", rows, "line 5002: more than 5000 data rows"},
  };
  for (const auto& c : cases) {
    const auto t0 = std::chrono::steady_clock::now();
    const CsvResult r = parse_csv(c.text);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("[ figures  ] parse_csv, %s (%.1f MB): %.0f ms: %s\n", c.what, double(c.text.size()) / 1e6, ms,
                r.error.c_str());
    EXPECT_EQ(r.error.rfind(c.error, 0), 0u) << c.what << ": " << r.error;
    EXPECT_LT(r.error.size(), 120u) << c.what;
    EXPECT_TRUE(r.points.empty());
  }
}

}  // namespace
}  // namespace pg
