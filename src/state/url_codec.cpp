// state/url_codec.cpp: Params <-> share-link text. Two visitors over visit_fields() (params.h) do all the work:
// Encoder writes every field as key=value, Decoder reads them back. Untrusted link text is parsed only on
// decode_params' path: here, in link_text.cpp (splitting, percent-decoding, numbers) and tf_link.cpp (TF links);
// no per-field code lives outside the two visitors. Std only: no UI, no browser, no exceptions thrown or caught
// (number parsing uses strtod / strtoll with end-pointer checks).
//
// Text (v=1): "v=1&data=xor&lr=0.1&step=200", key=value pairs joined by '&' in field-table order. A link
// carries only the keys whose value differs from the defaults (LinkForm::Short; "v=1" is the default state);
// a missing key reads as its default, so full links (LinkForm::Full, every key) read the same.
//   floats    the shortest text that reads back to the same float, laid out like std::to_chars ("0.03")
//   integers  base 10
//   enums     by name from the field's names array
//   int list  "4,2"; the empty value is the empty list ("layers=" is zero hidden layers, a valid network)
//   act list  "tanh" or "tanh,relu" (kHiddenActNames)
//   bit sets  names in bit order, "x,y,x2". Unknown names warn and are skipped; "none" is the empty set.
//             features: the empty set is written "none"; decoding it (or no usable names) warns and keeps the
//                       default x,y, because a model needs at least one input.
//             hide:     the empty set is written as the empty value ("hide="): nothing hidden.
//   pts       omitted when there are no points. Else one kind tag, then base64url (RFC 4648 section 5, no
//             padding) of big-endian records, one per point:
//               'c'  x:u16 y:u16 class:u8   every label is a whole number 0..7 (classes go up to 8)
//               'r'  x:u16 y:u16 label:u16  any other labels (regression targets), quantised like x and y
//               'o'  x:u16 y:u16            1-D sets (points_one_d): y is the target, the label reads back 0
//             A u16 coordinate is q = round((v + 6) / 12 * 65535) with v clamped into [-6, 6] (NaN -> -6);
//             it reads back as float(q / 65535.0 * 12.0 - 6.0), a grid step of 12/65535 ~ 1.8e-4. So points
//             round-trip exactly only once on that grid: encode(decode(encode(p))) == encode(p). At most
//             kMaxLinkPoints points are written; reading more keeps the first kMaxLinkPoints, with a warning.
// Values are percent-encoded outside [A-Za-z0-9._~,-].
//
// Decoding starts from the defaults and never fails: it reads at most 64 KiB, also accepts ';' between pairs,
// a leading '?' or '#', or a whole URL (everything up to the first '#' is skipped), and ignores surrounding
// white space and newlines (CR or LF) and a UTF-8 byte-order mark. Unknown keys, repeated keys
// (the last wins), broken percent-encoding, junk and non-finite numbers, newer versions (v > kUrlVersion) each
// give one warning; numbers are clamped into the field table's ranges with a warning. A warning names the key,
// quotes the value (short, printable) and says what was kept; after 50 comes one "... and N more".
//
// TensorFlow Playground links (tf_link.h) are recognised first and translated into this playground's keys, which
// the same Decoder then reads; their warnings start with "TensorFlow Playground link: ".
#include "state/url_codec.h"

#include "state/link_text.h"
#include "state/tf_link.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <utility>

