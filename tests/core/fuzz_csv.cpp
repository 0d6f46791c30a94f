// tests/core/fuzz_csv.cpp: libFuzzer target for the CSV reader (core/data.h parse_csv), the text a user pastes or
// drops as data points. Beyond "no crash, no UB" (ASan + UBSan), for any bytes:
//   - success: at most max_points points, every coordinate finite and in [-6, 6], a 3-column label finite and
//     within +-1e6, a 1-D set's labels 0, -1/+1 labels already read as 0/1; points_to_csv of the result reads
//     back to the same points (and the same kind of set), and that text is a fixed point;
//   - failure: no points, and one short line of printable ASCII that names a line of the text ("line N: ...",
//     1 <= N <= the text's line count) or says "no data rows";
//   - the same text with CRLF line ends, or behind a UTF-8 byte-order mark, reads the same.
// max_points varies with the input's length (1..50 for a third of the lengths), so the row cap is reached too.
// Build and run: scripts/fuzz.sh (all fuzzers, long), or by hand from a scratch directory:
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DPG_FUZZ=ON && cmake --build build-fuzz --target fuzz_csv
//   cp -r tests/core/fuzz_corpus_csv /tmp/corpus && build-fuzz/fuzz_csv -max_total_time=60 -artifact_prefix=/tmp/ /tmp/corpus
#include "core/data.h"

#include <algorithm>
#include <cmath>
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

bool printable(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

bool same(const pg::CsvResult& a, const pg::CsvResult& b) {
  return a.points == b.points && a.one_d == b.one_d && a.error == b.error && a.note == b.note;
}

// The error's line number: "line 12: ..." -> 12; 0 when it does not start so.
size_t error_line(const std::string& error) {
  if (error.rfind("line ", 0) != 0) return 0;
  size_t n = 0, i = 5;
  for (; i < error.size() && i < 20 && error[i] >= '0' && error[i] <= '9'; ++i) n = n * 10 + size_t(error[i] - '0');
  return i + 1 < error.size() && error[i] == ':' && error[i + 1] == ' ' ? n : 0;
}

void check_failure(std::string_view input, const pg::CsvResult& r) {
  require(r.points.empty(), "points kept on failure", r.error);
  require(!r.error.empty() && r.error.size() < 200 && printable(r.error), "error empty, long or unprintable", r.error);
  if (r.error == "no data rows") return;
  const size_t line = error_line(r.error);
  const size_t lines = size_t(std::count(input.begin(), input.end(), '\n')) + 1;
  require(line >= 1 && line <= lines, "the error names no line of the text", r.error);
}

void check_success(const pg::CsvResult& r, size_t max_points) {
  require(!r.points.empty() && r.points.size() <= max_points, "point count outside 1..max_points");
  require(r.note.size() < 200 && printable(r.note), "note long or unprintable", r.note);
  const bool pm_one_read = r.note.rfind("Labels -1/+1", 0) == 0;
  for (const pg::Point& p : r.points) {
    require(std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.label), "a non-finite value");
    require(std::fabs(p.x) <= 6 && std::fabs(p.y) <= 6, "a coordinate outside [-6, 6]");
    require(std::fabs(p.label) <= 1e6f, "a label beyond +-1e6");
    if (r.one_d) require(p.label == 0, "a 1-D point with a label");
    if (pm_one_read) require(p.label == 0 || p.label == 1, "-1/+1 labels not read as 0/1");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t max_points = size % 3 == 0 ? 1 + size % 50 : 5000;
  const pg::CsvResult r = pg::parse_csv(input, max_points);
  if (!r.ok()) {
    check_failure(input, r);
  } else {
    check_success(r, max_points);
    const std::string text = pg::points_to_csv(r.points, r.one_d);
    const pg::CsvResult again = pg::parse_csv(text, max_points);
    require(again.ok() && again.points == r.points && again.one_d == r.one_d, "points_to_csv does not read back",
            again.ok() ? text : again.error);
    require(pg::points_to_csv(again.points, again.one_d) == text, "points_to_csv is not a fixed point", text);
  }

  std::string crlf;
  crlf.reserve(size + size / 8);
  for (char c : input) crlf += c == '\n' ? std::string_view("\r\n") : std::string_view(&c, 1);
  require(same(pg::parse_csv(crlf, max_points), r), "CRLF line ends read differently", crlf);
  if (input.substr(0, 3) != "\xEF\xBB\xBF")
    require(same(pg::parse_csv("\xEF\xBB\xBF" + std::string(input), max_points), r), "a byte-order mark changes the result");
  return 0;
}
