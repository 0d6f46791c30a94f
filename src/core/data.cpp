// core/data.cpp: the dataset generators (TensorFlow Playground's circle, xor, gauss, spiral, plane and
// multigauss, plus moons, blobs, k-class spirals and blobs, the 1-D line and sine and the 1-D two-class
// gauss1d), dataset_info, the input
// feature transforms, the targets, the train/test split and the CSV reader and writer for user data.
// Eigen + std only. Randomness comes only from pg::Rng and sin/cos/exp/log only from detmath.h, so a native
// build and a wasm build generate the same points bit for bit.
#include "core/data.h"

#include "core/detmath.h"
#include "core/rng.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace pg {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kLimit = 6.0;  // every coordinate lives in [-6, 6]
constexpr int kMinClasses = 3, kMaxClasses = 8;
constexpr double kMaxCsvTarget = 1e6;  // a CSV label beyond this is refused (see parse_row)
// The split shuffle draws from its own PCG stream, so it is not correlated with the generator's draws.
constexpr uint64_t kSplitStream = 0xda3e39cb94b95bdbULL;

int k_classes(const DataSpec& spec) { return std::clamp(spec.classes, kMinClasses, kMaxClasses); }

// Points of class j when n points are spread over k classes: n / k each, the remainder to the first classes.
int class_size(int n, int k, int j) { return n / k + (j < n % k ? 1 : 0); }

// Noise can push a point off the canvas; clamp it back so the plot and the CSV limits hold.
double clamp_coord(double v) { return std::clamp(v, -kLimit, kLimit); }

Point make_point(double x, double y, double label) {
  return {static_cast<float>(clamp_coord(x)), static_cast<float>(clamp_coord(y)), static_cast<float>(label)};
}

// --- TensorFlow Playground's sets (dataset.ts), with labels 0/1 instead of -1/+1 ---------------------------

// Disc of radius 2.5 (label 1) inside a ring 3.5..5 (label 0). As in TF the label comes from the noisy
// position while the stored point stays clean, so noise flips labels near the gap instead of moving points.
void gen_circle(Rng& rng, int n, double noise, std::vector<Point>& out) {
  constexpr double kRadius = 5.0;
  for (int label = 1; label >= 0; --label) {
    const double r_lo = label == 1 ? 0.0 : 0.7 * kRadius, r_hi = label == 1 ? 0.5 * kRadius : kRadius;
    for (int i = 0; i < class_size(n, 2, label); ++i) {
      const double r = rng.uniform(r_lo, r_hi), angle = rng.uniform(0.0, 2 * kPi);
      const double x = r * det_sin(angle), y = r * det_cos(angle);
      const double nx = rng.uniform(-kRadius, kRadius) * noise, ny = rng.uniform(-kRadius, kRadius) * noise;
      const double noisy_r2 = (x + nx) * (x + nx) + (y + ny) * (y + ny);
      out.push_back(make_point(x, y, noisy_r2 < 0.25 * kRadius * kRadius ? 1 : 0));
    }
  }
}

// Four quadrants; x and y are pushed 0.3 off the axes so the noise-free classes have a visible gap.
void gen_xor(Rng& rng, int n, double noise, std::vector<Point>& out) {
  constexpr double kPadding = 0.3;
  for (int i = 0; i < n; ++i) {
    double x = rng.uniform(-5.0, 5.0);
    x += x > 0 ? kPadding : -kPadding;
    double y = rng.uniform(-5.0, 5.0);
    y += y > 0 ? kPadding : -kPadding;
    const double nx = rng.uniform(-5.0, 5.0) * noise, ny = rng.uniform(-5.0, 5.0) * noise;
    out.push_back(make_point(x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0));
  }
}

