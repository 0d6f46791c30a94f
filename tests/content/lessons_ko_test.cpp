// tests/content/lessons_ko_test.cpp: the Korean lessons (content/lessons_ko.cpp) against the English ones and the
// glossary (content/glossary.h). Each Korean lesson opens the same link and looks at the same place as its
// English one; its words use the glossary's Korean term wherever the English text uses the English term, never a
// known wrong synonym; its math, numbers and glyphs are the English text's (so the page's fonts cover them:
// Hangul syllables come from the Korean subset, everything else from the fonts the English page already has).
#include "content/glossary.h"
#include "content/lessons.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace pg {
namespace {

// ---- text helpers ------------------------------------------------------------------------------------------

// Lower-cased ASCII with '-' read as a space ("cross-entropy" = "cross entropy"); other bytes unchanged.
std::string normalise(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c == '-') c = ' ';
  }
  return out;
}

bool is_word_byte(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

struct Span {
  size_t begin, end;
};

// Where `term` occurs in `text` as a whole word, plurals (-s, -es, -y -> -ies) included; both normalised.
std::vector<Span> find_word(const std::string& text, const std::string& term) {
  std::vector<Span> found;
  std::vector<std::string> forms = {term, term + "s", term + "es"};
  if (!term.empty() && term.back() == 'y') forms.push_back(term.substr(0, term.size() - 1) + "ies");
  for (const std::string& form : forms)
    for (size_t pos = text.find(form); pos != std::string::npos; pos = text.find(form, pos + 1)) {
      const size_t end = pos + form.size();
      if (pos > 0 && is_word_byte(text[pos - 1])) continue;
      if (end < text.size() && is_word_byte(text[end])) continue;
      found.push_back({pos, end});
    }
  return found;
}

// The code points of UTF-8 text (the sources are UTF-8; a bad sequence fails the test that decodes it).
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) {
      ADD_FAILURE() << "not UTF-8 at byte " << i << " of: " << s;
      return out;
    }
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += size_t(n);
  }
  return out;
}

bool is_hangul_syllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }
bool has_hangul(std::string_view s) {
  for (char32_t c : code_points(s))
    if (is_hangul_syllable(c)) return true;
  return false;
}

// The math symbols of a text: every code point that is neither ASCII nor a Hangul syllable.
std::set<char32_t> symbols(std::string_view s) {
  std::set<char32_t> out;
  for (char32_t c : code_points(s))
    if (c > 0x7E && !is_hangul_syllable(c)) out.insert(c);
  return out;
}

// The numbers written with ASCII digits ("0.02", "12", "1e"); a '.' between digits belongs to the number.
std::set<std::string> numbers(std::string_view s) {
  std::set<std::string> out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] < '0' || s[i] > '9') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') ||
                            (s[j] == '.' && j + 1 < s.size() && s[j + 1] >= '0' && s[j + 1] <= '9')))
      ++j;
    out.insert(std::string(s.substr(i, j - i)));
    i = j;
  }
  return out;
}

// The sentence count as tests/content/lessons_test.cpp counts it for the English bodies: a '.' before a space, and
// a final '.'. Korean sentences end in "다." the same way.
int sentences(std::string_view body) {
  int n = 0;
  for (size_t i = 0; i + 1 < body.size(); ++i)
    if (body[i] == '.' && body[i + 1] == ' ') ++n;
  if (!body.empty() && body.back() == '.') ++n;
  return n;
}

// ---- the texts of a lesson ---------------------------------------------------------------------------------

struct Field {
  const char* name;
  std::string_view (*of)(const Lesson&);
};
const std::array<Field, 5> kFields = {{
    {"title", [](const Lesson& l) { return l.title; }},
    {"body", [](const Lesson& l) { return l.body; }},
    {"caption", [](const Lesson& l) { return l.look.caption; }},
    {"question", [](const Lesson& l) { return l.question; }},
    {"answer", [](const Lesson& l) { return l.answer; }},
}};

// Every term the texts are checked against: the course's terms and the page's names.
std::vector<GlossaryTerm> all_terms() {
  std::vector<GlossaryTerm> v(kGlossary.begin(), kGlossary.end());
  v.insert(v.end(), kUiNames.begin(), kUiNames.end());
  return v;
}

// English phrases in which a term's word has its everyday sense, not the term's: they mask the terms inside them.
// "step by step" and "step through it" (11.2) are about walking the stepper's ops, not training steps (스텝).
const std::array<std::string_view, 2> kIdioms = {"step by step", "step through"};

