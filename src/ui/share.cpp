// ui/share.cpp: the Share dialog. The link is encoded here from app.params (state/url_codec), so what it copies
// is exactly what opening it reproduces; the ticks change only the shared link's `hide` key.
#include "ui/share.h"
#include "ui/i18n.h"

#include "state/url_codec.h"
#include "ui/rects.h"
#include "ui/strings.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace pg {

namespace {

// The Share dialog's checkbox names: the link's own names (hide=lr,act; embed=network,data), which a teacher may
// type into a link, and in another language the reader's word beside them ("학습률 (lr)").
constexpr const char* kControlWords[] = {TR_KEY("model"),    TR_KEY("data"),     TR_KEY("noise"),  TR_KEY("points"),
                                         TR_KEY("split"),    TR_KEY("classes"),  TR_KEY("features"), TR_KEY("layers"),
                                         TR_KEY("act"),      TR_KEY("out"),      TR_KEY("lr"),     TR_KEY("batch"),
                                         TR_KEY("opt"),      TR_KEY("reg"),      TR_KEY("init"),   TR_KEY("seeds"),
                                         TR_KEY("speed"),    TR_KEY("inspector")};
static_assert(std::size(kControlWords) == kControlNames.size());
constexpr const char* kViewWords[] = {TR_KEY("controls"), TR_KEY("params"), TR_KEY("network"),  TR_KEY("data"),
                                      TR_KEY("loss"),     TR_KEY("status"), TR_KEY("inspector")};
static_assert(std::size(kViewWords) == kViewNames.size());

std::string checkbox_name(const char* word, std::string_view key) {
  const std::string shown = tr(word);
  return shown == key ? shown : shown + " (" + std::string(key) + ")";
}

// The settings a shared link carries: this page's, at the step chosen, with the controls ticked hidden.
Params shared_params(const AppState& app) {
  Params p = app.params;
  p.steps = app.share.at_step_zero || !app.session ? 0 : std::max(app.session->trainer.steps(), app.replay_to);
  p.hidden_controls = app.share.hide;
  return p;
}

}  // namespace

std::string share_link(const AppState& app) { return encode_params(shared_params(app)); }

std::string share_embed_snippet(const AppState& app) {
  Params p = shared_params(app);
  p.embed_views = app.share.embed;
  if (app.share.embed & (1u << 6)) p.view_inspector = 1;  // kViewNames[6]: the inspector, open
  std::string src = app.page_url + "#" + encode_params(p);
  // The link inside an HTML attribute: & is written &amp; (the only character of a link that needs it here).
  std::string attr;
  for (char c : src) attr += c == '&' ? std::string("&amp;") : c == '"' ? std::string("%22") : std::string(1, c);
  return "<iframe src=\"" + attr + "\" width=\"" + std::to_string(app.share.embed_w) + "\" height=\"" +
         std::to_string(app.share.embed_h) + "\" style=\"border:0\" title=\"" + std::string(tr(text::kShareEmbedTitle.data())) +
         "\" loading=\"lazy\"></iframe>";
}

void share_open(AppState& app) {
  app.share.open = true;
  app.share.hide = app.params.hidden_controls;
}

