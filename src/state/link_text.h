// state/link_text.h: the text layer shared by the two link readers, url_codec.cpp (this playground's links) and
// tf_link.cpp (TensorFlow Playground links): splitting "k=v&k=v", percent-decoding, strict number parsing,
// shortest float text, quoting, and the capped warning list. Internal to src/state (the public API is
// url_codec.h). Std only; nothing here throws.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pg::link_text {

constexpr size_t kMaxInputBytes = 64 * 1024;  // longer links are cut here: bounded, linear work
constexpr size_t kMaxWarnings = 50;           // then one "... and N more"

// ---- Small text helpers ---------------------------------------------------------------------------------------

// 'value' for a warning: at most 40 characters, anything but printable ASCII shown as '?', so a warning is
// always safe to print, whatever bytes the link held.
std::string quote(std::string_view s);

// The shortest text that reads back to the same float, laid out like std::to_chars ("0.03", "1e-06").
std::string format_real(float f);

// %XX -> byte. '+' stays '+' (it is not a space in a fragment). False on a '%' without two hex digits.
bool percent_decode(std::string_view in, std::string& out);

// Base-10 integer text only ("1.5", "1e3", "0x10", " 1" and "" fail). Values beyond long long saturate.
bool parse_integer(std::string_view text, long long& out);

// A real number (strtod's syntax, no leading space): d as a double, f rounded straight from the text to float.
// Non-finite values ("inf", "nan", "1e999") parse; callers check std::isfinite(d).
bool parse_real(std::string_view text, double& d, float& f);

template <size_t N> constexpr int index_of(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}

template <size_t N> std::string join_names(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::string_view name : names) out.append(out.empty() ? "" : ", ").append(name);
  return out;
}

// Calls f on each sep-separated item of text; the empty text has no items, "4," has two ("4" and "").
template <class F> void for_each_item(std::string_view text, F&& f, char sep = ',') {
  if (text.empty()) return;
  for (size_t start = 0;;) {
    const size_t end = text.find(sep, start);
    f(text.substr(start, end - start));
    if (end == std::string_view::npos) return;
    start = end + 1;
  }
}

// Calls f(raw_key, raw_value) on each non-empty "key=value" part of a fragment; parts are separated by '&' or
// ';', a part without '=' has an empty value. Nothing is decoded here.
template <class F> void for_each_part(std::string_view fragment, F&& f) {
  for (size_t start = 0; start <= fragment.size();) {
    const size_t end = std::min(fragment.find_first_of("&;", start), fragment.size());
    const std::string_view part = fragment.substr(start, end - start);
    start = end + 1;
    if (part.empty()) continue;  // "a&&b" and a trailing '&' are harmless
    const size_t eq = part.find('=');
    f(part.substr(0, eq), eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1));
  }
}

// ---- Warnings -------------------------------------------------------------------------------------------------

// At most kMaxWarnings messages, then one "... and N more". A prefix, once set, starts every later message (a
// TensorFlow Playground link's warnings all say so).
class Warnings {
 public:
  void set_prefix(std::string_view prefix) { prefix_ = prefix; }
  void add(std::string message);
  void add(std::string_view key, std::string_view message) { add(std::string(key).append(": ").append(message)); }
  std::vector<std::string> finish();

 private:
  std::string prefix_;
  std::vector<std::string> list_;
  size_t dropped_ = 0;
};

// ---- Key/value pairs ------------------------------------------------------------------------------------------

struct Pair {
  std::string_view key;   // one of the reader's known keys (static storage)
  std::string_view raw;   // as written, for warnings about broken encoding
  std::string text;       // percent-decoded
  bool broken = false;    // bad percent-encoding: the field keeps its default
  // A value translated from another link format (a TensorFlow Playground key): that link's key and value text,
  // so that a warning quotes what the link had ("learningRate: '100'"), not the translation ("lr: '50'").
  std::string from_key, from_text;
};

class Pairs {
 public:
  const Pair* find(std::string_view key) const;
  // The last value of a repeated key wins, with a warning.
  void set(Pair pair, Warnings& warn);

 private:
  std::vector<Pair> pairs_;  // at most one per known key, so lookups stay cheap
};

// Reads the pairs of a fragment whose keys are in `keys`. Any other key goes to other(key, raw_value) (key
// percent-decoded, non-empty), or, without one, gives the warning "unknown key 'k' ignored". Linear in the text.
using OtherKey = std::function<void(const std::string& key, std::string_view raw_value)>;
Pairs read_pairs(std::string_view fragment, const std::vector<std::string_view>& keys, Warnings& warn,
                 const OtherKey& other = nullptr);

// The value text for key: nullopt when absent, or when unusable (broken encoding; empty unless empty_ok), which
// is warned about, naming `kept`, the value the field keeps.
std::optional<std::string_view> usable_value(const Pairs& pairs, std::string_view key, std::string_view kept,
                                             Warnings& warn, bool empty_ok = false);

// ---- Whole links ----------------------------------------------------------------------------------------------

// The fragment of a link: what follows the first '#' (a whole URL, or a fragment with its '#'); else the text
// without a leading '?'; else the text itself.
std::string_view fragment_of(std::string_view text);

}  // namespace pg::link_text