// The glossary terms an English text uses: each whole-word occurrence that no longer term (or idiom) covers, so
// "gradient descent" asks for 경사 하강법 and not for 그래디언트, "loss function" for 손실함수 and not 손실 alone.
std::set<size_t> terms_used(std::string_view english, const std::vector<GlossaryTerm>& terms) {
  const std::string text = normalise(english);
  struct Hit {
    Span span;
    size_t term;  // index into terms, or terms.size() for an idiom
  };
  std::vector<Hit> hits;
  for (size_t t = 0; t < terms.size(); ++t)
    for (const Span& s : find_word(text, normalise(terms[t].en))) hits.push_back({s, t});
  for (std::string_view idiom : kIdioms)
    for (const Span& s : find_word(text, normalise(idiom))) hits.push_back({s, terms.size()});
  std::set<size_t> used;
  for (const Hit& h : hits) {
    if (h.term == terms.size()) continue;
    bool covered = false;
    for (const Hit& o : hits)
      covered |= o.span.begin <= h.span.begin && h.span.end <= o.span.end &&
                 o.span.end - o.span.begin > h.span.end - h.span.begin;
    if (!covered) used.insert(h.term);
  }
  return used;
}

// Spellings the Korean texts must not use, and the one longer spelling inside which the word is right.
struct Wrong {
  std::string_view wrong, allowed_inside, why;
};
const std::vector<Wrong> kWrong = {
    {"기울기", "", "gradient is 그래디언트 (a slope is 변화율)"},
    {"경사", "경사 하강법", "gradient is 그래디언트; 경사 only in 경사 하강법 (gradient descent)"},
    {"배치", "미니배치", "a (mini)batch is 미니배치"},
    {"자코비안", "", "Jacobian is 야코비안"},
    {"제이코비안", "", "Jacobian is 야코비안"},
    {"야코비 행렬", "", "Jacobian matrix is 야코비안 행렬"},
    {"확장 야코비안", "", "extended Jacobian is 확장된 야코비안"},
    {"바이어스", "", "bias is 편향"},
    {"웨이트", "", "weight is 가중치"},
    {"그라디언트", "", "gradient is spelled 그래디언트"},
    {"그레디언트", "", "gradient is spelled 그래디언트"},
    {"손실 함수", "", "loss function is 손실함수 (no space)"},
    {"활성화함수", "", "activation function is 활성화 함수 (a space)"},
    {"학습율", "", "learning rate is spelled 학습률"},
    {"연쇄법칙", "", "chain rule is 연쇄 법칙 (a space)"},
    {"체인 룰", "", "chain rule is 연쇄 법칙"},
    {"편도함수", "", "partial derivative is 편미분"},
    {"소프트 맥스", "", "softmax is 소프트맥스"},
    {"선형회귀", "", "linear regression is 선형 회귀 (a space)"},
    {"로지스틱회귀", "", "logistic regression is 로지스틱 회귀 (a space)"},
    {"교차엔트로피", "", "cross-entropy is 교차 엔트로피 (a space)"},
    {"결정경계", "", "decision boundary is 결정 경계 (a space)"},
    {"크로네커곱", "", "Kronecker product is 크로네커 곱 (a space)"},
    {"그래디언트 소멸", "", "vanishing gradient is 그래디언트 소실"},
    {"순방향", "", "forward (pass) is 순전파"},
    {"역방향", "", "backward (pass) is 역전파"},
    {"국부", "", "local is 국소"},
    {"업스트림", "", "upstream is 상류"},
    {"다운스트림", "", "downstream is 하류"},
    {"훈련 집합", "", "training set is 훈련 세트"},
    {"학습 세트", "", "training set is 훈련 세트"},
    {"트레이닝", "", "training is 훈련"},
    {"에폭", "", "epoch is 에포크"},
    {"옵티마이져", "", "optimizer is 옵티마이저"},
    {"뉴론", "", "neuron is 뉴런"},
    {"타겟", "", "target is 타깃"},
    {"은닉 층", "", "hidden layer is 은닉층"},
    {"밀집 층", "", "dense layer is 밀집층"},
    {"히트 맵", "", "heatmap is 히트맵"},
};

// ---- the tests ---------------------------------------------------------------------------------------------