// Two Gaussians. TF maps noise 0..0.5 linearly to variance 0.5..4; our noise runs to 1, so the variance is
// clamped at 4 (TF's slider stops at 0.5).
void gen_gauss(Rng& rng, int n, double noise, std::vector<Point>& out) {
  const double variance = std::clamp(0.5 + 3.5 * (noise / 0.5), 0.5, 4.0);
  const double sd = std::sqrt(variance);  // sqrt is correctly rounded everywhere (IEEE 754)
  for (int label = 1; label >= 0; --label) {
    const double c = label == 1 ? 2.0 : -2.0;
    for (int i = 0; i < class_size(n, 2, label); ++i) {
      const double x = rng.normal(c, sd), y = rng.normal(c, sd);
      out.push_back(make_point(x, y, label));
    }
  }
}

// Two interleaved arms, 1.75 turns each, the second rotated by pi.
void gen_spiral(Rng& rng, int n, double noise, std::vector<Point>& out) {
  for (int label = 1; label >= 0; --label) {
    const int m = class_size(n, 2, label);
    const double delta = label == 1 ? 0.0 : kPi;
    for (int i = 0; i < m; ++i) {
      const double r = static_cast<double>(i) / m * 5;
      const double t = 1.75 * i / m * 2 * kPi + delta;
      const double x = r * det_sin(t) + rng.uniform(-1.0, 1.0) * noise;
      const double y = r * det_cos(t) + rng.uniform(-1.0, 1.0) * noise;
      out.push_back(make_point(x, y, label));
    }
  }
}

// Regression: TF's target scale maps x + y in [-10, 10] to [-1, 1]; the noise goes into the target only.
void gen_plane(Rng& rng, int n, double noise, std::vector<Point>& out) {
  for (int i = 0; i < n; ++i) {
    const double x = rng.uniform(-kLimit, kLimit), y = rng.uniform(-kLimit, kLimit);
    const double nx = rng.uniform(-kLimit, kLimit) * noise, ny = rng.uniform(-kLimit, kLimit) * noise;
    out.push_back(make_point(x, y, (x + nx + y + ny) / 10));
  }
}

// Six signed bumps; each falls linearly from 1 at its centre to 0 at distance 2. The target is the signed
// value with the largest magnitude (the nearest bump wins, as in TF).
double multigauss_target(double x, double y) {
  constexpr double kBumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double target = 0;
  for (const auto& b : kBumps) {
    const double d = std::sqrt((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]));
    const double v = b[2] * std::clamp(1 - d / 2, 0.0, 1.0);
    if (std::fabs(v) > std::fabs(target)) target = v;
  }
  return target;
}

void gen_multigauss(Rng& rng, int n, double noise, std::vector<Point>& out) {
  for (int i = 0; i < n; ++i) {
    const double x = rng.uniform(-kLimit, kLimit), y = rng.uniform(-kLimit, kLimit);
    const double nx = rng.uniform(-kLimit, kLimit) * noise, ny = rng.uniform(-kLimit, kLimit) * noise;
    out.push_back(make_point(x, y, multigauss_target(x + nx, y + ny)));
  }
}

// --- more classification sets -------------------------------------------------------------------------------

// sklearn's make_moons: the upper half circle (label 0) at (0, 0) and the lower one (label 1) at (1, 0.5),
// evenly spaced in angle. The union spans [-1, 2] x [-0.5, 1]; scaling by 10/3 about its centre (0.5, 0.25)
// fills [-5, 5] in x and keeps the shape round.
void gen_moons(Rng& rng, int n, double noise, std::vector<Point>& out) {
  constexpr double kScale = 10.0 / 3.0;
  for (int label = 0; label <= 1; ++label) {
    const int m = class_size(n, 2, label);
    for (int i = 0; i < m; ++i) {
      const double t = m > 1 ? kPi * i / (m - 1) : 0.0;
      const double ux = label == 0 ? det_cos(t) : 1 - det_cos(t);
      const double uy = label == 0 ? det_sin(t) : 0.5 - det_sin(t);
      const double x = (ux - 0.5) * kScale + rng.normal(0.0, noise * 2);
      const double y = (uy - 0.25) * kScale + rng.normal(0.0, noise * 2);
      out.push_back(make_point(x, y, label));
    }
  }
}

