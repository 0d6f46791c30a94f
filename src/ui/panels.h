// ui/panels.h: the hyperparameter panel and the training controls. One function per window.
#pragma once

#include "ui/app.h"

#include <string_view>

namespace pg {

void draw_controls(AppState& app);  // play/pause, step, epoch, reset, speed, copy link (the top bar)
void draw_params(AppState& app);    // every Params field, grouped the way a learner thinks

// Fields a running trainer can take without a new network (learning rate, optimizer constants, batch,
// regularization). Everything else needs a rebuild, which resets training to step 0.
bool needs_rebuild(const Params& before, const Params& after);

// Classroom mode: a link can hide controls ("hide=lr,opt"); the values still apply, only the widget is gone.
bool shown(const AppState& app, std::string_view control);

// Control actions shared by buttons and keyboard shortcuts.
void action_toggle_play(AppState& app);
void action_step(AppState& app);
void action_epoch(AppState& app);
void action_reset(AppState& app);
void action_copy_link(AppState& app);
void action_undo(AppState& app);  // Ctrl+Z: back to the state before the last change (a toast says which step)
void action_redo(AppState& app);  // Ctrl+Shift+Z or Ctrl+Y

}  // namespace pg
