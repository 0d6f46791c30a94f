// ui/panels.cpp: the control bar and the hyperparameter panel. Every widget edits app.params; after the
// panel, one comparison decides whether the change applies live or needs a new network. Ranges come from the
// field table (state/params.h); a setting the engine corrects gets a badge beside its control, and a combo
// option that would be corrected is disabled with the reason (both from state/resolve).
#include "ui/panels.h"
#include "ui/i18n.h"

#include "ui/io.h"
#include "ui/lessons.h"
#include "ui/share.h"
#include "ui/rects.h"
#include "ui/strings.h"
#include "ui/views.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>

namespace pg {

bool shown(const AppState& app, std::string_view control) {
  for (size_t i = 0; i < kControlNames.size(); ++i)
    if (kControlNames[i] == control) return !(app.params.hidden_controls & (1u << i));
  return true;
}

namespace {

// A tooltip wrapped at about 36 characters' width, so a long one stays on the screen.
void wrapped_tooltip(std::string_view text) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void tip(const char* text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) wrapped_tooltip(text);
}

// A tooltip that also shows over a disabled widget (it says why the widget is disabled).
void tip_why(std::string_view text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) wrapped_tooltip(text);
}

// The field table's range for a numeric key, so the panel offers exactly what a link may carry.
FieldRange range(std::string_view key) { return field_range(key).value_or(FieldRange{0, 1}); }

// The correction of `key` in a resolved configuration, if any.
std::optional<Correction> correction_of(const RunConfig& c, std::string_view key) {
  for (const Correction& k : c.corrections)
    if (k.key == key) return k;
  return std::nullopt;
}

// What choosing option i of an enum field would be corrected to (resolving a copy of the params with it).
template <class E> std::function<std::optional<Correction>(size_t)> option_check(const Params& p, E Params::*field, std::string_view key) {
  return [&p, field, key](size_t i) {
    Params q = p;
    q.*field = static_cast<E>(i);
    return correction_of(resolve(q), key);
  };
}

// The badge beside a control whose setting the engine corrects: "uses <what runs>" on an amber chip (dark
// brown text on light amber, contrast above 9:1), every reason in its tooltip, its rect named "warn:<key>".
// On the control's line when it fits, else on the next. Draws nothing when the field runs as set.
void correction_badge(AppState& app, std::string_view key) {
  std::string uses, why;
  for (const Correction& c : app.run.corrections)
    if (c.key == key) {
      uses = c.uses;
      why += "\n- " + tr_message(c.message);
    }
  if (why.empty()) return;
  const std::string label = std::string(tr(text::kBadgePrefix.data())) + uses;
  const ImGuiStyle& st = ImGui::GetStyle();
  const float width = ImGui::CalcTextSize(label.c_str()).x + 2 * st.FramePadding.x;
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + st.ItemSpacing.x + width <= right_edge) ImGui::SameLine();
  ImGui::PushID(key.data(), key.data() + key.size());
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(255, 221, 128, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(255, 205, 90, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(255, 205, 90, 255));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(74, 46, 0, 255));
  ImGui::PushStyleColor(ImGuiCol_Border, IM_COL32(176, 120, 0, 255));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
  ImGui::SmallButton(label.c_str());
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);
  ImGui::PopID();
  remember_always(app, ("warn:" + std::string(key)).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s%s", tr(text::kBadgeHeading.data()), why.c_str());
}

