// state/url_codec.cpp: Params <-> share-link text. Two visitors over visit_fields() (params.h) do all the work:
// Encoder writes every field as key=value, Decoder reads them back. Decoder is the only place that parses
// untrusted link text; no per-field code lives outside the two visitors. Std only: no UI, no browser, no
// exceptions thrown or caught (number parsing uses strtod / strtoll with end-pointer checks).
//
// Text (v=1): "v=1&model=mlp&...&step=0&pts=c...", key=value pairs joined by '&' in field-table order.
//   floats    the shortest text that reads back to the same float, laid out like std::to_chars ("0.03")
//   integers  base 10
//   enums     by name from the field's names array
//   int list  "4,2"; the empty value is the empty list ("layers=" is zero hidden layers, a valid network)
//   act list  "tanh" or "tanh,relu" (kHiddenActNames)
//   features  names in bit order, "x,y,x2". The empty set is written "none"; decoding it (or no usable names)
//             warns and keeps the default x,y, because a model needs at least one input.
//   pts       omitted when there are no points. Else one kind tag, then base64url (RFC 4648 section 5, no
//             padding) of big-endian records, one per point:
//               'c'  x:u16 y:u16 class:u8   every label is a whole number 0..7 (classes go up to 8)
//               'r'  x:u16 y:u16 label:u16  any other labels (regression targets), quantised like x and y
//               'o'  x:u16 y:u16            1-D sets (points_one_d): y is the target, the label reads back 0
//             A u16 coordinate is q = round((v + 6) / 12 * 65535) with v clamped into [-6, 6] (NaN -> -6);
//             it reads back as float(q / 65535.0 * 12.0 - 6.0), a grid step of 12/65535 ~ 1.8e-4. So points
//             round-trip exactly only once on that grid: encode(decode(encode(p))) == encode(p). At most
//             kMaxPoints points are written or read.
// Values are percent-encoded outside [A-Za-z0-9._~,-].
//
// Decoding starts from the defaults and never fails: it reads at most 64 KiB, also accepts ';' between pairs,
// a leading '?' or '#', or a whole URL (everything up to the first '#' is skipped). Unknown keys, repeated keys
// (the last wins), broken percent-encoding, junk and non-finite numbers, newer versions (v > kUrlVersion) each
// give one warning; numbers are clamped into the field table's ranges with a warning. A warning names the key,
// quotes the value (short, printable) and says what was kept; after 50 comes one "... and N more".
#include "state/url_codec.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace pg {
namespace {

constexpr size_t kMaxInputBytes = 64 * 1024;  // longer links are cut here: bounded, linear work
constexpr size_t kMaxWarnings = 50;           // then one "... and N more"
constexpr size_t kMaxQuoted = 40;             // offending values are quoted up to this many characters
constexpr size_t kMaxNumberLen = 64;          // no real number or integer needs more characters
constexpr int kMaxClassLabel = 7;             // classes go up to 8 (params.h), so labels 0..7
constexpr std::string_view kFeaturesNone = "none";

// Act values index kHiddenActNames and kActNames alike, so a hidden activation's index is its enum value.
constexpr bool hidden_act_names_match() {
  for (size_t i = 0; i < kHiddenActNames.size(); ++i)
    if (kHiddenActNames[i] != kActNames[i]) return false;
  return true;
}
static_assert(hidden_act_names_match());

// ---- Text helpers -------------------------------------------------------------------------------------------

// 'value' for a warning: at most kMaxQuoted characters, anything but printable ASCII shown as '?', so a
// warning is always safe to print, whatever bytes the link held.
std::string quote(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, kMaxQuoted)) out += (c >= 0x20 && c <= 0x7e) ? c : '?';
  if (s.size() > kMaxQuoted) out += "...";
  return out + "'";
}