void draw_share(AppState& app) {
  for (auto it = app.widget_rects.begin(); it != app.widget_rects.end();)  // this frame's, while open
    it = it->first.rfind("share_", 0) == 0 ? app.widget_rects.erase(it) : std::next(it);
  if (!app.share.open) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(560 * app.dpr, vp->WorkSize.x - 20 * app.dpr), 0), ImGuiCond_Always);
  if (!ImGui::Begin(tr(text::kShareTitle.data()), &app.share.open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  const uint64_t step = app.session ? std::max(app.session->trainer.steps(), app.replay_to) : 0;
  char at_step[128];
  std::snprintf(at_step, sizeof at_step, tr(text::kShareAtStep.data()), (unsigned long long)step);
  if (ImGui::RadioButton(at_step, !app.share.at_step_zero)) app.share.at_step_zero = false;
  remember_always(app, "share_at_step");
  if (ImGui::RadioButton(tr(text::kShareAtZero.data()), app.share.at_step_zero)) app.share.at_step_zero = true;
  remember_always(app, "share_at_zero");

  ImGui::Spacing();
  ImGui::TextWrapped("%s", tr(text::kShareHideHeading.data()));
  // As many columns as the widest name fits, up to 4 (a phone gets fewer, so no name is cut).
  float widest = 0;
  for (size_t i = 0; i < kControlNames.size(); ++i)
    widest = std::max(widest, ImGui::CalcTextSize(checkbox_name(kControlWords[i], kControlNames[i]).c_str()).x);
  for (size_t i = 0; i < kViewNames.size(); ++i)
    widest = std::max(widest, ImGui::CalcTextSize(checkbox_name(kViewWords[i], kViewNames[i]).c_str()).x);
  const float cell = widest + ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::GetStyle().CellPadding.x * 2;
  const int columns = std::clamp(int(ImGui::GetContentRegionAvail().x / std::max(1.0f, cell)), 1, 4);
  if (ImGui::BeginTable("share_hide", columns)) {
    for (size_t i = 0; i < kControlNames.size(); ++i) {
      ImGui::TableNextColumn();
      bool hidden = (app.share.hide >> i) & 1u;
      const std::string name(kControlNames[i]);
      if (ImGui::Checkbox((checkbox_name(kControlWords[i], name) + "##hide").c_str(), &hidden)) app.share.hide = hidden ? app.share.hide | (1u << i) : app.share.hide & ~(1u << i);
      remember_always(app, "share_hide_" + name);
    }
    ImGui::EndTable();
  }
  if (ImGui::SmallButton(tr(text::kShareNone.data()))) app.share.hide = 0;
  remember_always(app, "share_hide_none");
  ImGui::SameLine();
  if (ImGui::SmallButton(tr(text::kShareAll.data()))) app.share.hide = (1u << kControlNames.size()) - 1;
  remember_always(app, "share_hide_all");
  ImGui::SameLine();
  ImGui::TextDisabled("%s", tr(text::kShareHideNote.data()));

  ImGui::Spacing();
  const std::string link = app.page_url + "#" + share_link(app);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(link.size() > 600 ? (link.substr(0, 600) + "...").c_str() : link.c_str());  // long links: the start
  ImGui::PopTextWrapPos();
  remember_always(app, "share_preview");
  if (ImGui::Button(tr(text::kShareCopy.data()))) {
    app.clipboard_request = link;
    app.toast = std::string(tr(text::kShareCopied.data()));
    app.toast_until = ImGui::GetTime() + 2.5;
  }
  remember_always(app, "share_copy");

  ImGui::Separator();
  ImGui::TextWrapped("%s", tr(text::kShareEmbedHeading.data()));
  if (ImGui::BeginTable("share_embed", columns)) {
    for (size_t i = 0; i < kViewNames.size(); ++i) {
      ImGui::TableNextColumn();
      bool on = (app.share.embed >> i) & 1u;
      const std::string name(kViewNames[i]);
      if (ImGui::Checkbox((checkbox_name(kViewWords[i], name) + "##embed").c_str(), &on)) app.share.embed = on ? app.share.embed | (1u << i) : app.share.embed & ~(1u << i);
      remember_always(app, "share_embed_" + name);
    }
    ImGui::EndTable();
  }
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("00000").x * 2 + ImGui::GetStyle().FramePadding.x * 4);
  int size[2] = {app.share.embed_w, app.share.embed_h};
  if (ImGui::InputInt2(tr(text::kShareEmbedSize.data()), size)) {
    app.share.embed_w = std::clamp(size[0], 200, 4000);
    app.share.embed_h = std::clamp(size[1], 150, 4000);
  }
  remember_always(app, "share_embed_size");
  if (app.share.embed != 0) {  // the snippet it copies (its start, for a long link)
    const std::string snippet = share_embed_snippet(app);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", snippet.size() > 400 ? (snippet.substr(0, 400) + "...").c_str() : snippet.c_str());
    ImGui::PopTextWrapPos();
    remember_always(app, "share_embed_preview");
  }
  ImGui::BeginDisabled(app.share.embed == 0);
  if (ImGui::Button(tr(text::kShareEmbedCopy.data()))) {
    app.clipboard_request = share_embed_snippet(app);
    app.toast = std::string(tr(text::kShareEmbedCopied.data()));
    app.toast_until = ImGui::GetTime() + 2.5;
  }
  ImGui::EndDisabled();
  remember_always(app, "share_embed_copy");
  ImGui::SameLine();
  if (ImGui::Button(tr(text::kShareClose.data()))) app.share.open = false;
  remember_always(app, "share_close");
  ImGui::End();
}

}  // namespace pg
