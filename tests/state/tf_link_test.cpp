// tests/state/tf_link_test.cpp: TensorFlow Playground links through decode_params. Real TF URLs and fragments
// map to the closest Params as documented in tf_link.h and the README (model, head, halved learning rate,
// doubled regularization rate, features, hidden controls); every inexact part and every junk value gives one
// warning starting with "TensorFlow Playground link: "; what comes out is a fixed point of the codec.
#include "state/resolve.h"
#include "state/tf_link.h"
#include "state/url_codec.h"

#include "params_checks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pg {
namespace {

using test::params_problems;
using test::same_params;

// The link TF Playground shows on first load.
constexpr const char* kTfDefaultUrl =
    "https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane"
    "&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.71286&showTestData=false"
    "&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false"
    "&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false";

uint32_t control_bit(std::string_view name) {
  for (size_t i = 0; i < kControlNames.size(); ++i)
    if (kControlNames[i] == name) return uint32_t{1} << i;
  ADD_FAILURE() << "no control " << name;
  return 0;
}

// Decodes a TF link and checks what holds for every one: recognised as TF, every warning prefixed (but a final
// "... and N more"), values in range, TF's model family, and a clean re-encoding.
Decoded tf(const std::string& link) {
  EXPECT_TRUE(is_tf_playground_link(link)) << link;
  const Decoded d = decode_params(link);
  for (const std::string& w : d.warnings)
    EXPECT_TRUE(w.rfind(kTfLinkPrefix, 0) == 0 || w.rfind("... and ", 0) == 0) << w;
  EXPECT_EQ(params_problems(d.params), "");
  EXPECT_EQ(d.params.model, ModelKind::Mlp);
  EXPECT_EQ(d.params.init, Init::Uniform);
  EXPECT_EQ(d.params.optimizer, Optimizer::Sgd);
  EXPECT_EQ(d.params.loss, LossChoice::Mse);
  const Decoded again = decode_params(encode_params(d.params));
  EXPECT_TRUE(again.warnings.empty());
  EXPECT_TRUE(same_params(again.params, d.params));
  return d;
}

// The one warning that mentions `what` (the test fails unless there is exactly one).
std::string note(const Decoded& d, std::string_view what) {
  std::vector<std::string> found;
  for (const std::string& w : d.warnings)
    if (w.find(what) != std::string::npos) found.push_back(w);
  EXPECT_EQ(found.size(), 1u) << what;
  return found.empty() ? "" : found[0];
}

// ---- Recognition ----------------------------------------------------------------------------------------------

TEST(tf_link, recognised_by_host_or_tf_only_keys) {
  EXPECT_TRUE(is_tf_playground_link(kTfDefaultUrl));
  EXPECT_TRUE(is_tf_playground_link("https://playground.tensorflow.org/"));
  EXPECT_TRUE(is_tf_playground_link("HTTP://Playground.TensorFlow.org/?hl=de#seed=1"));
  EXPECT_TRUE(is_tf_playground_link("#networkShape=3"));
  EXPECT_TRUE(is_tf_playground_link("problem=regression"));
  EXPECT_TRUE(is_tf_playground_link("?activation=relu&learningRate=0.1"));
  EXPECT_TRUE(is_tf_playground_link("noise_hide=true"));
  EXPECT_FALSE(is_tf_playground_link("v=1&networkShape=3"));      // ours: "v" says so
  EXPECT_FALSE(is_tf_playground_link("activation=relu&noise=5"));  // keys TF shares with typos of ours
  EXPECT_FALSE(is_tf_playground_link("lr=0.1&layers=4"));
  EXPECT_FALSE(is_tf_playground_link("data=playground.tensorflow.org"));  // the host in a value
  EXPECT_FALSE(is_tf_playground_link(""));
}

TEST(tf_link, our_links_with_a_version_stay_ours) {
  const Decoded d = decode_params("v=1&networkShape=3&lr=0.5");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0], "unknown key 'networkShape' ignored");
  EXPECT_EQ(d.params.learning_rate, 0.5f);
}