// "[-]d.ddde[+-]XX" (printf's %e) -> the same digits, laid out plain ("0.03", "100") or in scientific form
// ("1e-06"), whichever is shorter, plain on a tie: std::to_chars' layout. Only digits are taken from the
// mantissa, so a locale's decimal comma cannot leak into a link.
std::string layout_decimal(std::string_view sci) {
  const size_t e_at = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_at))
    if (c >= '0' && c <= '9') digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int exp = std::atoi(std::string(sci.substr(e_at + 1)).c_str());
  const int n = static_cast<int>(digits.size());
  std::string plain;
  if (exp >= n - 1) plain = digits + std::string(exp - (n - 1), '0');
  else if (exp >= 0) plain = digits.substr(0, exp + 1) + "." + digits.substr(exp + 1);
  else plain = "0." + std::string(-exp - 1, '0') + digits;
  char tail[16];
  std::snprintf(tail, sizeof tail, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
  const std::string scientific = digits.substr(0, 1) + (n > 1 ? "." + digits.substr(1) : "") + tail;
  return (sci[0] == '-' ? "-" : "") + (plain.size() <= scientific.size() ? plain : scientific);
}

// The shortest text that reads back to the same float: the fewest significant digits (9 always suffice for a
// float) whose correctly rounded %e text strtof reads back exactly. Not std::to_chars: Debian's Emscripten
// 3.1.6 libc++ has no floating-point to_chars, and links must read the same on the web and natively. For
// |f| < 2^24 the text equals libstdc++'s to_chars (checked in url_codec_test.cpp).
std::string format_real(float f) {
  if (!std::isfinite(f)) return std::isnan(f) ? "nan" : f > 0 ? "inf" : "-inf";
  char buf[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*e", digits - 1, static_cast<double>(f));
    if (std::strtof(buf, nullptr) == f) break;
  }
  return layout_decimal(buf);
}

template <size_t N> int index_of(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}

template <size_t N> std::string join_names(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::string_view name : names) out.append(out.empty() ? "" : ", ").append(name);
  return out;
}

std::string format_int_list(const std::vector<int>& list) {
  std::string out;
  for (int n : list) out.append(out.empty() ? "" : ",").append(std::to_string(n));
  return out;
}

std::string format_acts(const std::vector<Act>& acts) {
  std::string out;
  for (Act a : acts) {
    const size_t i = static_cast<size_t>(a);
    out.append(out.empty() ? "" : ",").append(i < kActNames.size() ? kActNames[i] : "?");
  }
  return out;
}

template <size_t N> std::string format_flags(FeatureSet set, const std::array<std::string_view, N>& names) {
  std::string out;
  for (size_t i = 0; i < N; ++i)
    if (set & (1u << i)) out.append(out.empty() ? "" : ",").append(names[i]);
  return out.empty() ? std::string(kFeaturesNone) : out;
}

// Calls f on each ','-separated item of text; the empty text has no items, "4," has two ("4" and "").
template <class F> void for_each_item(std::string_view text, F&& f) {
  if (text.empty()) return;
  for (size_t start = 0;;) {
    const size_t comma = text.find(',', start);
    f(text.substr(start, comma - start));
    if (comma == std::string_view::npos) return;
    start = comma + 1;
  }
}

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '~' || c == ',' || c == '-';
}

