// ui/frame.cpp: one frame of the application: keyboard shortcuts, this frame's training, the view cache,
// then every window in the tiles of ui/layout.h (panel left, network centre, data and loss right, the
// inspector docked below; stacked on a phone). No window covers another, except messages and tooltips.
#include "ui/i18n.h"
#include "ui/app.h"
#include "ui/inspector.h"
#include "ui/io.h"
#include "ui/layout.h"
#include "ui/lessons.h"
#include "ui/panels.h"
#include "ui/share.h"
#include "ui/strings.h"
#include "ui/rects.h"
#include "ui/style.h"
#include "ui/views.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>

namespace pg {

namespace {

void handle_shortcuts(AppState& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput && (io.KeyCtrl || io.KeySuper) && !io.KeyAlt) {  // a text field keeps its own Ctrl+Z
    if (ImGui::IsKeyPressed(ImGuiKey_Z, false)) io.KeyShift ? action_redo(app) : action_undo(app);
    if (ImGui::IsKeyPressed(ImGuiKey_Y, false)) action_redo(app);
  }
  if (io.WantTextInput || io.KeyCtrl || io.KeySuper || io.KeyAlt) return;
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {  // closes a dialog: Share, then Open (a text box it is typing
    if (app.share.open) app.share.open = false;       // in takes the first Escape itself)
    else if (app.io.open_window) app.io.open_window = false;
  }
  if (ImGui::IsKeyPressed(ImGuiKey_Space, false)) action_toggle_play(app);
  if (ImGui::IsKeyPressed(ImGuiKey_S) || ImGui::IsKeyPressed(ImGuiKey_RightArrow)) action_step(app);
  if (ImGui::IsKeyPressed(ImGuiKey_E, false)) action_epoch(app);
  if (ImGui::IsKeyPressed(ImGuiKey_R, false)) action_reset(app);
  if (ImGui::IsKeyPressed(ImGuiKey_L, false)) action_copy_link(app);
  if (ImGui::IsKeyPressed(ImGuiKey_J, false) && shown(app, "inspector")) app.inspector.open = !app.inspector.open;
}

// The frame budget (FrameBudget in ui/app.h). The frame's main-thread work should end within kFrameShare of
// the display's interval: training takes what the rest of the frame leaves, at most kMaxShare of a 60 Hz
// frame (so a page that could draw at 60 Hz is never held below it by training), at least kMinShare of it.
// When the rest of the frame alone overruns the display's interval (a slow machine, a huge network's views),
// training still takes kSlowShare of the rest: a third of each frame. A live matrix rebuild of the inspector
// is repaid from training's budget, kRepayShare of it per frame.
constexpr double kFrameShare = 0.9, kMinShare = 0.25, kMaxShare = 0.75, kSlowShare = 0.5, kRepayShare = 0.5;

// The display's interval, the rest of the frame's work, and this frame's budget, from the platform's measures
// of the previous frame.
void plan_frame(FrameBudget& b) {
  if (b.interval > 0) {  // most frames come at the display's interval: the 10th percentile of 2 s is it
    b.window.push_back(float(b.interval));
    double age = 0;
    for (float x : b.window) age += x;
    if (age >= 2.0) {
      std::nth_element(b.window.begin(), b.window.begin() + ptrdiff_t(b.window.size() / 10), b.window.end());
      b.display = std::clamp(double(b.window[b.window.size() / 10]), 1.0 / 240, 1.0 / 30);
      b.window.clear();
    }
  }
  if (b.cost > 0) {  // one long frame (a view rebuilt for a big network) doubles the estimate at most
    const double spent = b.train_seconds + b.evaluate_seconds + b.rebuild_seconds;
    const double other = std::min(std::max(0.0, b.cost - spent), 2 * std::max(b.other, b.display));
    b.other = b.other > 0 ? 0.9 * b.other + 0.1 * other : other;
  }
  const double d60 = std::min(b.display, 1.0 / 60);
  const double lo = std::max(kMinShare * d60, kSlowShare * b.other), hi = std::max(lo, kMaxShare * d60);
  b.budget = std::clamp(kFrameShare * b.display - b.other, lo, hi);
  b.train_seconds = b.evaluate_seconds = b.rebuild_seconds = 0;
  b.steps = 0;
  b.inspector_waiting = false;
}

// Trains for this frame's budget, at most steps_per_frame minibatches, and measures the throughput (smoothed).
// Steps are whole: one that takes longer than a frame's budget runs when the budget saved up covers it (the page
// keeps drawing in between). How many steps a frame takes never changes what they compute.
void train_this_frame(AppState& app) {
  FrameBudget& b = app.budget;
  plan_frame(b);
  const double repay = std::min(b.debt, kRepayShare * b.budget);
  b.debt -= repay;
  if (app_replaying(app)) {
    app_continue_replay(app, 0.012);  // about 12 ms a frame: the page keeps drawing while a long link replays
    return;
  }
  if (!app.playing || !app.session) {
    b.credit = 0;
    b.steps_per_frame = 0;
    return;
  }
  const Trainer& t = app.session->trainer;
  const int batch = t.batch_size();
  const uint64_t key = uint64_t(t.network().param_count()) * 100003u + uint64_t(batch);
  if (key != b.step_key) {  // another network or batch: one step measures it
    b.step_key = key;
    b.step_seconds = 0;
    b.credit = 0;
  }
  b.credit = std::min(b.credit + b.budget - repay, std::max(b.budget, b.step_seconds));
  uint64_t n = 1;  // a step's cost not known yet: one step measures it
  if (b.step_seconds > 0)
    n = std::min(uint64_t(std::max(1, app.steps_per_frame)), uint64_t(std::max(0.0, std::min(1e9, b.credit / b.step_seconds))));
  if (n > 0) {
    const double evaluated_at = app.evaluated_at;
    const auto t0 = std::chrono::steady_clock::now();
    const uint64_t done = app_step(app, n, /*live=*/true);
    const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // The status's evaluation of the whole set after the steps (when due: at most a fifth of the time, app.cpp)
    // is not a step's cost: counted in, a big network's steps would look several times as costly, and run one a
    // frame. It ran when the metrics are of this step, evaluated during the call, and this step records no
    // chart row (a row's evaluation is part of the steps: they are recorded at fixed steps).
    const uint64_t now_step = t.steps();
    const bool evaluated = app.evaluated_at != evaluated_at && app.metrics_step == now_step && now_step % app.history.stride != 0;
    b.evaluate_seconds = evaluated ? std::min(dt, app.evaluate_seconds) : 0;
    const double stepping = dt - b.evaluate_seconds;
    b.credit = std::max(b.credit - stepping, -1.0);  // an overrun (a chart row's evaluation) is repaid
    b.train_seconds = stepping;
    b.steps = done;
    if (stepping > 0 && done > 0) {
      const double per_step = stepping / double(done), rate = double(done) * batch / stepping;
      b.step_seconds = b.step_seconds > 0 ? 0.8 * b.step_seconds + 0.2 * per_step : per_step;
      app.samples_per_second = app.samples_per_second > 0 ? 0.9 * app.samples_per_second + 0.1 * rate : rate;
    }
  }
  b.steps_per_frame = 0.9 * b.steps_per_frame + 0.1 * double(b.steps);
}

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

// The tiled panels draw no background of their own: the cleared framebuffer behind them has the same colour,
// and skipping a full-screen blended fill is a third of the frame on a software renderer (SwiftShader).
// The title shows in the reader's language; "###" keeps the window's identity the same in every language.
bool begin_panel(const char* title, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.0f);
  const ImGuiWindowFlags flags = kPanelFlags | extra;
  const bool titled = !(flags & ImGuiWindowFlags_NoTitleBar);  // an untitled panel's name is only its id
  const std::string label = (titled ? std::string(tr(title)) : std::string()) + "###" + title;
  return ImGui::Begin(label.c_str(), nullptr, flags);
}