// Gaussian blobs; label j is centred at centres[j]. Used by Blobs (2 classes) and BlobsK (k on a circle).
void gen_blobs_at(Rng& rng, int n, double sd, const std::vector<std::array<double, 2>>& centres,
                  std::vector<Point>& out) {
  const int k = static_cast<int>(centres.size());
  for (int j = 0; j < k; ++j) {
    for (int i = 0; i < class_size(n, k, j); ++i) {
      const double x = rng.normal(centres[j][0], sd), y = rng.normal(centres[j][1], sd);
      out.push_back(make_point(x, y, j));
    }
  }
}

void gen_blobs_k(Rng& rng, int n, int k, double noise, std::vector<Point>& out) {
  std::vector<std::array<double, 2>> centres;
  for (int j = 0; j < k; ++j) {
    const double a = 2 * kPi * j / k;
    centres.push_back({4 * det_cos(a), 4 * det_sin(a)});
  }
  gen_blobs_at(rng, n, 0.6 + 2 * noise, centres, out);
}

// k arms, each turning 4 radians while the radius grows to 5; arm j is rotated by 2 pi j / k.
void gen_spiral_k(Rng& rng, int n, int k, double noise, std::vector<Point>& out) {
  for (int j = 0; j < k; ++j) {
    const int m = class_size(n, k, j);
    for (int i = 0; i < m; ++i) {
      const double r = 5.0 * i / m, t = 4.0 * i / m + 2 * kPi * j / k;
      const double x = r * det_sin(t) + rng.uniform(-1.0, 1.0) * noise;
      const double y = r * det_cos(t) + rng.uniform(-1.0, 1.0) * noise;
      out.push_back(make_point(x, y, j));
    }
  }
}

// --- 1-D regression: Point.x is the input, Point.y the target ----------------------------------------------

void gen_line(Rng& rng, int n, double noise, std::vector<Point>& out) {
  for (int i = 0; i < n; ++i) {
    const double x = rng.uniform(-kLimit, kLimit);
    out.push_back(make_point(x, 0.5 * x + 1 + rng.normal(0.0, noise * 2), 0));
  }
}

void gen_sine(Rng& rng, int n, double noise, std::vector<Point>& out) {
  for (int i = 0; i < n; ++i) {
    const double x = rng.uniform(-kLimit, kLimit);
    out.push_back(make_point(x, det_sin(x) + rng.normal(0.0, noise), 0));
  }
}

// --- 1-D classification: Point.x is the input, Point.y = Point.label the class (0/1) ---------------------------

// Two Gaussians on the line (course 4.6, logistic regression with one feature): class 0 centred at -2, class 1 at
// +2, n / 2 points each (the odd one to class 0, as class_size says), the spread as gen_gauss's: variance 0.5 at
// noise 0 up to 4 at noise 0.5 and beyond. The target coordinate y is the class, so a 1-D view draws the points
// at heights 0 and 1 under the fitted sigma(w x + b).
void gen_gauss_1d(Rng& rng, int n, double noise, std::vector<Point>& out) {
  const double variance = std::clamp(0.5 + 3.5 * (noise / 0.5), 0.5, 4.0);
  const double sd = std::sqrt(variance);
  for (int label = 0; label <= 1; ++label) {
    const double c = label == 1 ? 2.0 : -2.0;
    for (int i = 0; i < class_size(n, 2, label); ++i) out.push_back(make_point(rng.normal(c, sd), label, label));
  }
}

// User labels: k classes when every label is an integer 0..7 and the largest is k - 1 >= 2. A class may be
// missing (the user may add classes 0 and 2 before 1); anything else is a real-valued target.
bool is_class_label(float label) { return label >= 0 && label <= kMaxClasses - 1 && label == std::floor(label); }

