// ui/strings.h: the words the page uses to say what really runs: correction badges, values that do not exist
// (n/a), why training cannot start, and whether a loss is the data loss or the objective. One table, so the
// panel, the views and the status say the same thing the same way (and a translation has one place to go).
// Messages about a correction itself come from state/resolve.cpp (the CLI prints the same ones).
#pragma once

#include <string_view>

namespace pg::text {

// A value computed over an empty set (no points, or no test points): there is no number to show.
inline constexpr std::string_view kNotAvailable = "n/a";

// The badge beside a corrected control: "uses <what runs>"; its tooltip starts with the heading.
inline constexpr std::string_view kBadgePrefix = "uses ";
inline constexpr std::string_view kBadgeHeading = "Corrected: the engine does not run this setting as shown.";
// A combo option that would be corrected: "<name> (runs <what runs>)", disabled, the reason in its tooltip.
inline constexpr std::string_view kOptionRunsPrefix = " (runs ";
inline constexpr std::string_view kOptionRunsSuffix = ")";

// Input features a 1-D set cannot use (its second coordinate is the target).
inline constexpr std::string_view kFeatureNotOnOneD =
    "Not available on 1-D data: the second coordinate is the target, so only x, x^2 and sin x apply.";

// The status panel.
inline constexpr std::string_view kRunsPrefix = "runs: ";
inline constexpr std::string_view kNoTrainingPoints =
    "No training points: Play, Step and Epoch have nothing to train on. Click the data view to add points, "
    "or pick a data set.";
inline constexpr std::string_view kNoTestPoints =
    "No test points (one point, or a split that leaves none): the test metrics are n/a.";
inline constexpr std::string_view kPlayDisabled = "Nothing to train: the data set has no training points.";

// The loss split when a regularizer is on (the chart and the losses above are data losses).
inline constexpr std::string_view kLoss = "loss";
inline constexpr std::string_view kDataLoss = "data loss";
inline constexpr std::string_view kPenalty = "penalty";
inline constexpr std::string_view kObjective = "objective";
inline constexpr std::string_view kChartAccuracy = "test accuracy (right axis)";
inline constexpr std::string_view kConfusionHeading = "test confusion (true x predicted)";
inline constexpr std::string_view kUserPoints = "points: %d of your own";
inline constexpr std::string_view kUserPointsTip = "A user set: click the data view to add points, or open a CSV.";

}  // namespace pg::text
