// tests/core/csv_memory_test.cpp: the CSV reader's memory stays in proportion to its text, whatever the text. A line
// of ten million commas once became a vector of ten million fields (160 MB for 10 MB of text, about a gigabyte in the
// page for the 64 MB it opens, 18 s to refuse). This file replaces the global operator new of core_tests to
// record the largest single allocation while a test asks it to (the other tests are not affected).
#include "core/data.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <new>
#include <string>

namespace {
bool g_recording = false;   // single-threaded tests
size_t g_largest = 0;       // the largest allocation while recording, in bytes
}  // namespace

void* operator new(size_t n) {
  if (g_recording && n > g_largest) g_largest = n;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }

namespace pg {
namespace {

// The largest allocation parse_csv makes for `text`.
size_t largest_allocation(const std::string& text, std::string& error) {
  g_largest = 0;
  g_recording = true;
  const CsvResult r = parse_csv(text);
  g_recording = false;
  error = r.error;
  return g_largest;
}

TEST(csv_memory, a_line_of_ten_million_commas_is_counted_not_stored) {
  const std::string commas(10'000'000, ',');
  for (const std::string& text : {commas, "1,2,0\n" + commas, "x1,x2,label\n1,2\n" + commas}) {
    std::string error;
    const size_t largest = largest_allocation(text, error);
    EXPECT_LT(largest, 1'000'000u) << "no copy of the text, no vector per field; error: " << error;
    EXPECT_FALSE(error.empty());
  }
  std::string error;
  largest_allocation("1,2,0\n" + commas, error);
  EXPECT_EQ(error, "line 2: expected 3 values like the first row, found 10000001");
}

TEST(csv_memory, a_long_field_is_copied_once) {
  const std::string field(10'000'000, '5');  // strtod needs a terminated copy of the field
  std::string error;
  EXPECT_LE(largest_allocation("1," + field + ",0\n", error), field.size() + 1);
  EXPECT_EQ(error, "line 1: '5555555555555555555555555555555555555555...' is not a finite number");
}

}  // namespace
}  // namespace pg