DataInfo user_info(const DataSpec& spec) {
  if (spec.user_one_d) return {Problem::Regression, 0, 1};
  int max_label = 0;
  for (const Point& p : spec.user_points) {
    if (!is_class_label(p.label)) return {Problem::Regression, 0, 2};
    max_label = std::max(max_label, static_cast<int>(p.label));
  }
  if (max_label <= 1) return {Problem::Binary, 2, 2};  // also the empty set
  return {Problem::Multiclass, max_label + 1, 2};
}

}  // namespace

DataInfo dataset_info(const DataSpec& spec) {
  switch (spec.kind) {
    case DatasetKind::Plane:
    case DatasetKind::MultiGauss: return {Problem::Regression, 0, 2};
    case DatasetKind::SpiralK:
    case DatasetKind::BlobsK: return {Problem::Multiclass, k_classes(spec), 2};
    case DatasetKind::Line:
    case DatasetKind::Sine: return {Problem::Regression, 0, 1};
    case DatasetKind::Gauss1D: return {Problem::Binary, 2, 1};
    case DatasetKind::User: return user_info(spec);
    default: return {Problem::Binary, 2, 2};  // Circle, Xor, Gauss, Spiral, Moons, Blobs
  }
}

std::vector<Point> generate_points(const DataSpec& spec) {
  if (spec.kind == DatasetKind::User) return spec.user_points;
  const int n = std::max(spec.num_points, 0);
  const double noise = spec.noise;
  Rng rng(spec.seed);
  std::vector<Point> out;
  out.reserve(static_cast<size_t>(n));
  switch (spec.kind) {
    case DatasetKind::Circle: gen_circle(rng, n, noise, out); break;
    case DatasetKind::Xor: gen_xor(rng, n, noise, out); break;
    case DatasetKind::Gauss: gen_gauss(rng, n, noise, out); break;
    case DatasetKind::Spiral: gen_spiral(rng, n, noise, out); break;
    case DatasetKind::Plane: gen_plane(rng, n, noise, out); break;
    case DatasetKind::MultiGauss: gen_multigauss(rng, n, noise, out); break;
    case DatasetKind::Moons: gen_moons(rng, n, noise, out); break;
    case DatasetKind::Blobs: gen_blobs_at(rng, n, 1.0 + 2 * noise, {{-2.5, 2.0}, {2.5, -2.0}}, out); break;
    case DatasetKind::SpiralK: gen_spiral_k(rng, n, k_classes(spec), noise, out); break;
    case DatasetKind::BlobsK: gen_blobs_k(rng, n, k_classes(spec), noise, out); break;
    case DatasetKind::Line: gen_line(rng, n, noise, out); break;
    case DatasetKind::Sine: gen_sine(rng, n, noise, out); break;
    case DatasetKind::Gauss1D: gen_gauss_1d(rng, n, noise, out); break;
    case DatasetKind::User: break;  // handled above
  }
  return out;
}

// --- features ----------------------------------------------------------------------------------------------

FeatureSet effective_features(FeatureSet wanted, int input_dim) {
  constexpr FeatureSet kAll = (1u << kNumFeatures) - 1;
  constexpr FeatureSet kOneD = kFeatX | kFeatX2 | kFeatSinX;  // for 1-D sets Point.y is the target
  const FeatureSet f = wanted & (input_dim == 1 ? kOneD : kAll);
  if (f != 0) return f;
  return input_dim == 1 ? FeatureSet{kFeatX} : FeatureSet{kFeatX | kFeatY};
}

int feature_count(FeatureSet f) {
  int count = 0;
  for (int bit = 0; bit < kNumFeatures; ++bit) count += (f >> bit) & 1;
  return count;
}