void draw_warnings(AppState& app, ImVec2 pos, float width) {
  if (app.link_warnings.empty()) return;
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, 400 * app.dpr));
  ImGui::Begin(tr("Link warnings"), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove);
  ImGui::TextWrapped("%s", tr("The link had problems; these settings fell back to defaults:"));
  for (const std::string& w : app.link_warnings) {  // long warnings wrap inside the window (BulletText would not)
    ImGui::Bullet();
    ImGui::TextWrapped("%s", tr_message(w).c_str());  // %s: link text is never a format
    remember_item(app, "warning_last");
  }
  const ImVec2 wa = ImGui::GetWindowPos(), wb(wa.x + ImGui::GetWindowWidth(), wa.y + ImGui::GetWindowHeight());
  if (!ImGui::IsWindowAppearing()) app.widget_rects["warnings"] = {wa.x, wa.y, wb.x, wb.y};
  if (ImGui::Button(tr("Dismiss"))) app.link_warnings.clear();
  remember_item(app, "dismiss_warnings");
  ImGui::End();
}

void draw_divergence(AppState& app, ImVec2 center) {
  if (!app.session || app.session->trainer.status() != TrainStatus::Diverged) return;
  ImGui::SetNextWindowPos(center, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(440 * app.dpr, 0), ImGuiCond_Always);
  ImGui::Begin(tr("Training diverged"), nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove);
  ImGui::TextWrapped("%s", tr_message(app.session->trainer.status_message()).c_str());  // says the last finite weights are kept
  if (ImGui::Button(tr("Reset"))) action_reset(app);
  remember_item(app, "diverged_reset");
  ImGui::SameLine();
  if (ImGui::Button(tr("Lower the learning rate 10x and reset"))) {
    app_record(app);  // Undo goes back to the diverged run
    app.params.learning_rate = std::max(1e-6f, app.params.learning_rate * 0.1f);
    app.params.steps = 0;
    app_rebuild(app);
  }
  ImGui::End();
}

