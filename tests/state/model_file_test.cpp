// tests/state/model_file_test.cpp: the model file reader and writer. Real exports of the page (committed as fuzz
// seeds) read to exactly the weights a native replay of their link reaches, and the writer gives back the page's
// text byte for byte; every malformed file gets its own message; 10 MB of junk gets a clear error.
#include "state/model_file.h"

#include "state/resolve.h"
#include "state/url_codec.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <chrono>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace pg {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string seed(const std::string& name) {
  return read_file(std::string(PG_SOURCE_DIR) + "/tests/state/fuzz_corpus_model/" + name);
}

template <class M> bool same_bits(const M& a, const M& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(float) * size_t(a.size())) == 0;
}

// Exported by the page (Export > Model (JSON), the wasm build) after replaying each link to its step.
const char* const kPageExports[] = {"page_default.json",          "page_moons-5.json",
                                    "page_softmax-spiralk3.json", "page_linreg-sine.json",
                                    "page_user-three-classes.json", "page_user-1d-regression.json",
                                    "page_mlp-tanh-sine.json",    "page_relu-elu-adam-spiralk5.json"};

// The oracle is the engine, natively: the link replayed to its step gives the weights the page had, bit for
// bit (the README's promise, checked for whole exports by tests/cli/golden.test.mjs).
TEST(model_file, page_exports_read_to_the_replayed_weights_bit_for_bit) {
  for (const char* name : kPageExports) {
    SCOPED_TRACE(name);
    const std::string text = seed(name);
    ASSERT_FALSE(text.empty());
    const ModelFileRead r = parse_model_file(text);
    ASSERT_TRUE(r.ok()) << r.error;
    const Decoded d = decode_params(r.model.link);
    EXPECT_TRUE(d.warnings.empty());
    EXPECT_EQ(r.model.step, d.params.steps) << "the file's step is its link's";
    Session s = make_session(d.params);
    ASSERT_EQ(s.trainer.run(d.params.steps), d.params.steps);
    const Network& net = s.trainer.network();
    ASSERT_EQ(r.model.W.size(), net.W.size());
    for (size_t i = 0; i < net.W.size(); ++i) {
      EXPECT_TRUE(same_bits(r.model.W[i], net.W[i])) << "layer " << i + 1 << " W";
      EXPECT_TRUE(same_bits(r.model.b[i], net.b[i])) << "layer " << i + 1 << " b";
    }
    EXPECT_EQ(check_parameters(net, r.model.W, r.model.b), "");
  }
}

TEST(model_file, writer_gives_the_page_export_byte_for_byte) {
  for (const char* name : kPageExports) {
    SCOPED_TRACE(name);
    const std::string text = seed(name);
    const ModelFileRead r = parse_model_file(text);
    ASSERT_TRUE(r.ok()) << r.error;
    const Session s = make_session(decode_params(r.model.link).params);
    std::vector<std::string> acts;
    for (size_t l = 1; l <= r.model.W.size(); ++l) acts.emplace_back(act_name(s.trainer.network().arch.act(int(l))));
    EXPECT_EQ(model_file_json(r.model, acts), text);
  }
}

TEST(model_file, written_floats_read_back_bit_for_bit) {
  ModelFile m;
  m.link = "v=1&data=xor&layers=3&step=7";
  m.step = 7;
  m.W = {Mat(3, 2), Mat(1, 3)};
  m.W[0] << FLT_MAX, -FLT_MAX, FLT_MIN, -0.0f, 1e-45f /* the smallest subnormal */, 0.1f;
  m.W[1] << 1.0f / 3, -2.5e-38f, 16777217.0f;
  m.b = {Vec(3), Vec(1)};
  m.b[0] << 0.0f, 3.4e38f, -1e-40f;
  m.b[1] << 123456.789f;
  const ModelFileRead r = parse_model_file(model_file_json(m));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.model.link, m.link);
  EXPECT_EQ(r.model.step, m.step);
  for (size_t i = 0; i < 2; ++i) EXPECT_TRUE(same_bits(r.model.W[i], m.W[i]) && same_bits(r.model.b[i], m.b[i]));
  EXPECT_TRUE(std::signbit(r.model.W[0](0, 1))) << "-0 stays -0";
  m.step.reset();
  const ModelFileRead no_step = parse_model_file(model_file_json(m));
  ASSERT_TRUE(no_step.ok());
  EXPECT_FALSE(no_step.model.step);
}

