// state/params.h: the one Params struct (everything a share link must reproduce: the run, the view worth
// sharing and classroom mode) and the one field table that drives the link codec, the CLI and the panel.
// Defaults live here only. Depends on core/types.h for the enums and core/data.h for Point; never on UI, GL or
// Emscripten.
#pragma once

#include "content/i18n.h"
#include "content/lessons.h"
#include "core/data.h"
#include "core/types.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace pg {

constexpr int kUrlVersion = 1;  // bump when a key's meaning changes

// Optional overrides of what the problem implies (regression -> linear + MSE, binary -> sigmoid + BCE,
// k classes -> softmax + CCE). "auto" keeps the implied choice.
enum class OutChoice : uint8_t { Auto, Linear, Sigmoid, Tanh, Softmax };
enum class LossChoice : uint8_t { Auto, Mse, Bce, Cce };
inline constexpr std::array<std::string_view, 5> kOutChoiceNames = {"auto", "linear", "sigmoid", "tanh", "softmax"};
inline constexpr std::array<std::string_view, 4> kLossChoiceNames = {"auto", "mse", "bce", "cce"};
// Controls that classroom mode can hide ("hide=lr,opt"): bit i of Params::hidden_controls is kControlNames[i].
inline constexpr std::array<std::string_view, 18> kControlNames = {
    "model", "data", "noise", "points", "split", "classes", "features", "layers", "act",
    "out",   "lr",   "batch", "opt",    "reg",   "init",    "seeds",    "speed",  "inspector"};
// Views an embedded page shows ("embed=network,data", for an <iframe> on a course page): bit i of
// Params::embed_views is kViewNames[i]; none set is the whole page.
inline constexpr std::array<std::string_view, 7> kViewNames = {"controls", "params", "network", "data",
                                                               "loss",     "status", "inspector"};
// Activations a hidden layer may use (softmax is an output only).
inline constexpr std::array<std::string_view, 7> kHiddenActNames = {"linear", "sigmoid", "tanh", "relu",
                                                                   "lrelu",  "elu",     "softplus"};

// The learning rates the panel lists (TensorFlow Playground's); any other value in the lr range can be typed.
inline constexpr std::array<float, 11> kStandardLearningRates = {0.00001f, 0.0001f, 0.001f, 0.003f, 0.01f, 0.03f,
                                                                 0.1f,     0.3f,    1.0f,   3.0f,   10.0f};

constexpr int kMaxHiddenLayers = 16;
constexpr int kMaxWidth = 256;
constexpr int kMaxPoints = 5000;      // data in general (generated sets, CSV, user points)
constexpr int kMaxLinkPoints = 2000;  // user points a share link carries (~13 kB of link text at most); the page
                                      // says so and offers the CSV export beyond it
constexpr uint64_t kMaxReplaySteps = 10'000'000;

struct Params {
  ModelKind model = ModelKind::Mlp;
  DatasetKind data = DatasetKind::Circle;
  int num_points = 500;
  float noise = 0.0f;
  float train_fraction = 0.5f;
  int classes = 3;
  FeatureSet features = kFeatX | kFeatY;
  std::vector<int> hidden = {4, 2};
  std::vector<Act> acts = {Act::Tanh};  // one value for every hidden layer, or one per hidden layer
  LossChoice loss = LossChoice::Auto;
  OutChoice out = OutChoice::Auto;
  float learning_rate = 0.03f;
  int batch_size = 10;
  Optimizer optimizer = Optimizer::Sgd;
  float momentum = 0.9f;
  float beta1 = 0.9f;
  float beta2 = 0.999f;
  Reg reg = Reg::None;
  float reg_rate = 0.0f;
  Init init = Init::Xavier;
  uint32_t data_seed = 1;
  uint32_t init_seed = 1;
  uint64_t steps = 0;                // replay this many minibatch steps on open
  // The view worth sharing. Booleans are ints 0/1, so the one integer field kind covers them.
  int view_inspector = 0;            // 1: the Jacobian inspector window is open
  int view_tab = 0;                  // inspector tab: 0 matrices, 1 chain rule, 2 gradient check, 3 backprop stepper,
                                     // 4 loss landscape, 5 scalar graph, 6 paths (total derivative), 7 gradient norms
  int view_decompose = 0;            // 1: the scalar graph draws the sigmoid as x(-1), exp, +1, 1/x
  int view_layer = 1;                // 1..kMaxHiddenLayers + 1
  int view_matrix = 3;               // index into the inspector's list of matrices, 0..9
  int view_op = 0;                   // chain-rule op, 0..4
  int view_sample = 0;               // 0..kMaxPoints - 1
  int view_symlog = 0;               // 1: symmetric-log heatmap scale
  int view_live = 1;                 // 1: heatmaps follow training
  int show_test = 0;                 // 1: draw the test points
  int loss_log = 0;                  // 1: log-scale loss chart
  uint32_t hidden_controls = 0;      // classroom mode: bit i hides kControlNames[i]
  int lesson = 0;                    // the lesson open: index into kLessonIds (0: none)
  int language = 0;                  // the page's language: index into kLanguageChoiceNames (0: the browser's)
  uint32_t embed_views = 0;          // an embedded page: bit i shows kViewNames[i] (0: the whole page)
  std::vector<Point> points;         // user points (data=user)
  bool points_one_d = false;         // user points are (x, target) pairs

  bool operator==(const Params&) const = default;
};

// Ranges for the visitor: numbers are clamped into [lo, hi] (with a warning) by the codec.
struct RealRange { double lo, hi; };
struct IntRange { long long lo, hi; };
struct ListRange { int max_len; int lo, hi; };  // int list: up to max_len entries, each in [lo, hi]
struct FlagsRange { bool empty_ok; };           // bit set: may it be empty? (no input features is no model)