void draw_replay(AppState& app, ImVec2 center) {
  if (!app_replaying(app)) return;
  const uint64_t now = app.session->trainer.steps(), goal = app.replay_to;
  const OpeningModel* model = app.io.opening ? &*app.io.opening : nullptr;
  ImGui::SetNextWindowPos(center, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(420 * app.dpr, 0), ImGuiCond_Always);
  ImGui::Begin((std::string(model ? tr("Opening the model") : tr("Replaying the link")) + "###replay").c_str(), nullptr,
               ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove);
  if (model)
    ImGui::TextWrapped(tr("Training to step %llu, as the link of %s says, to reproduce its run; then its weights load."),
                       (unsigned long long)goal, model->source.c_str());
  else
    ImGui::TextWrapped(tr("Training to step %llu, as the link says, to reproduce its run."), (unsigned long long)goal);
  ImGui::ProgressBar(float(double(now) / double(goal)), ImVec2(-1, 0));
  if (ImGui::Button(tr("Stop here"))) app_stop_replay(app);  // keeps the steps taken so far; the link says this step
  remember_item(app, "replay_stop");
  ImGui::End();
}

void draw_toast(AppState& app, ImVec2 pos) {
  if (app.toast.empty() || ImGui::GetTime() > app.toast_until) return;
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowBgAlpha(0.9f);
  ImGui::Begin("##toast", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
  ImGui::TextUnformatted(app.toast.c_str());
  ImGui::End();
}

// The title strip: the product's name, then what it does (the short sentence when the long one does not fit).
void draw_title(AppState& app, const Rect& r) {
  if (r.empty()) return;
  ImDrawList* dl = ImGui::GetBackgroundDrawList();
  const Theme& theme = theme_for(app.display);
  dl->AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), im_colour_u32(theme[Role::TitleActive]));
  const float pad = 8 * app.dpr, y = r.y0 + (r.h() - ImGui::GetTextLineHeight()) * 0.5f;
  const std::string_view name = text::kProductName;  // a name: the same in every language
  dl->AddText(ImVec2(r.x0 + pad, y), im_colour_u32(theme[Role::Text]), name.data(), name.data() + name.size());
  // The name in a heavier stroke: drawn twice, one device pixel apart (one font face is embedded).
  dl->AddText(ImVec2(r.x0 + pad + std::max(1.0f, std::round(app.dpr * 0.6f)), y), im_colour_u32(theme[Role::Text]), name.data(),
              name.data() + name.size());
  const float x = r.x0 + pad + ImGui::CalcTextSize(name.data(), name.data() + name.size()).x + 2 * pad;
  std::string_view line = tr(text::kTagline.data());
  if (x + ImGui::CalcTextSize(line.data(), line.data() + line.size()).x > r.x1 - pad) line = tr(text::kTaglineShort.data());
  dl->PushClipRect(ImVec2(x, r.y0), ImVec2(r.x1 - pad, r.y1), true);
  dl->AddText(ImVec2(x, y), im_colour_u32(theme[Role::Text]), line.data(), line.data() + line.size());
  dl->PopClipRect();
  app.widget_rects["title"] = {r.x0, r.y0, r.x1, r.y1};
}

