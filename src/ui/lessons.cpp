// ui/lessons.cpp: the Lessons menu, the lesson pane and the "look here" outline (see lessons.h). The words are
// content/lessons.cpp's; the labels are ui/strings.h's.
#include "ui/lessons.h"
#include "ui/i18n.h"

#include "content/lessons.h"
#include "ui/rects.h"
#include "ui/strings.h"
#include "ui/style.h"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace pg {

namespace {

// The outline around what a lesson points at, and the square before "Look here" in the pane: the stepper's purple
// (a colour no view uses for data). Not text: 3:1 against both themes' backgrounds is enough for a line.
constexpr ImU32 kLookInk = IM_COL32(150, 60, 215, 255);

const Lesson* open_lesson(const AppState& app) {
  const int i = app.params.lesson;
  return i > 0 && size_t(i) <= kLessons.size() ? &kLessons[size_t(i) - 1] : nullptr;
}

bool is_done(const AppState& app, std::string_view id) {
  const std::string& d = app.lesson.done;
  for (size_t start = 0; start <= d.size();) {
    const size_t comma = std::min(d.find(',', start), d.size());
    if (std::string_view(d).substr(start, comma - start) == id) return true;
    start = comma + 1;
  }
  return false;
}

void mark_done(AppState& app, std::string_view id) {
  if (is_done(app, id)) return;
  if (!app.lesson.done.empty()) app.lesson.done += ',';
  app.lesson.done += id;
  app.lesson.done_dirty = true;
}

}  // namespace

bool lesson_open(AppState& app, std::string_view id) {
  const Lesson* l = find_lesson(id);
  if (!l) return false;
  std::string link = std::string(l->link) + "&lesson=" + std::string(l->id);
  if (app.params.language > 0)  // the reader's chosen language stays (a lesson's link does not name one)
    link += "&lang=" + std::string(kLanguageChoiceNames[size_t(app.params.language)]);
  app_apply_link(app, link);
  app.lesson.answer_shown = false;
  app.lesson.menu_open = false;
  app.lesson.select_tab = true;
  app.learn.graph_done = -1;  // the views start fresh for this lesson
  app.learn.graph_sample = 0;
  app.learn.landscape_key.clear();
  app.learn.frame_key.clear();
  return true;
}

void lesson_close(AppState& app) {
  app.params.lesson = 0;
  app.lesson.answer_shown = false;
  app.url_dirty = true;
}

void draw_lessons_button(AppState& app) {
  if (ImGui::Button(tr(text::kLessonsButton.data()))) ImGui::OpenPopup("lessons_menu");
  remember_always(app, "lessons_button");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(text::kLessonsTip.data()));
  if (ImGui::BeginPopup("lessons_menu")) {
    ImGui::TextDisabled("%s", tr(text::kLessonsMenuHeading.data()));
    for (const Lesson& l : kLessons) {
      char label[256];
      std::snprintf(label, sizeof label, "%s %-5s %s", is_done(app, l.id) ? "•" : "  ", std::string(l.id).c_str(),
                    std::string(lesson_text(size_t(&l - kLessons.data())).title).c_str());
      const Lesson* now = open_lesson(app);
      if (ImGui::Selectable(label, now == &l)) {
        lesson_open(app, l.id);
        ImGui::CloseCurrentPopup();
      }
      remember_always(app, "lessons_menu_" + std::string(l.id));
    }
    ImGui::EndPopup();
  }
}

void draw_lesson_pane(AppState& app) {
  const Lesson* l = open_lesson(app);
  if (!l) return;
  const size_t index = size_t(l - kLessons.data());
  const Lesson& words = lesson_text(index);  // the words in the reader's language; links and ids are kLessons'
  char heading[256];
  std::snprintf(heading, sizeof heading, tr(text::kLessonHeading.data()), std::string(l->id).c_str(), std::string(words.title).c_str());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(heading);
  remember_always(app, "lesson_title");
  ImGui::PopTextWrapPos();
  // Previous / Next first, so they stay in view however long the lesson's words are.
  ImGui::BeginDisabled(index == 0);
  if (ImGui::Button(tr(text::kLessonPrevious.data()))) lesson_open(app, kLessons[index - 1].id);
  ImGui::EndDisabled();
  remember_always(app, "lesson_previous");
  ImGui::SameLine();
  ImGui::BeginDisabled(index + 1 >= kLessons.size());
  if (ImGui::Button(tr(text::kLessonNext.data()))) lesson_open(app, kLessons[index + 1].id);
  ImGui::EndDisabled();
  remember_always(app, "lesson_next");
  ImGui::SameLine();
  if (ImGui::Button(tr(text::kLessonReopen.data()))) lesson_open(app, l->id);
  remember_always(app, "lesson_reopen");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(text::kLessonReopenTip.data()));
  ImGui::SameLine();
  if (ImGui::Button(tr(text::kLessonClose.data()))) lesson_close(app);
  remember_always(app, "lesson_close");
  ImGui::SameLine();
  ImGui::TextDisabled(tr(text::kLessonCount.data()), int(index) + 1, int(kLessons.size()));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::Separator();
  ImGui::TextUnformatted(words.body.data(), words.body.data() + words.body.size());
  remember_always(app, "lesson_body");
  ImGui::Spacing();
  const Theme& theme = theme_for(app.display);
  // A square in the outline's colour, then the words: the outline drawn around the view is what they name.
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRect(ImVec2(at.x + 1, at.y + h * 0.15f), ImVec2(at.x + h * 0.7f, at.y + h * 0.85f), kLookInk, 2 * app.dpr, 0,
                                      2 * app.dpr);
  ImGui::Dummy(ImVec2(h * 0.7f, h));
  ImGui::SameLine(0, h * 0.3f);
  ImGui::PushStyleColor(ImGuiCol_Text, im_colour(theme[Role::TextBlue]));
  const std::string look = std::string(tr(text::kLessonLook.data())) + std::string(words.look.caption);
  ImGui::TextUnformatted(look.c_str());
  ImGui::PopStyleColor();
  remember_always(app, "lesson_look");
  ImGui::Spacing();
  const std::string question = std::string(tr(text::kLessonQuestion.data())) + std::string(words.question);
  ImGui::TextUnformatted(question.c_str());
  remember_always(app, "lesson_question");
  if (!app.lesson.answer_shown) {
    if (ImGui::Button(tr(text::kLessonShowAnswer.data()))) {
      app.lesson.answer_shown = true;
      mark_done(app, l->id);
    }
    remember_always(app, "lesson_show_answer");
  } else {
    const std::string answer = std::string(tr(text::kLessonAnswer.data())) + std::string(words.answer);
    ImGui::TextUnformatted(answer.c_str());
    remember_always(app, "lesson_answer");
  }
  ImGui::PopTextWrapPos();
}