namespace pg {
namespace {

using namespace link_text;

static_assert(kMaxLinkBytes == kMaxInputBytes, "url_codec.h promises what link_text.h reads");
constexpr int kMaxClassLabel = 7;             // classes go up to 8 (params.h), so labels 0..7
constexpr std::string_view kEmptySetName = "none";

// Act values index kHiddenActNames and kActNames alike, so a hidden activation's index is its enum value.
constexpr bool hidden_act_names_match() {
  for (size_t i = 0; i < kHiddenActNames.size(); ++i)
    if (kHiddenActNames[i] != kActNames[i]) return false;
  return true;
}
static_assert(hidden_act_names_match());

// ---- Formatting ---------------------------------------------------------------------------------------------

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

// Names of the set bits in bit order; the empty set is `empty` ("none" in warnings and for features).
template <class Bits, size_t N>
std::string format_flags(Bits set, const std::array<std::string_view, N>& names, std::string_view empty = kEmptySetName) {
  static_assert(N <= 8 * sizeof(Bits), "more names than bits");
  std::string out;
  for (size_t i = 0; i < N; ++i)
    if ((set >> i) & 1u) out.append(out.empty() ? "" : ",").append(names[i]);
  return out.empty() ? std::string(empty) : out;
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
  const size_t n = std::min(pts.size(), static_cast<size_t>(kMaxLinkPoints));
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
// payload (only the first kMaxLinkPoints are kept).
const char* decode_points(std::string_view text, std::vector<Point>& pts, bool& one_d, size_t* total) {
  const char tag = text[0];  // the caller never passes empty text
  const size_t size = record_size(tag);
  if (size == 0) return "unknown point format (expected c, r or o first)";
  std::vector<uint8_t> bytes;
  if (!base64url_decode(text.substr(1), bytes)) return "the point data is not valid base64url";
  if (bytes.empty() || bytes.size() % size != 0) return "the point data has a partial or missing point";
  *total = bytes.size() / size;
  const size_t n = std::min(*total, static_cast<size_t>(kMaxLinkPoints));
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
  std::vector<std::pair<std::string_view, std::string>> pairs;  // every field, as key and escaped value

  void put(std::string_view key, std::string_view value) {
    std::string escaped;
    append_escaped(escaped, value);
    pairs.emplace_back(key, std::move(escaped));
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
  template <class Bits, size_t N>
  void flags(std::string_view key, const Bits& set, const std::array<std::string_view, N>& names, FlagsRange r,
             std::string_view) {
    put(key, format_flags(set, names, r.empty_ok ? "" : kEmptySetName));
  }
  void points(std::string_view key, const std::vector<Point>& pts, const bool& one_d, std::string_view) {
    if (!pts.empty()) put(key, encode_points(pts, one_d));
  }
};

// Every field of p as key=value pairs, in field-table order (points only when there are some).
std::vector<std::pair<std::string_view, std::string>> all_pairs(const Params& p) {
  Encoder encoder;
  visit_fields(p, encoder);
  return std::move(encoder.pairs);
}

// ---- Decoding -----------------------------------------------------------------------------------------------

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

  std::optional<std::string_view> value(std::string_view key, std::string_view kept, bool empty_ok = false) {
    return usable_value(pairs, key, kept, warn, empty_ok);
  }

  // Warnings name the key and quote the value as the link had them. A pair translated from a TensorFlow
  // Playground link names TF's key and quotes TF's value, then says what it became here:
  // "learningRate: '100' (lr=50 here) is above the maximum 10; using lr=10".
  const Pair* translated(std::string_view key) const {
    const Pair* p = pairs.find(key);
    return p != nullptr && !p->from_key.empty() ? p : nullptr;
  }
  void add(std::string_view key, const std::string& message) {
    const Pair* p = translated(key);
    warn.add(p ? std::string_view(p->from_key) : key, message);
  }
  // The value `text` of key (entry > 0: the entry-th item of a list, counting from 1), quoted as the link had it.
  std::string said(std::string_view key, std::string_view text, size_t entry = 0) const {
    const Pair* p = translated(key);
    if (p == nullptr) return quote(text);
    std::string_view theirs = p->from_text;
    size_t i = 0;
    if (entry > 0) for_each_item(p->from_text, [&](std::string_view item) { if (++i == entry) theirs = item; });
    const std::string ours = quote(text);  // printable and short, without its quotes
    return quote(theirs) + " (" + std::string(key) + (entry > 0 ? " entry " : "=") + ours.substr(1, ours.size() - 2) + " here)";
  }
  // "<shown> is above the maximum 10; using 10", or "using lr=10" after a translated value.
  std::string out_of_range(std::string_view key, const std::string& shown, std::string_view where, const std::string& b,
                           size_t entry = 0) const {
    const std::string used = translated(key) && entry == 0 ? std::string(key) + "=" + b : b;
    return shown + " is " + std::string(where) + " " + b + "; using " + used;
  }

  // Clamps n into [lo, hi], warning when it had to. `entry`: the item of a list it came from (1..), or 0.
  long long clamp_int(std::string_view key, std::string_view text, long long n, long long lo, long long hi, size_t entry = 0) {
    if (n < lo) add(key, out_of_range(key, said(key, text, entry), "below the minimum", std::to_string(lo), entry));
    if (n > hi) add(key, out_of_range(key, said(key, text, entry), "above the maximum", std::to_string(hi), entry));
    return std::clamp(n, lo, hi);
  }

  template <class E, size_t N>
  void enumeration(std::string_view key, E& e, const std::array<std::string_view, N>& names, std::string_view) {
    const std::string kept(names[static_cast<size_t>(e)]);
    const std::optional<std::string_view> text = value(key, kept);
    if (!text) return;
    const int i = index_of(names, *text);
    if (i >= 0) e = static_cast<E>(i);
    else add(key, said(key, *text) + " is not one of " + join_names(names) + "; kept " + kept);
  }

  // The range is checked in float, as the field holds it: [float(lo), float(hi)]. So every float the encoder
  // writes reads back without a warning, even where float(hi) is a hair above the double hi (0.999).
  void real(std::string_view key, float& v, RealRange r, std::string_view) {
    const std::string kept = format_real(v);
    const std::optional<std::string_view> text = value(key, kept);
    if (!text) return;
    double d = 0;
    float f = 0;
    if (!parse_real(*text, d, f)) return add(key, said(key, *text) + " is not a number; kept " + kept);
    if (!std::isfinite(d)) return add(key, said(key, *text) + " is not a finite number; kept " + kept);
    const auto lo = static_cast<float>(r.lo), hi = static_cast<float>(r.hi);
    if (f < lo) add(key, out_of_range(key, said(key, *text), "below the minimum", format_real(lo)));
    if (f > hi) add(key, out_of_range(key, said(key, *text), "above the maximum", format_real(hi)));
    const float clamped = std::clamp(f, lo, hi);
    v = clamped == 0 ? 0.0f : clamped;  // "-0" reads as 0, so the link text stays canonical
  }

  template <class Int> void integer(std::string_view key, Int& v, IntRange r, std::string_view) {
    const std::string kept = std::to_string(v);
    const std::optional<std::string_view> text = value(key, kept);
    if (!text) return;
    long long n = 0;
    if (!parse_integer(*text, n)) return add(key, said(key, *text) + " is not an integer; kept " + kept);
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
      if (bad) add(key, "entry " + said(key, item, count) + " is not an integer; kept " + kept);
      else list.push_back(static_cast<int>(clamp_int(key, item, n, r.lo, r.hi, count)));
    });
    if (bad) return;
    if (count > static_cast<size_t>(r.max_len))
      add(key, std::to_string(count) + " entries, more than " + std::to_string(r.max_len) + "; kept the first " +
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
      if (i < 0) add(key, said(key, name, count) + " is not one of " + join_names(kHiddenActNames) + "; using tanh");
      acts.push_back(i < 0 ? Act::Tanh : static_cast<Act>(i));
    });
    if (count > static_cast<size_t>(kMaxHiddenLayers))
      add(key, std::to_string(count) + " entries, more than " + std::to_string(kMaxHiddenLayers) +
                        "; kept the first " + std::to_string(kMaxHiddenLayers));
    v = std::move(acts);
  }

