// core/data.h: the datasets (seeded, deterministic), the input feature transforms, the train/test split and
// the CSV reader for user data. Eigen + std only.
//
// Points live in [-6, 6]^2 (2-D sets) or have x in [-6, 6] (1-D sets, where the second coordinate is the target:
// a real number for the regression sets line and sine, the class 0 or 1 for gauss1d, which also carries it as
// its label). Labels: binary sets use 0/1, k-class sets 0..k-1, regression sets a real target.
#pragma once

#include "core/types.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pg {

struct Point {
  float x = 0, y = 0;  // input (2-D sets) or x and the target y (1-D sets)
  float label = 0;     // class (0/1 or 0..k-1) or regression target; unused by 1-D regression sets (the
                       // target is y); gauss1d has y = label = the class
  bool operator==(const Point&) const = default;
};

struct DataSpec {
  DatasetKind kind = DatasetKind::Circle;
  int num_points = 500;          // 10 .. 5000
  float noise = 0.0f;            // 0 .. 1: 0.5 matches TensorFlow Playground's "noise 50"
  float train_fraction = 0.5f;   // 0.1 .. 0.9
  int classes = 3;               // SpiralK and BlobsK: 3 .. 8
  uint32_t seed = 1;             // the data seed
  std::vector<Point> user_points;  // DatasetKind::User only
  bool user_one_d = false;         // DatasetKind::User: points are (x, target) pairs for 1-D regression
};

// What a dataset is about: the problem type, the number of classes (2 for binary, 0 for regression),
// and whether the inputs are 1-D (x only) or 2-D.
struct DataInfo {
  Problem problem = Problem::Binary;
  int classes = 2;
  int input_dim = 2;
};
// User points: 1-D if user_one_d; else binary if every label is 0 or 1, k classes if the labels are the
// integers 0..k-1 (k <= 8), otherwise 2-D regression.
DataInfo dataset_info(const DataSpec& spec);

// Generates the raw points of a set (before the split). Deterministic in (spec, seed).
std::vector<Point> generate_points(const DataSpec& spec);

// A split dataset ready for training: features F x N, targets K x N (one-hot for k classes).
struct Dataset {
  DataInfo info;
  FeatureSet features = kFeatX | kFeatY;
  std::vector<Point> train_points, test_points;
  Mat X_train, Y_train;  // (F x N_train), (K x N_train)
  Mat X_test, Y_test;    // (F x N_test),  (K x N_test)
  std::vector<int> labels_train, labels_test;  // class index per sample (classification), else empty
};

// The feature transforms x, y, x^2, y^2, xy, sin x, sin y, in that fixed row order. For 1-D sets only the
// x-based ones apply (x, x^2, sin x); effective_features drops the rest (and keeps x if nothing is left).
FeatureSet effective_features(FeatureSet wanted, int input_dim);
int feature_count(FeatureSet f);
Mat featurize(const std::vector<Point>& points, FeatureSet features, int input_dim);  // (F x N)
Vec featurize_point(float x, float y, FeatureSet features, int input_dim);             // (F)

// Targets for the model's output: regression (1 x N) the target; binary (1 x N) 0/1, or -1/+1 when
// pm_one_binary (a tanh output); multiclass (K x N) one-hot.
Mat make_targets(const std::vector<Point>& points, const DataInfo& info, bool pm_one_binary);

// Training points of a split of `total` points: round(fraction * total), but at least one and, when there are
// two or more points, at least one test point (0 for no points).
size_t train_count(size_t total, float fraction);

// Shuffles the points with the data seed, splits train/test, featurizes.
Dataset build_dataset(const DataSpec& spec, FeatureSet features, bool pm_one_binary);

// CSV user data: "x1,x2,label" rows (classification or 2-D regression) or "x,y" rows (1-D regression).
// A header line is allowed; blank lines and lines starting with '#' are skipped. Never throws.
// Labels: whole numbers 0..7 are classes; -1/+1 are two classes (read as 0/1); anything else makes a regression
// set, and `note` says which label on which line made it one. A label beyond +-1e6 is refused (error).
struct CsvResult {
  std::vector<Point> points;
  bool one_d = false;        // the rows had two columns
  std::string error;         // empty on success, else e.g. "line 7: 'abc' is not a number"
  std::string note;          // on success, how the labels were read, as a sentence: "Opened as a regression set
                             // because label 0.5 on line 4 is not a whole number" ("" for plain classes 0..7)
  bool ok() const { return error.empty(); }
};
CsvResult parse_csv(std::string_view text, size_t max_points = 5000);
std::string points_to_csv(const std::vector<Point>& points, bool one_d);

// Text as people have it, from a file, a paste or an editor: takes any text and returns the part of it without
// a leading UTF-8 byte-order mark and without surrounding white space (space, tab, CR, LF, VT, FF). Every
// reader of user text (links, model JSON, CSV) starts from this.
std::string_view trim_text(std::string_view text);

}  // namespace pg