void draw_lesson_look(AppState& app) {
  const Lesson* l = open_lesson(app);
  if (!l) return;
  if (app.share.open || app.io.open_window) return;  // a dialog is over the views: the outline would cross it
  const auto it = app.widget_rects.find(std::string(l->look.rect));
  if (it == app.widget_rects.end()) return;
  const auto& r = it->second;
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const float d = app.dpr, pad = 3 * d;
  dl->AddRect(ImVec2(r[0] - pad, r[1] - pad), ImVec2(r[2] + pad, r[3] + pad), kLookInk, 4 * d, 0, 3 * d);
  // A row or a cell of a heatmap: outlined where the pane draws it (its zoom window taken into account).
  if (l->look.row >= 0 && l->look.rect.rfind("heatmap_", 0) == 0) {
    const size_t k = size_t(l->look.rect.back() - '0');
    if (k < app.inspector.panes.size()) {
      const HeatmapPane& pane = app.inspector.panes[k];
      const Index rows = pane.data.M.rows(), cols = pane.data.M.cols();
      if (l->look.row < rows && l->look.col < cols && rows > 0 && cols > 0) {
        const HeatmapWindow& w = pane.window;
        const float fc0 = l->look.col >= 0 ? float(l->look.col) / float(cols) : 0.0f;
        const float fc1 = l->look.col >= 0 ? float(l->look.col + 1) / float(cols) : 1.0f;
        const float fr0 = float(l->look.row) / float(rows), fr1 = float(l->look.row + 1) / float(rows);
        auto X = [&](float f) { return r[0] + (f - w.c0) / (w.c1 - w.c0) * (r[2] - r[0]); };
        auto Y = [&](float f) { return r[1] + (f - w.r0) / (w.r1 - w.r0) * (r[3] - r[1]); };
        const ImVec2 a(std::clamp(X(fc0), r[0], r[2]), std::clamp(Y(fr0), r[1], r[3]));
        const ImVec2 b(std::clamp(X(fc1), r[0], r[2]), std::clamp(Y(fr1), r[1], r[3]));
        dl->AddRect(a, b, IM_COL32(255, 255, 255, 255), 0, 0, 4 * d);
        dl->AddRect(a, b, kLookInk, 0, 0, 2 * d);
        app.widget_rects["lesson_look_cell"] = {a.x, a.y, b.x, b.y};
      }
    }
  }
  app.widget_rects["lesson_look_outline"] = {r[0] - pad, r[1] - pad, r[2] + pad, r[3] + pad};
}

std::string lessons_json(const AppState& app) {
  nlohmann::json out = nlohmann::json::array();
  for (const Lesson& l : kLessons)
    out.push_back({{"id", l.id}, {"title", lesson_text(size_t(&l - kLessons.data())).title}, {"link", l.link}, {"done", is_done(app, l.id)}});
  return out.dump();
}

std::string lesson_json(const AppState& app) {
  const Lesson* l = open_lesson(app);
  if (!l) return "null";
  const Lesson& w = lesson_text(size_t(l - kLessons.data()));
  return nlohmann::json{{"id", l->id},       {"title", w.title},      {"link", l->link},
                        {"body", w.body},    {"look", l->look.rect},  {"look_caption", w.look.caption},
                        {"look_row", l->look.row}, {"look_col", l->look.col},
                        {"question", w.question}, {"answer", w.answer}, {"answer_shown", app.lesson.answer_shown},
                        {"done", is_done(app, l->id)}}
      .dump();
}

}  // namespace pg
