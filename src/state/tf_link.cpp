// state/tf_link.cpp: TensorFlow Playground links -> this playground's keys (the mapping is in tf_link.h). Two
// steps: TfReader reads TF's keys into a TfState with TF's types and TF's defaults (junk warns and keeps the
// default), then to_our_pairs writes that state in this playground's vocabulary, noting each inexact part.
// Ranges are not checked here: url_codec.cpp's Decoder clamps the result into the field table's ranges.
// Std only; never throws.
#include "state/tf_link.h"

#include "state/params.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <cstdio>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace pg {
namespace {

using namespace link_text;

constexpr std::string_view kTfHost = "playground.tensorflow.org";
constexpr std::string_view kHideSuffix = "_hide";

// Keys that only TF links have (our own keys are all different, and a "v" key means one of ours).
constexpr std::array<std::string_view, 20> kTfOnlyKeys = {
    "networkShape", "learningRate", "batchSize", "percTrainData", "regDataset", "regularizationRate", "showTestData",
    "discretize",   "xTimesY",      "xSquared",  "ySquared",      "sinX",       "sinY",               "cosX",
    "cosY",         "problem",      "collectStats", "initZero",   "hideText",   "tutorial"};

// TF's option names (state.ts), and ours where they differ, index for index.
constexpr std::array<std::string_view, 4> kTfActivations = {"relu", "tanh", "sigmoid", "linear"};
constexpr std::array<std::string_view, 3> kTfRegularizations = {"none", "L1", "L2"};
constexpr std::array<std::string_view, 3> kOurRegs = {"none", "l1", "l2"};
constexpr std::array<std::string_view, 4> kTfDatasets = {"circle", "xor", "gauss", "spiral"};
constexpr std::array<std::string_view, 2> kTfRegDatasets = {"reg-plane", "reg-gauss"};
constexpr std::array<std::string_view, 2> kOurRegDatasets = {"plane", "multigauss"};
constexpr std::array<std::string_view, 2> kTfProblems = {"classification", "regression"};

// TF's activation and dataset names are ours too, so they pass through as they are.
static_assert(index_of(kHiddenActNames, "relu") >= 0 && index_of(kHiddenActNames, "sigmoid") >= 0);
static_assert(index_of(kDatasetNames, "gauss") >= 0 && index_of(kDatasetNames, "spiral") >= 0);

// TF Playground's State (state.ts) with its defaults. Options hold TF's name; seed and tutorial are "" when absent.
struct TfState {
  std::string_view activation = "tanh", regularization = "none", dataset = "circle", reg_dataset = "reg-plane",
                   problem = "classification";
  double batch_size = 10, learning_rate = 0.03, regularization_rate = 0, noise = 0, perc_train_data = 50;
  std::vector<double> network_shape = {4, 2};
  std::string seed, tutorial;
  bool show_test_data = false, discretize = false, collect_stats = false, init_zero = false, hide_text = false;
  bool x = true, y = true, x_times_y = false, x_squared = false, y_squared = false, sin_x = false, sin_y = false,
       cos_x = false, cos_y = false;
  uint32_t hidden_controls = 0;  // already ours: bits of kControlNames, from the <control>_hide keys
  std::map<std::string_view, std::string> given;  // key -> the value text the link had, for each value read
};

// What the link said for key (percent-decoded), else `fallback` (TF's default, as text).
std::string said(const TfState& s, std::string_view key, std::string fallback) {
  const auto it = s.given.find(key);
  return it != s.given.end() ? it->second : fallback;
}

// TF's State.PROPS, in TF's order. A visitor implements choice, number, count (a whole number), counts (a list
// of them), boolean and text.
template <class S, class V> void visit_tf_props(S& s, V&& v) {
  v.choice("activation", s.activation, kTfActivations);
  v.choice("regularization", s.regularization, kTfRegularizations);
  v.count("batchSize", s.batch_size);
  v.choice("dataset", s.dataset, kTfDatasets);
  v.choice("regDataset", s.reg_dataset, kTfRegDatasets);
  v.number("learningRate", s.learning_rate);
  v.number("regularizationRate", s.regularization_rate);
  v.number("noise", s.noise);
  v.counts("networkShape", s.network_shape);
  v.text("seed", s.seed);
  v.boolean("showTestData", s.show_test_data);
  v.boolean("discretize", s.discretize);
  v.number("percTrainData", s.perc_train_data);
  v.boolean("x", s.x);
  v.boolean("y", s.y);
  v.boolean("xTimesY", s.x_times_y);
  v.boolean("xSquared", s.x_squared);
  v.boolean("ySquared", s.y_squared);
  v.boolean("cosX", s.cos_x);
  v.boolean("sinX", s.sin_x);
  v.boolean("cosY", s.cos_y);
  v.boolean("sinY", s.sin_y);
  v.boolean("collectStats", s.collect_stats);
  v.text("tutorial", s.tutorial);
  v.choice("problem", s.problem, kTfProblems);
  v.boolean("initZero", s.init_zero);
  v.boolean("hideText", s.hide_text);
}

// TF's hidable controls (<control>_hide=true) -> ours. No control of ours: the note says why, or, when empty,
// nothing needs saying (discretize is not available at all).
struct TfHide { std::string_view tf, ours, note; };
constexpr TfHide kTfHides[] = {
    {"activation", "act", ""},     {"learningRate", "lr", ""},      {"regularization", "reg", ""},
    {"regularizationRate", "reg", ""}, {"batchSize", "batch", ""},  {"dataset", "data", ""},
    {"regDataset", "data", ""},    {"noise", "noise", ""},          {"networkShape", "layers", ""},
    {"numHiddenLayers", "layers", ""}, {"percTrainData", "split", ""}, {"seed", "seeds", ""},
    {"problem", "model", ""},      {"x", "features", ""},           {"y", "features", ""},
    {"xTimesY", "features", ""},   {"xSquared", "features", ""},    {"ySquared", "features", ""},
    {"sinX", "features", ""},      {"sinY", "features", ""},        {"cosX", "features", ""},
    {"cosY", "features", ""},      {"discretize", "", ""},
    {"showTestData", "", "the test-data checkbox cannot be hidden here; ignored"},
    {"playButton", "", "the play button cannot be hidden here; ignored"},
    {"stepButton", "", "the step button cannot be hidden here; ignored"},
    {"resetButton", "", "the reset button cannot be hidden here; ignored"},
};

// ---- Text -----------------------------------------------------------------------------------------------------

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// True when TF's host name appears before any '=' (so in the URL part, not in some value), in any case.
bool names_tf_host(std::string_view text) {
  const std::string_view head = text.substr(0, text.find('='));
  for (size_t at = 0; at + kTfHost.size() <= head.size(); ++at) {
    size_t i = 0;
    while (i < kTfHost.size() && ascii_lower(head[at + i]) == kTfHost[i]) ++i;
    if (i == kTfHost.size()) return true;
  }
  return false;
}

// TF numbers for notes and "kept" texts: %g is plenty ("0.03", "50", "1e-05").
std::string tf_number(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

// d for the Decoder: the shortest text of the float the field will hold; beyond float range, %g (the Decoder
// then clamps it into the field's range, with a warning).
std::string real_text(double d) {
  if (std::fabs(d) <= std::numeric_limits<float>::max()) return format_real(static_cast<float>(d));
  return tf_number(d);
}

// A whole number d for the Decoder; beyond +-1e18 (long long's reach) it is cut to +-1e18, still out of range.
std::string count_text(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", std::fabs(d) < 1e18 ? d : std::copysign(1e18, d));
  return buf;
}

std::string counts_text(const std::vector<double>& list) {
  std::string out;
  for (double d : list) out.append(out.empty() ? "" : ",").append(count_text(d));
  return out;
}

// ---- Reading TF's keys ----------------------------------------------------------------------------------------

struct TfKeys {
  std::vector<std::string_view> keys;
  template <class... A> void choice(std::string_view key, A&&...) { keys.push_back(key); }
  template <class... A> void number(std::string_view key, A&&...) { keys.push_back(key); }
  template <class... A> void count(std::string_view key, A&&...) { keys.push_back(key); }
  template <class... A> void counts(std::string_view key, A&&...) { keys.push_back(key); }
  template <class... A> void boolean(std::string_view key, A&&...) { keys.push_back(key); }
  template <class... A> void text(std::string_view key, A&&...) { keys.push_back(key); }
};

// A finite number (TF reads any JavaScript number), and for a count also a whole one.
bool read_number(std::string_view text, double& d, bool whole) {
  float f = 0;
  return parse_real(text, d, f) && std::isfinite(d) && (!whole || d == std::floor(d));
}

// Each present key replaces TF's default, when usable (its text is kept in `given`); else a warning names the
// key and the default kept.
struct TfReader {
  const Pairs& pairs;
  Warnings& warn;
  std::map<std::string_view, std::string>& given;

  template <size_t N> void choice(std::string_view key, std::string_view& v, const std::array<std::string_view, N>& names) {
    const std::optional<std::string_view> text = usable_value(pairs, key, v, warn);
    if (!text) return;
    const int i = index_of(names, *text);
    if (i >= 0) v = names[i];
    else warn.add(key, quote(*text) + " is not one of " + join_names(names) + "; kept " + std::string(v));
  }
  void number(std::string_view key, double& v, bool whole = false) {
    const std::string kept = tf_number(v);
    const std::optional<std::string_view> text = usable_value(pairs, key, kept, warn);
    double d = 0;
    if (!text) return;
    if (!read_number(*text, d, whole))
      return warn.add(key, quote(*text) + (whole ? " is not a whole number" : " is not a finite number") + "; kept " + kept);
    v = d;
    given[key] = *text;
  }
  void count(std::string_view key, double& v) { number(key, v, /*whole=*/true); }
  // All or nothing, like this playground's layers; the empty list is no hidden layer.
  void counts(std::string_view key, std::vector<double>& v) {
    const std::string kept = counts_text(v);
    const std::optional<std::string_view> text = usable_value(pairs, key, kept, warn, /*empty_ok=*/true);
    if (!text) return;
    std::vector<double> list;
    bool ok = true;
    for_each_item(*text, [&](std::string_view item) {
      double d = 0;
      ok = ok && read_number(item, d, true);
      if (ok) list.push_back(d);
    });
    if (!ok) return warn.add(key, quote(*text) + " is not a list of whole numbers; kept " + kept);
    v = std::move(list);
    given[key] = *text;
  }
  void boolean(std::string_view key, bool& v) {
    const std::string kept = v ? "true" : "false";
    const std::optional<std::string_view> text = usable_value(pairs, key, kept, warn);
    if (!text) return;
    if (*text == "true" || *text == "false") v = *text == "true";
    else warn.add(key, quote(*text) + " is not true or false; kept " + kept);
  }
  void text(std::string_view key, std::string& v) {
    const std::optional<std::string_view> text = usable_value(pairs, key, "none", warn);
    if (text) v = *text;
  }
};

// A key TF's PROPS do not list: a <control>_hide key, or unknown. Only a key found in kTfHides is shown as it
// is; any other is quoted (it may hold any bytes).
void read_other_key(const std::string& key, std::string_view raw_value, TfState& s, Warnings& warn) {
  if (!ends_with(key, kHideSuffix)) return warn.add("unknown key " + quote(key) + " ignored");
  const std::string_view control = std::string_view(key).substr(0, key.size() - kHideSuffix.size());
  const TfHide* h = std::find_if(std::begin(kTfHides), std::end(kTfHides), [&](const TfHide& t) { return t.tf == control; });
  if (h == std::end(kTfHides)) return warn.add(quote(key) + ": TensorFlow Playground has no such control; ignored");
  std::string value;
  if (!percent_decode(raw_value, value) || (value != "true" && value != "false"))
    return warn.add(key, quote(raw_value) + " is not true or false; not hidden");
  if (value == "false") return;
  if (!h->ours.empty()) s.hidden_controls |= uint32_t{1} << index_of(kControlNames, h->ours);
  else if (!h->note.empty()) warn.add(key, h->note);
}

// What follows '#'; a TF URL without one is TF's defaults.
std::string_view tf_fragment(std::string_view text) {
  if (text.find('#') == std::string_view::npos && names_tf_host(text)) return {};
  return fragment_of(text);
}

// ---- Writing our keys -----------------------------------------------------------------------------------------

void put(Pairs& out, std::string_view key, std::string text, Warnings& warn) {
  out.set(Pair{key, {}, std::move(text), false, {}, {}}, warn);  // each key once, so set() never warns
}

// A value translated from TF's key tf_key, whose text in the link was tf_text: the Decoder's warnings (a value
// clamped into our range) then quote the link's key and value.
void put_from(Pairs& out, std::string_view key, std::string text, std::string_view tf_key, std::string tf_text,
              Warnings& warn) {
  out.set(Pair{key, {}, std::move(text), false, std::string(tf_key), std::move(tf_text)}, warn);
}

// model, data, n, layers, act, out, loss, init, opt.
void map_model(const TfState& s, Pairs& out, Warnings& warn) {
  const bool regression = s.problem == "regression";
  put(out, "model", "mlp", warn);
  put(out, "data", std::string(regression ? kOurRegDatasets[index_of(kTfRegDatasets, s.reg_dataset)] : s.dataset), warn);
  put(out, "n", regression ? "1200" : "500", warn);  // TF's NUM_SAMPLES_REGRESS and NUM_SAMPLES_CLASSIFY
  put_from(out, "layers", counts_text(s.network_shape), "networkShape", said(s, "networkShape", counts_text(s.network_shape)), warn);
  put(out, "act", std::string(s.activation), warn);
  put(out, "out", regression ? "linear" : "tanh", warn);  // TF: tanh output, labels -1/+1
  put(out, "loss", "mse", warn);
  put(out, "init", "uniform", warn);
  put(out, "opt", "sgd", warn);
  if (s.init_zero) warn.add("initZero", "zero initial weights are not available; using U(-0.5, 0.5), TF's default");
}

// lr, batch, reg, rate. TF's step is w -= lr (dL/dw / 2 + rate R'(w)) in our terms: see tf_link.h.
void map_training(const TfState& s, Pairs& out, Warnings& warn) {
  const std::string lr = real_text(s.learning_rate / 2), tf_lr = said(s, "learningRate", tf_number(s.learning_rate));
  put_from(out, "lr", lr, "learningRate", tf_lr, warn);
  warn.add("learningRate", tf_lr + " becomes lr=" + lr +
                               ": TF's loss is 1/2 (yhat - y)^2, ours is (yhat - y)^2 with twice the gradient");
  put_from(out, "batch", count_text(s.batch_size), "batchSize", said(s, "batchSize", tf_number(s.batch_size)), warn);
  const std::string_view reg = kOurRegs[index_of(kTfRegularizations, s.regularization)];
  const std::string rate = real_text(s.regularization_rate * 2);
  const std::string tf_rate = said(s, "regularizationRate", tf_number(s.regularization_rate));
  put(out, "reg", std::string(reg), warn);
  put_from(out, "rate", rate, "regularizationRate", tf_rate, warn);
  if (reg == "none" || s.regularization_rate == 0) return;
  warn.add("regularizationRate", tf_rate + " becomes rate=" + rate +
                                     ", so that with the halved learning rate the weights decay as in TF");
  if (reg == "l1") warn.add("regularization", "TF's L1 sets a weight that would cross zero to 0; here it crosses");
}

// noise, split, features, showtest.
void map_data(const TfState& s, Pairs& out, Warnings& warn) {
  put_from(out, "noise", real_text(s.noise / 100), "noise", said(s, "noise", tf_number(s.noise)), warn);
  put_from(out, "split", real_text(s.perc_train_data / 100), "percTrainData",
           said(s, "percTrainData", tf_number(s.perc_train_data)), warn);
  const std::pair<bool, std::string_view> features[] = {{s.x, "x"},          {s.y, "y"},       {s.x_squared, "x2"},
                                                        {s.y_squared, "y2"}, {s.x_times_y, "xy"}, {s.sin_x, "sinx"},
                                                        {s.sin_y, "siny"}};
  std::string on;
  for (const auto& [wanted, name] : features)
    if (wanted) on.append(on.empty() ? "" : ",").append(name);
  if (on.empty()) warn.add("no input feature is on; using x and y");
  else put(out, "features", on, warn);
  if (s.cos_x) warn.add("cosX", "no cos(x) feature here; ignored");
  if (s.cos_y) warn.add("cosY", "no cos(y) feature here; ignored");
  put(out, "showtest", s.show_test_data ? "1" : "0", warn);
  if (s.discretize) warn.add("discretize", "not available here; ignored");
}

// dseed, iseed, hide, and the notes about what has no counterpart.
void map_rest(const TfState& s, Pairs& out, Warnings& warn) {
  if (!s.seed.empty()) {
    const std::string seed = std::to_string(fnv1a_32(s.seed));
    put(out, "dseed", seed, warn);
    put(out, "iseed", seed, warn);
    warn.add("seed", quote(s.seed) + " becomes dseed=iseed=" + seed +
                         " (FNV-1a hash); TF's random numbers differ, so do the data and initial weights");
  }
  std::string hide;
  for (size_t i = 0; i < kControlNames.size(); ++i)
    if ((s.hidden_controls >> i) & 1u) hide.append(hide.empty() ? "" : ",").append(kControlNames[i]);
  put(out, "hide", hide, warn);
  if (s.collect_stats) warn.add("collectStats", "not available here; ignored");
  if (!s.tutorial.empty()) warn.add("tutorial", "tutorials are not available here; ignored");
}

}  // namespace

uint32_t fnv1a_32(std::string_view text) {
  uint32_t h = 2166136261u;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

bool is_tf_playground_link(std::string_view text) {
  if (names_tf_host(text)) return true;
  bool has_v = false, has_tf_key = false;
  for_each_part(fragment_of(text), [&](std::string_view key, std::string_view) {
    has_v = has_v || key == "v";
    has_tf_key = has_tf_key || index_of(kTfOnlyKeys, key) >= 0 || ends_with(key, kHideSuffix);
  });
  return has_tf_key && !has_v;
}

Pairs tf_link_pairs(std::string_view text, Warnings& warn) {
  TfState s;
  TfKeys keys;
  visit_tf_props(s, keys);
  const Pairs tf_pairs = read_pairs(tf_fragment(text), keys.keys, warn, [&](const std::string& key, std::string_view raw) {
    read_other_key(key, raw, s, warn);
  });
  visit_tf_props(s, TfReader{tf_pairs, warn, s.given});
  Pairs out;
  map_model(s, out, warn);
  map_training(s, out, warn);
  map_data(s, out, warn);
  map_rest(s, out, warn);
  return out;
}

}  // namespace pg
