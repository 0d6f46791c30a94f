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
    "No training points: Play, Step and Epoch have nothing to train on. Turn on Add points and click the data view, "
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
inline constexpr std::string_view kUserPointsTip = "A user set: turn on Add points and click the data view, or open a CSV.";

// Undo and redo (the control bar, Ctrl+Z / Ctrl+Shift+Z).
inline constexpr std::string_view kUndo = "Undo";
inline constexpr std::string_view kRedo = "Redo";
inline constexpr std::string_view kUndoTip = "Back to the state before the last change of settings, points or Reset (Ctrl+Z).\n"
                                             "A run that the change reset comes back by replaying its steps: the same weights, bit for bit.";
inline constexpr std::string_view kRedoTip = "Forward again to the state Undo left (Ctrl+Shift+Z or Ctrl+Y)";
inline constexpr std::string_view kUndone = "Undone: settings and run as they were at step ";
inline constexpr std::string_view kRedone = "Redone: settings and run as they were at step ";
inline constexpr std::string_view kNothingToUndo = "Nothing to undo";
inline constexpr std::string_view kNothingToRedo = "Nothing to redo";
// Changes that restart training say so, and how to take them back.
inline constexpr std::string_view kNewNetwork = "New network: training restarts at step 0 (Ctrl+Z undoes)";
inline constexpr std::string_view kResetFrom = "Reset to step 0 from step ";
inline constexpr std::string_view kUndoHint = " (Ctrl+Z undoes)";

// The "Add points" tool beside the data view.
inline constexpr std::string_view kAddPoints = "Add points";
inline constexpr std::string_view kAddPointsTip =
    "While on, a click on the data view adds a point of the class (or target) beside it.\n"
    "The data changes, so training restarts at step 0; Ctrl+Z takes the point back.";
inline constexpr std::string_view kAddClass = "class";
inline constexpr std::string_view kAddClassTip = "Class of the points you add (one more than the current classes makes a new class)";
inline constexpr std::string_view kAddTarget = "target";
inline constexpr std::string_view kAddTargetTip = "Target value of the points you add";
inline constexpr std::string_view kPointAdded = "Point added: the data changed, so training restarts at step 0";
inline constexpr std::string_view kPointAddedUserSet = "Point added: the data is now your own set of points (it travels in the link)";
inline constexpr std::string_view kHoverAddPoint = "click to add a point";
inline constexpr std::string_view kHoverAddPointsOff = "turn on Add points to add points here";

// The Share dialog.
inline constexpr std::string_view kShareButton = "Share";

// Lessons: the menu, the pane and the outline of what a lesson points at.
inline constexpr std::string_view kLessonsButton = "Lessons";
inline constexpr std::string_view kLessonsTip = "The course inside the playground: one idea per lesson, with a link, where to look and a question";
inline constexpr std::string_view kLessonsMenuHeading = "Lessons, in course order (• done):";
inline constexpr std::string_view kLessonHeading = "Lesson %s · %s";
inline constexpr std::string_view kLessonLook = "Look here: ";
inline constexpr std::string_view kLessonQuestion = "Question: ";
inline constexpr std::string_view kLessonShowAnswer = "Show the answer";
inline constexpr std::string_view kLessonAnswer = "Answer: ";
inline constexpr std::string_view kLessonPrevious = "Previous";
inline constexpr std::string_view kLessonNext = "Next";
inline constexpr std::string_view kLessonReopen = "Reopen";
inline constexpr std::string_view kLessonReopenTip = "Open this lesson's link again (its settings and step)";
inline constexpr std::string_view kLessonClose = "Close";
inline constexpr std::string_view kLessonCount = "%d of %d";
inline constexpr std::string_view kLessonPaneTitle = "Lesson";

// The title strip: the product's name and what it does, in one sentence (the short form on a phone).
inline constexpr std::string_view kProductName = "Backprop Playground";
inline constexpr std::string_view kTagline =
    "Train a neural network in your browser and watch backpropagation: every Jacobian of the backward pass, "
    "as numbers and heatmaps.";
inline constexpr std::string_view kTaglineShort = "See backpropagation, Jacobian by Jacobian.";
inline constexpr std::string_view kShareButtonTip = "Copy a link at this step or at step 0, with controls hidden for a class";
inline constexpr std::string_view kShareTitle = "Share";
inline constexpr std::string_view kShareAtStep = "at the current step: the link replays the run to step %llu";
inline constexpr std::string_view kShareAtZero = "at step 0: the settings only, to train from the start";
inline constexpr std::string_view kShareHideHeading = "Hide these controls for a class (the page that opens the link):";
inline constexpr std::string_view kShareHideNote = "Hidden controls keep their values; only the widget is gone.";
inline constexpr std::string_view kShareCopy = "Copy link";
inline constexpr std::string_view kShareCopied = "Link copied";
inline constexpr std::string_view kShareClose = "Close";
inline constexpr std::string_view kShareNone = "none";
inline constexpr std::string_view kShareAll = "all";
inline constexpr std::string_view kShareEmbedHeading =
    "Embed in a course page: an <iframe> that shows only these views (the link's embed key):";
inline constexpr std::string_view kShareEmbedSize = "size (CSS px)";
inline constexpr std::string_view kShareEmbedCopy = "Copy embed code";
inline constexpr std::string_view kShareEmbedCopied = "Embed code copied";
inline constexpr std::string_view kShareEmbedTitle = "Backprop Playground";  // the iframe's title (screen readers)

// The learning rate: TensorFlow Playground's list of values, or any typed value in the link's range.
inline constexpr std::string_view kLearningRate = "learning rate";
inline constexpr std::string_view kLearningRateTip = "eta: w <- w - eta dL/dw (applies live). Pick a standard value or type one.";
inline constexpr std::string_view kLearningRateTyped = "typed value";

// The speed control (a page setting, not in the link) and the frame budget it caps.
inline constexpr std::string_view kSpeedTip =
    "Speed: at most this many minibatch steps per displayed frame. Fewer run when they would not fit in the time the "
    "frame leaves for training (measured: what the display's rate leaves after drawing), so the page keeps drawing "
    "smoothly on any network. The steps are the same however many a frame takes: the run and its link do not change.";
// The inspector's title while live matrices lag the run: "Jacobian inspector  ·  live, of step 1200".
inline constexpr std::string_view kInspectorLagPrefix = "  ·  live, of step ";
inline constexpr std::string_view kInspectorLiveTip =
    "Follow training: recomputed up to 4 times a second, less often for a large matrix, whose time comes out of the "
    "frame's time for training (the title then says which step it shows); or freeze on this step";

}  // namespace pg::text
