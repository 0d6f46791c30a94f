// content/glossary.h: the course's Korean terms ("Backpropagation과 야코비안 행렬" and the CS231n / Andrew Ng
// notes it draws on), one Korean term per English term, used by every Korean text of the page (the lessons in
// content/lessons_ko.cpp, the page's string table) and checked by tests/content/lessons_ko_test.cpp: wherever an
// English text uses a term (case-insensitive, whole word, plural -s/-es/-ies included, '-' read as a space, a
// longer term taking precedence over the terms inside it), its Korean counterpart contains the Korean term.
// std only, constexpr data.
//
// en: as the term appears inside an English sentence (lower case, except names: Jacobian, Kronecker, MLP).
// ko: the exact Korean spelling, spacing included (손실함수 without a space, 활성화 함수 with one).
// Several English terms may share one Korean term (backpropagation, backprop, backward pass: 역전파); one
// English term never has two Korean ones.
//
// Choices worth knowing:
//  - gradient is always 그래디언트, never 기울기 or 경사; the one exception is the fixed term gradient descent,
//    경사 하강법, as Korean textbooks name it (경사 appears nowhere else). A slope is 변화율 (not 기울기, to keep
//    기울기 out of the texts entirely).
//  - batch is 미니배치: the page's batch is always a minibatch (a batch of the whole training set is a
//    minibatch of N points), and a bare 배치 would also read as "arrangement".
//  - training is 훈련 (훈련 세트, 훈련 스텝, 훈련 가능한 변수); learning is 학습 (학습률).
//  - step is 스텝, both a training step and the Step button.
#pragma once

#include <array>
#include <string_view>

