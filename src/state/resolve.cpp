// state/resolve.cpp: Params -> RunConfig. Every correction of an inconsistent combination is recorded with the
// key of the control it corrects (the page draws a badge there) and a message (the CLI prints it).
#include "state/resolve.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace pg {

namespace {

DataSpec data_spec(const Params& p) {
  DataSpec d;
  d.kind = p.data;
  d.num_points = p.num_points;
  d.noise = p.noise;
  d.train_fraction = p.train_fraction;
  d.classes = p.classes;
  d.seed = p.data_seed;
  d.user_points = p.points;
  d.user_one_d = p.points_one_d;
  return d;
}

TrainConfig train_config(const Params& p) {
  TrainConfig t;
  t.optimizer = p.optimizer;
  t.learning_rate = p.learning_rate;
  t.batch_size = p.batch_size;
  t.momentum = p.momentum;
  t.beta1 = p.beta1;
  t.beta2 = p.beta2;
  t.reg = p.reg;
  t.reg_rate = p.reg_rate;
  t.init = p.init;
  t.init_seed = p.init_seed;
  return t;
}

// Records a correction of the control `key`: the page shows it there, the CLI prints the message.
void correct(RunConfig& c, std::string key, std::string uses, std::string message, bool link_problem = true) {
  if (link_problem) c.warnings.push_back(message);
  c.corrections.push_back({std::move(key), std::move(uses), std::move(message), link_problem});
}

// The model kind the data allows, with a correction when the requested one does not fit.
ModelKind fit_model(ModelKind m, const DataInfo& info, RunConfig& c) {
  if (info.problem == Problem::Regression && (m == ModelKind::LogReg || m == ModelKind::Softmax)) {
    correct(c, "model", "linreg", std::string(model_name(m)) + " needs class labels, but this dataset is regression; using linreg");
    return ModelKind::LinReg;
  }
  if (info.problem == Problem::Multiclass && (m == ModelKind::LogReg || m == ModelKind::LinReg)) {
    correct(c, "model", "softmax", std::string(model_name(m)) + " handles two classes at most, but this dataset has " +
                                        std::to_string(info.classes) + "; using softmax");
    return ModelKind::Softmax;
  }
  return m;
}

Act default_out(Problem p) {
  return p == Problem::Regression ? Act::Linear : p == Problem::Binary ? Act::Sigmoid : Act::Softmax;
}

Loss default_loss(Act out, Problem p) {
  if (out == Act::Softmax) return Loss::Cce;
  if (out == Act::Sigmoid && p == Problem::Binary) return Loss::Bce;
  return Loss::Mse;
}

// The MLP's head: the problem's default, then the user's overrides where they make sense.
void mlp_head(const Params& p, const DataInfo& info, RunConfig& c) {
  Arch& a = c.arch;
  a.out = default_out(info.problem);
  if (p.out != OutChoice::Auto) {
    const Act want = p.out == OutChoice::Linear ? Act::Linear : p.out == OutChoice::Sigmoid ? Act::Sigmoid
                     : p.out == OutChoice::Tanh ? Act::Tanh : Act::Softmax;
    if (want == Act::Softmax && info.problem == Problem::Regression)
      correct(c, "out", "linear", "out=softmax needs class labels; keeping a linear output");
    else if (want != Act::Softmax && info.problem == Problem::Multiclass)
      correct(c, "out", "softmax", "a dataset with " + std::to_string(info.classes) + " classes needs out=softmax; keeping softmax");
    else
      a.out = want;
  }
  a.loss = default_loss(a.out, info.problem);
  if (p.loss != LossChoice::Auto) {
    const Loss want = p.loss == LossChoice::Mse ? Loss::Mse : p.loss == LossChoice::Bce ? Loss::Bce : Loss::Cce;
    const bool ok = want == Loss::Mse || (want == Loss::Bce && a.out == Act::Sigmoid && info.problem == Problem::Binary) ||
                    (want == Loss::Cce && a.out == Act::Softmax);
    if (ok) a.loss = want;
    else
      correct(c, "loss", std::string(loss_name(a.loss)),
              "loss=" + std::string(loss_name(want)) + " does not fit a " + std::string(act_name(a.out)) +
                  " output on this dataset; using " + std::string(loss_name(a.loss)));
  }
}

// The batch a step really takes. A batch larger than the training set takes the whole set (full batch; not a
// link problem). A minibatch that makes one step absurdly expensive (the widest, deepest network with a batch
// of thousands: billions of multiply-adds a step) is reduced to fit kMaxStepWork, with a warning.
void fit_batch(RunConfig& c) {
  const int asked = c.train.batch_size;
  if (c.train_points > 0 && asked > c.train_points) {
    c.train.batch_size = int(c.train_points);
    correct(c, "batch", std::to_string(c.train_points),
            "batch " + std::to_string(asked) + " is larger than the " + std::to_string(c.train_points) +
                " training points; every step uses all " + std::to_string(c.train_points) + " (full batch)",
            /*link_problem=*/false);
  }
  double params = 0;
  for (int l = 1; l <= c.arch.num_layers(); ++l) params += double(c.arch.width(l - 1) + 1) * c.arch.width(l);
  const int cap = int(std::max(1.0, std::floor(kMaxStepWork / params)));
  if (c.train.batch_size <= cap) return;
  if (!c.corrections.empty() && c.corrections.back().key == "batch") c.corrections.pop_back();  // one badge: the cap
  correct(c, "batch", std::to_string(cap),
          "batch " + std::to_string(asked) + " with " + std::to_string(long(params)) +
              " weights is too much work per step; using batch " + std::to_string(cap));
  c.train.batch_size = cap;
}

std::string feature_list(FeatureSet f) {
  std::string s;
  for (int bit = 0; bit < kNumFeatures; ++bit)
    if (f & (1u << bit)) s += (s.empty() ? "" : ", ") + std::string(kFeatureNames[size_t(bit)]);
  return s;
}

}  // namespace

