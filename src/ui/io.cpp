// ui/io.cpp: export and import. Untrusted files are parsed by the model file reader (state/model_file.h) and the
// core's CSV reader; a bad file gives one clear message and changes nothing.
#include "ui/io.h"
#include "ui/i18n.h"

#include "core/python_export.h"

#include "state/model_file.h"
#include "state/url_codec.h"
#include "ui/app.h"
#include "ui/panels.h"
#include "ui/rects.h"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>

namespace pg {

using nlohmann::json;

namespace {

constexpr size_t kMaxEditBytes = 1 << 20;  // Open's box edits text up to this size; it previews longer text
constexpr size_t kPreviewBytes = 2000;     // (less than kMaxEditBytes)

std::string megabytes(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g MB", bytes / 1e6);
  return buf;
}

// True when the first line with content (not blank, not a '#' comment) has a comma, as CSV rows do.
bool looks_like_csv(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const size_t nl = std::min(text.find('\n', pos), text.size());
    const std::string_view line = trim_text(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (!line.empty() && line[0] != '#') return line.find(',') != std::string_view::npos;
  }
  return false;
}

// What a notice speaks about: the state without its step count (training on does not change what was opened).
std::string notice_state(const AppState& app) {
  Params p = app.params;
  p.steps = 0;
  return encode_params(p);
}

// How a notice names what was opened: a file's name, or "the pasted text".
std::string notice_source(std::string_view name) {
  return name.empty() ? std::string("the pasted text") : "'" + std::string(name.substr(0, 80)) + "'";
}

void show_notice(AppState& app, std::string text, bool is_error) {
  IoState& io = app.io;
  io.notice_is_error = is_error;
  io.notice = std::move(text);
  io.notice_state.clear();  // taken at the end of the next frame, once the views have settled on the new state
  io.notice_new = true;
}

// Open's notice: "Opened <what> from <source>." or, when err is set, "Could not open <source>: <err>".
// note: what the reader noticed on the way (e.g. how CSV labels were read), appended to "Opened ...".
void set_notice(AppState& app, const std::string& source, const std::string& err, const std::string& what,
                const std::string& note = "") {
  std::string text = err.empty() ? "Opened " + what + " from " + source + "." : "Could not open " + source + ": " + err;
  if (err.empty() && !note.empty()) text += " " + note + ".";
  if (err.empty() && app.params.points.size() > size_t(kMaxLinkPoints))
    text += " A link carries the first " + std::to_string(kMaxLinkPoints) + " points only: export the data as CSV to share all of them.";
  show_notice(app, std::move(text), !err.empty());
}

// ImGui's InputText writes into a std::string that grows as needed (as imgui_stdlib does).
int grow_string(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* text = static_cast<std::string*>(data->UserData);
    text->resize(size_t(data->BufTextLen));
    data->Buf = text->data();
  }
  return 0;
}

std::string num(double v) {
  if (!std::isfinite(v)) return "";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// Checks the file and applies its link. The weights load when the link's replay has reached the file's step
// (app_model_replayed): at once for a short replay, a slice per frame for a long one. Returns an error, or "".
std::string open_model(AppState& app, ModelFile file, const std::string& source) {
  OpeningModel m;
  m.source = source;
  m.W = std::move(file.W);
  m.b = std::move(file.b);
  const Params before = app.params;
  const Snapshot undo_point = app_snapshot(app);
  app_apply_link(app, file.link, /*record=*/false);
  // Checked now, on the fresh network (its shapes are those of every step); the weights load after the replay.
  const std::string err = app.session ? check_parameters(app.session->trainer.network(), m.W, m.b) : "no network";
  if (!err.empty()) {  // put things back as they were
    app.params = before;
    app_rebuild(app);
    return "the model's weights do not fit its link: " + err;
  }
  m.step = app.params.steps;
  app.io.opening = std::move(m);
  if (!app_replaying(app)) app_model_replayed(app);  // a short replay ran already
  app.undo.record(undo_point);
  return "";
}

}  // namespace

std::string export_model_json(const AppState& app) {
  json out = json::parse(app_weights_json(app), nullptr, false);
  out["format"] = kModelFormat;
  out["version"] = kUrlVersion;
  out["link"] = app_link(app);
  out["conventions"] = "W[l] is n[l] x n[l-1] as rows of numbers; z = W a + b";
  return out.dump(1);
}

std::string export_loss_csv(const AppState& app) {
  std::string s = "step,train_loss,test_loss,train_accuracy,test_accuracy\n";
  const bool acc = app.metrics.has_accuracy;
  for (const LossHistory::Row& r : app_chart_rows(app))  // the chart's points, ending at the current step
    s += std::to_string(r.step) + "," + num(r.train_loss) + "," + num(r.test_loss) + "," + (acc ? num(r.train_acc) : "") +
         "," + (acc ? num(r.test_acc) : "") + "\n";
  return s;
}

std::string export_data_csv(const AppState& app) {
  if (!app.session) return "";
  const Dataset& d = app.session->trainer.data();
  std::vector<Point> all = d.train_points;
  all.insert(all.end(), d.test_points.begin(), d.test_points.end());
  return points_to_csv(all, d.info.input_dim == 1);
}

void app_open_text(AppState& app, std::string_view name, std::string_view text) {
  std::string err, what, note;
  const std::string_view body = trim_text(text);  // a link saved by an editor ends in a newline
  if (text.size() > kMaxOpenBytes) {
    err = "it is " + megabytes(double(text.size())) + ", more than the " + megabytes(double(kMaxOpenBytes)) + " the page opens";
  } else if (body.empty()) {
    err = "nothing to open";
  } else if (body[0] == '{') {
    ModelFileRead file = parse_model_file(body);  // state/model_file.h: the text's own checks
    err = file.ok() ? open_model(app, std::move(file.model), notice_source(name)) : file.error;
    what = "model";
    if (err.empty()) return;  // the notice comes with the weights (app_model_replayed), now or after the replay
  } else if (body.find('\n') == std::string_view::npos && body.find('=') != std::string_view::npos) {
    if (body.size() > kMaxLinkBytes) {
      err = "it is one line of " + std::to_string(body.size()) + " bytes: too long for a link (at most " +
            std::to_string(kMaxLinkBytes) + "), and not a model JSON or CSV points";
    } else {
      app_apply_link(app, body);  // never fails; problems show as link warnings
      what = "link";
    }
  } else {
    const CsvResult csv = parse_csv(body, size_t(kMaxPoints));
    if (!csv.ok()) {
      err = looks_like_csv(body) ? csv.error : "it is not a link, a model JSON or CSV points (" + csv.error + ")";
    } else {
      app_record(app);
      app.params.data = DatasetKind::User;
      app.params.points = csv.points;
      app.params.points_one_d = csv.one_d;
      app.params.steps = 0;
      app_rebuild(app);
      what = std::to_string(csv.points.size()) + " points";
      note = csv.note;  // how the labels were read (-1/+1 as two classes, or why it is a regression set)
    }
  }
  set_notice(app, notice_source(name), err, what, note);
}

void app_model_replayed(AppState& app) {
  if (!app.io.opening) return;
  const OpeningModel m = std::move(*app.io.opening);
  app.io.opening.reset();
  if (!app.session) return;
  Trainer& t = app.session->trainer;
  if (t.steps() != m.step) {  // stopped, or training diverged, short of the step the weights belong to
    const std::string why = t.status() == TrainStatus::Diverged ? "training diverged" : "its replay was stopped";
    show_notice(app, "Opened the link of the model from " + m.source + ", but " + why + " at step " + std::to_string(t.steps()) +
                         " of " + std::to_string(m.step) + ": the page shows the weights training reached there, not the file's" +
                         " (they belong to step " + std::to_string(m.step) + ").", false);
    return;
  }
  // The replay reproduces the run bit for bit, so the file's weights are usually the replay's own: then the
  // optimizer's state (momentum, Adam's moments) stays, and training on continues the original run exactly.
  // Other weights (an edited file) replace them, and the optimizer starts again from zero.
  const Network& net = t.network();
  bool same = true;
  for (size_t i = 0; i < m.W.size() && same; ++i)
    same = std::memcmp(net.W[i].data(), m.W[i].data(), sizeof(float) * size_t(m.W[i].size())) == 0 &&
           std::memcmp(net.b[i].data(), m.b[i].data(), sizeof(float) * size_t(m.b[i].size())) == 0;
  if (!same) t.set_parameters(m.W, m.b);  // checked when the file was opened: cannot fail
  app_weights_replaced(app);
  set_notice(app, m.source, "", "model");
}

void app_refuse_open(AppState& app, std::string_view name, double bytes) {
  set_notice(app, notice_source(name), "it is " + megabytes(bytes) + ", more than the " + megabytes(double(kMaxOpenBytes)) + " the page opens", "");
}

void app_expire_notice(AppState& app) {
  IoState& io = app.io;
  if (io.notice.empty()) return;
  const std::string now = notice_state(app);
  if (io.notice_state.empty()) io.notice_state = now;
  else if (now != io.notice_state) io.notice.clear();
}

std::string export_python(const AppState& app) {
  if (!app.session) return "";
  const Trainer& t = app.session->trainer;
  Mat X, Y;
  t.next_batch(X, Y);
  PythonScriptOptions o;
  o.reg = t.config().reg;
  o.lambda = t.config().reg_rate;
  o.link = app_link(app);
  o.model = run_summary(app.run);
  o.step = t.steps();
  std::string error;
  const std::string script = python_script(t.network(), X, Y, o, error);
  return error.empty() ? script : "# " + error + "\n";
}

bool app_request_download(AppState& app, std::string_view what) {
  IoState& io = app.io;
  if (what == "model") io.downloads.push_back({"model.json", "application/json", export_model_json(app)});
  else if (what == "loss") io.downloads.push_back({"loss.csv", "text/csv", export_loss_csv(app)});
  else if (what == "data") io.downloads.push_back({"data.csv", "text/csv", export_data_csv(app)});
  else if (what == "python") io.downloads.push_back({"backprop.py", "text/x-python", export_python(app)});
  else if (what.rfind("png:", 0) == 0) {
    const std::string view(what.substr(4));
    const auto it = app.ui_rects.find(view);  // drawn in the last frame: on screen now
    if (it == app.ui_rects.end()) return false;
    io.png_requests.push_back({view + ".png", it->second});
  } else {
    return false;
  }
  return true;
}

void draw_io_buttons(AppState& app) {
  ImGui::SameLine();
  if (ImGui::Button(tr("Export"))) ImGui::OpenPopup("export");
  remember_item(app, "export");
  if (ImGui::BeginPopup("export")) {
    if (ImGui::MenuItem(tr("Model (JSON)"))) app_request_download(app, "model");
    if (ImGui::MenuItem(tr("Loss history (CSV)"))) app_request_download(app, "loss");
    if (ImGui::MenuItem(tr("Data (CSV)"))) app_request_download(app, "data");
    if (ImGui::MenuItem(tr("Python (NumPy: forward and backward pass)"))) app_request_download(app, "python");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", tr("A short NumPy script with these weights and the next minibatch: the forward pass and the backward\n"
                        "pass written with the course's Jacobians, printing the loss and every gradient"));
    ImGui::Separator();
    const struct { const char* view; const char* name; } pngs[] = {
        {"boundary", TR_KEY("the data and the decision boundary")}, {"network", TR_KEY("the network")},
        {"loss_chart", TR_KEY("the loss chart")},                     {"heatmap_0", TR_KEY("the first heatmap")},
        {"heatmap_1", TR_KEY("the second heatmap")},                  {"heatmap_2", TR_KEY("the third heatmap")}};
    for (const auto& [view, name] : pngs) {
      if (!app.ui_rects.count(view)) continue;  // only views on screen
      if (ImGui::MenuItem(trf("PNG: %s##%s", tr(name), view).c_str())) app_request_download(app, std::string("png:") + view);
    }
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button(tr("Open"))) app.io.open_window = !app.io.open_window;
  remember_item(app, "open");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort))
    ImGui::SetTooltip("%s", tr("Paste a link (ours or TensorFlow Playground's), a model JSON or CSV points.\nOr drop a file on the page."));
}