namespace pg {

// One term: its English spelling inside a sentence and the Korean spelling every Korean text uses.
struct GlossaryTerm {
  std::string_view en, ko;
};

// The course's terms. Order: the core terms first, then by topic.
inline constexpr auto kGlossary = std::to_array<GlossaryTerm>({
    // Core terms of the course.
    {"backpropagation", "역전파"},
    {"backprop", "역전파"},
    {"backward propagation", "역전파"},
    {"backward pass", "역전파"},
    {"backward", "역전파"},
    {"forward propagation", "순전파"},
    {"forward pass", "순전파"},
    {"forward", "순전파"},
    {"Jacobian", "야코비안"},
    {"Jacobian matrix", "야코비안 행렬"},
    {"extended Jacobian", "확장된 야코비안"},
    {"local Jacobian", "국소 야코비안"},
    {"total derivative", "전미분"},
    {"partial derivative", "편미분"},
    {"derivative", "미분"},
    {"local derivative", "국소 미분"},
    {"gradient", "그래디언트"},
    {"local gradient", "국소 그래디언트"},
    {"upstream gradient", "상류 그래디언트"},
    {"downstream gradient", "하류 그래디언트"},
    {"upstream", "상류"},
    {"downstream", "하류"},
    {"gradient descent", "경사 하강법"},
    {"gradient norm", "그래디언트 노름"},
    {"vanishing gradient", "그래디언트 소실"},
    {"loss function", "손실함수"},
    {"loss", "손실"},
    {"loss landscape", "손실 지형"},
    {"landscape", "손실 지형"},
    {"learning rate", "학습률"},
    {"learning", "학습"},
    {"minibatch", "미니배치"},
    {"batch", "미니배치"},
    {"activation function", "활성화 함수"},
    {"activation", "활성화"},
    {"weight", "가중치"},
    {"bias", "편향"},
    {"linear regression", "선형 회귀"},
    {"logistic regression", "로지스틱 회귀"},
    {"softmax", "소프트맥스"},
    {"multilayer perceptron", "다층 퍼셉트론"},
    {"MLP", "다층 퍼셉트론 (MLP)"},
    {"chain rule", "연쇄 법칙"},
    {"Kronecker product", "크로네커 곱"},

    // Data and training.
    {"sample", "샘플"},
    {"training set", "훈련 세트"},
    {"test set", "테스트 세트"},
    {"training", "훈련"},
    {"trainable variable", "훈련 가능한 변수"},
    {"variable", "변수"},
    {"data set", "데이터셋"},
    {"data", "데이터"},
    {"point", "점"},
    {"feature", "특성"},
    {"class", "클래스"},
    {"target", "타깃"},
    {"one-hot", "원-핫"},
    {"probability", "확률"},
    {"logit", "로짓"},
    {"model", "모델"},
    {"parameter", "파라미터"},
    {"hyperparameter", "하이퍼파라미터"},
    {"step", "스텝"},
    {"update", "갱신"},
    {"epoch", "에포크"},
    {"optimizer", "옵티마이저"},
    {"regularization", "정규화"},
    {"accuracy", "정확도"},
    {"decision boundary", "결정 경계"},
    {"boundary", "경계"},
    {"contour", "등고선"},
    {"path", "경로"},
    {"mean", "평균"},
    {"residual", "잔차"},
    {"least squares", "최소제곱"},

    // Losses.
    {"cross-entropy", "교차 엔트로피"},
    {"binary cross-entropy", "이진 교차 엔트로피"},
    {"categorical cross-entropy", "범주형 교차 엔트로피"},
    {"mean squared error", "평균 제곱 오차"},
    {"squared error", "제곱 오차"},

    // Networks and graphs.
    {"neural network", "신경망"},
    {"network", "네트워크"},
    {"layer", "층"},
    {"hidden layer", "은닉층"},
    {"dense layer", "밀집층"},
    {"unit", "유닛"},
    {"neuron", "뉴런"},
    {"input", "입력"},
    {"output", "출력"},
    {"sigmoid", "시그모이드"},
    {"computational graph", "계산 그래프"},
    {"graph", "그래프"},
    {"gate", "게이트"},
    {"add gate", "덧셈 게이트"},
    {"multiply gate", "곱셈 게이트"},
    {"max gate", "max 게이트"},
    {"wire", "연결선"},
    {"cache", "캐시"},
    {"op", "연산"},
    {"operand", "피연산자"},
    {"elementwise", "원소별"},

    // Linear algebra.
    {"matrix", "행렬"},
    {"vector", "벡터"},
    {"vector function", "벡터 함수"},
    {"affine function", "아핀 함수"},
    {"affine map", "아핀 사상"},
    {"row", "행"},
    {"column", "열"},
    {"entry", "성분"},
    {"diagonal", "대각"},
    {"diagonal matrix", "대각 행렬"},
    {"identity", "항등 행렬"},
    {"block", "블록"},
    {"shape", "형상"},
    {"flatten", "평탄화"},
    {"product", "곱"},
    {"sum", "합"},
    {"norm", "노름"},
    {"heatmap", "히트맵"},
});

// The page's tabs, buttons and panes as the Korean page names them, for texts that refer to them ("press
// Step", "the Landscape tab"). Same matching as kGlossary.
inline constexpr auto kUiNames = std::to_array<GlossaryTerm>({
    {"Play", "재생"},
    {"Matrices", "행렬"},
    {"Gradient check", "그래디언트 검사"},
    {"Backprop stepper", "역전파 단계 실행"},
    {"stepper", "단계 실행"},
    {"Scalar graph", "스칼라 그래프"},
    {"Paths", "경로"},
    {"Gradient norms", "그래디언트 노름"},
    {"Back one gate", "한 게이트 뒤로"},
    {"Show the answer", "정답 보기"},
    {"Next", "다음"},
    {"Previous", "이전"},
    {"Lessons", "레슨"},
    {"lesson", "레슨"},
    {"inspector", "인스펙터"},
    {"Jacobian inspector", "야코비안 인스펙터"},
    {"tab", "탭"},
    {"tooltip", "툴팁"},
    {"add distributes", "덧셈은 분배"},
    {"multiply swaps", "곱셈은 교환"},
    {"max routes", "max는 라우팅"},
});

}  // namespace pg
