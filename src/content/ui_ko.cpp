// content/ui_ko.cpp: the page in Korean, the language of the course "Backpropagation과 야코비안 행렬". One entry
// per English text of the page (the key, exactly as the code writes it), its Korean text beside it; the course's
// terms as content/glossary.h gives them. Math stays math (∂L/∂W, σ, ⊗). printf conversions in the same order.
#include "content/i18n.h"

namespace pg {

extern const Translation kKoreanUi[] = {
    {"Play", "재생"},
};
extern const size_t kKoreanUiCount = sizeof(kKoreanUi) / sizeof(kKoreanUi[0]);

// Messages the engine and the link codec write in English: %s stands for a part carried over as it is.
extern const Translation kKoreanTemplates[] = {
    {"unknown key '%s' ignored", "알 수 없는 키 '%s'는 무시했습니다"},
};
extern const size_t kKoreanTemplateCount = sizeof(kKoreanTemplates) / sizeof(kKoreanTemplates[0]);

// Terms inside the engine's longer texts (the inspector's titles and keys, what runs), longest first.
extern const Translation kKoreanPhrases[] = {
    {"Kronecker product", "크로네커 곱"},
    {"minibatch", "미니배치"},
    {"sample", "샘플"},
};
extern const size_t kKoreanPhraseCount = sizeof(kKoreanPhrases) / sizeof(kKoreanPhrases[0]);

}  // namespace pg