void append_escaped(std::string& out, std::string_view value) {
  constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : value) {
    if (is_unreserved(c)) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX -> byte. '+' stays '+' (it is not a space in a fragment). False on a '%' without two hex digits.
bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    const int hi = i + 1 < in.size() ? hex_value(in[i + 1]) : -1;
    const int lo = i + 2 < in.size() ? hex_value(in[i + 2]) : -1;
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

// ---- Numbers ------------------------------------------------------------------------------------------------

// Copies number text into a NUL-terminated buffer for the C parsers. Rejects empty and overlong text, and
// leading white space, which strtod / strtoll would silently skip.
bool copy_number_text(std::string_view text, char (&buf)[kMaxNumberLen + 1]) {
  if (text.empty() || text.size() > kMaxNumberLen) return false;
  if (text[0] == ' ' || (text[0] >= '\t' && text[0] <= '\r')) return false;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  return true;
}

// Base-10 integer text only: "1.5", "1e3", "0x10" and "" are rejected. Values beyond long long saturate
// (strtoll's behaviour), so the caller's range clamp reports them as too large or too small.
bool parse_integer(std::string_view text, long long& out) {
  char buf[kMaxNumberLen + 1];
  if (!copy_number_text(text, buf)) return false;
  char* end = nullptr;
  out = std::strtoll(buf, &end, 10);
  return end == buf + text.size();  // an embedded NUL also stops the parser early, so it fails here
}

// strtod, not from_chars: clang 14's libc++ has no floating-point from_chars. strtod gives the finiteness
// check and the out-of-range message; strtof then rounds the same text straight to float, because rounding
// through double first could land one float off, and "shortest text" must read back exactly.
// strtod, strtof and snprintf follow LC_NUMERIC: the program must keep the default "C" numeric locale.
bool parse_real(std::string_view text, double& d, float& f) {
  char buf[kMaxNumberLen + 1];
  if (!copy_number_text(text, buf)) return false;
  char* end = nullptr;
  d = std::strtod(buf, &end);
  if (end != buf + text.size()) return false;
  f = std::strtof(buf, &end);
  return end == buf + text.size();
}

// ---- Points -------------------------------------------------------------------------------------------------

uint16_t quantise(float v) {
  const double t = (static_cast<double>(v) + 6.0) / 12.0 * 65535.0;
  if (!(t > 0)) return 0;  // also NaN
  if (t >= 65535) return 65535;
  return static_cast<uint16_t>(std::lround(t));
}

float dequantise(uint16_t q) { return static_cast<float>(q / 65535.0 * 12.0 - 6.0); }

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Both directions shift bits through a uint32_t; old high bits wrap away (unsigned), only the low ones count.
std::string base64url_encode(const std::vector<uint8_t>& bytes) {
  std::string out;
  uint32_t bits = 0;
  int nbits = 0;
  for (uint8_t b : bytes) {
    bits = (bits << 8) | b;
    for (nbits += 8; nbits >= 6; nbits -= 6) out += kBase64Url[(bits >> (nbits - 6)) & 63];
  }
  if (nbits > 0) out += kBase64Url[(bits << (6 - nbits)) & 63];
  return out;
}

// False on a character outside the alphabet or an impossible length (4k + 1). Leftover low bits are ignored.
bool base64url_decode(std::string_view text, std::vector<uint8_t>& out) {
  if (text.size() % 4 == 1) return false;
  out.clear();
  out.reserve(text.size() * 3 / 4);
  uint32_t bits = 0;
  int nbits = 0;
  for (char c : text) {
    const char* at = c != '\0' ? std::strchr(kBase64Url, c) : nullptr;
    if (at == nullptr) return false;
    bits = (bits << 6) | static_cast<uint32_t>(at - kBase64Url);
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out.push_back(static_cast<uint8_t>(bits >> nbits));
    }
  }
  return true;
}

// Bytes per point record for a kind tag, or 0 for an unknown tag.
size_t record_size(char tag) { return tag == 'c' ? 5 : tag == 'r' ? 6 : tag == 'o' ? 4 : 0; }

bool is_class_label(float label) {
  return label >= 0 && label <= kMaxClassLabel && label == std::floor(label);
}

void put_u16(std::vector<uint8_t>& out, uint16_t q) {
  out.push_back(static_cast<uint8_t>(q >> 8));
  out.push_back(static_cast<uint8_t>(q & 255));
}

std::string encode_points(const std::vector<Point>& pts, bool one_d) {
  const size_t n = std::min(pts.size(), static_cast<size_t>(kMaxPoints));
  const bool classes =
      std::all_of(pts.begin(), pts.begin() + n, [](const Point& p) { return is_class_label(p.label); });
  const char tag = one_d ? 'o' : classes ? 'c' : 'r';
  std::vector<uint8_t> bytes;
  bytes.reserve(n * record_size(tag));
  for (size_t i = 0; i < n; ++i) {
    put_u16(bytes, quantise(pts[i].x));
    put_u16(bytes, quantise(pts[i].y));
    if (tag == 'c') bytes.push_back(static_cast<uint8_t>(pts[i].label));
    if (tag == 'r') put_u16(bytes, quantise(pts[i].label));
  }
  return tag + base64url_encode(bytes);
}