// Rows in the Feature enum's bit order: x, y, x^2, y^2, xy, sin x, sin y.
Vec featurize_point(float x, float y, FeatureSet features, int input_dim) {
  const FeatureSet f = effective_features(features, input_dim);
  const float all[kNumFeatures] = {x, y, x * x, y * y, x * y, det_sin(x), det_sin(y)};
  Vec out(feature_count(f));
  Index row = 0;
  for (int bit = 0; bit < kNumFeatures; ++bit)
    if (f & (1u << bit)) out(row++) = all[bit];
  return out;
}

Mat featurize(const std::vector<Point>& points, FeatureSet features, int input_dim) {
  const FeatureSet f = effective_features(features, input_dim);
  Mat X(feature_count(f), static_cast<Index>(points.size()));  // (F x N)
  for (size_t n = 0; n < points.size(); ++n)
    X.col(static_cast<Index>(n)) = featurize_point(points[n].x, points[n].y, f, input_dim);
  return X;
}

// --- targets and the split -------------------------------------------------------------------------------

namespace {
int class_of(const Point& p) { return static_cast<int>(std::lround(p.label)); }
}  // namespace

Mat make_targets(const std::vector<Point>& points, const DataInfo& info, bool pm_one_binary) {
  const Index N = static_cast<Index>(points.size());
  if (info.problem == Problem::Multiclass) {
    Mat Y = Mat::Zero(info.classes, N);  // (K x N) one-hot
    for (Index n = 0; n < N; ++n) {
      const int c = class_of(points[static_cast<size_t>(n)]);
      PG_ASSERT(c >= 0 && c < info.classes);
      if (c >= 0 && c < info.classes) Y(c, n) = 1;
    }
    return Y;
  }
  Mat Y(1, N);  // (1 x N)
  for (Index n = 0; n < N; ++n) {
    const Point& p = points[static_cast<size_t>(n)];
    if (info.problem == Problem::Regression) Y(0, n) = info.input_dim == 1 ? p.y : p.label;
    else Y(0, n) = class_of(p) == 1 ? 1.0f : (pm_one_binary ? -1.0f : 0.0f);
  }
  return Y;
}

size_t train_count(size_t total, float fraction) {
  if (total == 0) return 0;
  const double f = std::isfinite(fraction) ? std::clamp(static_cast<double>(fraction), 0.0, 1.0) : 0.5;
  const auto n = static_cast<size_t>(std::llround(f * static_cast<double>(total)));
  const size_t hi = total >= 2 ? total - 1 : total;
  return std::clamp<size_t>(n, 1, hi);
}

namespace {

std::vector<int> class_labels(const std::vector<Point>& points, const DataInfo& info) {
  std::vector<int> labels;
  if (info.problem == Problem::Regression) return labels;
  for (const Point& p : points) labels.push_back(class_of(p));
  return labels;
}
}  // namespace

Dataset build_dataset(const DataSpec& spec, FeatureSet features, bool pm_one_binary) {
  Dataset ds;
  ds.info = dataset_info(spec);
  ds.features = effective_features(features, ds.info.input_dim);
  std::vector<Point> points = generate_points(spec);
  Rng split_rng(spec.seed, kSplitStream);
  split_rng.shuffle(points);
  const auto n_train = static_cast<std::ptrdiff_t>(train_count(points.size(), spec.train_fraction));
  ds.train_points.assign(points.begin(), points.begin() + n_train);
  ds.test_points.assign(points.begin() + n_train, points.end());
  ds.X_train = featurize(ds.train_points, ds.features, ds.info.input_dim);
  ds.X_test = featurize(ds.test_points, ds.features, ds.info.input_dim);
  ds.Y_train = make_targets(ds.train_points, ds.info, pm_one_binary);
  ds.Y_test = make_targets(ds.test_points, ds.info, pm_one_binary);
  ds.labels_train = class_labels(ds.train_points, ds.info);
  ds.labels_test = class_labels(ds.test_points, ds.info);
  return ds;
}

// --- CSV -----------------------------------------------------------------------------------------------------

