// ui/i18n.h: the page's language. tr() gives a text of the page in the active language (content/i18n.h holds
// the tables); the English text is the key, so code reads as English and an entry missing from a table shows
// the English text (tests/content/i18n_test.cpp fails the build's tests when one is missing).
#pragma once

#include "content/i18n.h"

#include <string>
#include <vector>

namespace pg {

// The active language: an index into kLanguageList (0: English). The page sets it from the link key `lang`, the
// browser's language, or the switch in the "Aa" menu. A language whose table is not loaded shows English.
void set_language(size_t index);
size_t language_index();
const Language& language();
// The active language's texts (English: empty tables).
const LanguageTable& language_table();
// The index of a language code ("en", "ko"); kLanguageList.size() if there is none.
size_t language_of(std::string_view code);

// Loads language `index`'s table from its table file's text (state/language_file.h), once; kept for the
// program's life. False, with `error` set to one clear sentence, when the file cannot be read (nothing changes).
bool load_language_table(size_t index, std::string_view file_text, std::string& error);
// Whether language `index` can be shown: English, or its table is loaded.
bool language_table_loaded(size_t index);

// Marks an English text that a function translates later (a window title passed on, a table of labels), so
// tests/content/i18n_test.cpp finds it: TR_KEY("Network") is just "Network".
#define TR_KEY(text) text

// The text in the active language (a NUL-terminated string that lives as long as the program).
const char* tr(const char* en);
// printf with the active language's version of `en_format` (a key of the tables, like tr()'s): the page's own
// texts with numbers or names in them, e.g. trf("op %d of %d", i, n).
std::string trf(const char* en_format, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
// An English message the engine or the link codec wrote, in the active language: an exact entry, else the
// first template that matches (its %s parts carried over), else the phrases replaced inside it.
std::string tr_message(const std::string& en);
// Texts shown untranslated: what tr() or tr_message() returned with English words left in it (two words in a
// row) while a language other than English was active. For the page's language() API, so a test that walks
// the page in Korean can list every English text still on screen; cleared when the language changes.
const std::vector<std::string>& untranslated();

// Lesson i (0-based, course order) in the active language.
const Lesson& lesson_text(size_t i);

}  // namespace pg