// The splitter between the views and the docked inspector: drag it (mouse or finger) to share the height.
void draw_splitter(AppState& app, const Layout& L) {
  const Rect& r = L.splitter;
  ImGui::SetNextWindowPos(ImVec2(r.x0, r.y0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.w(), r.h()), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));
  ImGui::Begin("##inspector_splitter", nullptr, kPanelFlags | ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::InvisibleButton("##split", ImVec2(r.w(), r.h()));
  const bool hot = ImGui::IsItemHovered() || ImGui::IsItemActive();
  if (hot) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
  if (ImGui::IsItemActive() && L.body_h > 0)  // the inspector's top edge follows the pointer
    app.inspector.split = std::clamp((L.body_y0 + L.body_h - ImGui::GetIO().MousePos.y - r.h() * 0.5f) / L.body_h, 0.0f, 1.0f);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Drag to share the height between the views and the inspector"));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float cy = (r.y0 + r.y1) * 0.5f, cx = (r.x0 + r.x1) * 0.5f, d = app.dpr;
  dl->AddLine(ImVec2(r.x0, cy), ImVec2(r.x1, cy), ImGui::GetColorU32(hot ? ImGuiCol_SeparatorActive : ImGuiCol_Separator), (hot ? 3 : 1) * d);
  dl->AddRectFilled(ImVec2(cx - 20 * d, cy - 2 * d), ImVec2(cx + 20 * d, cy + 2 * d), ImGui::GetColorU32(ImGuiCol_SeparatorHovered), 2 * d);
  app.widget_rects["inspector_splitter"] = {r.x0, r.y0, r.x1, r.y1};
  ImGui::End();
  ImGui::PopStyleVar(2);
}

// Tabs of a tab bar: the lesson (when one is open; brought to the front when asked), the loss chart, the status.
void lesson_loss_status_tabs(AppState& app) {
  const ImGuiTabItemFlags pick = app.lesson.select_tab ? ImGuiTabItemFlags_SetSelected : 0;
  if (app.params.lesson > 0 && ImGui::BeginTabItem(tr(text::kLessonPaneTitle.data()), nullptr, pick)) {
    draw_lesson_pane(app);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem(tr("Loss"))) {
    draw_loss_view(app);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem(tr("Status"))) {
    draw_status(app);
    ImGui::EndTabItem();
  }
}

