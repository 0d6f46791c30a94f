// tests/state/params_checks.h: checks shared by url_codec_test.cpp and fuzz_url_codec.cpp.
//   params_problems(p)  what in p lies outside what decode_params may produce (empty when all is well): every
//                       field inside its field-table range (floats finite and in [float(lo), float(hi)]), enums
//                       inside their name tables, lists, bit sets and points within their limits (the view
//                       fields and the classroom mask included: they are rows of the same table).
//   same_params(a, b)   exact equality of two Params.
// Driven by visit_fields like the codec itself, so a new field is checked without touching this file.
#pragma once

#include "state/params.h"
#include "state/url_codec.h"

#include <cmath>
#include <concepts>
#include <string>
#include <string_view>
#include <utility>

namespace pg::test {

struct RangeChecker {
  std::string problems;

  void fail(std::string_view key, std::string_view what) {
    problems.append(key).append(": ").append(what).append("\n");
  }

  template <class E, size_t N>
  void enumeration(std::string_view key, const E& e, const std::array<std::string_view, N>&, std::string_view) {
    if (static_cast<size_t>(e) >= N) fail(key, "enum value outside its names");
  }
  void real(std::string_view key, const float& f, RealRange r, std::string_view) {
    if (!std::isfinite(f)) fail(key, "not finite");
    if (f < static_cast<float>(r.lo) || f > static_cast<float>(r.hi)) fail(key, "out of range");
  }
  template <class Int> void integer(std::string_view key, const Int& n, IntRange r, std::string_view) {
    if (std::cmp_less(n, r.lo) || std::cmp_greater(n, r.hi)) fail(key, "out of range");
  }
  void int_list(std::string_view key, const std::vector<int>& list, ListRange r, std::string_view) {
    if (list.size() > static_cast<size_t>(r.max_len)) fail(key, "too many entries");
    for (int n : list)
      if (n < r.lo || n > r.hi) fail(key, "entry out of range");
  }
  void act_list(std::string_view key, const std::vector<Act>& acts, std::string_view) {
    if (acts.empty() || acts.size() > static_cast<size_t>(kMaxHiddenLayers)) fail(key, "bad length");
    for (Act a : acts)
      if (static_cast<size_t>(a) >= kHiddenActNames.size()) fail(key, "not a hidden activation");
  }
  // Only named bits; empty only where the range allows it (features never, hide always).
  template <class Bits, size_t N>
  void flags(std::string_view key, const Bits& set, const std::array<std::string_view, N>&, FlagsRange r,
             std::string_view) {
    if (set == 0 && !r.empty_ok) fail(key, "empty set");
    if (N < 8 * sizeof(Bits) && (set >> N) != 0) fail(key, "unknown bits");
  }
  // At most kMaxLinkPoints (a decoded link carries no more). Coordinates on [-6, 6]; labels are classes 0..7 or
  // targets on [-6, 6]; 1-D points carry label 0.
  void points(std::string_view key, const std::vector<Point>& pts, const bool& one_d, std::string_view) {
    if (pts.size() > static_cast<size_t>(kMaxLinkPoints)) fail(key, "more points than a link carries");
    if (pts.empty() && one_d) fail(key, "one_d without points");
    for (const Point& p : pts) {
      if (!(p.x >= -6 && p.x <= 6 && p.y >= -6 && p.y <= 6)) fail(key, "coordinate outside [-6, 6]");
      if (!(p.label >= -6 && p.label <= 7)) fail(key, "label outside [-6, 7]");
      if (one_d && p.label != 0) fail(key, "1-D point with a label");
    }
  }
};

inline std::string params_problems(const Params& p) {
  RangeChecker checker;
  visit_fields(p, checker);
  return checker.problems;
}

// Params::operator== is defaulted, so it compiles only once Point has operator== (core/data.h). Until then,
// compare the encoded text (exact for every field but the points: shortest float text is one-to-one) plus the
// points themselves. A template, so the discarded branch is never compiled.
template <class P> bool same_params(const P& a, const P& b) {
  if constexpr (std::equality_comparable<Point>) {
    return a == b;
  } else {
    if (encode_params(a) != encode_params(b) || a.points_one_d != b.points_one_d) return false;
    if (a.points.size() != b.points.size()) return false;
    for (size_t i = 0; i < a.points.size(); ++i) {
      const Point &p = a.points[i], &q = b.points[i];
      if (p.x != q.x || p.y != q.y || p.label != q.label) return false;
    }
    return true;
  }
}

}  // namespace pg::test
