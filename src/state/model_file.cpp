// state/model_file.cpp: the model file's reader and writer (see model_file.h). Untrusted text is parsed with
// nlohmann-json without exceptions; every access checks the type first (a `value()` or `get` of the wrong type
// would throw, and a throw aborts the page).
#include "state/model_file.h"

#include "core/data.h"     // trim_text
#include "state/params.h"  // kUrlVersion

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace pg {

using nlohmann::json;

namespace {

// The deepest nesting of [ and { outside strings, counted up to `limit`: parsing junk nested a million deep
// would build a million nested values.
int json_depth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// A member of an object, or nullptr when it is missing.
const json* member(const json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// A JSON number -> a float, or an error naming `what`. A double beyond the float range would round to infinity
// (refused later, by the network's check, without saying which number): refused here, by name.
std::string read_number(const json& j, const std::string& what, float& out) {
  if (!j.is_number()) return what + " is not a number";
  const double v = j.get<double>();
  if (!std::isfinite(v) || std::fabs(v) > double{FLT_MAX}) return what + " is beyond the float range (+-3.4e38)";
  out = static_cast<float>(v);
  return "";
}

// A JSON array of arrays -> matrix (rows x cols), or an error naming what was wrong.
std::string read_matrix(const json* j, const std::string& what, Mat& out) {
  if (!j || !j->is_array() || j->empty() || !(*j)[0].is_array()) return what + " is not a list of rows";
  const size_t rows = j->size(), cols = (*j)[0].size();
  if (cols == 0) return what + ": row 0 is empty";
  out.resize(Index(rows), Index(cols));
  for (size_t r = 0; r < rows; ++r) {
    const json& row = (*j)[r];
    if (!row.is_array() || row.size() != cols) return what + ": row " + std::to_string(r) + " has a different length";
    for (size_t c = 0; c < cols; ++c) {
      const std::string err = read_number(row[c], what + "[" + std::to_string(r) + "][" + std::to_string(c) + "]",
                                          out(Index(r), Index(c)));
      if (!err.empty()) return err;
    }
  }
  return "";
}

std::string read_vector(const json* j, const std::string& what, Vec& out) {
  if (!j || !j->is_array() || j->empty()) return what + " is not a list of numbers";
  out.resize(Index(j->size()));
  for (size_t i = 0; i < j->size(); ++i) {
    const std::string err = read_number((*j)[i], what + "[" + std::to_string(i) + "]", out(Index(i)));
    if (!err.empty()) return err;
  }
  return "";
}

// Layer l's shapes against its own W and the layer before: "" or what does not fit.
std::string check_shapes(const ModelFile& m, size_t i) {
  const std::string name = "layer " + std::to_string(i + 1);
  const std::string shape = std::to_string(m.W[i].rows()) + " x " + std::to_string(m.W[i].cols());
  if (m.b[i].size() != m.W[i].rows())
    return name + " b has length " + std::to_string(m.b[i].size()) + ", but its W is " + shape + " (one bias per row)";
  if (i > 0 && m.W[i].cols() != m.W[i - 1].rows())
    return name + " W is " + shape + ", but layer " + std::to_string(i) + " has " + std::to_string(m.W[i - 1].rows()) +
           " units (one column each)";
  return "";
}

std::string read_model(const json& j, ModelFile& m) {
  const json* format = j.is_object() ? member(j, "format") : nullptr;
  if (!format || !format->is_string() || format->get_ref<const std::string&>() != kModelFormat)
    return "not a Backprop Playground model (its \"format\" should be \"" + std::string(kModelFormat) + "\")";
  const json* link = member(j, "link");
  if (!link || !link->is_string()) return "the model has no \"link\"";
  const json* layers = member(j, "layers");
  if (!layers || !layers->is_array()) return "the model has no \"layers\"";
  if (layers->empty()) return "the model's \"layers\" is empty";
  m.link = link->get<std::string>();
  if (const json* step = member(j, "step"); step && step->is_number_unsigned()) m.step = step->get<uint64_t>();
  for (size_t i = 0; i < layers->size(); ++i) {
    const json& l = (*layers)[i];
    const std::string name = "layer " + std::to_string(i + 1);
    if (!l.is_object()) return name + " is not an object";
    Mat w;
    Vec bv;
    std::string err = read_matrix(member(l, "W"), name + " W", w);
    if (err.empty()) err = read_vector(member(l, "b"), name + " b", bv);
    if (!err.empty()) return err;
    m.W.push_back(std::move(w));
    m.b.push_back(std::move(bv));
    if (err = check_shapes(m, i); !err.empty()) return err;
  }
  return "";
}

}  // namespace

ModelFileRead parse_model_file(std::string_view text) {
  ModelFileRead out;
  const std::string_view body = trim_text(text);
  if (json_depth(body, kMaxModelJsonDepth) > kMaxModelJsonDepth) {
    out.error = "the JSON is nested too deeply to be a model";
    return out;
  }
  const json j = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  out.error = j.is_discarded() ? "the JSON is malformed" : read_model(j, out.model);
  if (!out.ok()) out.model = {};
  return out;
}

std::string model_file_json(const ModelFile& m, const std::vector<std::string>& activations) {
  json layers = json::array();
  for (size_t i = 0; i < m.W.size(); ++i) {
    json W = json::array(), b = json::array();
    for (Index r = 0; r < m.W[i].rows(); ++r) {
      json row = json::array();
      for (Index c = 0; c < m.W[i].cols(); ++c) row.push_back(double{m.W[i](r, c)});
      W.push_back(std::move(row));
    }
    for (Index r = 0; r < m.b[i].size(); ++r) b.push_back(double{m.b[i](r)});
    json layer = {{"layer", i + 1}, {"W", std::move(W)}, {"b", std::move(b)}};
    if (i < activations.size()) layer["activation"] = activations[i];
    layers.push_back(std::move(layer));
  }
  json out = {{"format", kModelFormat},
              {"version", kUrlVersion},
              {"link", m.link},
              {"conventions", "W[l] is n[l] x n[l-1] as rows of numbers; z = W a + b"},
              {"layers", std::move(layers)}};
  if (m.step) out["step"] = *m.step;
  // Invalid UTF-8 in the link (possible only for a hand-made ModelFile) becomes U+FFFD instead of a throw.
  return out.dump(1, ' ', false, json::error_handler_t::replace);
}

}  // namespace pg
