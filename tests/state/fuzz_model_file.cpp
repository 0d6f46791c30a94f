// tests/state/fuzz_model_file.cpp: libFuzzer target for the model file reader (state/model_file.h), the JSON a
// user opens or drops as a model. Beyond "no crash, no UB, no exception" (ASan + UBSan; a throw aborts), for any
// bytes:
//   - failure: an empty model and one short line of printable ASCII;
//   - success: at least one layer, as many b as W, every W non-empty, W[l].cols() == W[l-1].rows(),
//     b[l].size() == W[l].rows(), every number finite; the page's format written back (model_file_json) reads
//     to the same link, step and weights bit for bit, and that text is a fixed point.
// Build and run: scripts/fuzz.sh (all fuzzers, long), or by hand from a scratch directory:
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DPG_FUZZ=ON && cmake --build build-fuzz --target fuzz_model_file
//   cp -r tests/state/fuzz_corpus_model /tmp/corpus && build-fuzz/fuzz_model_file -max_total_time=60 -artifact_prefix=/tmp/ /tmp/corpus
#include "state/model_file.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

void require(bool ok, const char* what, std::string_view detail = {}) {
  if (ok) return;
  std::fprintf(stderr, "invariant violated: %s\n%.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

template <class M> bool same_bits(const M& a, const M& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(float) * size_t(a.size())) == 0;
}

void check_shapes(const pg::ModelFile& m) {
  require(!m.W.empty() && m.W.size() == m.b.size(), "no layers, or not one b per W");
  for (size_t i = 0; i < m.W.size(); ++i) {
    require(m.W[i].size() > 0, "an empty W");
    require(m.b[i].size() == m.W[i].rows(), "b's length is not W's rows");
    require(i == 0 || m.W[i].cols() == m.W[i - 1].rows(), "W's columns are not the layer before's rows");
    require(m.W[i].allFinite() && m.b[i].allFinite(), "a non-finite weight or bias");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const pg::ModelFileRead r = pg::parse_model_file(input);
  if (!r.ok()) {
    require(r.error.size() < 200 && std::all_of(r.error.begin(), r.error.end(), [](char c) { return c >= 0x20 && c <= 0x7e; }),
            "error long or unprintable", r.error);
    require(r.model.W.empty() && r.model.b.empty() && r.model.link.empty() && !r.model.step, "a model kept on failure");
    return 0;
  }
  check_shapes(r.model);

  const std::string text = pg::model_file_json(r.model);
  const pg::ModelFileRead again = pg::parse_model_file(text);
  require(again.ok(), "the written model does not read back", again.error + "\n" + text);
  const pg::ModelFile &a = r.model, &b = again.model;
  require(a.link == b.link && a.step == b.step && a.W.size() == b.W.size(), "link, step or layer count changed", text);
  for (size_t i = 0; i < a.W.size(); ++i)
    require(same_bits(a.W[i], b.W[i]) && same_bits(a.b[i], b.b[i]), "a weight changed on the way back", text);
  require(pg::model_file_json(b) == text, "model_file_json is not a fixed point", text);
  return 0;
}