// ---- The mapping ----------------------------------------------------------------------------------------------

TEST(tf_link, default_url_maps_to_the_closest_params) {
  const Decoded d = tf(kTfDefaultUrl);
  const Params& p = d.params;
  EXPECT_EQ(p.data, DatasetKind::Circle);
  EXPECT_EQ(p.num_points, 500);
  EXPECT_EQ(p.hidden, (std::vector<int>{4, 2}));
  EXPECT_EQ(p.acts, std::vector<Act>{Act::Tanh});
  EXPECT_EQ(p.out, OutChoice::Tanh);
  EXPECT_EQ(p.learning_rate, 0.015f);
  EXPECT_EQ(p.batch_size, 10);
  EXPECT_EQ(p.train_fraction, 0.5f);
  EXPECT_EQ(p.noise, 0.0f);
  EXPECT_EQ(p.features, kFeatX | kFeatY);
  EXPECT_EQ(p.reg, Reg::None);
  EXPECT_EQ(p.reg_rate, 0.0f);
  EXPECT_EQ(p.show_test, 0);
  EXPECT_EQ(p.hidden_controls, 0u);
  EXPECT_EQ(p.data_seed, fnv1a_32("0.71286"));
  EXPECT_EQ(p.init_seed, fnv1a_32("0.71286"));
  ASSERT_EQ(d.warnings.size(), 2u);  // the halved learning rate and the seed
  EXPECT_EQ(d.warnings[0], "TensorFlow Playground link: learningRate: 0.03 becomes lr=0.015: TF's loss is "
                           "1/2 (yhat - y)^2, ours is (yhat - y)^2 with twice the gradient");
  EXPECT_NE(note(d, "seed: '0.71286' becomes dseed=iseed=").find("random numbers differ"), std::string::npos);
  // The engine runs TF's model: tanh output, square loss, -1/+1 targets.
  const RunConfig c = resolve(p);
  EXPECT_EQ(c.arch.out, Act::Tanh);
  EXPECT_EQ(c.arch.loss, Loss::Mse);
  EXPECT_TRUE(c.pm_one_targets);
  EXPECT_EQ(c.arch.hidden_act, (std::vector<Act>{Act::Tanh, Act::Tanh}));
  EXPECT_TRUE(c.warnings.empty());
}

TEST(tf_link, regression) {
  const Decoded d = tf("https://playground.tensorflow.org/#activation=linear&problem=regression"
                       "&regDataset=reg-gauss&dataset=xor&learningRate=0.01&networkShape=3&noise=10&percTrainData=70");
  EXPECT_EQ(d.params.data, DatasetKind::MultiGauss);
  EXPECT_EQ(d.params.num_points, 1200);  // TF's regression sets have 1200 points
  EXPECT_EQ(d.params.out, OutChoice::Linear);
  EXPECT_EQ(d.params.acts, std::vector<Act>{Act::Linear});
  EXPECT_EQ(d.params.hidden, std::vector<int>{3});
  EXPECT_EQ(d.params.learning_rate, 0.005f);
  EXPECT_EQ(d.params.noise, 0.1f);
  EXPECT_EQ(d.params.train_fraction, 0.7f);
  EXPECT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(tf("problem=regression").params.data, DatasetKind::Plane);  // TF's default regDataset
  EXPECT_EQ(resolve(d.params).arch.loss, Loss::Mse);
}

TEST(tf_link, relu_with_l2) {
  const Decoded d = tf("#activation=relu&regularization=L2&regularizationRate=0.003&networkShape=8,8,4&batchSize=25");
  EXPECT_EQ(d.params.acts, std::vector<Act>{Act::Relu});
  EXPECT_EQ(d.params.hidden, (std::vector<int>{8, 8, 4}));
  EXPECT_EQ(d.params.reg, Reg::L2);
  EXPECT_EQ(d.params.reg_rate, 0.006f);  // doubled: with the halved lr, the same decay per step
  EXPECT_EQ(d.params.batch_size, 25);
  EXPECT_EQ(d.warnings.size(), 2u);
  EXPECT_EQ(note(d, "regularizationRate"), "TensorFlow Playground link: regularizationRate: 0.003 becomes "
                                           "rate=0.006, so that with the halved learning rate the weights decay as in TF");
}