// A combo over an enum's names. With `check`, an option the engine would correct is disabled and marked
// "(runs <what runs>)", its reason in the tooltip; the current value stays selectable (its badge says more).
// While open, each option's rect is remembered as "option:<key>:<name>".
template <class E, size_t N>
bool enum_combo(AppState& app, const char* key, const char* label, E& value, const std::array<std::string_view, N>& names,
                const std::function<std::optional<Correction>(size_t)>& check = {}) {
  bool changed = false;
  const std::string current(names[static_cast<size_t>(value)]);
  if (ImGui::BeginCombo(tr(label), current.c_str())) {
    for (size_t i = 0; i < N; ++i) {
      const bool selected = static_cast<size_t>(value) == i;
      const std::optional<Correction> corrected = check ? check(i) : std::nullopt;
      std::string name(names[i]);
      if (corrected) name += std::string(tr(text::kOptionRunsPrefix.data())) + corrected->uses + std::string(tr(text::kOptionRunsSuffix.data()));
      const ImGuiSelectableFlags flags = corrected && !selected ? ImGuiSelectableFlags_Disabled : 0;
      if (ImGui::Selectable(name.c_str(), selected, flags)) {
        value = static_cast<E>(i);
        changed = true;
      }
      remember_always(app, ("option:" + std::string(key) + ":" + std::string(names[i])).c_str());
      if (corrected) tip_why(corrected->message);
    }
    ImGui::EndCombo();
  }
  return changed;
}

// Dataset thumbnails: each set drawn small from its own generator (fixed seed), clickable.
void dataset_thumbnails(AppState& app, Params& p) {
  const size_t kinds = kDatasetNames.size() - 1;  // every set but "user"
  // Two rows when they fit at 32 to 40 CSS px a thumbnail (the panel keeps its lower controls in view), else as
  // many rows as 40 px thumbnails need.
  const float avail = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
  const float two_rows = (avail - gap * float((kinds + 1) / 2 - 1)) / float((kinds + 1) / 2);
  const float s = two_rows >= 32.0f * app.dpr ? std::min(two_rows, 40.0f * app.dpr) : 40.0f * app.dpr;
  const int per_row = std::max(1, int((avail + gap) / (s + gap)));
  int shown = 0;
  ViewCache& c = app.cache;
  constexpr int T = ViewCache::kThumb;
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
                                                   : colors::class_color(int(pt.label));
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
    remember_always(app, ("data_" + name).c_str());
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
  const Params& now = app.params;  // the options are checked against the settings in effect
  if (shown(app, "model")) {
    enum_combo(app, "model", TR_KEY("model"), p.model, kModelNames, option_check(now, &Params::model, "model"));
    remember_always(app, "model");
    tip(tr("linreg: yhat = W x + b, MSE\nlogreg: yhat = sigmoid(W x + b), BCE\nsoftmax: yhat = softmax(W x + b), CCE\n"
        "mlp: hidden layers a[l] = g(W[l] a[l-1] + b[l]), head from the problem"));
    correction_badge(app, "model");
  }
  if (p.model == ModelKind::Mlp && shown(app, "out")) {
    enum_combo(app, "out", TR_KEY("output"), p.out, kOutChoiceNames, option_check(now, &Params::out, "out"));
    remember_always(app, "out");
    tip(tr("Output activation. auto: linear for regression, sigmoid for two classes, softmax for k classes.\n"
        "tanh + MSE is the classic setup (targets -1/+1)."));
    correction_badge(app, "out");
    enum_combo(app, "loss", TR_KEY("loss"), p.loss, kLossChoiceNames, option_check(now, &Params::loss, "loss"));
    remember_always(app, "loss");
    tip(tr("MSE: L = (1/N) sum (yhat - y)^2\nBCE: L = -(1/N) sum y log yhat + (1-y) log(1-yhat)\nCCE: L = -(1/N) sum y . log yhat"));
    correction_badge(app, "loss");
  }
}

// A seed: the whole 0..4294967295 range, with -/+ steps (an int widget would show 3000000000 as negative).
void seed_input(AppState& app, const char* label, const char* name, uint32_t& seed) {
  const float x0 = ImGui::GetCursorScreenPos().x, width = ImGui::CalcItemWidth(), button = ImGui::GetFrameHeight();
  const uint32_t one = 1, hundred = 100;
  ImGui::InputScalar(tr(label), ImGuiDataType_U32, &seed, &one, &hundred, "%u");
  remember_always(app, name);
  const ImVec2 a = ImGui::GetItemRectMin();  // the "+" button ends the input's frame (for the tests)
  app.widget_rects[std::string(name) + "_plus"] = {x0 + width - button, a.y, x0 + width, a.y + button};
}