// A one-layer model around the given layer text ("W": ..., "b": ...), and other top-level members.
std::string with_layers(const std::string& layers, const std::string& more = "") {
  return R"({"format": "backprop-playground-model", "link": "model=linreg", )" + more + R"("layers": )" + layers + "}";
}

TEST(model_file, every_malformed_file_gets_its_own_message) {
  const std::string kFormat = R"(not a Backprop Playground model (its "format" should be "backprop-playground-model"))";
  const struct { std::string text, error; } cases[] = {
      {"", "the JSON is malformed"},
      {"{", "the JSON is malformed"},
      {R"({"format": "backprop-playground-model", "link": "", "layers": [})", "the JSON is malformed"},
      {"{\"a\": " + std::string(17, '[') + std::string(17, ']') + "}", "the JSON is nested too deeply to be a model"},
      {"[1, 2]", kFormat},
      {R"({"format": 1, "link": "", "layers": []})", kFormat},  // once an uncaught exception (value() of a number)
      {R"({"format": ["backprop-playground-model"]})", kFormat},
      {R"({"format": "something else"})", kFormat},
      {R"({"link": "model=linreg"})", kFormat},
      {R"({"format": "backprop-playground-model", "layers": []})", R"(the model has no "link")"},
      {R"({"format": "backprop-playground-model", "link": 5, "layers": []})", R"(the model has no "link")"},
      {R"({"format": "backprop-playground-model", "link": ""})", R"(the model has no "layers")"},
      {with_layers("{}"), R"(the model has no "layers")"},
      {with_layers("[]"), R"(the model's "layers" is empty)"},
      {with_layers("[[1]]"), "layer 1 is not an object"},
      {with_layers(R"([{"b": [0]}])"), "layer 1 W is not a list of rows"},
      {with_layers(R"([{"W": [], "b": [0]}])"), "layer 1 W is not a list of rows"},
      {with_layers(R"([{"W": [1, 2], "b": [0]}])"), "layer 1 W is not a list of rows"},
      {with_layers(R"([{"W": [[]], "b": [0]}])"), "layer 1 W: row 0 is empty"},
      {with_layers(R"([{"W": [[1, 2], [3]], "b": [0, 0]}])"), "layer 1 W: row 1 has a different length"},
      {with_layers(R"([{"W": [[1, 2], 3], "b": [0, 0]}])"), "layer 1 W: row 1 has a different length"},
      {with_layers(R"([{"W": [[1, "x"]], "b": [0]}])"), "layer 1 W[0][1] is not a number"},
      {with_layers(R"([{"W": [[1, null]], "b": [0]}])"), "layer 1 W[0][1] is not a number"},
      {with_layers(R"([{"W": [[1], [true]], "b": [0, 0]}])"), "layer 1 W[1][0] is not a number"},
      {with_layers(R"([{"W": [[1e39]], "b": [0]}])"), "layer 1 W[0][0] is beyond the float range (+-3.4e38)"},
      {with_layers(R"([{"W": [[-1e300]], "b": [0]}])"), "layer 1 W[0][0] is beyond the float range (+-3.4e38)"},
      {with_layers(R"([{"W": [[1e999]], "b": [0]}])"), "the JSON is malformed"},  // nlohmann: beyond double
      {with_layers(R"([{"W": [[1]]}])"), "layer 1 b is not a list of numbers"},
      {with_layers(R"([{"W": [[1]], "b": []}])"), "layer 1 b is not a list of numbers"},
      {with_layers(R"([{"W": [[1]], "b": 0}])"), "layer 1 b is not a list of numbers"},
      {with_layers(R"([{"W": [[1]], "b": ["0"]}])"), "layer 1 b[0] is not a number"},
      {with_layers(R"([{"W": [[1]], "b": [-4e38]}])"), "layer 1 b[0] is beyond the float range (+-3.4e38)"},
      {with_layers(R"([{"W": [[1, 2], [3, 4]], "b": [0]}])"), "layer 1 b has length 1, but its W is 2 x 2 (one bias per row)"},
      {with_layers(R"([{"W": [[1, 2], [3, 4]], "b": [0, 0]}, {"W": [[1, 2, 3]], "b": [0]}])"),
       "layer 2 W is 1 x 3, but layer 1 has 2 units (one column each)"},
      {with_layers(R"([{"W": [[1, 2]], "b": [0]}, {"W": [[1], [false]], "b": [0, 0]}])"), "layer 2 W[1][0] is not a number"},
  };
  for (const auto& c : cases) {
    const ModelFileRead r = parse_model_file(c.text);
    EXPECT_EQ(r.error, c.error) << c.text;
    EXPECT_TRUE(r.model.W.empty() && r.model.b.empty() && r.model.link.empty()) << "nothing kept: " << c.text;
  }
}