// The single source of truth for the schema. A visitor implements:
//   v.enumeration(key, E& value, names, help)      v.real(key, float&, RealRange, help)
//   v.integer(key, Int& value, IntRange, help)     v.int_list(key, std::vector<int>&, ListRange, help)
//   v.act_list(key, std::vector<Act>&, help)       v.flags(key, Bits& set, names, FlagsRange, help)
//   v.points(key, std::vector<Point>&, bool& one_d, help)
// (Bits is FeatureSet or uint32_t: bit i is names[i].)
template <class P, class V> void visit_fields(P& p, V&& v) {
  v.enumeration("model", p.model, kModelNames, "Model: linear regression, logistic regression, softmax regression or MLP");
  v.enumeration("data", p.data, kDatasetNames, "Dataset");
  v.integer("n", p.num_points, IntRange{10, kMaxPoints}, "Number of points");
  v.real("noise", p.noise, RealRange{0, 1}, "Noise (0.5 = TensorFlow Playground's 50)");
  v.real("split", p.train_fraction, RealRange{0.1, 0.9}, "Fraction of points used for training");
  v.integer("classes", p.classes, IntRange{3, 8}, "Classes of the k-arm spiral and k-blob sets");
  v.flags("features", p.features, kFeatureNames, FlagsRange{false}, "Input features: x, y, x^2, y^2, xy, sin x, sin y");
  v.int_list("layers", p.hidden, ListRange{kMaxHiddenLayers, 1, kMaxWidth}, "Hidden layer widths, e.g. 8,8");
  v.act_list("act", p.acts, "Hidden activation: one value, or one per hidden layer");
  v.enumeration("loss", p.loss, kLossChoiceNames, "Loss override (auto follows the problem)");
  v.enumeration("out", p.out, kOutChoiceNames, "Output activation override (auto follows the problem)");
  v.real("lr", p.learning_rate, RealRange{1e-6, 10}, "Learning rate eta: w <- w - eta dL/dw");
  v.integer("batch", p.batch_size, IntRange{1, kMaxPoints}, "Minibatch size N");
  v.enumeration("opt", p.optimizer, kOptimizerNames, "Optimizer");
  v.real("momentum", p.momentum, RealRange{0, 0.999}, "Momentum mu: v <- mu v + g, w <- w - eta v");
  v.real("beta1", p.beta1, RealRange{0, 0.9999}, "Adam beta1 (first moment decay)");
  v.real("beta2", p.beta2, RealRange{0, 0.99999}, "Adam beta2 (second moment decay)");
  v.enumeration("reg", p.reg, kRegNames, "Regularization of the weights");
  v.real("rate", p.reg_rate, RealRange{0, 10}, "Regularization rate lambda");
  v.enumeration("init", p.init, kInitNames, "Weight initialisation");
  v.integer("dseed", p.data_seed, IntRange{0, 4294967295LL}, "Data seed");
  v.integer("iseed", p.init_seed, IntRange{0, 4294967295LL}, "Initialisation and shuffle seed");
  v.integer("step", p.steps, IntRange{0, static_cast<long long>(kMaxReplaySteps)}, "Minibatch steps to replay");
  v.integer("insp", p.view_inspector, IntRange{0, 1}, "Jacobian inspector window open");
  v.integer("itab", p.view_tab, IntRange{0, 7},
            "Inspector tab: 0 matrices, 1 chain rule, 2 gradient check, 3 stepper, 4 landscape, 5 scalar graph, 6 paths, "
            "7 gradient norms");
  v.integer("decomp", p.view_decompose, IntRange{0, 1}, "Scalar graph: the sigmoid as x(-1), exp, +1, 1/x");
  v.integer("ilayer", p.view_layer, IntRange{1, kMaxHiddenLayers + 1}, "Inspector layer");
  v.integer("imat", p.view_matrix, IntRange{0, 9}, "Inspector matrix (index into its list)");
  v.integer("iop", p.view_op, IntRange{0, 4}, "Inspector chain-rule op");
  v.integer("isample", p.view_sample, IntRange{0, kMaxPoints - 1}, "Inspector sample");
  v.integer("symlog", p.view_symlog, IntRange{0, 1}, "Symmetric-log heatmap scale");
  v.integer("live", p.view_live, IntRange{0, 1}, "Heatmaps follow training");
  v.integer("showtest", p.show_test, IntRange{0, 1}, "Draw the test points");
  v.integer("logloss", p.loss_log, IntRange{0, 1}, "Log-scale loss chart");
  v.flags("hide", p.hidden_controls, kControlNames, FlagsRange{true}, "Controls hidden in classroom mode");
  v.enumeration("lang", p.language, kLanguageChoiceNames, "Language: auto (the browser's), en, ko");
  v.enumeration("lesson", p.lesson, kLessonIds, "The lesson open (its course section, e.g. 3.10; none: no lesson)");
  v.flags("embed", p.embed_views, kViewNames, FlagsRange{true}, "Embedded page: only these views (empty: the whole page)");
  v.points("pts", p.points, p.points_one_d, "User points (data=user)");
}

// A numeric field's range as the field table gives it ({lo, hi}), for the panel's sliders and inputs, so the
// panel offers exactly what a link may carry. std::nullopt for a key that is not a number field.
struct FieldRange { double lo, hi; };
std::optional<FieldRange> field_range(std::string_view key);
// True if `key` is a key of the field table (e.g. "batch"; the badges and corrections name fields this way).
bool is_field_key(std::string_view key);

}  // namespace pg
