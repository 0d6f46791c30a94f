// state/url_codec.h: Params <-> share-link fragment text ("v=1&model=mlp&lr=0.03&layers=4,2&..."), the part
// of the URL after '#'. All untrusted link text is parsed here. Pure functions; std only.
#pragma once

#include "state/params.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pg {

// Short: v=kUrlVersion, then only the fields whose value differs from the defaults of this version (Params{}),
// in field-table order, so the default state's link is "v=1". Full: every field. Decoding starts from the
// defaults, so both read back the same. Numbers use the shortest text that reads back to the same float, so
// decode_params(encode_params(p)).params == p exactly, except that at most kMaxLinkPoints user points are
// written (the page tells the user and offers the CSV export beyond that).
enum class LinkForm { Short, Full };
std::string encode_params(const Params& p, LinkForm form = LinkForm::Short);

// decode_params reads at most this much of a link (ours are under 16 kB even with 2000 points).
constexpr size_t kMaxLinkBytes = 64 * 1024;

struct Decoded {
  Params params;
  std::vector<std::string> warnings;  // human-readable, one per problem, e.g. "lr: 'abc' is not a number; kept 0.03"
};

// Never throws, never yields NaN or out-of-range values: unknown keys, junk values, out-of-range numbers,
// absurd sizes, repeated keys, broken percent-encoding and future versions give defaults plus warnings.
// Accepts a leading '#', and a whole URL (everything up to the first '#' is ignored); surrounding white space and
// newlines and a UTF-8 byte-order mark are ignored (core/data.h trim_text). Linear in the text.
// TensorFlow Playground links (a playground.tensorflow.org URL, or a fragment without "v=" that has TF-only keys
// such as networkShape; see tf_link.h) map to the closest Params, with one warning per inexact part, each
// starting with "TensorFlow Playground link: ".
Decoded decode_params(std::string_view link);

}  // namespace pg
