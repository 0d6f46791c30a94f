// tests/state/fuzz_url_codec.cpp: libFuzzer target for the link decoder. Any bytes decode to a Params inside
// every field range (the view state, the classroom mask and the kMaxLinkPoints cap included: params_checks.h
// walks the whole field table) with few, short, printable warnings; re-encoding that Params and decoding it
// again gives the same Params with no warning and the same text (decode output is a fixed point of the codec).
// A TensorFlow Playground link always gives TF's model family (mlp, uniform init, sgd, square loss, tanh or
// linear output) and only warnings that say it is one; any other link gives none that do.
// Build and run (from a scratch directory, on a copy of the seed corpus):
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc \
//     -I/usr/include/eigen3 src/state/url_codec.cpp src/state/link_text.cpp src/state/tf_link.cpp \
//     tests/state/fuzz_url_codec.cpp -o /tmp/fuzz
//   cp -r tests/state/fuzz_corpus /tmp/corpus && /tmp/fuzz -max_total_time=60 -artifact_prefix=/tmp/ /tmp/corpus
#include "core/data.h"
#include "state/link_text.h"
#include "state/tf_link.h"
#include "state/url_codec.h"

#include "params_checks.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void require(bool ok, const char* what, std::string_view detail = {}) {
  if (ok) return;
  std::fprintf(stderr, "invariant violated: %s\n%.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

void check_warnings(const pg::Decoded& d) {
  require(d.warnings.size() <= 51, "more than 50 warnings plus the '... and N more' line");
  for (const std::string& w : d.warnings) {
    require(!w.empty() && w.size() < 300, "warning empty or too long", w);
    for (char c : w) require(c >= 0x20 && c <= 0x7e, "unprintable byte in a warning", w);
  }
}

bool starts_with(const std::string& s, std::string_view head) { return s.compare(0, head.size(), head) == 0; }

// TF links: every warning (but a final "... and N more") says it comes from one, and the model is TF's family.
// Other links: no warning claims to.
void check_tf(std::string_view input, const pg::Decoded& d) {
  // The decoder reads the link trimmed of surrounding white space and a byte-order mark, so the oracle does too.
  const bool tf = pg::is_tf_playground_link(pg::trim_text(input).substr(0, pg::link_text::kMaxInputBytes));
  for (const std::string& w : d.warnings)
    require(starts_with(w, pg::kTfLinkPrefix) == tf || starts_with(w, "... and "), "warning prefix", w);
  if (!tf) return;
  const pg::Params& p = d.params;
  require(p.model == pg::ModelKind::Mlp && p.init == pg::Init::Uniform && p.optimizer == pg::Optimizer::Sgd &&
              p.loss == pg::LossChoice::Mse && (p.out == pg::OutChoice::Tanh || p.out == pg::OutChoice::Linear),
          "a TF link outside TF's model family", pg::encode_params(p));
  require(p.points.empty(), "a TF link with user points");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const pg::Decoded first = pg::decode_params(input);
  require(pg::test::params_problems(first.params).empty(), "decoded Params out of range",
          pg::test::params_problems(first.params));
  check_warnings(first);
  check_tf(input, first);

  const std::string text = pg::encode_params(first.params);
  const pg::Decoded second = pg::decode_params(text);
  require(second.warnings.empty(), "re-encoded text decodes with warnings",
          second.warnings.empty() ? text : second.warnings[0] + "\n" + text);
  require(pg::test::same_params(second.params, first.params), "decode(encode(p)) != p", text);
  require(pg::encode_params(second.params) == text, "encode is not a fixed point", text);
  return 0;
}
