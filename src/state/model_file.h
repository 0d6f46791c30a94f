// state/model_file.h: the page's model file (Export > Model (JSON)) read from text and written back, with no
// network at hand: the shapes are checked against each other here and against a network by whoever loads the
// weights (core/train.h check_parameters). Std + core types; nlohmann-json stays inside model_file.cpp.
// Nothing here throws, whatever the text.
//
// The format (what the page exports, keys in this order when dumped):
//   {"conventions": "...", "format": "backprop-playground-model",
//    "layers": [{"W": [[...], ...], "activation": "tanh", "b": [...], "layer": 1}, ...],
//    "link": "v=1&...", "step": 300, "version": 1}
// W of layer l is n[l] x n[l-1] as a list of rows (W[j][i] is the weight from a[l-1][i] to z[l][j]), b is n[l]
// numbers; z = W a + b.
#pragma once

#include "core/types.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pg {

constexpr std::string_view kModelFormat = "backprop-playground-model";  // the file's "format"
// A model file is 5 deep ({"layers": [{"W": [[ ); junk such as a megabyte of '[' is refused before parsing,
// which would build one nested value per bracket.
constexpr int kMaxModelJsonDepth = 16;

// What a model file holds. The page replays `link` (its settings and its `step`), then loads W and b.
struct ModelFile {
  std::string link;             // the run's link as the file has it (not decoded here; valid UTF-8)
  std::optional<uint64_t> step; // the file's own "step" when it is a whole number >= 0 (the page exports it and
                                // reads the step from the link; it is informational)
  std::vector<Mat> W;           // W[l-1]: layer l's weights (n[l] x n[l-1]), every value a finite float
  std::vector<Vec> b;           // b[l-1]: layer l's biases (n[l])
};

struct ModelFileRead {
  ModelFile model;
  std::string error;  // "" on success, else one short line of printable ASCII, e.g. "layer 2 W[0][1] is not a number"
  bool ok() const { return error.empty(); }
};

// Text -> a model, or the first thing wrong with it. Surrounding white space and a UTF-8 byte-order mark are
// ignored (trim_text). On success there is at least one layer, every W is non-empty, W[l].cols() ==
// W[l-1].rows(), b[l].size() == W[l].rows(), and every number is finite in float. Unknown keys are ignored.
// Numbers are read as JSON doubles and rounded to float (the page's exports hold floats exactly).
ModelFileRead parse_model_file(std::string_view text);

// A model -> the text the page exports for it (ui/io.cpp export_model_json), byte for byte when given the
// network's activation names (one per layer, core/model.h act_name; omitted when empty) and the same link and
// step. Every float is written so that it reads back to the same float: parse_model_file(model_file_json(m))
// gives m back bit for bit.
std::string model_file_json(const ModelFile& m, const std::vector<std::string>& activations = {});

}  // namespace pg
