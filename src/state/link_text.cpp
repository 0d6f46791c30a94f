// state/link_text.cpp: the shared text layer of the link readers (see link_text.h). Std only: number parsing
// uses strtod / strtoll with end-pointer checks, never exceptions.
#include "state/link_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace pg::link_text {
namespace {

constexpr size_t kMaxQuoted = 40;     // offending values are quoted up to this many characters
constexpr size_t kMaxNumberLen = 64;  // no real number or integer needs more characters

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

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Copies number text into a NUL-terminated buffer for the C parsers. Rejects empty and overlong text, and
// leading white space, which strtod / strtoll would silently skip.
bool copy_number_text(std::string_view text, char (&buf)[kMaxNumberLen + 1]) {
  if (text.empty() || text.size() > kMaxNumberLen) return false;
  if (text[0] == ' ' || (text[0] >= '\t' && text[0] <= '\r')) return false;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  return true;
}

}  // namespace

std::string quote(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, kMaxQuoted)) out += (c >= 0x20 && c <= 0x7e) ? c : '?';
  if (s.size() > kMaxQuoted) out += "...";
  return out + "'";
}

// The fewest significant digits (9 always suffice for a float) whose correctly rounded %e text strtof reads
// back exactly. Not std::to_chars: Debian's Emscripten 3.1.6 libc++ has no floating-point to_chars, and links
// must read the same on the web and natively. For |f| < 2^24 the text equals libstdc++'s to_chars (checked in
// url_codec_test.cpp).
std::string format_real(float f) {
  if (!std::isfinite(f)) return std::isnan(f) ? "nan" : f > 0 ? "inf" : "-inf";
  char buf[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*e", digits - 1, static_cast<double>(f));
    if (std::strtof(buf, nullptr) == f) break;
  }
  return layout_decimal(buf);
}

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

// ---- Warnings -------------------------------------------------------------------------------------------------

void Warnings::add(std::string message) {
  if (list_.size() < kMaxWarnings) list_.push_back(prefix_ + message);
  else ++dropped_;
}

std::vector<std::string> Warnings::finish() {
  if (dropped_ > 0) list_.push_back("... and " + std::to_string(dropped_) + " more");
  return std::move(list_);
}

// ---- Pairs ----------------------------------------------------------------------------------------------------

const Pair* Pairs::find(std::string_view key) const {
  for (const Pair& p : pairs_)
    if (p.key == key) return &p;
  return nullptr;
}

void Pairs::set(Pair pair, Warnings& warn) {
  for (Pair& p : pairs_) {
    if (p.key != pair.key) continue;
    warn.add(pair.key, "repeated key; the last value " + quote(pair.broken ? pair.raw : pair.text) + " wins");
    p = std::move(pair);
    return;
  }
  pairs_.push_back(std::move(pair));
}

Pairs read_pairs(std::string_view fragment, const std::vector<std::string_view>& keys, Warnings& warn,
                 const OtherKey& other) {
  Pairs pairs;
  for_each_part(fragment, [&](std::string_view raw_key, std::string_view raw_value) {
    std::string key;
    if (!percent_decode(raw_key, key))
      return warn.add("broken percent-encoding in key " + quote(raw_key) + "; ignored");
    if (key.empty()) return warn.add("empty key (value " + quote(raw_value) + ") ignored");
    const auto known = std::find(keys.begin(), keys.end(), key);
    if (known == keys.end()) {
      if (other) return other(key, raw_value);
      return warn.add("unknown key " + quote(key) + " ignored");
    }
    Pair pair{*known, raw_value, {}, false};
    pair.broken = !percent_decode(raw_value, pair.text);
    pairs.set(std::move(pair), warn);
  });
  return pairs;
}

std::optional<std::string_view> usable_value(const Pairs& pairs, std::string_view key, std::string_view kept,
                                             Warnings& warn, bool empty_ok) {
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

std::string_view fragment_of(std::string_view text) {
  const size_t hash = text.find('#');
  if (hash != std::string_view::npos) return text.substr(hash + 1);
  if (!text.empty() && text[0] == '?') return text.substr(1);
  return text;
}

}  // namespace pg::link_text