RunConfig resolve(const Params& p) {
  RunConfig c;
  c.data = data_spec(p);
  c.train = train_config(p);
  const DataInfo info = dataset_info(c.data);
  const size_t total = p.data == DatasetKind::User ? p.points.size() : size_t(std::max(0, p.num_points));
  c.train_points = Index(train_count(total, p.train_fraction));
  // Corrections come in the panel's order: model, features, act, out, loss, batch.
  Arch& a = c.arch;
  a.kind = fit_model(p.model, info, c);
  c.features = effective_features(p.features, info.input_dim);
  const bool default_on_1d = info.input_dim == 1 && p.features == Params{}.features;  // x,y on a 1-D set: just x
  if (c.features != p.features && !default_on_1d)
    correct(c, "features", feature_list(c.features),
            info.input_dim == 1 ? "1-D data uses only the x features (x, x2, sinx)" : "no input feature selected; using x and y");
  a.input_dim = feature_count(c.features);
  switch (a.kind) {
    case ModelKind::LinReg: a.out = Act::Linear; a.loss = Loss::Mse; break;
    case ModelKind::LogReg: a.out = Act::Sigmoid; a.loss = Loss::Bce; break;
    case ModelKind::Softmax: a.out = Act::Softmax; a.loss = Loss::Cce; break;
    case ModelKind::Mlp:
      a.hidden = p.hidden;
      for (size_t l = 0; l < a.hidden.size(); ++l)
        a.hidden_act.push_back(p.acts.size() == a.hidden.size() ? p.acts[l] : (p.acts.empty() ? Act::Tanh : p.acts[0]));
      if (p.acts.size() != 1 && p.acts.size() != p.hidden.size() && !p.hidden.empty())
        correct(c, "act", std::string(act_name(a.hidden_act[0])) + " for all",
                "act lists " + std::to_string(p.acts.size()) + " activations for " + std::to_string(p.hidden.size()) +
                    " hidden layers; using the first for every layer");
      mlp_head(p, info, c);
      break;
  }
  a.output_dim = a.out == Act::Softmax ? std::max(2, info.classes) : 1;
  c.pm_one_targets = a.out == Act::Tanh && info.problem == Problem::Binary;
  fit_batch(c);
  return c;
}

std::string run_summary(const RunConfig& c) {
  static constexpr std::array<std::string_view, 4> kModelTitles = {"linear regression", "logistic regression",
                                                                   "softmax regression", "MLP"};
  static constexpr std::array<std::string_view, 3> kLossTitles = {"MSE", "BCE", "CCE"};
  const Arch& a = c.arch;
  std::string s;
  for (int l = 0; l <= a.num_layers(); ++l) s += (l ? "-" : "") + std::to_string(a.width(l));
  s += " " + std::string(kModelTitles[size_t(a.kind)]);
  if (!a.hidden_act.empty()) {
    const bool same = std::all_of(a.hidden_act.begin(), a.hidden_act.end(), [&](Act x) { return x == a.hidden_act[0]; });
    std::string acts;
    for (size_t l = 0; l < (same ? 1 : a.hidden_act.size()); ++l) acts += (l ? "," : "") + std::string(act_name(a.hidden_act[l]));
    s += ", " + acts + " hidden";
  }
  s += ", " + std::string(act_name(a.out)) + " + " + std::string(kLossTitles[size_t(a.loss)]);
  if (c.pm_one_targets) s += " (targets -1/+1)";
  s += c.train_points > 0 ? ", batch " + std::to_string(c.train.batch_size) : ", no training points";
  return s;
}

Session make_session(const Params& p) {
  RunConfig c = resolve(p);
  Dataset data = build_dataset(c.data, c.features, c.pm_one_targets);
  if (c.arch.out == Act::Softmax && data.info.problem == Problem::Binary) {  // two classes, one-hot targets
    DataInfo two{Problem::Multiclass, 2, data.info.input_dim};
    data.Y_train = make_targets(data.train_points, two, false);
    data.Y_test = make_targets(data.test_points, two, false);
  }
  Trainer trainer(std::move(data), c.arch, c.train);
  return Session{std::move(c), std::move(trainer)};
}

}  // namespace pg
