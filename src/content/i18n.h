// content/i18n.h: the page's languages and their string tables, as data (std only). English is the key: every
// text the page shows is written in English in the code (wrapped in tr(), ui/i18n.h) and each other language
// has one table that gives its version of each English text. Adding a language is adding one table (a
// ui_<code>.cpp with its Translation pairs and its lessons) and one font subset (scripts/subset_fonts.py), and
// listing it in kLanguageList and kLanguages.
//
// The tables are compiled into the tests and into the build tool that writes them out as the page's table files
// (state/language_file.h: www/lang/<code>.json); the page itself fetches a language's file and its font only
// when it shows that language, so the English page carries no other language's text.
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

// A language the page speaks: what the page needs before its table is here.
struct Language {
  std::string_view code;        // "en", "ko": the link key's value and the page's language()
  std::string_view name;        // the language's own name, for the switch: "English", "한국어"
  std::string_view english;     // its name in English, for messages the English page shows: "Korean"
  std::string_view font_file;   // the font subset the page fetches for it ("": the built-in font)
  std::string_view table_file;  // its table file, fetched by the page ("": English, the code's own text)
};

// Every language the page speaks; [0] is English.
inline constexpr std::array<Language, 2> kLanguageList = {{
    {"en", "English", "English", "", ""},
    {"ko", "한국어", "Korean", "fonts/ui_ko.ttf", "lang/ko.json"},
}};

// A language's texts. Compiled in (kLanguages) or read from the page's table file (state/language_file.h).
struct LanguageTable {
  std::string_view code;   // as kLanguageList has it
  const Translation* ui = nullptr;  // the page's texts (exact), templates and phrases; none for English
  size_t ui_count = 0;
  const Translation* templates = nullptr;  // English patterns with %s: "unknown key '%s' ignored"
  size_t template_count = 0;
  const Translation* phrases = nullptr;    // terms inside longer engine texts: "minibatch" -> "미니배치"
  size_t phrase_count = 0;
  const Lesson* lessons = nullptr;         // the lessons in this language, kLessons' order (nullptr: kLessons)
};

// The compiled tables, in kLanguageList's order (content/languages.cpp, with ui_<code>.cpp and lessons_<code>.cpp:
// the library pg_content_tables, which the tests and the table-file tool link and the page does not).
extern const std::array<LanguageTable, kLanguageList.size()> kLanguages;
// The link key's values: "auto" (the browser's language), then each language's code.
inline constexpr std::array<std::string_view, 3> kLanguageChoiceNames = {"auto", "en", "ko"};

}  // namespace pg
