// tests/state/url_codec_test.cpp: the share-link codec. decode(encode(p)) == p for defaults and 1000 random
// Params (view state and classroom mask included); points quantise once and then stay put, and a link carries
// at most kMaxLinkPoints of them; a hostile corpus never crashes, never yields NaN or out-of-range values, and
// gives the expected warnings with the sane value kept. TensorFlow Playground links: tf_link_test.cpp.
#include "state/url_codec.h"

#include "params_checks.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <random>
#include <string>

namespace pg {
namespace {

using test::params_problems;
using test::same_params;

// The point grid, exactly as url_codec.cpp reads a 16-bit coordinate back.
float grid(uint16_t q) { return static_cast<float>(q / 65535.0 * 12.0 - 6.0); }

// ---- Random Params ------------------------------------------------------------------------------------------

template <class T> T pick(std::mt19937& rng, long long lo, long long hi) {
  return static_cast<T>(std::uniform_int_distribution<long long>(lo, hi)(rng));
}

// Endpoints, uniform values and raw bit patterns inside the range (odd floats and denormals stress the
// shortest-text printing).
float random_real(std::mt19937& rng, RealRange r) {
  const auto lo = static_cast<float>(r.lo), hi = static_cast<float>(r.hi);
  switch (rng() % 4) {
    case 0: return lo;
    case 1: return hi;
    case 2:
      for (;;) {
        const uint32_t bits = rng();
        float f;
        std::memcpy(&f, &bits, sizeof f);
        if (f >= lo && f <= hi) return f == 0 ? 0.0f : f;
      }
    default: return static_cast<float>(std::uniform_real_distribution<double>(r.lo, r.hi)(rng));
  }
}

void random_points(std::mt19937& rng, Params& p) {
  p.points.clear();
  p.points_one_d = false;
  if (rng() % 3 == 0) return;  // no points: one_d must stay false, since "pts" is not written then
  const size_t n = rng() % 50 == 0 ? kMaxLinkPoints : pick<size_t>(rng, 1, 200);
  const int kind = pick<int>(rng, 0, 2);  // classes, regression targets, 1-D
  p.points_one_d = kind == 2;
  for (size_t i = 0; i < n; ++i) {
    Point q{grid(pick<uint16_t>(rng, 0, 65535)), grid(pick<uint16_t>(rng, 0, 65535)), 0.0f};
    if (kind == 0) q.label = pick<float>(rng, 0, 7);
    if (kind == 1) q.label = grid(pick<uint16_t>(rng, 0, 65535));
    p.points.push_back(q);
  }
}

// The view state and the classroom mask: every value of every range, endpoints included.
void random_view(std::mt19937& rng, Params& p) {
  p.view_inspector = pick<int>(rng, 0, 1);
  p.view_tab = pick<int>(rng, 0, 3);
  p.view_layer = pick<int>(rng, 1, kMaxHiddenLayers + 1);
  p.view_matrix = pick<int>(rng, 0, 9);
  p.view_op = pick<int>(rng, 0, 4);
  p.view_sample = rng() % 10 == 0 ? kMaxPoints - 1 : pick<int>(rng, 0, kMaxPoints - 1);
  p.view_symlog = pick<int>(rng, 0, 1);
  p.view_live = pick<int>(rng, 0, 1);
  p.show_test = pick<int>(rng, 0, 1);
  p.loss_log = pick<int>(rng, 0, 1);
  const uint32_t all = (uint32_t{1} << kControlNames.size()) - 1;
  p.hidden_controls = rng() % 4 == 0 ? 0 : rng() % 10 == 0 ? all : pick<uint32_t>(rng, 0, all);
  p.embed_views = rng() % 2 == 0 ? 0 : pick<uint32_t>(rng, 0, (uint32_t{1} << kViewNames.size()) - 1);
}

Params random_params(std::mt19937& rng) {
  Params p;
  p.model = pick<ModelKind>(rng, 0, kModelNames.size() - 1);
  p.data = pick<DatasetKind>(rng, 0, kDatasetNames.size() - 1);
  p.num_points = pick<int>(rng, 10, kMaxPoints);
  p.noise = random_real(rng, {0, 1});
  p.train_fraction = random_real(rng, {0.1, 0.9});
  p.classes = pick<int>(rng, 3, 8);
  p.features = pick<FeatureSet>(rng, 1, (1 << kNumFeatures) - 1);
  p.hidden.resize(pick<size_t>(rng, 0, kMaxHiddenLayers));
  for (int& h : p.hidden) h = pick<int>(rng, 1, kMaxWidth);
  p.acts.resize(!p.hidden.empty() && rng() % 2 ? p.hidden.size() : 1);
  for (Act& a : p.acts) a = pick<Act>(rng, 0, kHiddenActNames.size() - 1);
  p.loss = pick<LossChoice>(rng, 0, kLossChoiceNames.size() - 1);
  p.out = pick<OutChoice>(rng, 0, kOutChoiceNames.size() - 1);
  p.learning_rate = random_real(rng, {1e-6, 10});
  p.batch_size = pick<int>(rng, 1, kMaxPoints);
  p.optimizer = pick<Optimizer>(rng, 0, kOptimizerNames.size() - 1);
  p.momentum = random_real(rng, {0, 0.999});
  p.beta1 = random_real(rng, {0, 0.9999});
  p.beta2 = random_real(rng, {0, 0.99999});
  p.reg = pick<Reg>(rng, 0, kRegNames.size() - 1);
  p.reg_rate = random_real(rng, {0, 10});
  p.init = pick<Init>(rng, 0, kInitNames.size() - 1);
  p.data_seed = static_cast<uint32_t>(rng());
  p.init_seed = rng() % 10 == 0 ? 4294967295u : static_cast<uint32_t>(rng());
  p.steps = rng() % 10 == 0 ? kMaxReplaySteps : pick<uint64_t>(rng, 0, kMaxReplaySteps);
  random_view(rng, p);
  random_points(rng, p);
  return p;
}

// RFC 4648 base64url without padding, written independently of the codec's.
std::string base64url(const std::vector<uint8_t>& bytes) {
  const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const uint32_t n = uint32_t(bytes[i]) << 16 | (i + 1 < bytes.size() ? uint32_t(bytes[i + 1]) << 8 : 0) |
                       (i + 2 < bytes.size() ? bytes[i + 2] : 0);
    const size_t chars = std::min<size_t>(4, (bytes.size() - i) * 4 / 3 + 1);
    for (size_t c = 0; c < chars; ++c) out += abc[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

// The "pts=..." value the encoder writes for these points.
std::string pts_value(const std::vector<Point>& pts, bool one_d) {
  Params p;
  p.points = pts;
  p.points_one_d = one_d;
  const std::string text = encode_params(p);
  return text.substr(text.find("&pts=") + 5);
}

void expect_clean_warnings(const Decoded& d) {
  EXPECT_LE(d.warnings.size(), 51u);
  for (const std::string& w : d.warnings) {
    EXPECT_LT(w.size(), 300u) << w;
    for (char c : w) EXPECT_TRUE(c >= 0x20 && c <= 0x7e) << "unprintable byte in warning: " << w;
  }
}

// ---- Round trips --------------------------------------------------------------------------------------------

TEST(url_codec, the_default_link_is_short) {
  EXPECT_EQ(encode_params(Params{}), "v=1");
  Params p;
  p.data = DatasetKind::Xor;
  p.learning_rate = 0.1f;
  p.steps = 200;
  EXPECT_EQ(encode_params(p), "v=1&data=xor&lr=0.1&step=200");  // only what differs, in field-table order
  p.learning_rate = 0.03f;  // back to its default: gone from the link
  EXPECT_EQ(encode_params(p), "v=1&data=xor&step=200");
}

TEST(url_codec, short_and_full_links_read_back_the_same) {
  std::mt19937 rng(99);
  for (int i = 0; i < 300; ++i) {
    const Params p = random_params(rng);
    const Decoded a = decode_params(encode_params(p)), b = decode_params(encode_params(p, LinkForm::Full));
    ASSERT_TRUE(same_params(a.params, b.params)) << encode_params(p);
    ASSERT_TRUE(a.warnings.empty() && b.warnings.empty()) << encode_params(p);
    ASSERT_LE(encode_params(p).size(), encode_params(p, LinkForm::Full).size());
  }
}

TEST(url_codec, full_links_encode_every_field_in_table_order) {
  EXPECT_EQ(encode_params(Params{}, LinkForm::Full),
            "v=1&model=mlp&data=circle&n=500&noise=0&split=0.5&classes=3&features=x,y&layers=4,2&act=tanh"
            "&loss=auto&out=auto&lr=0.03&batch=10&opt=sgd&momentum=0.9&beta1=0.9&beta2=0.999&reg=none&rate=0"
            "&init=xavier&dseed=1&iseed=1&step=0&insp=0&itab=0&decomp=0&ilayer=1&imat=3&iop=0&isample=0&symlog=0&live=1"
            "&showtest=0&logloss=0&hide=&lang=auto&lesson=none&embed=");
}

TEST(url_codec, defaults_round_trip_without_warnings) {
  const Decoded d = decode_params(encode_params(Params{}));
  EXPECT_TRUE(same_params(d.params, Params{}));
  EXPECT_TRUE(d.warnings.empty());
  EXPECT_TRUE(decode_params("").warnings.empty());
  EXPECT_TRUE(same_params(decode_params("").params, Params{}));
}

TEST(url_codec, random_params_round_trip_exactly) {
  std::mt19937 rng(20240611);
  for (int i = 0; i < 1000; ++i) {
    const Params p = random_params(rng);
    ASSERT_EQ(params_problems(p), "") << "generator bug, case " << i;
    const std::string text = encode_params(p);
    const Decoded d = decode_params(text);
    ASSERT_TRUE(same_params(d.params, p)) << "case " << i << ": " << text.substr(0, 400);
    ASSERT_TRUE(d.warnings.empty()) << "case " << i << ": " << d.warnings[0];
  }
}

TEST(url_codec, floats_use_the_shortest_text) {
  Params p;
  p.learning_rate = 0.1f;
  p.momentum = 0.999f;  // float(0.999) is a hair above the double 0.999: still in range, no warning
  p.reg_rate = 1e-6f;
  const std::string text = encode_params(p, LinkForm::Full);
  EXPECT_NE(text.find("&lr=0.1&"), std::string::npos) << text;
  EXPECT_NE(text.find("&momentum=0.999&"), std::string::npos) << text;
  EXPECT_NE(text.find("&rate=1e-06&"), std::string::npos) << text;
  const Decoded d = decode_params(text);
  EXPECT_TRUE(d.warnings.empty());
  EXPECT_EQ(d.params.momentum, 0.999f);
}

// The codec formats floats itself (Emscripten's libc++ lacks to_chars(float)); it must match to_chars.
TEST(url_codec, float_text_matches_to_chars) {
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
  std::mt19937 rng(11);
  for (int i = 0; i < 100'000; ++i) {
    Params p;
    p.learning_rate = random_real(rng, {1e-6, 10});
    p.noise = random_real(rng, {0, 1});  // raw bit patterns include denormals
    const std::string text = encode_params(p, LinkForm::Full);
    for (const auto& [key, f] : {std::pair{"&lr=", p.learning_rate}, std::pair{"&noise=", p.noise}}) {
      const size_t at = text.find(key) + std::strlen(key);
      char buf[64];
      const std::string expected(buf, std::to_chars(buf, buf + sizeof buf, f).ptr);
      ASSERT_EQ(text.substr(at, text.find('&', at) - at), expected);
    }
  }
#else
  GTEST_SKIP() << "no floating-point std::to_chars in this standard library";
#endif
}

TEST(url_codec, points_quantise_once_then_stay_put) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> wide(-8, 8);  // partly outside [-6, 6]: clamped
  for (int kind = 0; kind < 3; ++kind) {
    Params p;
    p.points_one_d = kind == 2;
    for (int i = 0; i < 300; ++i) p.points.push_back({wide(rng), wide(rng), kind == 0 ? float(i % 8) : wide(rng)});
    const std::string once = encode_params(p);
    const Decoded d = decode_params(once);
    ASSERT_TRUE(d.warnings.empty()) << d.warnings[0];
    EXPECT_EQ(encode_params(d.params), once);
    ASSERT_EQ(d.params.points.size(), p.points.size());
    for (size_t i = 0; i < p.points.size(); ++i) {
      EXPECT_NEAR(d.params.points[i].x, std::clamp(p.points[i].x, -6.0f, 6.0f), 1e-4);
      if (kind == 0) {
        EXPECT_EQ(d.params.points[i].label, p.points[i].label);  // classes travel exactly
      } else if (kind == 2) {
        EXPECT_EQ(d.params.points[i].label, 0.0f);
      }
    }
  }
}

TEST(url_codec, point_kind_tags) {
  EXPECT_EQ(pts_value({{0, 0, 1}}, false)[0], 'c');
  EXPECT_EQ(pts_value({{0, 0, 0.5f}}, false)[0], 'r');
  EXPECT_EQ(pts_value({{0, 0, 8}}, false)[0], 'r');  // 8 is no class (at most 8 classes: 0..7)
  EXPECT_EQ(pts_value({{0, 0, 1}}, true)[0], 'o');
}

// kMaxLinkPoints + 10 distinct points on the grid, with labels 0..7: a 'c' payload.
std::vector<Point> too_many_points() {
  std::vector<Point> pts;
  for (int i = 0; i < kMaxLinkPoints + 10; ++i) pts.push_back({grid(uint16_t(i * 7)), grid(uint16_t(i * 3)), float(i % 8)});
  return pts;
}

TEST(url_codec, encoder_writes_the_first_max_link_points) {
  Params p;
  p.points = too_many_points();
  const Decoded d = decode_params(encode_params(p));
  EXPECT_TRUE(d.warnings.empty());
  ASSERT_EQ(d.params.points.size(), static_cast<size_t>(kMaxLinkPoints));
  EXPECT_TRUE(std::equal(d.params.points.begin(), d.params.points.end(), p.points.begin()));
}

// A link written by hand (or by an older encoder, which wrote up to kMaxPoints) with more points than a link
// carries: the first kMaxLinkPoints are kept, with one warning.
TEST(url_codec, decoder_keeps_the_first_max_link_points) {
  const std::vector<Point> pts = too_many_points();
  std::vector<uint8_t> bytes;
  for (const Point& q : pts) {
    for (float v : {q.x, q.y}) {
      const auto u = static_cast<uint16_t>(std::lround((v + 6.0) / 12.0 * 65535.0));
      bytes.push_back(uint8_t(u >> 8));
      bytes.push_back(uint8_t(u & 255));
    }
    bytes.push_back(uint8_t(q.label));
  }
  const Decoded d = decode_params("data=user&pts=c" + base64url(bytes));
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0], "pts: 2010 points, more than a link carries (2000); kept the first 2000");
  ASSERT_EQ(d.params.points.size(), static_cast<size_t>(kMaxLinkPoints));
  EXPECT_TRUE(std::equal(d.params.points.begin(), d.params.points.end(), pts.begin()));
}

// ---- Hostile input ------------------------------------------------------------------------------------------

struct Hostile {
  std::string name;
  std::string input;
  size_t warnings;                                    // exactly this many
  std::function<bool(const Params&)> kept = nullptr;  // the sane value kept
};

bool is_default(const Params& p) { return same_params(p, Params{}); }

std::vector<Hostile> hostile_corpus() {
  // 8-byte parts, so the 64 KiB cut falls on a part boundary and the last lr read is whole.
  const std::string big_fragment = [] { std::string s; while (s.size() < 100'000) s += "lr=0.25&"; return s; }();
  // The encoder never writes more than kMaxLinkPoints, so build 2001 'o' records (4 zero bytes each) by hand.
  const std::string many_points = "pts=o" + std::string((kMaxLinkPoints + 1) * 4 * 8 / 6, 'A');
  const std::string bad_class = "pts=c" + std::string("AAAAAP8");  // bytes 00 00 00 00 ff: class 255
  return {
      {"empty", "", 0, is_default},
      {"hash only", "#", 0, is_default},
      {"ampersands", "&&&", 0, is_default},
      {"10000 ampersands", std::string(10'000, '&'), 0, is_default},
      {"lone equals", "=", 1, is_default},
      {"no equals", "lr", 1, is_default},
      {"lr junk", "lr=abc", 1, is_default},
      {"lr empty", "lr=", 1, is_default},
      {"lr nan", "lr=nan", 1, is_default},
      {"lr inf", "lr=inf", 1, is_default},
      {"lr -inf", "lr=-inf", 1, is_default},
      {"lr huge", "lr=1e999", 1, is_default},
      {"lr negative", "lr=-5", 1, [](const Params& p) { return p.learning_rate == 1e-6f; }},
      {"lr too big", "lr=50", 1, [](const Params& p) { return p.learning_rate == 10.0f; }},
      {"lr beyond float", "lr=1e39", 1, [](const Params& p) { return p.learning_rate == 10.0f; }},
      {"lr space", "lr= 0.1", 1, is_default},
      {"lr trailing junk", "lr=0.1x", 1, is_default},
      {"noise minus zero", "noise=-0", 0, [](const Params& p) { return p.noise == 0 && !std::signbit(p.noise); }},
      {"layers huge", "layers=9999999", 1, [](const Params& p) { return p.hidden == std::vector<int>{256}; }},
      {"layers junk", "layers=4,,x", 1, is_default},
      {"layers negative", "layers=-3", 1, [](const Params& p) { return p.hidden == std::vector<int>{1}; }},
      {"layers none", "layers=", 0, [](const Params& p) { return p.hidden.empty(); }},
      {"layers 20", "layers=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20", 1,
       [](const Params& p) { return p.hidden.size() == 16 && p.hidden[15] == 16; }},
      {"batch negative", "batch=-1", 1, [](const Params& p) { return p.batch_size == 1; }},
      {"batch fraction", "batch=1.5", 1, is_default},
      {"n exponent", "n=1e9", 1, is_default},
      {"n beyond long long", "n=99999999999999999999999", 1,
       [](const Params& p) { return p.num_points == kMaxPoints; }},
      {"dseed negative", "dseed=-1", 1, [](const Params& p) { return p.data_seed == 0; }},
      {"dseed huge", "dseed=99999999999", 1, [](const Params& p) { return p.data_seed == 4294967295u; }},
      {"step exponent", "step=1e3", 1, is_default},
      {"step hex", "step=0x10", 1, is_default},
      {"model junk", "model=abc", 1, is_default},
      {"model case", "opt=ADAM", 1, is_default},
      {"act unknown", "act=relu,foo", 1,
       [](const Params& p) { return p.acts == std::vector<Act>{Act::Relu, Act::Tanh}; }},
      {"act softmax", "act=softmax", 1, [](const Params& p) { return p.acts == std::vector<Act>{Act::Tanh}; }},
      {"act empty", "act=", 1, is_default},
      {"features empty", "features=", 1, is_default},
      {"features none", "features=none", 1, is_default},
      {"features unknown", "features=x,zzz", 1, [](const Params& p) { return p.features == kFeatX; }},
      {"unknown key", "foo=1", 1, is_default},
      {"unknown keys", "foo=1&bar&baz=", 3, is_default},
      {"repeated key", "lr=0.1&lr=0.2", 1, [](const Params& p) { return p.learning_rate == 0.2f; }},
      {"repeat then clamp", "classes=8&classes=9", 2, [](const Params& p) { return p.classes == 8; }},
      {"percent alone", "%", 1, is_default},
      {"percent bad hex", "%G1", 1, is_default},
      {"value bad hex", "lr=%G1", 1, is_default},
      {"value short escape", "lr=%4", 1, is_default},
      {"value escaped letter", "lr=%41", 1, is_default},
      {"escaped key", "l%72=0.5", 0, [](const Params& p) { return p.learning_rate == 0.5f; }},
      {"plus stays plus", "lr=%2B0.5", 0, [](const Params& p) { return p.learning_rate == 0.5f; }},
      {"100 KB fragment", big_fragment, 51, [](const Params& p) { return p.learning_rate == 0.25f; }},
      {"100 KB value", "lr=" + std::string(100'000, '1'), 2, is_default},
      {"100 KB key", std::string(100'000, 'k') + "=1", 2, is_default},
      {"NUL in value", std::string("lr=0.1\0x", 8), 1, is_default},
      {"NUL key", std::string("\0\0=1", 4), 1, is_default},
      {"invalid UTF-8 key", "\xff\xfe=\xc0\x80", 1, is_default},
      {"invalid UTF-8 value", "model=\xc3\x28", 1, is_default},
      {"newer version", "v=999&lr=0.2", 1, [](const Params& p) { return p.learning_rate == 0.2f; }},
      {"version junk", "v=abc", 1, is_default},
      {"version zero", "v=0", 1, is_default},
      {"version repeated", "v=1&v=1", 1, is_default},
      {"whole URL", "https://host/page?x=1#lr=0.1", 0, [](const Params& p) { return p.learning_rate == 0.1f; }},
      {"query style", "?lr=0.1", 0, [](const Params& p) { return p.learning_rate == 0.1f; }},
      {"semicolons", "#lr=0.1;batch=7", 0, [](const Params& p) { return p.batch_size == 7; }},
      {"hex float", "noise=0x1p-1", 0, [](const Params& p) { return p.noise == 0.5f; }},
      {"pts empty", "pts=", 1, is_default},
      {"pts unknown tag", "pts=zzzz", 1, is_default},
      {"pts tag only", "pts=c", 1, is_default},
      {"pts bad base64", "pts=c!!!!", 1, is_default},
      {"pts impossible length", "pts=cAAAAA", 1, is_default},
      {"pts partial point", "pts=cAAAA", 1, is_default},
      {"pts class too big", bad_class, 1, is_default},
      {"pts too many", many_points, 1,
       [](const Params& p) { return p.points.size() == size_t{kMaxLinkPoints} && p.points_one_d; }},
      {"many problems", "lr=x&batch=y&n=z&model=q&foo=1&%&v=9", 7, is_default},
      // The view state and the classroom mask.
      {"insp 5", "insp=5", 1, [](const Params& p) { return p.view_inspector == 1; }},
      {"insp true", "insp=true", 1, is_default},
      {"itab -1", "itab=-1", 1, [](const Params& p) { return p.view_tab == 0; }},
      {"itab 8", "itab=8", 1, [](const Params& p) { return p.view_tab == 7; }},
      {"itab junk", "itab=abc", 1, is_default},
      {"ilayer 0", "ilayer=0", 1, [](const Params& p) { return p.view_layer == 1; }},
      {"ilayer 99", "ilayer=99", 1, [](const Params& p) { return p.view_layer == kMaxHiddenLayers + 1; }},
      {"imat 10", "imat=10", 1, [](const Params& p) { return p.view_matrix == 9; }},
      {"iop 1.5", "iop=1.5", 1, is_default},
      {"isample huge", "isample=5000", 1, [](const Params& p) { return p.view_sample == kMaxPoints - 1; }},
      {"symlog 2", "symlog=2", 1, [](const Params& p) { return p.view_symlog == 1; }},
      {"live -1", "live=-1", 1, [](const Params& p) { return p.view_live == 0; }},
      {"showtest empty", "showtest=", 1, is_default},
      {"logloss yes", "logloss=yes", 1, is_default},
      {"hide empty", "hide=", 0, is_default},
      {"hide none", "hide=none", 0, is_default},
      {"hide zzz", "hide=zzz", 1, is_default},
      {"hide two", "hide=lr,opt", 0, [](const Params& p) { return p.hidden_controls == (1u << 10 | 1u << 12); }},
      {"hide one bad", "hide=lr,zzz,,opt", 2, [](const Params& p) { return p.hidden_controls == (1u << 10 | 1u << 12); }},
      {"lang ko", "lang=ko", 0, [](const Params& p) { return p.language == 2; }},
      {"lang fr", "lang=fr", 1, is_default},
      {"embed two views", "embed=network,data", 0, [](const Params& p) { return p.embed_views == (1u << 2 | 1u << 3); }},
      {"embed one bad", "embed=data,zzz", 1, [](const Params& p) { return p.embed_views == 1u << 3; }},
      {"hide twice the same", "hide=lr,lr", 0, [](const Params& p) { return p.hidden_controls == 1u << 10; }},
      {"hide case", "hide=LR", 1, is_default},
      {"hide broken escape", "hide=%G1", 1, is_default},
      {"hide huge list", "hide=" + [] { std::string s; for (int i = 0; i < 2000; ++i) s += "lr,zz,"; return s; }(), 51,
       [](const Params& p) { return p.hidden_controls == 1u << 10; }},
  };
}

TEST(url_codec, hostile_corpus_is_survived) {
  const std::vector<Hostile> corpus = hostile_corpus();
  EXPECT_GE(corpus.size(), 40u);
  for (const Hostile& h : corpus) {
    SCOPED_TRACE(h.name);
    const Decoded d = decode_params(h.input);
    EXPECT_EQ(params_problems(d.params), "");
    expect_clean_warnings(d);
    EXPECT_EQ(d.warnings.size(), h.warnings) << (d.warnings.empty() ? "" : d.warnings[0]);
    if (h.kept) {
      EXPECT_TRUE(h.kept(d.params)) << encode_params(d.params).substr(0, 300);
    }
    // Whatever came in, what comes out is a fixed point of the codec.
    const Decoded again = decode_params(encode_params(d.params));
    EXPECT_TRUE(again.warnings.empty());
    EXPECT_TRUE(same_params(again.params, d.params));
  }
}

// ---- Warning text -------------------------------------------------------------------------------------------

std::string first_warning(std::string_view input) {
  const Decoded d = decode_params(input);
  return d.warnings.empty() ? "(none)" : d.warnings[0];
}

TEST(url_codec, warnings_name_the_key_and_what_was_kept) {
  EXPECT_EQ(first_warning("lr=abc"), "lr: 'abc' is not a number; kept 0.03");
  EXPECT_EQ(first_warning("lr=50"), "lr: '50' is above the maximum 10; using 10");
  EXPECT_EQ(first_warning("foo=1"), "unknown key 'foo' ignored");
  EXPECT_EQ(first_warning("v=7"), "link is from a newer version (v=7); some settings may not apply");
  EXPECT_EQ(first_warning("layers=9999999"), "layers: '9999999' is above the maximum 256; using 256");
  EXPECT_EQ(first_warning("batch=1.5"), "batch: '1.5' is not an integer; kept 10");
  EXPECT_EQ(first_warning("features=none"), "features: no input features in 'none'; kept x,y");
  EXPECT_NE(first_warning("act=relu,foo").find("act: 'foo'"), std::string::npos);
  EXPECT_NE(first_warning("lr=%G1").find("lr: broken percent-encoding in '%G1'"), std::string::npos);
  EXPECT_NE(first_warning("lr=1&lr=2").find("lr: repeated key"), std::string::npos);
  EXPECT_NE(first_warning("pts=c!!!!").find("pts: "), std::string::npos);
  EXPECT_EQ(first_warning("insp=5"), "insp: '5' is above the maximum 1; using 1");
  EXPECT_EQ(first_warning("itab=-1"), "itab: '-1' is below the minimum 0; using 0");
  EXPECT_EQ(first_warning("hide=zzz"),
            "hide: 'zzz' is not one of model, data, noise, points, split, classes, features, layers, act, out, lr, "
            "batch, opt, reg, init, seeds, speed, inspector; ignored");
  EXPECT_EQ(first_warning("hide=%G1"), "hide: broken percent-encoding in '%G1'; kept none");
}

// Every control name is its own bit, in kControlNames order, and all of them travel together.
TEST(url_codec, links_are_read_as_people_have_them) {
  // A link saved by an editor ends in a newline (LF or CRLF), may start with a byte-order mark, and may be
  // copied with spaces around it; none of that is part of the link.
  const std::string link = "v=1&lr=0.1&layers=8,8&step=0";
  const Decoded want = decode_params(link);
  ASSERT_TRUE(want.warnings.empty());
  for (const std::string& text : {link + "\n", link + "\r\n", "\xEF\xBB\xBF" + link + "\r\n", "  " + link + " \t\n\n",
                                  "\n#" + link + "\n", " https://example.org/pg/#" + link + "\r\n"}) {
    const Decoded d = decode_params(text);
    EXPECT_TRUE(d.warnings.empty()) << text << ": " << (d.warnings.empty() ? "" : d.warnings[0]);
    EXPECT_TRUE(same_params(d.params, want.params)) << text;
  }
  // A TensorFlow Playground URL with a trailing newline is still recognised as one.
  const Decoded tf = decode_params("https://playground.tensorflow.org/#learningRate=0.1&networkShape=3\r\n");
  EXPECT_EQ(tf.params.learning_rate, 0.05f);
  EXPECT_EQ(tf.params.hidden, std::vector<int>{3});
}

TEST(url_codec, control_names_are_bits_in_order) {
  std::string all;
  for (size_t i = 0; i < kControlNames.size(); ++i) {
    const Decoded d = decode_params("hide=" + std::string(kControlNames[i]));
    EXPECT_TRUE(d.warnings.empty());
    EXPECT_EQ(d.params.hidden_controls, uint32_t{1} << i) << kControlNames[i];
    all.append(all.empty() ? "" : ",").append(kControlNames[i]);
  }
  Params p;
  p.hidden_controls = (uint32_t{1} << kControlNames.size()) - 1;
  EXPECT_NE(encode_params(p).find("&hide=" + all), std::string::npos);
  EXPECT_EQ(decode_params("hide=" + all).params.hidden_controls, p.hidden_controls);
}

// The view keys sit between step and pts, in this order (the page and the README list them so).
TEST(url_codec, view_keys_follow_step_and_precede_pts) {
  Params p;
  p.points = {{0, 0, 1}};
  const std::string text = encode_params(p, LinkForm::Full);
  size_t at = text.find("&step=");
  for (const char* key : {"&insp=", "&itab=", "&ilayer=", "&imat=", "&iop=", "&isample=", "&symlog=", "&live=",
                          "&showtest=", "&logloss=", "&hide=", "&pts="}) {
    const size_t next = text.find(key);
    ASSERT_NE(next, std::string::npos) << key;
    EXPECT_GT(next, at) << key;
    at = next;
  }
}

TEST(url_codec, warnings_quote_values_short_and_printable) {
  const std::string w = first_warning("model=" + std::string(1000, 'a'));
  EXPECT_NE(w.find("'" + std::string(40, 'a') + "...'"), std::string::npos) << w;
  EXPECT_EQ(first_warning(std::string("model=a\x01\xff", 9)), first_warning("model=a??"));
}

TEST(url_codec, warnings_are_capped) {
  std::string input;
  for (int i = 0; i < 100; ++i) input += "k" + std::to_string(i) + "=1&";
  const Decoded d = decode_params(input);
  ASSERT_EQ(d.warnings.size(), 51u);
  EXPECT_EQ(d.warnings.back(), "... and 50 more");
}

}  // namespace
}  // namespace pg
