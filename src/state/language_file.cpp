// state/language_file.cpp: a language's table as a JSON file (see language_file.h). Parsed with nlohmann-json
// without exceptions: every member is checked for its type before it is read.
#include "state/language_file.h"

#include <nlohmann/json.hpp>

namespace pg {

namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "backprop-playground-language";
constexpr int kVersion = 1;

json pairs(const Translation* t, size_t n) {
  json out = json::array();
  for (size_t i = 0; i < n; ++i) out.push_back({std::string(t[i].en), std::string(t[i].text)});
  return out;
}

// The i-th lesson's text members, in the file's order.
constexpr std::array<const char*, 6> kLessonMembers = {"id", "title", "body", "caption", "question", "answer"};
std::array<std::string_view*, 6> lesson_texts(Lesson& l) {
  return {&l.id, &l.title, &l.body, &l.look.caption, &l.question, &l.answer};
}

std::string_view keep(LanguageFile& f, const std::string& s) { return f.texts.emplace_back(s); }

// Reads `j[member]` as a list of [English, text] pairs into `out`; "" or what is wrong.
std::string read_pairs(const json& j, const char* member, LanguageFile& f, std::vector<Translation>& out) {
  const auto it = j.find(member);
  if (it == j.end() || !it->is_array()) return std::string("its \"") + member + "\" is not a list";
  for (size_t i = 0; i < it->size(); ++i) {
    const json& p = (*it)[i];
    if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_string())
      return std::string("entry ") + std::to_string(i) + " of \"" + member + "\" is not two texts";
    const std::string_view en = keep(f, p[0].get<std::string>());
    out.push_back({en, keep(f, p[1].get<std::string>())});
  }
  return "";
}

}  // namespace

std::string write_language_file(const LanguageTable& t) {
  json j = {{"format", kFormat},
            {"version", kVersion},
            {"code", std::string(t.code)},
            {"ui", pairs(t.ui, t.ui_count)},
            {"templates", pairs(t.templates, t.template_count)},
            {"phrases", pairs(t.phrases, t.phrase_count)}};
  if (t.lessons) {
    json lessons = json::array();
    for (size_t i = 0; i < kLessons.size(); ++i) {
      Lesson l = t.lessons[i];
      json one = json::object();
      const auto texts = lesson_texts(l);
      for (size_t k = 0; k < kLessonMembers.size(); ++k) one[kLessonMembers[k]] = std::string(*texts[k]);
      lessons.push_back(std::move(one));
    }
    j["lessons"] = std::move(lessons);
  }
  return j.dump();
}

std::unique_ptr<LanguageFile> read_language_file(std::string_view text, std::string_view code, std::string& error) {
  const std::string name = "The table file for '" + std::string(code) + "'";
  if (text.size() > kMaxLanguageFileBytes) {
    error = name + " is larger than " + std::to_string(kMaxLanguageFileBytes / 1'000'000) + " MB.";
    return nullptr;
  }
  const json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    error = name + " is not a JSON object.";
    return nullptr;
  }
  const auto format = j.find("format"), version = j.find("version"), file_code = j.find("code");
  if (format == j.end() || !format->is_string() || format->get<std::string>() != kFormat || version == j.end() ||
      !version->is_number_integer() || version->get<long long>() != kVersion) {
    error = name + " is not a " + std::string(kFormat) + " file of version " + std::to_string(kVersion) + ".";
    return nullptr;
  }
  if (file_code == j.end() || !file_code->is_string() || file_code->get<std::string>() != code) {
    error = name + " is for another language.";
    return nullptr;
  }
  auto f = std::make_unique<LanguageFile>();
  for (auto [member, out] : {std::pair{"ui", &f->ui}, {"templates", &f->templates}, {"phrases", &f->phrases}})
    if (const std::string e = read_pairs(j, member, *f, *out); !e.empty()) {
      error = name + ": " + e + ".";
      return nullptr;
    }
  f->table.code = keep(*f, std::string(code));
  f->table.ui = f->ui.data(), f->table.ui_count = f->ui.size();
  f->table.templates = f->templates.data(), f->table.template_count = f->templates.size();
  f->table.phrases = f->phrases.data(), f->table.phrase_count = f->phrases.size();
  if (const auto lessons = j.find("lessons"); lessons != j.end()) {
    if (!lessons->is_array() || lessons->size() != kLessons.size()) {
      error = name + ": its \"lessons\" are not a list of " + std::to_string(kLessons.size()) + ".";
      return nullptr;
    }
    for (size_t i = 0; i < kLessons.size(); ++i) {
      const json& one = (*lessons)[i];
      Lesson& l = f->lessons[i];
      l = kLessons[i];  // link and look are the English lesson's
      const auto texts = lesson_texts(l);
      for (size_t k = 0; k < kLessonMembers.size(); ++k) {
        const auto m = one.is_object() ? one.find(kLessonMembers[k]) : one.end();
        if (!one.is_object() || m == one.end() || !m->is_string()) {
          error = name + ": lesson " + std::to_string(i) + " has no text \"" + kLessonMembers[k] + "\".";
          return nullptr;
        }
        *texts[k] = keep(*f, m->get<std::string>());
      }
      if (l.id != kLessons[i].id) {
        error = name + ": lesson " + std::to_string(i) + " is '" + std::string(l.id).substr(0, 20) + "', not '" +
                std::string(kLessons[i].id) + "'.";
        return nullptr;
      }
    }
    f->table.lessons = f->lessons.data();
  }
  return f;
}

}  // namespace pg
