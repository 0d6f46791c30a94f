// ui/lessons.h: the course inside the page. The Lessons menu (every lesson of content/lessons.h, with a tick
// for the ones done), the lesson pane (its words, where to look, its question and the answer on click,
// Previous / Next), and the "look here" outline drawn over the view the lesson talks about. A lesson opens as
// its link plus lesson=<id>, so a lesson is shareable and undoable like any link.
#pragma once

#include "ui/app.h"
#include "ui/layout.h"

#include <string>
#include <string_view>

namespace pg {

// Opens lesson `id` (its link, lesson=<id>); false, and nothing changes, for an unknown id.
bool lesson_open(AppState& app, std::string_view id);
// Closes the pane (lesson=none); the run stays as it is.
void lesson_close(AppState& app);
// The "Lessons" button and its menu (in the controls bar).
void draw_lessons_button(AppState& app);
// The pane's contents (inside a window the caller placed).
void draw_lesson_pane(AppState& app);
// The outline around what the lesson points at (after every window: it reads this frame's rects).
void draw_lesson_look(AppState& app);
// JSON for the page's API: every lesson ({id, title, link, done}), and the open one with its words.
std::string lessons_json(const AppState& app);
std::string lesson_json(const AppState& app);

}  // namespace pg