  // Unknown names are skipped with a warning. An empty result is the empty set where the range allows it,
  // else (features: a model needs an input) it keeps the default.
  template <class Bits, size_t N>
  void flags(std::string_view key, Bits& v, const std::array<std::string_view, N>& names, FlagsRange r,
             std::string_view) {
    const std::string kept = format_flags(v, names);
    const std::optional<std::string_view> text = value(key, kept, r.empty_ok);
    if (!text) return;
    uint32_t set = 0;
    for_each_item(*text, [&](std::string_view name) {
      const int i = index_of(names, name);
      if (i >= 0) set |= uint32_t{1} << i;
      else if (name != kEmptySetName)
        add(key, quote(name) + " is not one of " + join_names(names) + "; ignored");
    });
    if (set == 0 && !r.empty_ok) return add(key, "no input features in " + said(key, *text) + "; kept " + kept);
    v = static_cast<Bits>(set);
  }

  // All or nothing, except that more than kMaxLinkPoints points are cut to kMaxLinkPoints.
  void points(std::string_view key, std::vector<Point>& pts, bool& one_d, std::string_view) {
    const std::string kept = pts.empty() ? "no points" : std::to_string(pts.size()) + " points";
    const std::optional<std::string_view> text = value(key, kept);
    if (!text) return;
    size_t total = 0;
    if (const char* error = decode_points(*text, pts, one_d, &total))
      return add(key, std::string(error) + " in " + said(key, *text) + "; kept " + kept);
    if (total > static_cast<size_t>(kMaxLinkPoints))
      add(key, std::to_string(total) + " points, more than a link carries (" + std::to_string(kMaxLinkPoints) +
                        "); kept the first " + std::to_string(kMaxLinkPoints));
  }
};

}  // namespace

std::string encode_params(const Params& p, LinkForm form) {
  static const std::vector<std::pair<std::string_view, std::string>> defaults = all_pairs(Params{});
  std::string out = "v=" + std::to_string(kUrlVersion);
  const auto pairs = all_pairs(p);
  for (const auto& pair : pairs) {
    const auto d = std::find_if(defaults.begin(), defaults.end(), [&](const auto& x) { return x.first == pair.first; });
    if (form == LinkForm::Short && d != defaults.end() && d->second == pair.second) continue;  // decoding starts from it
    out.append("&").append(pair.first).append("=").append(pair.second);
  }
  return out;
}

// A TensorFlow Playground link is translated into this playground's keys first; then one Decoder reads either.
Decoded decode_params(std::string_view given) {
  Decoded out;
  Warnings warn;
  const std::string_view link = trim_text(given);  // a link saved by an editor ends in a newline (maybe CRLF)
  const std::string_view text = link.substr(0, kMaxInputBytes);
  const bool tf = is_tf_playground_link(text);
  if (tf) warn.set_prefix(kTfLinkPrefix);
  if (link.size() > kMaxInputBytes)
    warn.add("link is " + std::to_string(link.size()) + " bytes long; only the first " +
             std::to_string(kMaxInputBytes) + " are read");
  KeyCollector keys;
  visit_fields(out.params, keys);
  Pairs pairs;
  if (tf) {
    pairs = tf_link_pairs(text, warn);
  } else {
    pairs = read_pairs(fragment_of(text), keys.keys, warn);
    check_version(pairs, warn);
  }
  visit_fields(out.params, Decoder{pairs, warn});
  out.warnings = warn.finish();
  return out;
}

}  // namespace pg