void draw_io_windows(AppState& app) {
  IoState& io = app.io;
  if (io.open_window) {
    ImGui::SetNextWindowSize(ImVec2(520 * app.dpr, 260 * app.dpr), ImGuiCond_FirstUseEver);
    if (ImGui::Begin(tr("Open a link, a model or data"), &io.open_window, ImGuiWindowFlags_NoSavedSettings)) {
      ImGui::TextWrapped("%s", tr("Paste a playground link, a TensorFlow Playground link, a model JSON, or CSV rows (x1,x2,label or x,y)."));
      // The text grows with what is pasted (a model JSON can be megabytes); the platform refuses a paste over
      // kMaxOpenBytes with a notice. Beyond kMaxEditBytes the box shows the beginning, read-only: ImGui's text
      // box walks the whole text every frame, which would cost the frame rate for as long as it is shown.
      const ImVec2 box(-1, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing());
      if (io.open_text.size() <= kMaxEditBytes) {
        ImGui::InputTextMultiline("##open", io.open_text.data(), io.open_text.capacity() + 1, box,
                                  ImGuiInputTextFlags_CallbackResize, grow_string, &io.open_text);
      } else {
        ImGui::BeginChild("##open_preview", box, ImGuiChildFlags_Border);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled(tr("%s of text, too long to edit here; it opens as it is. Its beginning:"),
                            megabytes(double(io.open_text.size())).c_str());
        ImGui::TextUnformatted(io.open_text.data(), io.open_text.data() + kPreviewBytes);
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
      }
      remember_item(app, "open_text");
      if (ImGui::Button(tr("Open"))) {
        app_open_text(app, "", io.open_text);
        if (!io.notice_is_error) io.open_window = false;
      }
      remember_item(app, "open_go");
      ImGui::SameLine();
      if (ImGui::Button(tr("Clear"))) io.open_text.clear();
      if (io.open_text.size() >= 100'000) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", megabytes(double(io.open_text.size())).c_str());
      }
    }
    ImGui::End();
  }
  if (!io.notice.empty()) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkSize.x * 0.5f, vp->WorkSize.y * 0.12f), ImGuiCond_Appearing, ImVec2(0.5f, 0));
    ImGui::SetNextWindowSizeConstraints(ImVec2(300 * app.dpr, 0), ImVec2(600 * app.dpr, 300 * app.dpr));
    if (io.notice_new) ImGui::SetNextWindowFocus();  // in front of the Open window whose button made it
    io.notice_new = false;
    ImGui::Begin(io.notice_is_error ? tr("Could not open###notice") : tr("Opened###notice"), nullptr,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextWrapped("%s", tr_message(io.notice).c_str());
    if (ImGui::Button(tr("OK"))) io.notice.clear();
    remember_item(app, "notice_ok");
    ImGui::End();
  }
}

}  // namespace pg
