// ui/i18n.cpp: lookups into the active language's tables (see i18n.h). Built once per language: a hash map from
// the English text to the translation.
#include "ui/i18n.h"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace pg {

namespace {

size_t g_language = 0;

const std::unordered_map<std::string_view, const char*>& exact(size_t lang) {
  static std::vector<std::unordered_map<std::string_view, const char*>> maps(kLanguages.size());
  static std::vector<bool> built(kLanguages.size(), false);
  if (!built[lang]) {
    const LanguageTable& t = kLanguages[lang];
    for (size_t i = 0; i < t.ui_count; ++i) maps[lang].emplace(t.ui[i].en, t.ui[i].text.data());
    built[lang] = true;
  }
  return maps[lang];
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

void set_language(size_t index) { g_language = index < kLanguages.size() ? index : 0; }
size_t language_index() { return g_language; }
const LanguageTable& language() { return kLanguages[g_language]; }

size_t language_of(std::string_view code) {
  for (size_t i = 0; i < kLanguages.size(); ++i)
    if (kLanguages[i].code == code) return i;
  return kLanguages.size();
}

const char* tr(const char* en) {
  if (g_language == 0 || !en) return en;
  const auto& m = exact(g_language);
  const auto it = m.find(std::string_view(en));
  return it == m.end() ? en : it->second;
}

std::string tr_message(const std::string& en) {
  if (g_language == 0) return en;
  const LanguageTable& t = language();
  const auto& m = exact(g_language);
  if (const auto it = m.find(std::string_view(en)); it != m.end()) return it->second;
  std::vector<std::string_view> parts;
  for (size_t i = 0; i < t.template_count; ++i)
    if (match(t.templates[i].en, en, parts)) {
      std::string out;
      std::string_view pat = t.templates[i].text;
      size_t k = 0;
      for (size_t p = 0; p < pat.size();) {
        if (pat.compare(p, 2, "%s") == 0 && k < parts.size()) {
          out += tr_message(std::string(parts[k++]));  // a part may itself be a known text ("kept circle")
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
  const Lesson* table = language().lessons ? language().lessons : kLessons.data();
  return table[i < kLessons.size() ? i : 0];
}

}  // namespace pg
