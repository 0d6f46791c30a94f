// ui/panels.cpp: the control bar and the hyperparameter panel. Every widget edits app.params; after the
// panel, one comparison decides whether the change applies live or needs a new network.
#include "ui/panels.h"

#include "ui/io.h"
#include "ui/views.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace pg {

bool shown(const AppState& app, std::string_view control) {
  for (size_t i = 0; i < kControlNames.size(); ++i)
    if (kControlNames[i] == control) return !(app.params.hidden_controls & (1u << i));
  return true;
}

namespace {

void tip(const char* text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", text);
}

void remember(AppState& app, const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  app.widget_rects[name] = {a.x, a.y, b.x, b.y};
}

template <class E, size_t N>
bool enum_combo(const char* label, E& value, const std::array<std::string_view, N>& names, size_t count = N) {
  bool changed = false;
  const std::string current(names[static_cast<size_t>(value)]);
  if (ImGui::BeginCombo(label, current.c_str())) {
    for (size_t i = 0; i < count; ++i) {
      const std::string name(names[i]);
      if (ImGui::Selectable(name.c_str(), static_cast<size_t>(value) == i)) {
        value = static_cast<E>(i);
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

// Dataset thumbnails: each set drawn small from its own generator (fixed seed), clickable.
void dataset_thumbnails(AppState& app, Params& p) {
  const float s = 40.0f * app.dpr;
  const float avail = ImGui::GetContentRegionAvail().x;
  const int per_row = std::max(1, int(avail / (s + ImGui::GetStyle().ItemSpacing.x)));
  int shown = 0;
  ViewCache& c = app.cache;
  constexpr int T = ViewCache::kThumb;
  const size_t kinds = kDatasetNames.size() - 1;  // every set but "user"
  if (c.thumbs_classes != p.classes) {  // drawn once per k into one texture: 12 quads a frame, not 1440 dots
    std::vector<uint32_t> px(kinds * T * T, IM_COL32(250, 250, 250, 255));
    for (size_t k = 0; k < kinds; ++k) {
      DataSpec spec;
      spec.kind = static_cast<DatasetKind>(k);
      spec.num_points = 120;
      spec.classes = p.classes;
      const DataInfo info = dataset_info(spec);
      for (const Point& pt : generate_points(spec)) {
        const uint32_t col = info.problem == Problem::Regression && info.input_dim == 2
                                 ? colors::diverging(std::clamp(pt.label, -1.0f, 1.0f))
                             : info.input_dim == 1 ? IM_COL32(60, 60, 60, 255)
                                                   : colors::class_color(int(pt.label), info.classes);
        const int x = std::clamp(int((pt.x + 6) / 12 * T), 1, T - 2), y = std::clamp(int((6 - pt.y) / 12 * T), 1, T - 2);
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) px[size_t(y + dy) * kinds * T + k * T + size_t(x + dx)] = col;
      }
    }
    upload_rgba(c.thumbs_tex, int(kinds) * T, T, px);
    c.thumbs_classes = p.classes;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);  // all thumbnails (one texture) in one draw call, all frames in another
  for (size_t k = 0; k < kinds; ++k) {
    const auto kind = static_cast<DatasetKind>(k);
    ImGui::PushID(int(k));
    if (shown % per_row) ImGui::SameLine();
    ++shown;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("##thumb", ImVec2(s, s))) {
      p.data = kind;
      p.steps = 0;
    }
    const std::string name(kDatasetNames[k]);
    remember(app, ("data_" + name).c_str());
    tip(name.c_str());
    dl->ChannelsSetCurrent(0);
    dl->AddImage(tex_id(c.thumbs_tex), p0, ImVec2(p0.x + s, p0.y + s), ImVec2(float(k) / float(kinds), 0),
                 ImVec2(float(k + 1) / float(kinds), 1));
    dl->ChannelsSetCurrent(1);
    dl->AddRect(p0, ImVec2(p0.x + s, p0.y + s), p.data == kind ? IM_COL32(0, 0, 0, 255) : IM_COL32(190, 190, 190, 255), 0,
                0, p.data == kind ? 2.5f * app.dpr : 1.0f);
    ImGui::PopID();
  }
  dl->ChannelsMerge();
}

void section_model(AppState& app, Params& p) {
  if (shown(app, "model")) enum_combo("model", p.model, kModelNames);
  remember(app, "model");
  tip("linreg: yhat = W x + b, MSE\nlogreg: yhat = sigmoid(W x + b), BCE\nsoftmax: yhat = softmax(W x + b), CCE\n"
      "mlp: hidden layers a[l] = g(W[l] a[l-1] + b[l]), head from the problem");
  if (p.model == ModelKind::Mlp && shown(app, "out")) {
    enum_combo("output", p.out, kOutChoiceNames);
    tip("Output activation. auto: linear for regression, sigmoid for two classes, softmax for k classes.\n"
        "tanh + MSE is the classic setup (targets -1/+1).");
    enum_combo("loss", p.loss, kLossChoiceNames);
    tip("MSE: L = (1/N) sum (yhat - y)^2\nBCE: L = -(1/N) sum y log yhat + (1-y) log(1-yhat)\nCCE: L = -(1/N) sum y . log yhat");
  }
}

void section_data(AppState& app, Params& p) {
  if (shown(app, "data")) dataset_thumbnails(app, p);
  ImGui::Text("dataset: %s", std::string(dataset_name(p.data)).c_str());
  if (shown(app, "noise")) {
    ImGui::SliderFloat("noise", &p.noise, 0.0f, 1.0f, "%.2f");
    remember(app, "noise");
    tip("Noise added to the points (0.5 = TensorFlow Playground's noise 50)");
  }
  if (shown(app, "points")) {
    ImGui::SliderInt("points", &p.num_points, 10, kMaxPoints, "%d", ImGuiSliderFlags_Logarithmic);
    tip("Number of points generated");
  }
  if (shown(app, "split")) {
    ImGui::SliderFloat("train split", &p.train_fraction, 0.1f, 0.9f, "%.2f");
    tip("Fraction of the points used for training; the rest measure the test loss");
  }
  if ((p.data == DatasetKind::SpiralK || p.data == DatasetKind::BlobsK) && shown(app, "classes")) {
    ImGui::SliderInt("classes", &p.classes, 3, 8);
    tip("k, the number of classes (softmax output with k units)");
  }
  if (shown(app, "seeds")) {
    int seed = int(p.data_seed);
    if (ImGui::InputInt("data seed", &seed)) p.data_seed = uint32_t(std::max(0, seed));
    tip("Seed of the data generator and of the train/test split");
    if (ImGui::Button("Regenerate")) p.data_seed += 1;
    remember(app, "regenerate");
    tip("New points from the next data seed");
    ImGui::SameLine();
  }
  if (shown(app, "data") && ImGui::Button("Clear points")) {
    p.data = DatasetKind::User;
    p.points.clear();
  }
  tip("Start from an empty canvas; click the data view to add points");
  const Dataset* d = app.session ? &app.session->trainer.data() : nullptr;
  if (d && d->info.problem == Problem::Regression && d->info.input_dim == 2) {
    ImGui::SliderFloat("new point target", &app.view.add_target, -1.0f, 1.0f, "%.2f");
  } else if (d && d->info.input_dim == 2) {
    const int k = std::max(2, d->info.classes);
    ImGui::SliderInt("new point class", &app.view.add_class, 0, std::min(7, k));
    tip("Class of the points you add by clicking (one more than the current classes makes a new class)");
  }
}

void section_features(AppState& app, Params& p) {
  if (!shown(app, "features")) {
    ImGui::TextDisabled("(set by the link)");
    return;
  }
  const char* labels[kNumFeatures] = {"x", "y", "x^2", "y^2", "xy", "sin x", "sin y"};
  for (int f = 0; f < kNumFeatures; ++f) {
    bool on = p.features & (1 << f);
    if (f % 4) ImGui::SameLine();
    if (ImGui::Checkbox(labels[f], &on)) p.features = on ? FeatureSet(p.features | (1 << f)) : FeatureSet(p.features & ~(1 << f));
    remember(app, (std::string("feature_") + std::string(kFeatureNames[size_t(f)])).c_str());
    tip("Input feature: one row of X. The network's first layer sees only the checked ones.");
  }
}

void section_network(AppState& app, Params& p) {
  if (p.model != ModelKind::Mlp) {
    ImGui::TextDisabled("%s has no hidden layers", std::string(model_name(p.model)).c_str());
    return;
  }
  ImGui::Text("%d hidden layer%s", int(p.hidden.size()), p.hidden.size() == 1 ? "" : "s");
  const bool layers = shown(app, "layers"), acts = shown(app, "act");
  ImGui::SameLine();
  if (layers && ImGui::SmallButton("+") && int(p.hidden.size()) < kMaxHiddenLayers) {
    p.hidden.push_back(p.hidden.empty() ? 4 : p.hidden.back());
    if (p.acts.size() > 1) p.acts.push_back(p.acts.back());
  }
  remember(app, "add_layer");
  tip("Add a hidden layer: Z[l] = W[l] A[l-1] + b[l], A[l] = g(Z[l])");
  ImGui::SameLine();
  if (layers && ImGui::SmallButton("-") && !p.hidden.empty()) {
    p.hidden.pop_back();
    if (p.acts.size() > 1) p.acts.resize(std::max<size_t>(1, p.hidden.size()));
  }
  remember(app, "remove_layer");
  tip("Remove the last hidden layer");
  const bool per_layer = p.acts.size() == p.hidden.size() && p.hidden.size() > 1;
  for (size_t l = 0; l < p.hidden.size(); ++l) {
    ImGui::PushID(int(l));
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::BeginDisabled(!layers);
    ImGui::SliderInt("##w", &p.hidden[l], 1, kMaxWidth, "%d units", ImGuiSliderFlags_Logarithmic);
    ImGui::EndDisabled();
    tip("n[l]: the width of this layer. W[l] is n[l] x n[l-1].");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.8f);
    Act a = per_layer ? p.acts[l] : (p.acts.empty() ? Act::Tanh : p.acts[0]);
    ImGui::BeginDisabled(!acts);
    const bool act_changed = enum_combo("##act", a, kHiddenActNames);
    ImGui::EndDisabled();
    if (act_changed) {
      if (!per_layer) p.acts.assign(std::max<size_t>(1, p.hidden.size()), p.acts.empty() ? Act::Tanh : p.acts[0]);
      p.acts[l] = a;
      if (std::all_of(p.acts.begin(), p.acts.end(), [&](Act x) { return x == p.acts[0]; })) p.acts.resize(1);
    }
    tip("g: the activation. Its Jacobian is diagonal: diag(g'(z)).\nsigmoid' = a(1-a), tanh' = 1-a^2, relu' = [z>0]");
    ImGui::SameLine();
    ImGui::Text("layer %d", int(l) + 1);
    ImGui::PopID();
  }
}

void section_training(AppState& app, Params& p) {
  if (shown(app, "lr")) {
    ImGui::SliderFloat("learning rate", &p.learning_rate, 1e-5f, 10.0f, "%.5g", ImGuiSliderFlags_Logarithmic);
    remember(app, "lr");
    tip("eta: w <- w - eta dL/dw (applies live)");
  }
  if (!shown(app, "opt")) ImGui::TextDisabled("optimizer: %s (set by the link)", std::string(optimizer_name(p.optimizer)).c_str());
  else enum_combo("optimizer", p.optimizer, kOptimizerNames);
  remember(app, "optimizer");
  tip("sgd: w <- w - eta g\nmomentum: v <- mu v + g, w <- w - eta v\nadam: m <- b1 m + (1-b1) g, v <- b2 v + (1-b2) g^2,\n"
      "      w <- w - eta mhat / (sqrt(vhat) + 1e-8)");
  if (p.optimizer == Optimizer::Momentum && shown(app, "opt")) {
    ImGui::SliderFloat("momentum", &p.momentum, 0.0f, 0.999f, "%.3f");
    tip("mu in v <- mu v + g (applies live)");
  }
  if (p.optimizer == Optimizer::Adam && shown(app, "opt")) {
    ImGui::SliderFloat("beta1", &p.beta1, 0.0f, 0.9999f, "%.4f");
    tip("b1 in m <- b1 m + (1 - b1) g (applies live)");
    ImGui::SliderFloat("beta2", &p.beta2, 0.0f, 0.99999f, "%.5f");
    tip("b2 in v <- b2 v + (1 - b2) g^2 (applies live)");
  }
  if (shown(app, "batch")) {
    ImGui::SliderInt("batch size", &p.batch_size, 1, 500, "%d", ImGuiSliderFlags_Logarithmic);
    remember(app, "batch");
    tip("N, the minibatch: dL/dW = (1/N) sum over the batch (applies live)");
  }
  const bool reg = shown(app, "reg");
  if (reg) enum_combo("regularization", p.reg, kRegNames);
  tip("L1: R = lambda sum |w|, dR/dw = lambda sign(w)\nL2: R = (lambda/2) sum w^2, dR/dw = lambda w");
  if (p.reg != Reg::None && reg) {
    ImGui::SliderFloat("rate", &p.reg_rate, 0.0f, 1.0f, "%.5g", ImGuiSliderFlags_Logarithmic);
    tip("lambda (applies live)");
  }
  if (shown(app, "init")) {
    enum_combo("init", p.init, kInitNames);
    tip("xavier: U(+-sqrt(6/(n_in + n_out)))\nhe: N(0, 2/n_in)\nuniform: U(+-0.5), biases 0.1");
  }
  if (shown(app, "seeds")) {
    int seed = int(p.init_seed);
    if (ImGui::InputInt("init seed", &seed)) p.init_seed = uint32_t(std::max(0, seed));
    tip("Seed of the initial weights and of the per-epoch shuffle");
  }
}

}  // namespace

bool needs_rebuild(const Params& a, const Params& b) {
  Params x = a, y = b;
  for (Params* q : {&x, &y}) {  // the live fields and the step count do not need a new network
    q->learning_rate = 0;
    q->momentum = q->beta1 = q->beta2 = 0;
    q->batch_size = 0;
    q->optimizer = Optimizer::Sgd;
    q->reg = Reg::None;
    q->reg_rate = 0;
    q->steps = 0;
    // View state and classroom settings change what is shown, never the run.
    q->view_inspector = q->view_tab = q->view_layer = q->view_matrix = q->view_op = q->view_sample = 0;
    q->view_symlog = q->view_live = q->show_test = q->loss_log = 0;
    q->hidden_controls = 0;
  }
  return !(x == y);
}

void draw_params(AppState& app) {
  Params p = app.params;
  if (p.hidden_controls) ImGui::TextDisabled("Some controls are hidden by this link (classroom mode).");
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  if (ImGui::CollapsingHeader("Problem and model", ImGuiTreeNodeFlags_DefaultOpen)) section_model(app, p);
  if (ImGui::CollapsingHeader("Data", ImGuiTreeNodeFlags_DefaultOpen)) section_data(app, p);
  if (ImGui::CollapsingHeader("Input features", ImGuiTreeNodeFlags_DefaultOpen)) section_features(app, p);
  if (ImGui::CollapsingHeader("Network", ImGuiTreeNodeFlags_DefaultOpen)) section_network(app, p);
  if (ImGui::CollapsingHeader("Training", ImGuiTreeNodeFlags_DefaultOpen)) section_training(app, p);
  ImGui::PopItemWidth();
  if (p == app.params) return;
  if (needs_rebuild(app.params, p)) {
    p.steps = 0;
    app.params = p;
    app_rebuild(app);
    app.toast = "New network: training restarts at step 0";
    app.toast_until = ImGui::GetTime() + 2.5;
  } else {
    p.steps = app.params.steps;
    app.params = p;
    if (app.session) app.session->trainer.set_live_config(resolve(p).train);
    app.url_dirty = true;
  }
}

void action_toggle_play(AppState& app) {
  if (app.session && app.session->trainer.status() == TrainStatus::Diverged) return;
  app.playing = !app.playing;
}
void action_step(AppState& app) { app_step(app, 1); }
void action_epoch(AppState& app) {
  if (!app.session) return;
  const Trainer& t = app.session->trainer;
  const uint64_t n = uint64_t(t.data().X_train.cols()), b = uint64_t(std::max(1, t.batch_size()));
  app_step(app, std::max<uint64_t>(1, (n + b - 1) / b));
}
void action_reset(AppState& app) {
  app.params.steps = 0;
  app_rebuild(app);
}
void action_copy_link(AppState& app) {
  app.clipboard_request = app.page_url + "#" + app_link(app);
  app.toast = "Link copied: it reproduces this run at step " + std::to_string(app.params.steps);
  app.toast_until = ImGui::GetTime() + 2.5;
}

void draw_controls(AppState& app) {
  const bool diverged = app.session && app.session->trainer.status() == TrainStatus::Diverged;
  ImGui::BeginDisabled(diverged);
  if (ImGui::Button(app.playing ? "Pause" : "Play", ImVec2(70 * app.dpr, 0))) action_toggle_play(app);
  ImGui::EndDisabled();
  remember(app, "play");
  tip("Train continuously (Space)");
  ImGui::SameLine();
  if (ImGui::Button("Step")) action_step(app);
  remember(app, "step");
  tip("One minibatch: forward, backward, w <- w - eta dL/dw (S or Right arrow)");
  ImGui::SameLine();
  if (ImGui::Button("Epoch")) action_epoch(app);
  remember(app, "epoch");
  tip("One pass over the training set (E)");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) action_reset(app);
  remember(app, "reset");
  tip("New initial weights from the init seed, step 0 (R)");
  if (shown(app, "speed")) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(160 * app.dpr);
    ImGui::SliderInt("##speed", &app.steps_per_frame, 1, 2000, "%d steps/frame", ImGuiSliderFlags_Logarithmic);
    remember(app, "speed");
    tip("Speed: minibatch steps per displayed frame");
  }
  ImGui::SameLine();
  if (ImGui::Button("Copy link")) action_copy_link(app);
  remember(app, "copy_link");
  tip("Copy a link that reproduces this run, bit for bit, at the current step (L)");
  draw_io_buttons(app);
  if (shown(app, "inspector")) {
    ImGui::SameLine();
    if (ImGui::Button("Jacobian inspector")) app.inspector.open = !app.inspector.open;
    remember(app, "inspector_button");
    tip("Heatmaps of every Jacobian of the backward pass, the chain rule step by step, the gradient check (J)");
  }
  if (app.session) {
    const Trainer& t = app.session->trainer;
    const double per_epoch = std::max<double>(1, double(t.data().X_train.cols()));
    ImGui::SameLine();
    ImGui::TextDisabled("  epoch %llu  step %llu  (%.2f epochs/frame)", (unsigned long long)t.epoch(),
                        (unsigned long long)t.steps(), app.steps_per_frame * double(t.batch_size()) / per_epoch);
  }
}

}  // namespace pg
