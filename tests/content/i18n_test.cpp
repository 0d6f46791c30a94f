// tests/content/i18n_test.cpp: the string tables. Every text the page's code passes to tr() or trf() (and every text of
// ui/strings.h) has an entry in every language's table, with the same printf conversions; the course's terms are
// translated one way only (content/glossary.h); templates keep their %s parts. The page's sources are read
// from the repository (PG_SOURCE_DIR), so a new English text without its translations fails here.
#include "content/glossary.h"
#include "content/i18n.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace pg {
namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// Parses one C++ string literal at `i` (at its opening quote); returns its value, `i` after the closing quote.
std::string literal(const std::string& src, size_t& i) {
  std::string out;
  for (++i; i < src.size() && src[i] != '"'; ++i) {
    if (src[i] != '\\') {
      out += src[i];
      continue;
    }
    const char c = src[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
  }
  ++i;
  return out;
}

// Adjacent literals from `i` on ("a" "b" -> "ab"), skipping white space between them; empty if none.
std::string literals(const std::string& src, size_t i, bool& found) {
  std::string out;
  found = false;
  for (;;) {
    while (i < src.size() && std::isspace(static_cast<unsigned char>(src[i]))) ++i;
    if (i >= src.size() || src[i] != '"') return out;
    found = true;
    out += literal(src, i);
  }
}

// Every English text of the page: tr("..."), TR_KEY("...") in src/ui, and the constants of src/ui/strings.h.
std::set<std::string> page_texts() {
  const std::filesystem::path ui = std::filesystem::path(PG_SOURCE_DIR) / "src" / "ui";
  std::set<std::string> keys;
  for (const auto& entry : std::filesystem::directory_iterator(ui)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".cpp" && name != "strings.h") continue;
    const std::string src = read(entry.path());
    for (const std::string call : {"tr(", "trf(", "TR_KEY("})
      for (size_t at = src.find(call); at != std::string::npos; at = src.find(call, at + 1)) {
        if (at > 0 && (std::isalnum(static_cast<unsigned char>(src[at - 1])) || src[at - 1] == '_')) continue;  // e.g. attr(
        bool found = false;
        const std::string text = literals(src, at + call.size(), found);
        if (found) keys.insert(text);
      }
    if (name == "strings.h")
      for (size_t at = src.find("std::string_view k"); at != std::string::npos; at = src.find("std::string_view k", at + 1)) {
        const size_t eq = src.find('=', at);
        bool found = false;
        const std::string text = literals(src, eq + 1, found);
        if (found) keys.insert(text);
      }
  }
  return keys;
}

// printf conversions in order ("%s", "%llu", "%.3g"; "%%" is not one).
std::vector<std::string> conversions(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') continue;
    if (i + 1 < s.size() && s[i + 1] == '%') {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < s.size() && std::string_view("-+ #0123456789.*lhz").find(s[j]) != std::string_view::npos) ++j;
    if (j < s.size()) out.emplace_back(s.substr(i, j - i + 1));
    i = j;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return out;
}

// Whether `text` has `term` as whole words (case-insensitive).
bool has_term(std::string_view text, std::string_view term) {
  const std::string t = lower(text), w = lower(term);
  for (size_t at = t.find(w); at != std::string::npos; at = t.find(w, at + 1)) {
    const bool left = at == 0 || !std::isalpha(static_cast<unsigned char>(t[at - 1]));
    const size_t end = at + w.size();
    const bool right = end >= t.size() || !std::isalpha(static_cast<unsigned char>(t[end])) || t[end] == 's';
    if (left && right) return true;
  }
  return false;
}

TEST(i18n, english_is_first_and_every_other_language_has_a_table_and_a_font) {
  ASSERT_GE(kLanguageList.size(), 2u);
  EXPECT_EQ(kLanguageList[0].code, "en");
  EXPECT_TRUE(kLanguageList[0].font_file.empty() && kLanguageList[0].table_file.empty());
  for (size_t i = 1; i < kLanguageList.size(); ++i) {
    EXPECT_EQ(kLanguages[i].code, kLanguageList[i].code);
    EXPECT_GT(kLanguages[i].ui_count, 0u) << kLanguages[i].code;
    EXPECT_FALSE(kLanguageList[i].font_file.empty()) << kLanguageList[i].code;
    EXPECT_EQ(kLanguageList[i].table_file, "lang/" + std::string(kLanguageList[i].code) + ".json");
    EXPECT_EQ(kLanguageChoiceNames[i + 1], kLanguageList[i].code);
  }
}

TEST(i18n, every_text_of_the_page_has_every_language) {
  const std::set<std::string> keys = page_texts();
  ASSERT_GT(keys.size(), 150u) << "the scan found too few texts: is PG_SOURCE_DIR right?";
  for (size_t lang = 1; lang < kLanguages.size(); ++lang) {
    const LanguageTable& t = kLanguages[lang];
    std::map<std::string, std::string> table;
    for (size_t i = 0; i < t.ui_count; ++i) {
      EXPECT_TRUE(table.emplace(std::string(t.ui[i].en), std::string(t.ui[i].text)).second)
          << t.code << ": '" << t.ui[i].en << "' is listed twice";
      EXPECT_FALSE(t.ui[i].text.empty()) << t.code << ": '" << t.ui[i].en << "' is empty";
    }
    std::vector<std::string> missing;
    for (const std::string& k : keys)
      if (!table.count(k)) missing.push_back(k);
    std::string list;
    for (const std::string& k : missing) list += "\n  \"" + k + "\"";
    EXPECT_TRUE(missing.empty()) << t.code << " lacks " << missing.size() << " of " << keys.size() << " texts:" << list;
    for (const auto& [en, text] : table)  // the same numbers in the same places
      EXPECT_EQ(conversions(en), conversions(text)) << t.code << ": '" << en << "' -> '" << text << "'";
  }
}