void section_data(AppState& app, Params& p) {
  if (shown(app, "data")) dataset_thumbnails(app, p);
  ImGui::Text(tr("dataset: %s"), std::string(dataset_name(p.data)).c_str());
  const bool user = p.data == DatasetKind::User;  // a user set has its own points: no generator settings
  if (user) {
    ImGui::Text(tr(text::kUserPoints.data()), int(p.points.size()));  // a format from the string table
    tip(tr(text::kUserPointsTip.data()));
  }
  if (shown(app, "noise") && !user) {
    ImGui::SliderFloat(tr("noise"), &p.noise, float(range("noise").lo), float(range("noise").hi), "%.2f");
    remember_always(app, "noise");
    tip(tr("Noise added to the points (0.5 = TensorFlow Playground's noise 50)"));
  }
  if (shown(app, "points") && !user) {
    ImGui::SliderInt(tr("points"), &p.num_points, int(range("n").lo), int(range("n").hi), "%d", ImGuiSliderFlags_Logarithmic);
    tip(tr("Number of points generated"));
  }
  if (shown(app, "split")) {
    ImGui::SliderFloat(tr("train split"), &p.train_fraction, float(range("split").lo), float(range("split").hi), "%.2f");
    tip(tr("Fraction of the points used for training; the rest measure the test loss"));
  }
  if ((p.data == DatasetKind::SpiralK || p.data == DatasetKind::BlobsK) && shown(app, "classes")) {
    ImGui::SliderInt(tr("classes"), &p.classes, int(range("classes").lo), int(range("classes").hi));
    tip(tr("k, the number of classes (softmax output with k units)"));
  }
  if (shown(app, "seeds")) {
    seed_input(app, TR_KEY("data seed"), "dseed", p.data_seed);
    tip(tr("Seed of the data generator and of the train/test split (0..4294967295)"));
    if (ImGui::Button(tr("Regenerate"))) p.data_seed += 1;  // past 4294967295 it wraps to 0: still new points
    remember_always(app, "regenerate");
    tip(tr("New points from the next data seed"));
    ImGui::SameLine();
  }
  if (shown(app, "data") && ImGui::Button(tr("Clear points"))) {
    p.data = DatasetKind::User;
    p.points.clear();
  }
  remember_always(app, "clear_points");
  tip(tr("Start from an empty canvas; turn on Add points beside the data view to add points"));
}

void section_features(AppState& app, Params& p) {
  if (!shown(app, "features")) {
    ImGui::TextDisabled("%s", tr("(set by the link)"));
    return;
  }
  const char* labels[kNumFeatures] = {"x", "y", "x^2", "y^2", "xy", "sin x", "sin y"};
  const int input_dim = dataset_info(app.run.data).input_dim;
  for (int f = 0; f < kNumFeatures; ++f) {
    const FeatureSet bit = FeatureSet(1u << f);
    // A feature the data cannot have (y-based ones on a 1-D set) is disabled and shown unticked.
    const bool possible = effective_features(bit, input_dim) == bit;
    bool on = possible && (p.features & bit);
    if (f % 4) ImGui::SameLine();
    ImGui::BeginDisabled(!possible);
    if (ImGui::Checkbox(labels[f], &on)) p.features = on ? FeatureSet(p.features | bit) : FeatureSet(p.features & ~bit);
    ImGui::EndDisabled();
    remember_always(app, (std::string("feature_") + std::string(kFeatureNames[size_t(f)])).c_str());
    if (possible) tip(tr("Input feature: one row of X. The network's first layer sees only the checked ones."));
    else tip_why(text::kFeatureNotOnOneD);
  }
  correction_badge(app, "features");
}

