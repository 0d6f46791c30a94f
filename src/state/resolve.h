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

struct RunConfig {
  DataSpec data;
  FeatureSet features = kFeatX | kFeatY;  // effective features (1-D sets keep only x-based ones)
  bool pm_one_targets = false;           // binary targets are -1/+1 (tanh output)
  Arch arch;
  TrainConfig train;
  std::vector<std::string> warnings;
};

// The head follows the problem (regression -> linear + MSE, binary -> sigmoid + BCE, k classes -> softmax +
// CCE); `out`/`loss` override it for the MLP (e.g. the classic tanh output + MSE). The regression models have
// no hidden layers: linreg = linear + MSE, logreg = sigmoid + BCE (binary data), softmax = softmax + CCE.
RunConfig resolve(const Params& p);

// A ready-to-train session: the dataset built and a trainer over it (steps not replayed).
struct Session {
  RunConfig config;
  Trainer trainer;
};
Session make_session(const Params& p);

}  // namespace pg
