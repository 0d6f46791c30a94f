// content/i18n.h: the page's languages and their string tables, as data (std only). English is the key: every
// text the page shows is written in English in the code (wrapped in tr(), ui/i18n.h) and each other language
// has one table that gives its version of each English text. Adding a language is adding one table (a
// ui_<code>.cpp with its Translation pairs and its lessons) and one font subset (scripts/subset_fonts.py), and
// listing it in kLanguages.
//
// Texts with numbers keep printf's conversions ("epoch %llu   step %llu"): a translation has the same
// conversions in the same order (tests/content/i18n_test.cpp checks). Messages the engine and the link codec
// write in English (link warnings, corrections, the inspector's titles) are translated by Template entries
// (an English pattern with %s for the variable parts) and by Phrase entries (a term replaced inside a longer
// text), so the CLI keeps its English and the page shows the reader's language.
#pragma once

#include "content/lessons.h"

#include <array>
#include <string_view>

namespace pg {

struct Translation {
  std::string_view en, text;  // the English text (the key) and this language's text
};

struct LanguageTable {
  std::string_view code;   // "en", "ko": the link key's value and the page's language()
  std::string_view name;   // the language's own name, for the switch: "English", "한국어"
  const Translation* ui = nullptr;  // the page's texts (exact), templates and phrases; none for English
  size_t ui_count = 0;
  const Translation* templates = nullptr;  // English patterns with %s: "unknown key '%s' ignored"
  size_t template_count = 0;
  const Translation* phrases = nullptr;    // terms inside longer engine texts: "minibatch" -> "미니배치"
  size_t phrase_count = 0;
  const Lesson* lessons = nullptr;         // the lessons in this language (nullptr: kLessons)
  std::string_view font_file;              // the font subset the page fetches for it ("" : the built-in font)
};

// Every language the page speaks; [0] is English.
extern const std::array<LanguageTable, 2> kLanguages;
// The link key's values: "auto" (the browser's language), then each language's code.
inline constexpr std::array<std::string_view, 3> kLanguageChoiceNames = {"auto", "en", "ko"};

}  // namespace pg
