// content/languages.cpp: the languages the page speaks (content/i18n.h). English is the code's own text.
#include "content/i18n.h"

namespace pg {

// Korean (ui_ko.cpp, lessons_ko.cpp).
extern const Translation kKoreanUi[];
extern const size_t kKoreanUiCount;
extern const Translation kKoreanTemplates[];
extern const size_t kKoreanTemplateCount;
extern const Translation kKoreanPhrases[];
extern const size_t kKoreanPhraseCount;

const std::array<LanguageTable, 2> kLanguages = {{
    {"en", "English", nullptr, 0, nullptr, 0, nullptr, 0, nullptr, ""},
    {"ko", "한국어", kKoreanUi, kKoreanUiCount, kKoreanTemplates, kKoreanTemplateCount, kKoreanPhrases, kKoreanPhraseCount,
     kLessonsKo.data(), "fonts/ui_ko.ttf"},
}};

}  // namespace pg