TEST(lessons_ko, same_lessons_same_links_same_places) {
  ASSERT_EQ(kLessonsKo.size(), kLessons.size());
  for (size_t i = 0; i < kLessons.size(); ++i) {
    const Lesson &en = kLessons[i], &ko = kLessonsKo[i];
    EXPECT_EQ(ko.id, en.id) << i;
    EXPECT_EQ(ko.link, en.link) << en.id;
    EXPECT_EQ(ko.look.rect, en.look.rect) << en.id;
    EXPECT_EQ(ko.look.row, en.look.row) << en.id;
    EXPECT_EQ(ko.look.col, en.look.col) << en.id;
  }
}

TEST(lessons_ko, every_text_is_there_and_in_korean) {
  for (const Lesson& ko : kLessonsKo) {
    for (const Field& f : kFields) EXPECT_FALSE(f.of(ko).empty()) << ko.id << " " << f.name;
    // The caption may be all math (10.5: "∂Z/∂b = 1_N ⊗ I_K"); the other texts are sentences.
    for (std::string_view s : {ko.title, ko.body, ko.question, ko.answer})
      EXPECT_TRUE(has_hangul(s)) << ko.id << ": " << s;
    EXPECT_GE(sentences(ko.body), 2) << ko.id;
    EXPECT_LE(sentences(ko.body), 5) << ko.id;
  }
}

TEST(lessons_ko, glossary_has_the_courses_terms_once) {
  std::map<std::string, std::string_view> ko_of;
  for (const GlossaryTerm& t : all_terms()) {
    EXPECT_FALSE(t.en.empty());
    EXPECT_FALSE(t.ko.empty()) << t.en;
    EXPECT_TRUE(has_hangul(t.ko)) << t.en;
    const auto [it, fresh] = ko_of.emplace(normalise(t.en), t.ko);
    EXPECT_TRUE(fresh || it->second == t.ko) << "\"" << t.en << "\" has two Korean terms: " << it->second << ", " << t.ko;
    for (char32_t c : code_points(t.ko)) EXPECT_TRUE(c <= 0x7E || is_hangul_syllable(c)) << t.ko;
  }
  // The terms the course fixes (its own Korean names for them).
  const std::vector<std::pair<std::string, std::string_view>> course = {
      {"backpropagation", "역전파"}, {"forward propagation", "순전파"}, {"forward pass", "순전파"},
      {"jacobian", "야코비안"}, {"jacobian matrix", "야코비안 행렬"}, {"extended jacobian", "확장된 야코비안"},
      {"total derivative", "전미분"}, {"partial derivative", "편미분"}, {"gradient", "그래디언트"},
      {"loss function", "손실함수"}, {"learning rate", "학습률"}, {"minibatch", "미니배치"},
      {"activation function", "활성화 함수"}, {"weight", "가중치"}, {"bias", "편향"},
      {"linear regression", "선형 회귀"}, {"logistic regression", "로지스틱 회귀"}, {"softmax", "소프트맥스"},
      {"multilayer perceptron", "다층 퍼셉트론"}, {"mlp", "다층 퍼셉트론 (MLP)"}, {"chain rule", "연쇄 법칙"},
      {"kronecker product", "크로네커 곱"}, {"cross entropy", "교차 엔트로피"}, {"step", "스텝"},
      {"landscape", "손실 지형"}, {"backprop stepper", "역전파 단계 실행"}, {"show the answer", "정답 보기"},
      {"back one gate", "한 게이트 뒤로"}, {"inspector", "인스펙터"}, {"vanishing gradient", "그래디언트 소실"}};
  for (const auto& [en, ko] : course) {
    const auto it = ko_of.find(en);
    ASSERT_NE(it, ko_of.end()) << en << " is missing from the glossary";
    EXPECT_EQ(it->second, ko) << en;
  }
}

TEST(lessons_ko, no_korean_term_is_a_wrong_spelling) {
  // The glossary itself keeps clear of the wrong spellings (else a text could not both use it and pass below).
  for (const GlossaryTerm& t : all_terms())
    for (const Wrong& w : kWrong)
      if (t.ko.find(w.wrong) != std::string_view::npos)
        EXPECT_TRUE(!w.allowed_inside.empty() && t.ko.find(w.allowed_inside) != std::string_view::npos)
            << t.ko << " contains " << w.wrong;
}