// Reads a pts value. Returns nullptr on success, else what is wrong; *total is the number of points in the
// payload (only the first kMaxPoints are kept).
const char* decode_points(std::string_view text, std::vector<Point>& pts, bool& one_d, size_t* total) {
  const char tag = text[0];  // the caller never passes empty text
  const size_t size = record_size(tag);
  if (size == 0) return "unknown point format (expected c, r or o first)";
  std::vector<uint8_t> bytes;
  if (!base64url_decode(text.substr(1), bytes)) return "the point data is not valid base64url";
  if (bytes.empty() || bytes.size() % size != 0) return "the point data has a partial or missing point";
  *total = bytes.size() / size;
  const size_t n = std::min(*total, static_cast<size_t>(kMaxPoints));
  auto u16 = [&](size_t at) { return static_cast<uint16_t>(bytes[at] << 8 | bytes[at + 1]); };
  std::vector<Point> out(n);
  for (size_t i = 0; i < n; ++i) {
    const size_t at = i * size;
    out[i].x = dequantise(u16(at));
    out[i].y = dequantise(u16(at + 2));
    if (tag == 'c' && bytes[at + 4] > kMaxClassLabel) return "a class label is above 7";
    if (tag == 'c') out[i].label = bytes[at + 4];
    if (tag == 'r') out[i].label = dequantise(u16(at + 4));
  }
  pts = std::move(out);
  one_d = tag == 'o';
  return nullptr;
}

// ---- Encoder ------------------------------------------------------------------------------------------------

struct Encoder {
  std::string out = "v=" + std::to_string(kUrlVersion);

  void put(std::string_view key, std::string_view value) {
    out.append("&").append(key).append("=");
    append_escaped(out, value);
  }
  template <class E, size_t N>
  void enumeration(std::string_view key, const E& e, const std::array<std::string_view, N>& names, std::string_view) {
    const auto i = static_cast<size_t>(e);
    put(key, i < N ? names[i] : names[0]);  // never index past the table, even for a corrupt enum
  }
  void real(std::string_view key, const float& f, RealRange, std::string_view) { put(key, format_real(f)); }
  template <class Int> void integer(std::string_view key, const Int& n, IntRange, std::string_view) {
    put(key, std::to_string(n));
  }
  void int_list(std::string_view key, const std::vector<int>& list, ListRange, std::string_view) {
    put(key, format_int_list(list));
  }
  void act_list(std::string_view key, const std::vector<Act>& acts, std::string_view) { put(key, format_acts(acts)); }
  template <size_t N>
  void flags(std::string_view key, const FeatureSet& set, const std::array<std::string_view, N>& names,
             std::string_view) {
    put(key, format_flags(set, names));
  }
  void points(std::string_view key, const std::vector<Point>& pts, const bool& one_d, std::string_view) {
    if (!pts.empty()) put(key, encode_points(pts, one_d));
  }
};

// ---- Decoding -----------------------------------------------------------------------------------------------

class Warnings {
 public:
  void add(std::string message) {
    if (list_.size() < kMaxWarnings) list_.push_back(std::move(message));
    else ++dropped_;
  }
  void add(std::string_view key, std::string_view message) { add(std::string(key).append(": ").append(message)); }
  std::vector<std::string> finish() {
    if (dropped_ > 0) list_.push_back("... and " + std::to_string(dropped_) + " more");
    return std::move(list_);
  }

 private:
  std::vector<std::string> list_;
  size_t dropped_ = 0;
};