void section_network(AppState& app, Params& p) {
  if (p.model != ModelKind::Mlp) {
    ImGui::TextDisabled(tr("%s has no hidden layers"), std::string(model_name(p.model)).c_str());
    return;
  }
  ImGui::Text(p.hidden.size() == 1 ? tr("%d hidden layer") : tr("%d hidden layers"), int(p.hidden.size()));
  const bool layers = shown(app, "layers"), acts = shown(app, "act");
  ImGui::SameLine();
  if (layers && ImGui::SmallButton("+") && int(p.hidden.size()) < kMaxHiddenLayers) {
    p.hidden.push_back(p.hidden.empty() ? 4 : p.hidden.back());
    if (p.acts.size() > 1) p.acts.push_back(p.acts.back());
  }
  remember_always(app, "add_layer");
  tip(tr("Add a hidden layer: Z[l] = W[l] A[l-1] + b[l], A[l] = g(Z[l])"));
  ImGui::SameLine();
  if (layers && ImGui::SmallButton("-") && !p.hidden.empty()) {
    p.hidden.pop_back();
    if (p.acts.size() > 1) p.acts.resize(std::max<size_t>(1, p.hidden.size()));
  }
  remember_always(app, "remove_layer");
  tip(tr("Remove the last hidden layer"));
  if (acts) correction_badge(app, "act");
  const bool per_layer = p.acts.size() == p.hidden.size() && p.hidden.size() > 1;
  for (size_t l = 0; l < p.hidden.size(); ++l) {
    ImGui::PushID(int(l));
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::BeginDisabled(!layers);
    ImGui::SliderInt("##w", &p.hidden[l], int(range("layers").lo), int(range("layers").hi), tr("%d units"), ImGuiSliderFlags_Logarithmic);
    ImGui::EndDisabled();
    tip(tr("n[l]: the width of this layer. W[l] is n[l] x n[l-1]."));
    ImGui::SameLine();  // the combo leaves room for "layer 16"
    ImGui::SetNextItemWidth(std::max(40.0f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(trf("layer %d", 16).c_str()).x -
                                                ImGui::GetStyle().ItemSpacing.x));
    Act a = per_layer ? p.acts[l] : (p.acts.empty() ? Act::Tanh : p.acts[0]);
    ImGui::BeginDisabled(!acts);
    const bool act_changed = enum_combo(app, "act", "##act", a, kHiddenActNames);
    ImGui::EndDisabled();
    if (act_changed) {
      if (!per_layer) p.acts.assign(std::max<size_t>(1, p.hidden.size()), p.acts.empty() ? Act::Tanh : p.acts[0]);
      p.acts[l] = a;
      if (std::all_of(p.acts.begin(), p.acts.end(), [&](Act x) { return x == p.acts[0]; })) p.acts.resize(1);
    }
    tip(tr("g: the activation. Its Jacobian is diagonal: diag(g'(z)).\nsigmoid' = a(1-a), tanh' = 1-a^2, relu' = [z>0]"));
    ImGui::SameLine();
    ImGui::Text(tr("layer %d"), int(l) + 1);
    ImGui::PopID();
  }
}

