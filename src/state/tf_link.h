// state/tf_link.h: TensorFlow Playground links (playground.tensorflow.org/#activation=tanh&...), read into this
// playground's link vocabulary so that url_codec.cpp's one Decoder applies the field table's ranges to them.
// Internal to src/state: decode_params (url_codec.h) is the public entry point. Std only.
//
// The mapping, each inexact part of which adds one warning starting with kTfLinkPrefix:
//   model=mlp, init=uniform (TF: U(-0.5, 0.5), biases 0.1), opt=sgd, act from activation, layers from networkShape
//   classification: data from dataset, n=500, out=tanh + loss=mse (TF's -1/+1 labels and square loss)
//   regression:     data from regDataset (reg-plane -> plane, reg-gauss -> multigauss), n=1200, out=linear + mse
//   lr   = learningRate / 2   TF's loss is 1/2 (yhat - y)^2, ours (yhat - y)^2 has twice the gradient
//   rate = 2 regularizationRate   so that with the halved lr each step decays the weights as TF's does
//   noise = noise / 100, split = percTrainData / 100, features from x, y, xTimesY, xSquared, ySquared, sinX, sinY
//   dseed = iseed = FNV-1a(seed)   the random numbers differ from TF's anyway
//   showtest from showTestData; hide from the <control>_hide=true keys
// Not available (noted, ignored): cosX, cosY, discretize, initZero, collectStats, tutorial. Keys TF does not
// know, and junk values, warn and keep TF's default, as in this playground's own links. Every warning quotes TF's
// key and the value the link had; a translated value the Decoder clamps says what it became here as well.
#pragma once

#include "state/link_text.h"

#include <cstdint>
#include <string_view>

namespace pg {

inline constexpr std::string_view kTfLinkPrefix = "TensorFlow Playground link: ";

// True for a playground.tensorflow.org URL, or a fragment without a "v" key that has a key only TensorFlow
// Playground links use (networkShape, learningRate, ..., or any key ending in "_hide"). Linear in the text.
bool is_tf_playground_link(std::string_view text);

// A TensorFlow Playground link (whole URL or fragment) as this playground's key/value pairs, e.g. {"lr",
// "0.015"}, for url_codec.cpp's Decoder. Adds a warning per unknown key, junk value and inexact mapping.
link_text::Pairs tf_link_pairs(std::string_view text, link_text::Warnings& warn);

// FNV-1a, 32 bits: TF's string seed -> this playground's numeric seeds.
uint32_t fnv1a_32(std::string_view text);

}  // namespace pg
