// state/resolve.cpp: Params -> RunConfig. Every correction of an inconsistent combination adds a warning.
#include "state/resolve.h"

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

// The model kind the data allows, with a warning when the requested one does not fit.
ModelKind fit_model(ModelKind m, const DataInfo& info, std::vector<std::string>& warnings) {
  const std::string problem(problem_name(info.problem));
  if (info.problem == Problem::Regression && (m == ModelKind::LogReg || m == ModelKind::Softmax)) {
    warnings.push_back(std::string(model_name(m)) + " needs class labels, but this dataset is regression; using linreg");
    return ModelKind::LinReg;
  }
  if (info.problem == Problem::Multiclass && (m == ModelKind::LogReg || m == ModelKind::LinReg)) {
    warnings.push_back(std::string(model_name(m)) + " handles two classes at most, but this dataset has " +
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
void mlp_head(const Params& p, const DataInfo& info, Arch& a, std::vector<std::string>& warnings) {
  a.out = default_out(info.problem);
  if (p.out != OutChoice::Auto) {
    const Act want = p.out == OutChoice::Linear ? Act::Linear : p.out == OutChoice::Sigmoid ? Act::Sigmoid
                     : p.out == OutChoice::Tanh ? Act::Tanh : Act::Softmax;
    if (want == Act::Softmax && info.problem == Problem::Regression)
      warnings.push_back("out=softmax needs class labels; keeping a linear output");
    else if (want != Act::Softmax && info.problem == Problem::Multiclass)
      warnings.push_back("a dataset with " + std::to_string(info.classes) + " classes needs out=softmax; keeping softmax");
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
      warnings.push_back("loss=" + std::string(loss_name(want)) + " does not fit a " + std::string(act_name(a.out)) +
                         " output on this dataset; using " + std::string(loss_name(a.loss)));
  }
}

// A minibatch that makes one step absurdly expensive (the widest, deepest network with a batch of thousands:
// billions of multiply-adds a step) is reduced to fit kMaxStepWork, with a warning.
void cap_batch(RunConfig& c) {
  double params = 0;
  for (int l = 1; l <= c.arch.num_layers(); ++l) params += double(c.arch.width(l - 1) + 1) * c.arch.width(l);
  const int cap = int(std::max(1.0, std::floor(kMaxStepWork / params)));
  if (c.train.batch_size <= cap) return;
  c.warnings.push_back("batch " + std::to_string(c.train.batch_size) + " with " + std::to_string(long(params)) +
                       " weights is too much work per step; using batch " + std::to_string(cap));
  c.train.batch_size = cap;
}

}  // namespace

RunConfig resolve(const Params& p) {
  RunConfig c;
  c.data = data_spec(p);
  c.train = train_config(p);
  const DataInfo info = dataset_info(c.data);
  c.features = effective_features(p.features, info.input_dim);
  const bool default_on_1d = info.input_dim == 1 && p.features == Params{}.features;  // x,y on a 1-D set: just x
  if (c.features != p.features && !default_on_1d)
    c.warnings.push_back(info.input_dim == 1 ? "1-D data uses only the x features (x, x2, sinx)"
                                             : "no input feature selected; using x and y");
  Arch& a = c.arch;
  a.kind = fit_model(p.model, info, c.warnings);
  a.input_dim = feature_count(c.features);
  switch (a.kind) {
    case ModelKind::LinReg: a.out = Act::Linear; a.loss = Loss::Mse; break;
    case ModelKind::LogReg: a.out = Act::Sigmoid; a.loss = Loss::Bce; break;
    case ModelKind::Softmax: a.out = Act::Softmax; a.loss = Loss::Cce; break;
    case ModelKind::Mlp:
      a.hidden = p.hidden;
      if (p.acts.size() != 1 && p.acts.size() != p.hidden.size() && !p.hidden.empty())
        c.warnings.push_back("act lists " + std::to_string(p.acts.size()) + " activations for " +
                             std::to_string(p.hidden.size()) + " hidden layers; using the first for every layer");
      for (size_t l = 0; l < a.hidden.size(); ++l)
        a.hidden_act.push_back(p.acts.size() == a.hidden.size() ? p.acts[l] : (p.acts.empty() ? Act::Tanh : p.acts[0]));
      mlp_head(p, info, a, c.warnings);
      break;
  }
  a.output_dim = a.out == Act::Softmax ? std::max(2, info.classes) : 1;
  c.pm_one_targets = a.out == Act::Tanh && info.problem == Problem::Binary;
  cap_batch(c);
  return c;
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
