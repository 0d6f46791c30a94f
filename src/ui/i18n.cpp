// ui/i18n.cpp: lookups into the active language's tables (see i18n.h). Built once per language: a hash map from
// the English text to the translation.
#include "ui/i18n.h"

#include "state/language_file.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pg {

namespace {

size_t g_language = 0;

// Each language's loaded table file (English: none) and the table in use (English: empty).
std::array<std::unique_ptr<LanguageFile>, kLanguageList.size()> g_files;
std::array<LanguageTable, kLanguageList.size()> g_tables = [] {
  std::array<LanguageTable, kLanguageList.size()> t{};
  for (size_t i = 0; i < t.size(); ++i) t[i].code = kLanguageList[i].code;
  return t;
}();

// The exact texts of language `lang`, English -> text: built once its table is loaded.
const std::unordered_map<std::string_view, const char*>& exact(size_t lang) {
  static std::array<std::unordered_map<std::string_view, const char*>, kLanguageList.size()> maps;
  static std::array<bool, kLanguageList.size()> built{};
  if (!built[lang] && language_table_loaded(lang)) {
    const LanguageTable& t = g_tables[lang];
    for (size_t i = 0; i < t.ui_count; ++i) maps[lang].emplace(t.ui[i].en, t.ui[i].text.data());
    built[lang] = true;
  }
  return maps[lang];
}

std::vector<std::string> g_untranslated;
std::unordered_set<std::string> g_untranslated_seen;

// Whether `text` has two English words in a row (three letters or more each, a space between): "no training
// points", not "tanh", "dL/dz[1]", "W a + b" or "eta dL/dw".
bool has_english(std::string_view text) {
  size_t run = 0;  // letters in the current word
  bool word_before = false;
  for (size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : '\0';
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      ++run;
      continue;
    }
    if (word_before && run >= 3) return true;
    word_before = run >= 3 && c == ' ';
    run = 0;
  }
  return false;
}

// Notes `shown` when it still has English words (once per text, at most 500 texts).
void note_untranslated(const std::string& shown) {
  if (g_language == 0 || g_untranslated.size() >= 500 || !has_english(shown)) return;
  if (g_untranslated_seen.insert(shown).second) g_untranslated.push_back(shown);
}

// Matches `text` against an English template with %s parts; fills `parts` with what each %s stood for.
bool match(std::string_view pattern, std::string_view text, std::vector<std::string_view>& parts) {
  parts.clear();
  size_t p = 0, t = 0;
  while (p < pattern.size()) {
    if (pattern.compare(p, 2, "%s") == 0) {
      p += 2;
      const size_t next = pattern.find("%s", p);
      const std::string_view lit = pattern.substr(p, next == std::string_view::npos ? std::string_view::npos : next - p);
      if (lit.empty()) {  // %s at the end: the rest of the text
        parts.push_back(text.substr(t));
        return true;
      }
      const size_t at = text.find(lit, t);
      if (at == std::string_view::npos) return false;
      parts.push_back(text.substr(t, at - t));
      t = at;
      continue;
    }
    if (t >= text.size() || text[t] != pattern[p]) return false;
    ++p, ++t;
  }
  return t == text.size();
}

}  // namespace

void set_language(size_t index) {
  const size_t before = g_language;
  g_language = index < kLanguageList.size() && language_table_loaded(index) ? index : 0;
  if (g_language != before) g_untranslated.clear(), g_untranslated_seen.clear();
}
const std::vector<std::string>& untranslated() { return g_untranslated; }
size_t language_index() { return g_language; }
const Language& language() { return kLanguageList[g_language]; }
const LanguageTable& language_table() { return g_tables[g_language]; }

size_t language_of(std::string_view code) {
  for (size_t i = 0; i < kLanguageList.size(); ++i)
    if (kLanguageList[i].code == code) return i;
  return kLanguageList.size();
}

bool load_language_table(size_t index, std::string_view file_text, std::string& error) {
  if (index == 0 || index >= kLanguageList.size()) {
    error = "There is no table to load for language " + std::to_string(index) + ".";
    return false;
  }
  if (g_files[index]) return true;
  std::unique_ptr<LanguageFile> f = read_language_file(file_text, kLanguageList[index].code, error);
  if (!f) return false;
  g_tables[index] = f->table;
  g_files[index] = std::move(f);
  return true;
}

bool language_table_loaded(size_t index) { return index == 0 || (index < g_files.size() && g_files[index] != nullptr); }

const char* tr(const char* en) {
  if (g_language == 0 || !en) return en;
  const auto& m = exact(g_language);
  const auto it = m.find(std::string_view(en));
  if (it != m.end()) return it->second;
  note_untranslated(en);
  return en;
}

std::string trf(const char* en_format, ...) {
  const char* format = tr(en_format);
  va_list args, again;
  va_start(args, en_format);
  va_copy(again, args);
  const int n = std::vsnprintf(nullptr, 0, format, args);
  va_end(args);
  std::string out(size_t(std::max(0, n)), '\0');
  if (n > 0) std::vsnprintf(out.data(), out.size() + 1, format, again);
  va_end(again);
  return out;
}

static std::string tr_message_part(const std::string& en);

std::string tr_message(const std::string& en) {
  if (g_language == 0) return en;
  std::string out = tr_message_part(en);
  note_untranslated(out);
  return out;
}

// tr_message without noting what stays English (a part of a template is noted with its whole).
static std::string tr_message_part(const std::string& en) {
  const LanguageTable& t = language_table();
  const auto& m = exact(g_language);
  if (const auto it = m.find(std::string_view(en)); it != m.end()) return it->second;
  std::vector<std::string_view> parts;
  for (size_t i = 0; i < t.template_count; ++i)
    if (match(t.templates[i].en, en, parts)) {
      // Parts that are a link's own text stay as they are: a quoted part ("unknown key '%s'") and a leading
      // key ("%s: %s is not a number"); any other part is translated on its own ("backprop in double: %s").
      std::vector<bool> quoted;
      const std::string_view en_pat = t.templates[i].en;
      for (size_t at = en_pat.find("%s"); at != std::string_view::npos; at = en_pat.find("%s", at + 2))
        quoted.push_back((at > 0 && (en_pat[at - 1] == '\'' || en_pat[at - 1] == '"')) ||
                         (at == 0 && en_pat.substr(2, 1) == ":"));
      std::string out;
      std::string_view pat = t.templates[i].text;
      size_t k = 0;
      for (size_t p = 0; p < pat.size();) {
        if (pat.compare(p, 2, "%s") == 0 && k < parts.size()) {
          const std::string part(parts[k]);
          out += k < quoted.size() && quoted[k] ? part : tr_message_part(part);
          ++k;
          p += 2;
        } else {
          out += pat[p++];
        }
      }
      return out;
    }
  std::string out = en;  // phrases, longest first as the table lists them
  for (size_t i = 0; i < t.phrase_count; ++i) {
    const std::string from(t.phrases[i].en), to(t.phrases[i].text);
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size())) out.replace(at, from.size(), to);
  }
  return out;
}

const Lesson& lesson_text(size_t i) {
  const Lesson* table = language_table().lessons ? language_table().lessons : kLessons.data();
  return table[i < kLessons.size() ? i : 0];
}

}  // namespace pg