TEST(tf_link, l1_notes_tf_zeroing) {
  const Decoded d = tf("regularization=L1&regularizationRate=0.01&activation=sigmoid");
  EXPECT_EQ(d.params.reg, Reg::L1);
  EXPECT_EQ(d.params.reg_rate, 0.02f);
  EXPECT_EQ(d.params.acts, std::vector<Act>{Act::Sigmoid});
  EXPECT_EQ(d.warnings.size(), 3u);
  note(d, "cross zero");
  EXPECT_EQ(tf("regularization=L1&regularizationRate=0").warnings.size(), 1u);  // rate 0: nothing to say
}

TEST(tf_link, empty_network_shape_is_no_hidden_layer) {
  const Decoded d = tf("#networkShape=&dataset=xor");
  EXPECT_TRUE(d.params.hidden.empty());
  EXPECT_EQ(d.params.data, DatasetKind::Xor);
  EXPECT_TRUE(resolve(d.params).arch.hidden.empty());
}

TEST(tf_link, features) {
  const Decoded d = tf("x=false&y=false&xTimesY=true&xSquared=true&ySquared=true&sinX=true&sinY=true&cosX=true"
                       "&cosY=true&dataset=spiral");
  EXPECT_EQ(d.params.features, kFeatX2 | kFeatY2 | kFeatXY | kFeatSinX | kFeatSinY);
  EXPECT_EQ(d.warnings.size(), 3u);
  note(d, "cosX: no cos(x) feature here");
  note(d, "cosY: no cos(y) feature here");
  const Decoded none = tf("x=false&y=false&networkShape=2");
  EXPECT_EQ(none.params.features, kFeatX | kFeatY);
  note(none, "no input feature is on; using x and y");
}

TEST(tf_link, show_test_data_and_what_is_not_available) {
  const Decoded d = tf("showTestData=true&discretize=true&initZero=true&collectStats=true&hideText=true"
                       "&tutorial=dataset");
  EXPECT_EQ(d.params.show_test, 1);
  EXPECT_EQ(d.warnings.size(), 5u);  // lr, discretize, initZero, collectStats, tutorial (hideText: nothing to do)
  note(d, "discretize: not available");
  note(d, "initZero: zero initial weights are not available");
  note(d, "collectStats: not available");
  note(d, "tutorial: tutorials are not available");
}

TEST(tf_link, hidden_controls) {
  const Decoded one = tf("#learningRate_hide=true");
  EXPECT_EQ(one.params.hidden_controls, control_bit("lr"));
  EXPECT_EQ(one.warnings.size(), 1u);
  const Decoded many = tf("activation_hide=true&regularizationRate_hide=true&regDataset_hide=true&noise_hide=true"
                          "&numHiddenLayers_hide=true&percTrainData_hide=true&seed_hide=true&problem_hide=true"
                          "&batchSize_hide=true&xSquared_hide=true&learningRate_hide=false&discretize_hide=true");
  EXPECT_EQ(many.params.hidden_controls, control_bit("act") | control_bit("reg") | control_bit("data") |
                                             control_bit("noise") | control_bit("layers") | control_bit("split") |
                                             control_bit("seeds") | control_bit("model") | control_bit("batch") |
                                             control_bit("features"));
  EXPECT_EQ(many.warnings.size(), 1u);
  const Decoded odd = tf("showTestData_hide=true&playButton_hide=true&foo_hide=true&learningRate_hide=yes");
  EXPECT_EQ(odd.params.hidden_controls, 0u);
  EXPECT_EQ(odd.warnings.size(), 5u);
  note(odd, "showTestData_hide: the test-data checkbox cannot be hidden here");
  note(odd, "playButton_hide: the play button cannot be hidden here");
  note(odd, "'foo_hide': TensorFlow Playground has no such control");
  note(odd, "learningRate_hide: 'yes' is not true or false; not hidden");
}

