// content/lessons.h: the course inside the playground. Each lesson is data: a link (model, data, step and the
// view it is about), a few sentences, where to look, and one question whose answer the learner can check in
// the numbers on screen. Ids are the course's section numbers ("Backpropagation and the Jacobian matrix",
// chapters 1-11; G.1 is CS231n lecture 4's gate patterns, D.1 Andrew Ng's deep-network notes). std only: the
// link table (state/params.h) reads the ids, the page (ui/lessons.cpp) the rest, and tests/content checks
// each question's answer against the engine.
#pragma once

#include <array>
#include <string_view>

namespace pg {

// Where a lesson points: a view or widget of the page by the name getUiRects() gives it ("heatmap_0", the
// inspector's first matrix; "network"; "boundary"; "loss_chart"; "landscape"; "graph"; "paths"; "norms"),
// optionally one row and column of that heatmap (-1: the whole matrix or row).
struct LessonLook {
  std::string_view rect;
  int row = -1, col = -1;
  std::string_view caption;  // the words beside the highlight
};

struct Lesson {
  std::string_view id;        // the course section, e.g. "3.10"; the link key lesson=<id>
  std::string_view title;
  std::string_view link;      // what the lesson opens (state/url_codec; the page adds lesson=<id>)
  std::string_view body;      // two to five sentences
  LessonLook look;
  std::string_view question;
  std::string_view answer;    // revealed on click; checked by tests/content/lessons_test.cpp
};

// Every lesson, in course order. kLessonIds (below) lists the same ids after "none", for the link table.
extern const std::array<Lesson, 26> kLessons;

// The same lessons in Korean (content/lessons_ko.cpp): kLessons[i] and kLessonsKo[i] have the same id, link and
// look (rect, row, col); title, body, caption, question and answer are translated with the course's Korean terms
// (content/glossary.h). tests/content/lessons_ko_test.cpp checks the pairing and the terms.
extern const std::array<Lesson, 26> kLessonsKo;

// The link key's values: "none" (no lesson open), then each lesson's id in the order of kLessons.
inline constexpr std::array<std::string_view, 27> kLessonIds = {
    "none", "1.1", "1.3", "2.10", "3.2", "3.5",  "3.6",  "3.7",  "3.8", "3.9", "3.10", "4.2", "4.3", "4.6",
    "4.7",  "5.3", "6.3", "6.4",  "6.6", "7.2", "8.1",  "9.1",  "10.1", "10.5", "11.2", "G.1", "D.1"};

// The lesson with this id, or nullptr.
const Lesson* find_lesson(std::string_view id);

}  // namespace pg
