// state/language_file.h: a language's table (content/i18n.h) as the file the page fetches, www/lang/<code>.json.
// The build writes each file from the compiled table (src/cli/tools/language_files.cpp); the page reads it when
// it first shows that language, so the English page carries none of another language's text.
//
// The file: {"format": "backprop-playground-language", "version": 1, "code": "ko",
//            "ui": [[English, text], ...], "templates": [[...], ...], "phrases": [[...], ...],
//            "lessons": [{"id", "title", "body", "caption", "question", "answer"}, ...]}
// A lesson's link and where it looks (rect, row, col) are not in the file: they are kLessons' own (the tables
// translate words only; tests/content/lessons_ko_test.cpp checks the compiled tables keep them).
#pragma once

#include "content/i18n.h"

#include <array>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pg {

// The largest table file the page reads (the Korean one is about 90 KB).
constexpr size_t kMaxLanguageFileBytes = 4'000'000;

// A table read from a file: `table` views the texts it owns. Not copyable (the views point into it).
struct LanguageFile {
  LanguageTable table;
  std::deque<std::string> texts;  // stable addresses: every string_view of the table points into these
  std::vector<Translation> ui, templates, phrases;
  std::array<Lesson, kLessons.size()> lessons{};

  LanguageFile() = default;
  LanguageFile(const LanguageFile&) = delete;
  LanguageFile& operator=(const LanguageFile&) = delete;
};

// The file for a compiled table (JSON, UTF-8, one line). `t.lessons` may be nullptr (no lessons member then).
std::string write_language_file(const LanguageTable& t);

// Reads a table file for the language `code`. nullptr, with `error` set to one clear sentence, when the text is
// over kMaxLanguageFileBytes, is not JSON, is not this format and version, is for another language, has a
// member missing or of the wrong type (every text a string, every pair two strings), or lessons that are not
// kLessons' ids in kLessons' order. No exceptions escape.
std::unique_ptr<LanguageFile> read_language_file(std::string_view json, std::string_view code, std::string& error);

}  // namespace pg