TEST(tf_link, junk_values_warn_and_keep_tf_defaults) {
  const Decoded d = tf("learningRate=abc&batchSize=2.5&activation=softmax&dataset=moons&noise=x&networkShape=4,x"
                       "&showTestData=maybe&problem=other&regularization=l2&seed=&percTrainData=inf&x=%G1");
  const Params& p = d.params;
  EXPECT_EQ(p.learning_rate, 0.015f);
  EXPECT_EQ(p.batch_size, 10);
  EXPECT_EQ(p.acts, std::vector<Act>{Act::Tanh});
  EXPECT_EQ(p.data, DatasetKind::Circle);
  EXPECT_EQ(p.noise, 0.0f);
  EXPECT_EQ(p.hidden, (std::vector<int>{4, 2}));
  EXPECT_EQ(p.show_test, 0);
  EXPECT_EQ(p.out, OutChoice::Tanh);
  EXPECT_EQ(p.reg, Reg::None);
  EXPECT_EQ(p.data_seed, Params{}.data_seed);
  EXPECT_EQ(p.train_fraction, 0.5f);
  EXPECT_EQ(p.features, kFeatX | kFeatY);
  EXPECT_EQ(d.warnings.size(), 13u);  // 12 junk values and the learning-rate note
  EXPECT_EQ(note(d, "learningRate: 'abc'"), "TensorFlow Playground link: learningRate: 'abc' is not a finite number; kept 0.03");
  note(d, "batchSize: '2.5' is not a whole number; kept 10");
  note(d, "activation: 'softmax' is not one of relu, tanh, sigmoid, linear; kept tanh");
  note(d, "networkShape: '4,x' is not a list of whole numbers; kept 4,2");
  note(d, "regularization: 'l2' is not one of none, L1, L2; kept none");
  note(d, "seed: empty value");
  note(d, "x: broken percent-encoding");
}

TEST(tf_link, out_of_range_values_are_clamped_into_our_ranges) {
  const Decoded d = tf("learningRate=100&batchSize=0&percTrainData=95&noise=200&networkShape=300,0,2,2,2,2,2,2,2,2,2,"
                       "2,2,2,2,2,2&regularizationRate=1e300");
  const Params& p = d.params;
  EXPECT_EQ(p.learning_rate, 10.0f);
  EXPECT_EQ(p.batch_size, 1);
  EXPECT_EQ(p.train_fraction, 0.9f);
  EXPECT_EQ(p.noise, 1.0f);
  ASSERT_EQ(p.hidden.size(), 16u);
  EXPECT_EQ(p.hidden[0], 256);
  EXPECT_EQ(p.hidden[1], 1);
  EXPECT_EQ(p.reg_rate, 10.0f);
  // Each warning quotes the key and the value the link had, then what it became here.
  EXPECT_EQ(note(d, "learningRate: '100'"),
            "TensorFlow Playground link: learningRate: '100' (lr=50 here) is above the maximum 10; using lr=10");
  note(d, "batchSize: '0' (batch=0 here) is below the minimum 1; using batch=1");
  note(d, "percTrainData: '95' (split=0.95 here) is above the maximum 0.9; using split=0.9");
  note(d, "noise: '200' (noise=2 here) is above the maximum 1; using noise=1");
  note(d, "networkShape: '300' (layers entry 300 here) is above the maximum 256; using 256");
  note(d, "networkShape: '0' (layers entry 0 here) is below the minimum 1; using 1");
  note(d, "regularizationRate: '1e300' (rate=2e+300 here) is above the maximum 10; using rate=10");
  note(d, "networkShape: 17 entries, more than 16");
  for (const std::string& w : d.warnings) {  // no warning speaks of our keys alone, as if the link had them
    EXPECT_EQ(w.find("link: lr:"), std::string::npos) << w;
    EXPECT_EQ(w.find("link: layers:"), std::string::npos) << w;
  }
  // The link's own spelling is quoted, not the number it reads as.
  const Decoded odd = tf("networkShape=3e2,2.0&learningRate=4e1&batchSize=1e4");
  note(odd, "networkShape: '3e2' (layers entry 300 here) is above the maximum 256; using 256");
  note(odd, "learningRate: '4e1' (lr=20 here) is above the maximum 10; using lr=10");
  note(odd, "learningRate: 4e1 becomes lr=20");
  note(odd, "batchSize: '1e4' (batch=10000 here) is above the maximum 5000; using batch=5000");
}

