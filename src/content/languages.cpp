// content/languages.cpp: the compiled tables of the languages the page speaks (content/i18n.h). English is the
// code's own text.
#include "content/i18n.h"

namespace pg {

// Korean (ui_ko.cpp, lessons_ko.cpp).
extern const Translation kKoreanUi[];
extern const size_t kKoreanUiCount;
extern const Translation kKoreanTemplates[];
extern const size_t kKoreanTemplateCount;
extern const Translation kKoreanPhrases[];
extern const size_t kKoreanPhraseCount;

const std::array<LanguageTable, kLanguageList.size()> kLanguages = {{
    {"en", nullptr, 0, nullptr, 0, nullptr, 0, nullptr},
    {"ko", kKoreanUi, kKoreanUiCount, kKoreanTemplates, kKoreanTemplateCount, kKoreanPhrases, kKoreanPhraseCount,
     kLessonsKo.data()},
}};

}  // namespace pg
