// state/resolve.h: from Params (what the user asked for) to the engine's configuration (what runs): the data
// spec, the network shape with its head, and the training constants. Combinations that make no sense are
// corrected here, each with a warning the user sees. Pure; depends on core and state only.
#pragma once

#include "core/train.h"
#include "state/params.h"

#include <string>
#include <vector>

namespace pg {

// The most multiply-adds one minibatch's forward pass may take (batch x weights); more reduces the batch.
constexpr double kMaxStepWork = 67108864;  // 2^26: about 40 ms a training step in the page

// One setting the engine does not run as asked. `key` is the field-table key of the control it corrects
// ("model", "loss", "out", "act", "features", "batch"), `uses` what runs instead in a few words (the panel's
// badge: "linreg", "bce", "x, y", "506"), `message` why (its tooltip, and the CLI's warning).
// `link_problem`: the CLI refuses such a link without --lenient; a batch larger than the training set is not
// one (it is plain full-batch training), but the page still shows that the batch is the whole set.
struct Correction {
  std::string key, uses, message;
  bool link_problem = true;
  bool operator==(const Correction&) const = default;
};

struct RunConfig {
  DataSpec data;
  FeatureSet features = kFeatX | kFeatY;  // effective features (1-D sets keep only x-based ones)
  bool pm_one_targets = false;           // binary targets are -1/+1 (tanh output)
  Arch arch;
  TrainConfig train;                     // batch_size is the batch a step really takes (see Correction)
  Index train_points = 0;                // size of the training set
  std::vector<Correction> corrections;   // every correction, in the order of the field table
  std::vector<std::string> warnings;     // the messages of the corrections that are link problems (the CLI's)
};

// The head follows the problem (regression -> linear + MSE, binary -> sigmoid + BCE, k classes -> softmax +
// CCE); `out`/`loss` override it for the MLP (e.g. the classic tanh output + MSE). The regression models have
// no hidden layers: linreg = linear + MSE, logreg = sigmoid + BCE (binary data), softmax = softmax + CCE.
RunConfig resolve(const Params& p);

// What runs, in one line for the status: "2-4-2-1 MLP, tanh hidden, sigmoid + BCE, batch 506" (with
// "targets -1/+1" for a tanh output on two classes, and "no training points" when the set is empty).
std::string run_summary(const RunConfig& c);

// A ready-to-train session: the dataset built and a trainer over it (steps not replayed).
struct Session {
  RunConfig config;
  Trainer trainer;
};
Session make_session(const Params& p);

}  // namespace pg