TEST(tf_link, urls_fragments_and_odd_spellings) {
  // A query before the fragment, upper-case host, ';' between pairs, a TF URL without a fragment.
  EXPECT_EQ(tf("HTTPS://Playground.TensorFlow.org/?hl=en#activation=sigmoid;seed=abc").params.acts,
            std::vector<Act>{Act::Sigmoid});
  const Decoded bare = tf("https://playground.tensorflow.org/");
  EXPECT_EQ(bare.warnings.size(), 1u);  // TF's defaults: only the learning-rate note
  EXPECT_EQ(bare.params.hidden, (std::vector<int>{4, 2}));
  // Percent-encoded values are decoded (some link shorteners encode commas).
  EXPECT_EQ(tf("networkShape=5%2C3").params.hidden, (std::vector<int>{5, 3}));
  // Unknown and repeated keys, as in our links.
  const Decoded d = tf("networkShape=2&foo=1&learningRate=0.1&learningRate=0.3");
  EXPECT_EQ(d.params.learning_rate, 0.15f);
  note(d, "unknown key 'foo' ignored");
  note(d, "learningRate: repeated key; the last value '0.3' wins");
}

TEST(tf_link, seeds_hash_with_fnv1a) {
  EXPECT_EQ(fnv1a_32(""), 0x811c9dc5u);  // the published FNV-1a test vectors
  EXPECT_EQ(fnv1a_32("a"), 0xe40c292cu);
  EXPECT_EQ(fnv1a_32("foobar"), 0xbf9cf968u);
  const Decoded d = tf("#seed=foobar&problem=classification");  // "seed" alone is not TF-only: dseed, iseed
  EXPECT_EQ(d.params.data_seed, 0xbf9cf968u);
  EXPECT_EQ(d.params.init_seed, 0xbf9cf968u);
  EXPECT_NE(tf("seed=0.1&networkShape=2").params.data_seed, tf("seed=0.2&networkShape=2").params.data_seed);
}

TEST(tf_link, hostile_tf_links_stay_bounded) {
  std::string many_hides, long_shape = "networkShape=";
  for (int i = 0; i < 5000; ++i) many_hides += "k" + std::to_string(i) + "_hide=true&";
  for (int i = 0; i < 20000; ++i) long_shape += "1,";
  // Keys of any bytes are quoted, also when they end in _hide (found by the fuzzer).
  const std::string odd_keys = std::string("networkShape=2&a\x01\xff\"_hide=yes&b\x02=1&\x03\x04_hide=true", 46);
  for (const std::string& link : {many_hides, long_shape + "1", "problem=" + std::string(100'000, 'r'), odd_keys}) {
    const Decoded d = tf(link);
    EXPECT_LE(d.warnings.size(), 51u);
    for (const std::string& w : d.warnings) {
      EXPECT_LT(w.size(), 300u) << w;
      for (char c : w) EXPECT_TRUE(c >= 0x20 && c <= 0x7e) << "unprintable byte in warning: " << w;
    }
  }
}

}  // namespace
}  // namespace pg
