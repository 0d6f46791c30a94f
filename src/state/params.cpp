// state/params.cpp: questions about the field table itself (which keys exist, a numeric field's range), asked
// by the panel and the tests. The table is visit_fields in params.h; nothing here repeats it.
#include "state/params.h"

namespace pg {

namespace {

// Walks the field table looking for one key; remembers whether it exists and, for a number, its range.
struct FieldFinder {
  std::string_view want;
  bool found = false;
  std::optional<FieldRange> range;

  bool is(std::string_view key) { return key == want && (found = true); }
  template <class E, size_t N> void enumeration(std::string_view k, E&, const std::array<std::string_view, N>&, const char*) { is(k); }
  template <class T> void real(std::string_view k, T&, RealRange r, const char*) {
    if (is(k)) range = FieldRange{r.lo, r.hi};
  }
  template <class T> void integer(std::string_view k, T&, IntRange r, const char*) {
    if (is(k)) range = FieldRange{double(r.lo), double(r.hi)};
  }
  void int_list(std::string_view k, std::vector<int>&, ListRange r, const char*) {
    if (is(k)) range = FieldRange{double(r.lo), double(r.hi)};  // each entry's range
  }
  void act_list(std::string_view k, std::vector<Act>&, const char*) { is(k); }
  template <class B, size_t N> void flags(std::string_view k, B&, const std::array<std::string_view, N>&, FlagsRange, const char*) { is(k); }
  void points(std::string_view k, std::vector<Point>&, bool&, const char*) { is(k); }
};

FieldFinder find_field(std::string_view key) {
  Params p;
  FieldFinder f{key};
  visit_fields(p, f);
  return f;
}

}  // namespace

std::optional<FieldRange> field_range(std::string_view key) { return find_field(key).range; }

bool is_field_key(std::string_view key) { return find_field(key).found; }

}  // namespace pg