// Every call of an ImGui function that draws or measures its text argument, in src/ui, with that argument a
// string literal: the text is drawn as written, in English whatever the language. A literal with a word in it
// (two letters or more, outside printf conversions and before a "##" id) fails; wrap it in tr() or trf().
TEST(i18n, the_page_draws_no_literal_text_past_the_table) {
  const std::vector<std::string> draws = {
      "Text", "TextUnformatted", "TextWrapped", "TextDisabled", "BulletText", "LabelText", "SeparatorText", "Button",
      "SmallButton", "Checkbox", "RadioButton", "MenuItem", "BeginMenu", "Selectable", "CollapsingHeader", "TreeNode",
      "BeginTabItem", "SetTooltip", "TableSetupColumn", "CalcTextSize", "Combo", "BeginCombo", "SliderInt",
      "SliderFloat", "InputInt", "InputFloat", "InputText", "InputTextMultiline", "Begin", "TextColored"};
  const std::filesystem::path ui = std::filesystem::path(PG_SOURCE_DIR) / "src" / "ui";
  std::vector<std::string> found;
  size_t calls = 0;
  for (const auto& entry : std::filesystem::directory_iterator(ui)) {
    if (entry.path().extension() != ".cpp") continue;
    const std::string src = read(entry.path());
    for (const std::string& f : draws) {
      const std::string call = "ImGui::" + f + "(";
      for (size_t at = src.find(call); at != std::string::npos; at = src.find(call, at + 1)) {
        ++calls;
        size_t i = at + call.size();
        if (f == "TextColored") {  // the colour, then the text
          int depth = 0;
          for (; i < src.size() && !(depth == 0 && src[i] == ','); ++i) depth += src[i] == '(' ? 1 : src[i] == ')' ? -1 : 0;
          ++i;
        }
        bool is_literal = false;
        const std::string text = literals(src, i, is_literal);
        if (!is_literal) continue;
        std::string visible = text.substr(0, text.find("##"));
        for (const std::string& c : conversions(visible))
          if (const size_t p = visible.find(c); p != std::string::npos) visible.replace(p, c.size(), " ");
        int run = 0;
        bool word = false;
        for (char c : visible + " ") {
          if (std::isalpha(static_cast<unsigned char>(c))) ++run;
          else word = word || run >= 2, run = 0;
        }
        if (word) found.push_back(entry.path().filename().string() + ": ImGui::" + f + "(\"" + text + "\")");
      }
    }
  }
  EXPECT_GT(calls, 100u) << "the scan found too few ImGui calls: is PG_SOURCE_DIR right?";
  std::string list;
  for (const std::string& f : found) list += "\n  " + f;
  EXPECT_TRUE(found.empty()) << found.size() << " texts drawn as written, past the string table:" << list;
}

TEST(i18n, templates_keep_their_parts) {
  for (size_t lang = 1; lang < kLanguages.size(); ++lang) {
    const LanguageTable& t = kLanguages[lang];
    for (size_t i = 0; i < t.template_count; ++i) {
      auto count = [](std::string_view s) {
        size_t n = 0;
        for (size_t at = s.find("%s"); at != std::string_view::npos; at = s.find("%s", at + 2)) ++n;
        return n;
      };
      EXPECT_EQ(count(t.templates[i].en), count(t.templates[i].text)) << t.templates[i].en;
    }
  }
}

// A course term is translated one way: wherever an English text has the term, its translation has the
// glossary's word for it.
TEST(i18n, the_courses_terms_are_translated_one_way) {
  ASSERT_GE(kGlossary.size(), 17u);
  std::set<std::string_view> seen;
  for (const GlossaryTerm& g : kGlossary) EXPECT_TRUE(seen.insert(g.en).second) << "glossary lists '" << g.en << "' twice";
  // Texts where the English word is not the course's term ("Forward again" is redo, not the forward pass).
  // "class" as in a school class (classroom mode), "step by step" as an idiom.
  const std::set<std::string_view> not_the_term = {
      "Forward again to the state Undo left (Ctrl+Shift+Z or Ctrl+Y)",
      "Copy a link at this step or at step 0, with controls hidden for a class",
      "Hide these controls for a class (the page that opens the link):",
      "Heatmaps of every Jacobian of the backward pass, the chain rule step by step, the gradient check (J)"};
  const LanguageTable& ko = kLanguages[1];
  // The English with every longer glossary term that contains `term` blanked: "neural network" is 신경망, and
  // its "network" is not the term 네트워크 then.
  auto without_longer = [&](std::string_view en, std::string_view term) {
    std::string out(en);
    for (const GlossaryTerm& longer : kGlossary)
      if (longer.en.size() > term.size() && has_term(longer.en, term))
        for (std::string l = lower(out), w = lower(longer.en); l.find(w) != std::string::npos; l = lower(out))
          out.replace(l.find(w), w.size(), std::string(w.size(), ' '));
    return out;
  };
  for (const GlossaryTerm& g : kGlossary)
    for (size_t i = 0; i < ko.ui_count; ++i)
      if (has_term(without_longer(ko.ui[i].en, g.en), g.en) && !not_the_term.count(ko.ui[i].en) &&
          !has_term(ko.ui[i].text, g.en))  // kept as it is: a name or code ("softmax: yhat = ...", "sum |w|")
        EXPECT_NE(ko.ui[i].text.find(g.ko), std::string_view::npos)
            << "'" << ko.ui[i].en << "' has '" << g.en << "', but its Korean '" << ko.ui[i].text << "' lacks '" << g.ko << "'";
}

}  // namespace
}  // namespace pg