// Lists the field table's keys, so unknown keys are found before any field is decoded.
struct KeyCollector {
  std::vector<std::string_view> keys = {"v"};
  template <class... A> void enumeration(std::string_view key, A&&...) { keys.push_back(key); }
  template <class... A> void real(std::string_view key, A&&...) { keys.push_back(key); }
  template <class... A> void integer(std::string_view key, A&&...) { keys.push_back(key); }
  template <class... A> void int_list(std::string_view key, A&&...) { keys.push_back(key); }
  template <class... A> void act_list(std::string_view key, A&&...) { keys.push_back(key); }
  template <class... A> void flags(std::string_view key, A&&...) { keys.push_back(key); }
  template <class... A> void points(std::string_view key, A&&...) { keys.push_back(key); }
};

struct Pair {
  std::string_view key;   // one of KeyCollector's keys
  std::string_view raw;   // as written, for warnings about broken encoding
  std::string text;       // percent-decoded
  bool broken = false;    // bad percent-encoding: the field keeps its default
};

class Pairs {
 public:
  const Pair* find(std::string_view key) const {
    for (const Pair& p : pairs_)
      if (p.key == key) return &p;
    return nullptr;
  }
  // The last value of a repeated key wins, with a warning.
  void set(Pair pair, Warnings& warn) {
    for (Pair& p : pairs_) {
      if (p.key != pair.key) continue;
      warn.add(pair.key, "repeated key; the last value " + quote(pair.broken ? pair.raw : pair.text) + " wins");
      p = std::move(pair);
      return;
    }
    pairs_.push_back(std::move(pair));
  }

 private:
  std::vector<Pair> pairs_;  // at most one per known key, so lookups stay cheap
};

// Cuts the input to kMaxInputBytes, then to what follows the first '#' (a whole URL, or a fragment with its
// '#'), or drops a leading '?'.
std::string_view fragment_text(std::string_view text, Warnings& warn) {
  if (text.size() > kMaxInputBytes) {
    warn.add("link is " + std::to_string(text.size()) + " bytes long; only the first " +
             std::to_string(kMaxInputBytes) + " are read");
    text = text.substr(0, kMaxInputBytes);
  }
  const size_t hash = text.find('#');
  if (hash != std::string_view::npos) return text.substr(hash + 1);
  if (!text.empty() && text[0] == '?') return text.substr(1);
  return text;
}

// One "key=value" part (a part without '=' has an empty value). Empty parts ("a&&b", a trailing '&') are
// harmless and skipped silently.
void read_part(std::string_view part, const std::vector<std::string_view>& keys, Pairs& pairs, Warnings& warn) {
  if (part.empty()) return;
  const size_t eq = part.find('=');
  const std::string_view raw_key = part.substr(0, eq);
  const std::string_view raw_value = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
  std::string key;
  if (!percent_decode(raw_key, key))
    return warn.add("broken percent-encoding in key " + quote(raw_key) + "; ignored");
  if (key.empty()) return warn.add("empty key (value " + quote(raw_value) + ") ignored");
  const auto known = std::find(keys.begin(), keys.end(), key);
  if (known == keys.end()) return warn.add("unknown key " + quote(key) + " ignored");
  Pair pair{*known, raw_value, {}, false};
  pair.broken = !percent_decode(raw_value, pair.text);
  pairs.set(std::move(pair), warn);
}

Pairs read_pairs(std::string_view text, const std::vector<std::string_view>& keys, Warnings& warn) {
  Pairs pairs;
  for (size_t start = 0; start <= text.size();) {
    const size_t end = std::min(text.find_first_of("&;", start), text.size());
    read_part(text.substr(start, end - start), keys, pairs, warn);
    start = end + 1;
  }
  return pairs;
}

// A missing v is the current version. Newer links are still read as far as the keys are understood.
void check_version(const Pairs& pairs, Warnings& warn) {
  const Pair* v = pairs.find("v");
  if (v == nullptr) return;
  const std::string assumed = "; reading it as v=" + std::to_string(kUrlVersion);
  long long n = 0;
  if (v->broken || !parse_integer(v->text, n)) {
    warn.add("v", quote(v->broken ? v->raw : v->text) + " is not a version number" + assumed);
  } else if (n > kUrlVersion) {
    warn.add("link is from a newer version (v=" + std::to_string(n) + "); some settings may not apply");
  } else if (n < 1) {
    warn.add("v", quote(v->text) + " is not a known version" + assumed);
  }
}