// A number as plain decimals, as the link writes it ("0.00001", never "1e-05").
std::string plain_number(float v) {
  char buf[64];
  for (int decimals = 0; decimals <= 12; ++decimals) {  // the fewest decimals that read back to the same float
    std::snprintf(buf, sizeof buf, "%.*f", decimals, double(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return buf;
}

// The learning rate: a list of the standard values (kStandardLearningRates) and a typed field beside it,
// clamped into the link's range when the typing ends.
void learning_rate_input(AppState& app, Params& p) {
  const FieldRange r = range("lr");
  const float full = ImGui::CalcItemWidth(), spacing = ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::SetNextItemWidth(full * 0.5f - spacing * 0.5f);
  if (ImGui::BeginCombo("##lr_list", plain_number(p.learning_rate).c_str())) {
    for (float v : kStandardLearningRates) {
      const std::string name = plain_number(v);
      if (ImGui::Selectable(name.c_str(), v == p.learning_rate)) p.learning_rate = v;
      remember_always(app, ("option:lr:" + name).c_str());
    }
    ImGui::EndCombo();
  }
  remember_always(app, "lr");
  tip(tr(text::kLearningRateTip.data()));
  ImGui::SameLine(0, spacing);
  ImGui::SetNextItemWidth(full * 0.5f - spacing * 0.5f);
  float& typed = app.view.lr_typed;  // kept across frames while typing; follows the setting otherwise
  if (!app.view.lr_editing) typed = p.learning_rate;
  ImGui::InputFloat("##lr_typed", &typed, 0, 0, "%g");
  app.view.lr_editing = ImGui::IsItemActive();
  remember_always(app, "lr_typed");
  tip(tr(text::kLearningRateTyped.data()));
  if (ImGui::IsItemDeactivatedAfterEdit() && std::isfinite(typed))
    p.learning_rate = std::clamp(typed, float(r.lo), float(r.hi));
  ImGui::SameLine(0, spacing);
  ImGui::TextUnformatted(tr(text::kLearningRate.data()));
}

void section_training(AppState& app, Params& p) {
  if (shown(app, "lr")) learning_rate_input(app, p);
  if (!shown(app, "opt")) ImGui::TextDisabled(tr("optimizer: %s (set by the link)"), std::string(optimizer_name(p.optimizer)).c_str());
  else enum_combo(app, "opt", TR_KEY("optimizer"), p.optimizer, kOptimizerNames);
  remember_always(app, "optimizer");
  tip(tr("sgd: w <- w - eta g\nmomentum: v <- mu v + g, w <- w - eta v\nadam: m <- b1 m + (1-b1) g, v <- b2 v + (1-b2) g^2,\n"
      "      w <- w - eta mhat / (sqrt(vhat) + 1e-8)"));
  if (p.optimizer == Optimizer::Momentum && shown(app, "opt")) {
    ImGui::SliderFloat(tr("momentum"), &p.momentum, float(range("momentum").lo), float(range("momentum").hi), "%.3f");
    tip(tr("mu in v <- mu v + g (applies live)"));
  }
  if (p.optimizer == Optimizer::Adam && shown(app, "opt")) {
    ImGui::SliderFloat(tr("beta1"), &p.beta1, float(range("beta1").lo), float(range("beta1").hi), "%.4f");
    tip(tr("b1 in m <- b1 m + (1 - b1) g (applies live)"));
    ImGui::SliderFloat(tr("beta2"), &p.beta2, float(range("beta2").lo), float(range("beta2").hi), "%.5f");
    tip(tr("b2 in v <- b2 v + (1 - b2) g^2 (applies live)"));
  }
  if (shown(app, "batch")) {
    ImGui::SliderInt(tr("batch size"), &p.batch_size, int(range("batch").lo), int(range("batch").hi), "%d",
                     ImGuiSliderFlags_Logarithmic);
    remember_always(app, "batch");
    tip(tr("N, the minibatch: dL/dW = (1/N) sum over the batch (applies live)"));
    correction_badge(app, "batch");
  }
  const bool reg = shown(app, "reg");
  if (reg) enum_combo(app, "reg", TR_KEY("regularization"), p.reg, kRegNames);
  tip(tr("L1: R = lambda sum |w|, dR/dw = lambda sign(w)\nL2: R = (lambda/2) sum w^2, dR/dw = lambda w"));
  if (p.reg != Reg::None && reg) {
    ImGui::SliderFloat(tr("rate"), &p.reg_rate, float(range("rate").lo), float(range("rate").hi), "%.5g", ImGuiSliderFlags_Logarithmic);
    tip(tr("lambda (applies live)"));
  }
  if (shown(app, "init")) {
    enum_combo(app, "init", TR_KEY("init"), p.init, kInitNames);
    tip(tr("xavier: U(+-sqrt(6/(n_in + n_out)))\nhe: N(0, 2/n_in)\nuniform: U(+-0.5), biases 0.1"));
  }
  if (shown(app, "seeds")) {
    seed_input(app, TR_KEY("init seed"), "iseed", p.init_seed);
    tip(tr("Seed of the initial weights and of the per-epoch shuffle (0..4294967295)"));
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
    q->hidden_controls = q->embed_views = 0;
  }
  return !(x == y);
}

void draw_params(AppState& app) {
  for (auto it = app.widget_rects.begin(); it != app.widget_rects.end();) {  // badges and open options: this frame's
    const bool transient = it->first.rfind("warn:", 0) == 0 || it->first.rfind("option:", 0) == 0;
    it = transient ? app.widget_rects.erase(it) : std::next(it);
  }
  if (!ImGui::IsAnyItemActive()) app.undo.end_group();  // a drag has ended: the next edit is a new undo step
  Params p = app.params;
  if (p.hidden_controls) ImGui::TextDisabled("%s", tr("Some controls are hidden by this link (classroom mode)."));
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  if (ImGui::CollapsingHeader(tr("Problem and model"), ImGuiTreeNodeFlags_DefaultOpen)) section_model(app, p);
  if (ImGui::CollapsingHeader(tr("Data"), ImGuiTreeNodeFlags_DefaultOpen)) section_data(app, p);
  if (ImGui::CollapsingHeader(tr("Input features"), ImGuiTreeNodeFlags_DefaultOpen)) section_features(app, p);
  if (ImGui::CollapsingHeader(tr("Network"), ImGuiTreeNodeFlags_DefaultOpen)) section_network(app, p);
  if (ImGui::CollapsingHeader(tr("Training"), ImGuiTreeNodeFlags_DefaultOpen)) section_training(app, p);
  ImGui::PopItemWidth();
  if (p == app.params) return;
  app_record(app, ImGui::IsAnyItemActive() ? 1 : 0);  // a drag (or typing) is one undo step, until released
  if (needs_rebuild(app.params, p)) {
    p.steps = 0;
    app.params = p;
    app_rebuild(app);
    app.toast = text::kNewNetwork;
    app.toast_until = ImGui::GetTime() + 2.5;
  } else {
    app_set_live_params(app, p);
  }
}

void action_toggle_play(AppState& app) {
  if (app.session && app.session->trainer.status() == TrainStatus::Diverged) return;
  if (!app_has_training_points(app) && !app.playing) return;  // nothing to train (the status says so)
  app.playing = !app.playing;
  if (!app.playing) app_refresh_metrics(app);  // paused: the status and the chart's last point are this step's
}
void action_step(AppState& app) { app_step(app, 1); }
void action_epoch(AppState& app) {
  if (!app.session) return;
  const Trainer& t = app.session->trainer;
  const uint64_t n = uint64_t(t.data().X_train.cols()), b = uint64_t(std::max(1, t.batch_size()));
  app_step(app, std::max<uint64_t>(1, (n + b - 1) / b));
}
void action_reset(AppState& app) {
  const uint64_t from = app.session ? app.session->trainer.steps() : 0;
  app_record(app);
  app.params.steps = 0;
  app_rebuild(app);
  if (from > 0) {
    app.toast = std::string(tr(text::kResetFrom.data())) + std::to_string(from) + std::string(tr(text::kUndoHint.data()));
    app.toast_until = ImGui::GetTime() + 2.5;
  }
}
void action_undo(AppState& app) {
  const bool done = app_undo(app);
  app.toast = done ? std::string(tr(text::kUndone.data())) + std::to_string(app.params.steps) : std::string(tr(text::kNothingToUndo.data()));
  app.toast_until = ImGui::GetTime() + 2.5;
}
void action_redo(AppState& app) {
  const bool done = app_redo(app);
  app.toast = done ? std::string(tr(text::kRedone.data())) + std::to_string(app.params.steps) : std::string(tr(text::kNothingToRedo.data()));
  app.toast_until = ImGui::GetTime() + 2.5;
}
void action_copy_link(AppState& app) {
  app.clipboard_request = app.page_url + "#" + app_link(app);
  app.toast = trf("Link copied: it reproduces this run at step %llu", (unsigned long long)app.params.steps);
  app.toast_until = ImGui::GetTime() + 2.5;
}

void draw_controls(AppState& app) {
  const bool diverged = app.session && app.session->trainer.status() == TrainStatus::Diverged;
  const bool empty = !app_has_training_points(app) && !app.playing;
  ImGui::BeginDisabled(diverged || empty);
  // Play stands out: white on the playground's blue (contrast 4.9:1), darker when hovered or held.
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(8, 119, 189, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(6, 96, 153, 255));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(4, 74, 118, 255));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
  if (ImGui::Button(app.playing ? tr("Pause") : tr("Play"), ImVec2(70 * app.dpr, 0))) action_toggle_play(app);
  ImGui::PopStyleColor(4);
  ImGui::EndDisabled();
  remember_always(app, "play");
  if (empty) tip_why(text::kPlayDisabled);
  else tip(tr("Train continuously (Space)"));
  ImGui::SameLine();
  if (ImGui::Button(tr("Step"))) action_step(app);
  remember_always(app, "step");
  tip(tr("One minibatch: forward, backward, w <- w - eta dL/dw (S or Right arrow)"));
  ImGui::SameLine();
  if (ImGui::Button(tr("Epoch"))) action_epoch(app);
  remember_always(app, "epoch");
  tip(tr("One pass over the training set (E)"));
  ImGui::SameLine();
  if (ImGui::Button(tr("Reset"))) action_reset(app);
  remember_always(app, "reset");
  tip(tr("New initial weights from the init seed, step 0 (R)"));
  ImGui::SameLine();
  ImGui::BeginDisabled(app.undo.undo_count() == 0);
  if (ImGui::Button(tr(text::kUndo.data()))) action_undo(app);
  ImGui::EndDisabled();
  remember_always(app, "undo");
  tip_why(text::kUndoTip);
  ImGui::SameLine();
  ImGui::BeginDisabled(app.undo.redo_count() == 0);
  if (ImGui::Button(tr(text::kRedo.data()))) action_redo(app);
  ImGui::EndDisabled();
  remember_always(app, "redo");
  tip_why(text::kRedoTip);
  ImGui::SameLine();
  draw_lessons_button(app);
  if (shown(app, "speed")) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(160 * app.dpr);
    ImGui::SliderInt("##speed", &app.steps_per_frame, 1, 2000, tr("%d steps/frame"), ImGuiSliderFlags_Logarithmic);
    remember_always(app, "speed");
    tip(tr(text::kSpeedTip.data()));
  }
  ImGui::SameLine();
  if (ImGui::Button(tr("Copy link"))) action_copy_link(app);
  remember_always(app, "copy_link");
  tip(tr("Copy a link that reproduces this run, bit for bit, at the current step (L)"));
  ImGui::SameLine();
  if (ImGui::Button(tr(text::kShareButton.data()))) share_open(app);
  remember_always(app, "share");
  tip(tr(text::kShareButtonTip.data()));
  draw_io_buttons(app);
  if (shown(app, "inspector")) {
    ImGui::SameLine();
    if (ImGui::Button(tr("Jacobian inspector"))) app.inspector.open = !app.inspector.open;
    remember_always(app, "inspector_button");
    tip(tr("Heatmaps of every Jacobian of the backward pass, the chain rule step by step, the gradient check (J)"));
  }
  if (app_has_training_points(app)) {  // (no points: no epochs; the status says why)
    const Trainer& t = app.session->trainer;
    const double per_epoch = double(t.data().X_train.cols());
    // While playing: the steps frames take (the budget may allow fewer than the speed); else what the speed asks.
    const double steps_per_frame = app.playing && app.budget.steps_per_frame > 0 ? app.budget.steps_per_frame : app.steps_per_frame;
    char full[128], brief[64];  // the longest that fits the bar's width (the status says it all anyway)
    std::snprintf(full, sizeof full, tr("  epoch %llu  step %llu  (%.2f epochs/frame)"), (unsigned long long)t.epoch(),
                  (unsigned long long)t.steps(), steps_per_frame * double(t.batch_size()) / per_epoch);
    std::snprintf(brief, sizeof brief, tr("  epoch %llu  step %llu"), (unsigned long long)t.epoch(), (unsigned long long)t.steps());
    ImGui::SameLine();
    const float room = ImGui::GetContentRegionAvail().x;
    if (ImGui::CalcTextSize(full).x <= room) ImGui::TextDisabled("%s", full);
    else if (ImGui::CalcTextSize(brief).x <= room) ImGui::TextDisabled("%s", brief);
  }
}

}  // namespace pg