namespace {

std::string_view trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// Calls visit(field) on each comma-separated field of a line, trimmed, while it returns true.
template <class Visit> void for_each_field(std::string_view line, Visit&& visit) {
  for (size_t start = 0;;) {
    const size_t comma = line.find(',', start);
    if (!visit(trim(line.substr(start, comma == std::string_view::npos ? comma : comma - start)))) return;
    if (comma == std::string_view::npos) return;
    start = comma + 1;
  }
}

// A line's fields: the first three (no data row has more) and how many there are. Counted, not stored: a pasted
// line of ten million commas once became a vector of ten million fields (160 MB; a gigabyte in the page for the
// largest text it opens).
struct Fields {
  std::string_view kept[3];
  size_t count = 0;
};
Fields split_fields(std::string_view line) {
  Fields f;
  for_each_field(line, [&](std::string_view field) {
    if (f.count < 3) f.kept[f.count] = field;
    ++f.count;
    return true;
  });
  return f;
}

// strtod with an end-pointer check: the whole field must be the number ("1.5x" and "" are not numbers).
// strtod reads the "C" locale's decimal point; the app never calls setlocale.
bool to_double(std::string_view field, double& out) {
  if (field.empty()) return false;
  const std::string buf(field);  // strtod needs a terminated string
  char* end = nullptr;
  out = std::strtod(buf.c_str(), &end);
  return end == buf.c_str() + buf.size();
}

std::string at_line(size_t line_no, const std::string& msg) { return "line " + std::to_string(line_no) + ": " + msg; }

// A field for a message: at most 40 characters, anything but printable ASCII shown as '?', so an error about a
// pasted megabyte of junk stays one short line.
std::string shown(std::string_view field) {
  constexpr size_t kMaxShown = 40;
  std::string out;
  for (char c : field.substr(0, kMaxShown)) out += (c >= 0x20 && c <= 0x7e) ? c : '?';
  return field.size() > kMaxShown ? out + "..." : out;
}

// A header is a first row made only of text ("x1,x2,label"); "1,abc,0" is a data row with a bad number.
bool is_header(std::string_view line) {
  bool header = true;
  for_each_field(line, [&](std::string_view field) {
    double unused = 0;
    header = !to_double(field, unused);
    return header;
  });
  return header;
}

// Converts one data row; returns an error message (without the line prefix) or "".
std::string parse_row(const Fields& row, Point& p) {
  static constexpr std::string_view kNames3[] = {"x1", "x2", "label"}, kNames2[] = {"x", "y"};
  const bool one_d = row.count == 2;
  const std::string_view* fields = row.kept;
  double v[3] = {0, 0, 0};
  for (size_t c = 0; c < row.count && c < 3; ++c) {
    const std::string text = shown(fields[c]);
    if (fields[c].empty()) return "empty value in column " + std::to_string(c + 1);
    if (!to_double(fields[c], v[c])) return "'" + text + "' is not a number";
    if (!std::isfinite(v[c])) return "'" + text + "' is not a finite number";
    const bool is_coord = one_d || c < 2;  // 1-D: x and the target y are both plotted on the canvas
    if (is_coord && std::fabs(v[c]) > kLimit)
      return std::string(one_d ? kNames2[c] : kNames3[c]) + " = " + text + " is outside [-6, 6]";
    if (!is_coord && std::fabs(v[c]) > kMaxCsvTarget)  // would blow up the first steps, not the learning rate
      return "label = " + text + " is beyond +-1e6; a target this large makes training overflow (scale the column down)";
  }
  p = one_d ? Point{static_cast<float>(v[0]), static_cast<float>(v[1]), 0}
            : Point{static_cast<float>(v[0]), static_cast<float>(v[1]), static_cast<float>(v[2])};
  return {};
}

// How the labels of 3-column rows read, said once after opening: -1/+1 become classes 0/1 (a note); labels
// that are not classes 0..7 make a regression set, and the note names the first such label and its line.
std::string read_labels(std::vector<Point>& points, const std::vector<size_t>& lines) {
  const bool pm_one = std::all_of(points.begin(), points.end(), [](const Point& p) { return p.label == -1 || p.label == 1; });
  if (pm_one && std::any_of(points.begin(), points.end(), [](const Point& p) { return p.label == -1; })) {
    for (Point& p : points) p.label = p.label > 0 ? 1.0f : 0.0f;
    return "Labels -1/+1 read as two classes: -1 is class 0, +1 is class 1";
  }
  for (size_t i = 0; i < points.size(); ++i) {
    const float label = points[i].label;
    if (is_class_label(label)) continue;
    char value[32];
    std::snprintf(value, sizeof value, "%.9g", double{label});
    const std::string where = "label " + std::string(value) + " on line " + std::to_string(lines[i]);
    const std::string why = label != std::floor(label) ? where + " is not a whole number"
                            : label < 0                ? where + " is negative (classes are 0..7, or -1/+1 for two)"
                                                       : where + " is beyond class 7 (at most 8 classes, 0..7)";
    return "Opened as a regression set because " + why;
  }
  return "";
}

}  // namespace