// Writes each field from its pair, after the same checks as the field table's ranges. A field without a
// pair, or with an unusable value, keeps its current (default) value; every problem adds one warning that
// names the key, quotes the value and says what was kept.
struct Decoder {
  const Pairs& pairs;
  Warnings& warn;

  // The value text for key: nullopt when absent, or when unusable (then warned, keeping `kept`).
  std::optional<std::string_view> value(std::string_view key, std::string_view kept, bool empty_ok = false) {
    const Pair* p = pairs.find(key);
    if (p == nullptr) return std::nullopt;
    if (p->broken) {
      warn.add(key, "broken percent-encoding in " + quote(p->raw) + "; kept " + std::string(kept));
      return std::nullopt;
    }
    if (p->text.empty() && !empty_ok) {
      warn.add(key, "empty value; kept " + std::string(kept));
      return std::nullopt;
    }
    return p->text;
  }

  static std::string out_of_range(std::string_view text, std::string_view where, const std::string& bound) {
    return quote(text) + " is " + std::string(where) + " " + bound + "; using " + bound;
  }

  // Clamps n into [lo, hi], warning when it had to.
  long long clamp_int(std::string_view key, std::string_view text, long long n, long long lo, long long hi) {
    if (n < lo) warn.add(key, out_of_range(text, "below the minimum", std::to_string(lo)));
    if (n > hi) warn.add(key, out_of_range(text, "above the maximum", std::to_string(hi)));
    return std::clamp(n, lo, hi);
  }

  template <class E, size_t N>
  void enumeration(std::string_view key, E& e, const std::array<std::string_view, N>& names, std::string_view) {
    const std::string kept(names[static_cast<size_t>(e)]);
    const std::optional<std::string_view> text = value(key, kept);
    if (!text) return;
    const int i = index_of(names, *text);
    if (i >= 0) e = static_cast<E>(i);
    else warn.add(key, quote(*text) + " is not one of " + join_names(names) + "; kept " + kept);
  }

  // The range is checked in float, as the field holds it: [float(lo), float(hi)]. So every float the encoder
  // writes reads back without a warning, even where float(hi) is a hair above the double hi (0.999).
  void real(std::string_view key, float& v, RealRange r, std::string_view) {
    const std::string kept = format_real(v);
    const std::optional<std::string_view> text = value(key, kept);
    if (!text) return;
    double d = 0;
    float f = 0;
    if (!parse_real(*text, d, f)) return warn.add(key, quote(*text) + " is not a number; kept " + kept);
    if (!std::isfinite(d)) return warn.add(key, quote(*text) + " is not a finite number; kept " + kept);
    const auto lo = static_cast<float>(r.lo), hi = static_cast<float>(r.hi);
    if (f < lo) warn.add(key, out_of_range(*text, "below the minimum", format_real(lo)));
    if (f > hi) warn.add(key, out_of_range(*text, "above the maximum", format_real(hi)));
    const float clamped = std::clamp(f, lo, hi);
    v = clamped == 0 ? 0.0f : clamped;  // "-0" reads as 0, so the link text stays canonical
  }

  template <class Int> void integer(std::string_view key, Int& v, IntRange r, std::string_view) {
    const std::string kept = std::to_string(v);
    const std::optional<std::string_view> text = value(key, kept);
    if (!text) return;
    long long n = 0;
    if (!parse_integer(*text, n)) return warn.add(key, quote(*text) + " is not an integer; kept " + kept);
    v = static_cast<Int>(clamp_int(key, *text, n, r.lo, r.hi));
  }