// The narrow layout's pane under the views: the loss chart, the status and the hyperparameters as tabs, and
// a button that opens the inspector (whose place this pane is).
void draw_more(AppState& app, const Rect& r) {
  if (begin_panel("More", ImVec2(r.x0, r.y0), ImVec2(r.w(), r.h()), ImGuiWindowFlags_NoTitleBar) && ImGui::BeginTabBar("more")) {
    lesson_loss_status_tabs(app);
    if (ImGui::BeginTabItem(tr("Hyperparameters"))) {
      draw_params(app);
      ImGui::EndTabItem();
    }
    if (shown(app, "inspector")) {
      if (ImGui::TabItemButton(tr("Inspector"), ImGuiTabItemFlags_Trailing)) app.inspector.open = true;
      const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
      app.widget_rects["more_inspector"] = {a.x, a.y, b.x, b.y};
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

}  // namespace

bool app_needs_frames(const AppState& app, double* wake_in) {
  const double now = ImGui::GetTime();
  if (wake_in) *wake_in = !app.toast.empty() && now <= app.toast_until ? app.toast_until - now : HUGE_VAL;  // it goes
  if (app.playing || app_replaying(app)) return true;
  if (app.session && app.cache.version != app.boundary_version) return true;  // the views follow at their pace
  if (app.session && app.cache.links_version != app.boundary_version) return true;  // so do the network's links
  if (app.budget.inspector_waiting) return true;                              // so does the live inspector
  return !app.io.notice.empty() && app.io.notice_state.empty();               // Open's notice settles next frame
}

void app_frame(AppState& app) {
  handle_shortcuts(app);
  train_this_frame(app);
  update_view_cache(app);

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float W = vp->WorkSize.x, H = vp->WorkSize.y, d = app.dpr;
  LayoutInput in;
  in.width = W;
  in.height = H;
  in.dpr = d;
  in.row_h = ImGui::GetFrameHeightWithSpacing();
  in.title_h = ImGui::GetTextLineHeight() + 8 * d;
  in.bar_h = in.row_h + ImGui::GetStyle().WindowPadding.y * 2;
  // Narrow: the bar's buttons may not all fit; it scrolls sideways (a finger drags its scrollbar).
  const bool narrow = W < kNarrowCss * d;
  if (narrow) in.bar_h += ImGui::GetStyle().ScrollbarSize;
  in.status_h = app.view.status_height;
  in.embed = app.params.embed_views;
  constexpr unsigned kEmbedInspector = 1u << 6;  // kViewNames[6]
  static_assert(kViewNames[6] == "inspector");
  if (in.embed) app.inspector.open = (in.embed & kEmbedInspector) != 0;  // an embedded page: the views it names
  in.inspector = app.inspector.open && app.session;
  in.maximised = app.inspector.maximised;
  in.lesson = app.params.lesson > 0;
  in.split = app.inspector.split;
  const Layout L = compute_layout(in);
  auto panel = [](const char* title, const Rect& r, ImGuiWindowFlags extra = 0) {
    return begin_panel(title, ImVec2(r.x0, r.y0), ImVec2(r.w(), r.h()), extra);
  };

  draw_title(app, L.title);
  // The text size and theme button has the bar's right end to itself, so it stays on screen however large the
  // text (the controls are clipped, or scroll, first).
  const float menu_w = display_menu_width();
  Rect controls = L.controls, display = L.controls;
  controls.x1 = display.x0 = std::max(L.controls.x0, L.controls.x1 - menu_w);
  if (!L.controls.empty()) {
    if (panel("Controls", controls, ImGuiWindowFlags_NoTitleBar | (narrow ? ImGuiWindowFlags_HorizontalScrollbar : 0))) draw_controls(app);
    ImGui::End();
    if (panel("Display", display, ImGuiWindowFlags_NoTitleBar)) draw_display_menu(app);
    ImGui::End();
  }
  if (!L.lesson.empty()) {  // wide: the lesson with the loss chart and the status as tabs; a phone: the lesson alone
    if (panel("Lesson pane", L.lesson, ImGuiWindowFlags_NoTitleBar)) {
      if (L.narrow) {
        draw_lesson_pane(app);
      } else if (ImGui::BeginTabBar("lesson_tabs")) {
        lesson_loss_status_tabs(app);
        ImGui::EndTabBar();
      }
      app.lesson.select_tab = false;
    }
    ImGui::End();
  }
  if (!L.params.empty()) {
    if (panel(TR_KEY("Hyperparameters"), L.params)) draw_params(app);
    ImGui::End();
  }
  if (!L.network.empty()) {
    if (panel(TR_KEY("Network"), L.network)) draw_network_view(app);
    ImGui::End();
  }
  if (!L.data.empty()) {
    if (panel(TR_KEY("Data and model output"), L.data)) draw_boundary_view(app);
    ImGui::End();
  }
  if (!L.loss.empty()) {
    if (panel(TR_KEY("Loss"), L.loss)) draw_loss_view(app);
    ImGui::End();
  }
  // The status grows with its lines (a regularizer's split, why a value is n/a, the confusion matrix), up to
  // 45% of the column, from the bottom up; the loss chart takes what is left (last frame's status height).
  if (!L.status.empty()) {
    ImGui::SetNextWindowPos(ImVec2(L.status.x0, L.status.y1), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSizeConstraints(ImVec2(L.status.w(), 60 * d), ImVec2(L.status.w(), L.body_h * 0.45f));
    ImGui::SetNextWindowBgAlpha(0.0f);
    if (ImGui::Begin((std::string(tr("Status")) + "###Status").c_str(), nullptr, kPanelFlags | ImGuiWindowFlags_AlwaysAutoResize)) draw_status(app);
    app.view.status_height = ImGui::GetWindowHeight();
    ImGui::End();
  }
  if (!L.more.empty()) {
    draw_more(app, L.more);
    app.lesson.select_tab = false;
  }
  if (!L.splitter.empty()) draw_splitter(app, L);
  const bool inspector_was_open = app.inspector.open;
  draw_inspector(app, L.inspector);
  if (inspector_was_open && !app.inspector.open) app.lesson.select_tab = true;  // back to the lesson's words

  // Messages over the network (or, maximised, over the inspector): what they explain stays in view beside them.
  const Rect& centre = L.network.empty() ? L.inspector : L.network;
  const ImVec2 mid((centre.x0 + centre.x1) * 0.5f, (centre.y0 + centre.y1) * 0.5f);
  draw_io_windows(app);
  draw_share(app);
  draw_warnings(app, ImVec2(centre.x0 + 10 * d, centre.y0 + ImGui::GetFrameHeight() + 10 * d), std::clamp(centre.w() - 20 * d, 200 * d, 520 * d));
  draw_divergence(app, mid);
  draw_replay(app, mid);
  draw_toast(app, ImVec2(W * 0.5f, H - 20 * d));
  draw_lesson_look(app);
  app_params_from_view(app);
  app_expire_notice(app);
  // What this frame drew, and only that, is on screen now; cut to the screen (a panel's widgets scrolled out of
  // view lie beyond its edge, which is the screen's in this layout), and gone when nothing of them is on it.
  for (auto it = app.widget_rects.begin(); it != app.widget_rects.end();) {
    std::array<float, 4>& r = it->second;
    r = {std::max(r[0], 0.0f), std::max(r[1], 0.0f), std::min(r[2], W), std::min(r[3], H)};
    it = r[0] < r[2] && r[1] < r[3] ? std::next(it) : app.widget_rects.erase(it);
  }
  app.ui_rects.swap(app.widget_rects);
  app.widget_rects.clear();
}

}  // namespace pg
