// tests/state/language_file_test.cpp: the page's table files (state/language_file.h). Each compiled table written
// and read back gives every text exactly, with kLessons' links and looks; a damaged file gets one clear sentence.
#include "content/i18n.h"
#include "state/language_file.h"

#include <gtest/gtest.h>

#include <string>

namespace pg {
namespace {

void expect_same(const Translation* a, size_t na, const Translation* b, size_t nb, const char* what) {
  ASSERT_EQ(na, nb) << what;
  for (size_t i = 0; i < na; ++i) {
    EXPECT_EQ(a[i].en, b[i].en) << what << " " << i;
    EXPECT_EQ(a[i].text, b[i].text) << what << " " << i;
  }
}

TEST(language_file, every_table_reads_back_exactly) {
  for (size_t lang = 1; lang < kLanguages.size(); ++lang) {
    const LanguageTable& t = kLanguages[lang];
    const std::string text = write_language_file(t);
    std::string error;
    const auto f = read_language_file(text, t.code, error);
    ASSERT_TRUE(f) << error;
    EXPECT_EQ(f->table.code, t.code);
    expect_same(t.ui, t.ui_count, f->table.ui, f->table.ui_count, "ui");
    expect_same(t.templates, t.template_count, f->table.templates, f->table.template_count, "templates");
    expect_same(t.phrases, t.phrase_count, f->table.phrases, f->table.phrase_count, "phrases");
    ASSERT_NE(f->table.lessons, nullptr);
    for (size_t i = 0; i < kLessons.size(); ++i) {
      const Lesson &a = t.lessons[i], &b = f->table.lessons[i];
      EXPECT_EQ(a.id, b.id);
      EXPECT_EQ(a.title, b.title);
      EXPECT_EQ(a.body, b.body);
      EXPECT_EQ(a.question, b.question);
      EXPECT_EQ(a.answer, b.answer);
      EXPECT_EQ(a.look.caption, b.look.caption);
      EXPECT_EQ(b.link, kLessons[i].link);  // the English lesson's link and look
      EXPECT_EQ(b.look.rect, kLessons[i].look.rect);
      EXPECT_EQ(b.look.row, kLessons[i].look.row);
      EXPECT_EQ(b.look.col, kLessons[i].look.col);
    }
    EXPECT_LT(text.size(), kMaxLanguageFileBytes / 10) << "the file is unexpectedly large";
  }
}

// Replaces the first `from` in `s` with `to` (the test fails if there is none).
std::string edit(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(language_file, a_damaged_file_gets_a_clear_error) {
  const std::string good = write_language_file(kLanguages[1]);
  const std::string code(kLanguages[1].code);
  const std::string first_id = "\"id\":\"" + std::string(kLessons[0].id) + "\"";
  const struct { std::string text, code, says; } cases[] = {
      {"", code, "is not a JSON object"},
      {good.substr(0, good.size() / 2), code, "is not a JSON object"},
      {"[1,2]", code, "is not a JSON object"},
      {edit(good, "\"version\":1", "\"version\":2"), code, "of version 1"},
      {edit(good, "backprop-playground-language", "backprop-playground-model"), code, "is not a backprop-playground-language"},
      {good, "xx", "is for another language"},
      {edit(good, "\"ui\":[[", "\"ui\":[[3,"), code, "entry 0 of \"ui\" is not two texts"},
      {edit(good, "\"phrases\":[", "\"phrases\":7,\"x\":["), code, "\"phrases\" is not a list"},
      {edit(good, first_id, "\"id\":\"9.9\""), code, "lesson 0 is '9.9', not '" + std::string(kLessons[0].id) + "'"},
      {edit(good, first_id, "\"idx\":\"1\""), code, "lesson 0 has no text \"id\""},
      {std::string(kMaxLanguageFileBytes + 1, ' '), code, "larger than"},
  };
  for (const auto& c : cases) {
    std::string error;
    EXPECT_EQ(read_language_file(c.text, c.code, error), nullptr) << c.says;
    EXPECT_NE(error.find(c.says), std::string::npos) << "'" << error << "' does not say '" << c.says << "'";
    EXPECT_LT(error.size(), 200u) << error;
  }
}

}  // namespace
}  // namespace pg