  // All or nothing: one bad entry keeps the whole default list (a half-read architecture would mislead).
  // Out-of-range entries are clamped and extra entries dropped, each with a warning.
  void int_list(std::string_view key, std::vector<int>& v, ListRange r, std::string_view) {
    const std::string kept = format_int_list(v);
    const std::optional<std::string_view> text = value(key, kept, /*empty_ok=*/true);
    if (!text) return;
    std::vector<int> list;
    size_t count = 0;
    bool bad = false;
    for_each_item(*text, [&](std::string_view item) {
      if (bad || ++count > static_cast<size_t>(r.max_len)) return;
      long long n = 0;
      bad = !parse_integer(item, n);
      if (bad) warn.add(key, "entry " + quote(item) + " is not an integer; kept " + kept);
      else list.push_back(static_cast<int>(clamp_int(key, item, n, r.lo, r.hi)));
    });
    if (bad) return;
    if (count > static_cast<size_t>(r.max_len))
      warn.add(key, std::to_string(count) + " entries, more than " + std::to_string(r.max_len) + "; kept the first " +
                        std::to_string(r.max_len));
    v = std::move(list);
  }

  // Up to kMaxHiddenLayers names; an unknown name becomes tanh (with a warning), the rest still apply.
  void act_list(std::string_view key, std::vector<Act>& v, std::string_view) {
    const std::optional<std::string_view> text = value(key, format_acts(v));
    if (!text) return;
    std::vector<Act> acts;
    size_t count = 0;
    for_each_item(*text, [&](std::string_view name) {
      if (++count > static_cast<size_t>(kMaxHiddenLayers)) return;
      const int i = index_of(kHiddenActNames, name);
      if (i < 0) warn.add(key, quote(name) + " is not one of " + join_names(kHiddenActNames) + "; using tanh");
      acts.push_back(i < 0 ? Act::Tanh : static_cast<Act>(i));
    });
    if (count > static_cast<size_t>(kMaxHiddenLayers))
      warn.add(key, std::to_string(count) + " entries, more than " + std::to_string(kMaxHiddenLayers) +
                        "; kept the first " + std::to_string(kMaxHiddenLayers));
    v = std::move(acts);
  }

  // Unknown names are skipped with a warning; an empty result ("none") keeps the default.
  template <size_t N>
  void flags(std::string_view key, FeatureSet& v, const std::array<std::string_view, N>& names, std::string_view) {
    const std::string kept = format_flags(v, names);
    const std::optional<std::string_view> text = value(key, kept);
    if (!text) return;
    unsigned set = 0;
    for_each_item(*text, [&](std::string_view name) {
      const int i = index_of(names, name);
      if (i >= 0) set |= 1u << i;
      else if (name != kFeaturesNone)
        warn.add(key, quote(name) + " is not one of " + join_names(names) + "; ignored");
    });
    if (set == 0) return warn.add(key, "no input features in " + quote(*text) + "; kept " + kept);
    v = static_cast<FeatureSet>(set);
  }

  // All or nothing, except that more than kMaxPoints points are cut to kMaxPoints.
  void points(std::string_view key, std::vector<Point>& pts, bool& one_d, std::string_view) {
    const std::string kept = pts.empty() ? "no points" : std::to_string(pts.size()) + " points";
    const std::optional<std::string_view> text = value(key, kept);
    if (!text) return;
    size_t total = 0;
    if (const char* error = decode_points(*text, pts, one_d, &total))
      return warn.add(key, std::string(error) + " in " + quote(*text) + "; kept " + kept);
    if (total > static_cast<size_t>(kMaxPoints))
      warn.add(key, std::to_string(total) + " points, more than " + std::to_string(kMaxPoints) + "; kept the first " +
                        std::to_string(kMaxPoints));
  }
};

}  // namespace

std::string encode_params(const Params& p) {
  Encoder encoder;
  visit_fields(p, encoder);
  return std::move(encoder.out);
}

Decoded decode_params(std::string_view fragment) {
  Decoded out;
  Warnings warn;
  KeyCollector keys;
  visit_fields(out.params, keys);
  const Pairs pairs = read_pairs(fragment_text(fragment, warn), keys.keys, warn);
  check_version(pairs, warn);
  visit_fields(out.params, Decoder{pairs, warn});
  out.warnings = warn.finish();
  return out;
}

}  // namespace pg