TEST(model_file, what_it_accepts) {
  // A BOM and surrounding white space, unknown members, integers, the float range's ends, depth 16 exactly,
  // and brackets inside a string (not nesting).
  const std::string text = "\xEF\xBB\xBF \r\n" +
                           with_layers(R"([{"W": [[3, -2], [3.4028234663852886e38, 1e-45]], "b": [0, 1], "x": 1}])",
                                       "\"link\": \"[[[[[[[[[[[[[[[[[[\\\"{{\", \"a\": " + std::string(15, '[') +
                                           std::string(15, ']') + ", ") + "\n";
  const ModelFileRead r = parse_model_file(text);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.model.link, "[[[[[[[[[[[[[[[[[[\"{{") << "the last of two \"link\" members";
  ASSERT_EQ(r.model.W.size(), 1u);
  EXPECT_EQ(r.model.W[0](0, 0), 3.0f);
  EXPECT_EQ(r.model.W[0](0, 1), -2.0f);
  EXPECT_EQ(r.model.W[0](1, 0), FLT_MAX);
  EXPECT_EQ(r.model.W[0](1, 1), 1e-45f);
  EXPECT_FALSE(r.model.step);
  // The step: read when a whole number >= 0, else absent (the page reads its step from the link).
  EXPECT_EQ(parse_model_file(with_layers(R"([{"W": [[1]], "b": [0]}])", R"("step": 12, )")).model.step, 12u);
  for (const char* step : {R"("step": -3, )", R"("step": "12", )", R"("step": 1.5, )"}) {
    const ModelFileRead s = parse_model_file(with_layers(R"([{"W": [[1]], "b": [0]}])", step));
    ASSERT_TRUE(s.ok()) << s.error;
    EXPECT_FALSE(s.model.step) << step;
  }
}

// The page crashed on 10 MB of pasted junk ("memory access out of bounds"); every kind gets a clear error. The
// time is printed, not checked (no timed tests).
TEST(model_file, ten_megabytes_of_junk_gets_a_clear_error) {
  constexpr size_t kTen = 10'000'000;
  std::mt19937 rng(13);
  std::string random(kTen, '\0');
  for (char& c : random) c = static_cast<char>(rng() & 0xff);
  std::string flat = random;  // without brackets, so the parser (not the depth check) meets the junk
  std::replace_if(flat.begin(), flat.end(), [](char c) { return c == '[' || c == '{'; }, ' ');
  std::string numbers = R"({"format": "backprop-playground-model", "link": "", "layers": [{"W": [[)";
  while (numbers.size() < kTen) numbers += "0.123456789,";
  numbers += R"(1]], "b": [0]}]})";
  const struct { const char* what; std::string text, error; } cases[] = {
      {"random bytes", random, "the JSON is nested too deeply to be a model"},  // 1 in 128 bytes is [ or {
      {"random bytes without [ or {", flat, "the JSON is malformed"},
      {"'{' then random bytes without [ or {", "{" + flat, "the JSON is malformed"},
      {"10 MB of '['", "{\"a\": " + std::string(kTen, '['), "the JSON is nested too deeply to be a model"},
      {"10 MB of '\"'", std::string(kTen, '"'), "the JSON is malformed"},
      {"a 10 MB model (W is one row of numbers), which reads", numbers, ""},
  };
  for (const auto& c : cases) {
    const auto t0 = std::chrono::steady_clock::now();
    const ModelFileRead r = parse_model_file(c.text);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("[ figures  ] parse_model_file, %s (%.1f MB): %.0f ms: %s\n", c.what, double(c.text.size()) / 1e6, ms,
                r.ok() ? "read" : r.error.c_str());
    EXPECT_EQ(r.error, c.error) << c.what;
  }
}

}  // namespace
}  // namespace pg