std::string_view trim_text(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF", kSpace = " \t\r\n\v\f";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());  // spreadsheets and Windows editors
  const size_t b = text.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  return text.substr(b, text.find_last_not_of(kSpace) - b + 1);
}

CsvResult parse_csv(std::string_view text, size_t max_points) {
  CsvResult res;
  std::vector<size_t> lines;  // the line of each point, for the labels' note
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM; lines keep their numbers, so no trim_text
  size_t columns = 0, line_no = 0;
  bool first_row = true;
  for (size_t pos = 0; pos <= text.size();) {
    const size_t nl = std::min(text.find('\n', pos), text.size());
    const std::string_view line = trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const Fields fields = split_fields(line);
    const bool header = first_row && is_header(line);
    first_row = false;
    if (header) continue;
    if (columns == 0 && fields.count != 2 && fields.count != 3) {
      res.error = at_line(line_no, "expected 3 values (x1,x2,label) or 2 values (x,y), found " +
                                       std::to_string(fields.count));
    } else if (columns != 0 && fields.count != columns) {
      res.error = at_line(line_no, "expected " + std::to_string(columns) + " values like the first row, found " +
                                       std::to_string(fields.count));
    } else if (res.points.size() >= max_points) {
      res.error = at_line(line_no, "more than " + std::to_string(max_points) + " data rows");
    } else {
      columns = fields.count;
      lines.push_back(line_no);
      res.points.emplace_back();
      const std::string err = parse_row(fields, res.points.back());
      if (!err.empty()) res.error = at_line(line_no, err);
    }
    if (!res.error.empty()) break;
  }
  if (res.error.empty() && res.points.empty()) res.error = "no data rows";
  res.one_d = res.error.empty() && columns == 2;
  if (!res.error.empty()) res.points.clear();
  else if (res.one_d) res.note = "Opened as a 1-D regression set: the two columns are x and its target y";
  else res.note = read_labels(res.points, lines);
  return res;
}

// "%.9g" prints any float so that it reads back to the same float (9 significant digits suffice), and unlike
// std::to_chars for floats it is available in every standard library we build with.
std::string points_to_csv(const std::vector<Point>& points, bool one_d) {
  std::string out = one_d ? "x,y\n" : "x1,x2,label\n";
  char buf[96];
  for (const Point& p : points) {
    const int len = one_d ? std::snprintf(buf, sizeof buf, "%.9g,%.9g\n", double{p.x}, double{p.y})
                          : std::snprintf(buf, sizeof buf, "%.9g,%.9g,%.9g\n", double{p.x}, double{p.y},
                                          double{p.label});
    out.append(buf, static_cast<size_t>(len));
  }
  return out;
}

}  // namespace pg