TEST(lessons_ko, every_glossary_term_is_translated_with_its_korean_term) {
  const std::vector<GlossaryTerm> terms = all_terms();
  for (size_t i = 0; i < kLessons.size(); ++i)
    for (const Field& f : kFields) {
      const std::string_view en = f.of(kLessons[i]), ko = f.of(kLessonsKo[i]);
      for (size_t t : terms_used(en, terms))
        EXPECT_NE(ko.find(terms[t].ko), std::string_view::npos)
            << kLessons[i].id << " " << f.name << ": the English says \"" << terms[t].en << "\", the Korean lacks \""
            << terms[t].ko << "\"\n  en: " << en << "\n  ko: " << ko;
    }
}

TEST(lessons_ko, no_wrong_synonym_of_a_term) {
  for (const Lesson& l : kLessonsKo)
    for (const Field& f : kFields) {
      const std::string_view ko = f.of(l);
      for (const Wrong& w : kWrong)
        for (size_t pos = ko.find(w.wrong); pos != std::string_view::npos; pos = ko.find(w.wrong, pos + 1)) {
          bool allowed = false;
          if (!w.allowed_inside.empty())
            for (size_t a = ko.find(w.allowed_inside); a != std::string_view::npos; a = ko.find(w.allowed_inside, a + 1))
              allowed |= a <= pos && pos + w.wrong.size() <= a + w.allowed_inside.size();
          EXPECT_TRUE(allowed) << l.id << " " << f.name << " uses \"" << w.wrong << "\": " << w.why << "\n  " << ko;
        }
    }
}

TEST(lessons_ko, no_english_term_left_untranslated) {
  // An English term in a Korean text is a missed translation, except as a function name in a formula
  // ("softmax(z)") and inside a Korean term ("다층 퍼셉트론 (MLP)").
  std::vector<GlossaryTerm> terms = all_terms();
  // Longest Korean first, so "다층 퍼셉트론 (MLP)" goes whole before "다층 퍼셉트론" could leave "(MLP)" behind.
  std::stable_sort(terms.begin(), terms.end(),
                   [](const GlossaryTerm& a, const GlossaryTerm& b) { return a.ko.size() > b.ko.size(); });
  for (const Lesson& l : kLessonsKo)
    for (const Field& f : kFields) {
      std::string text(f.of(l));
      for (const GlossaryTerm& t : terms)
        for (size_t pos = text.find(t.ko); pos != std::string::npos; pos = text.find(t.ko, pos))
          text.replace(pos, t.ko.size(), " ");
      text = normalise(text);
      for (const GlossaryTerm& t : terms)
        for (const Span& s : find_word(text, normalise(t.en)))
          EXPECT_TRUE(s.end < text.size() && text[s.end] == '(')
              << l.id << " " << f.name << " keeps the English \"" << t.en << "\": " << f.of(l);
    }
}

TEST(lessons_ko, math_numbers_and_glyphs_are_the_english_ones) {
  // Every glyph an English text uses (the fonts of the English page have them all).
  std::set<char32_t> english_glyphs;
  for (const Lesson& l : kLessons)
    for (const Field& f : kFields)
      for (char32_t c : code_points(f.of(l))) english_glyphs.insert(c);
  for (size_t i = 0; i < kLessons.size(); ++i)
    for (const Field& f : kFields) {
      const std::string_view en = f.of(kLessons[i]), ko = f.of(kLessonsKo[i]);
      SCOPED_TRACE(std::string(kLessons[i].id) + " " + f.name + "\n  en: " + std::string(en) +
                   "\n  ko: " + std::string(ko));
      // The math stays math: each symbol and each number of the English text is in the Korean one.
      const std::set<char32_t> ko_symbols = symbols(ko);
      for (char32_t c : symbols(en)) EXPECT_TRUE(ko_symbols.count(c)) << "U+" << std::hex << uint32_t(c) << " dropped";
      const std::set<std::string> ko_numbers = numbers(ko);
      for (const std::string& n : numbers(en)) EXPECT_TRUE(ko_numbers.count(n)) << "number " << n << " dropped";
      // Only standard Hangul syllables (U+AC00..U+D7A3, what the Korean font subset is cut from), printable
      // ASCII, and what the English texts already draw.
      for (char32_t c : code_points(ko))
        EXPECT_TRUE((c >= 0x20 && c <= 0x7E) || is_hangul_syllable(c) || english_glyphs.count(c))
            << "U+" << std::hex << uint32_t(c) << " is neither a Hangul syllable nor in the English texts";
    }
}

}  // namespace
}  // namespace pg
