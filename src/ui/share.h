// ui/share.h: the Share dialog: copy the link at the current step or at step 0, with the controls ticked to be
// hidden for a class (the link's `hide` key; this page keeps its own controls), or an <iframe> snippet for a
// course page that shows only the views ticked (the link's `embed` key).
#pragma once

#include "ui/app.h"

#include <string>

namespace pg {

// Takes the app; returns the link the Share dialog copies (no page address): app.params at the chosen step
// (app.share.at_step_zero), with app.share.hide as its hidden controls.
std::string share_link(const AppState& app);
// The <iframe> snippet the dialog copies: `page_url` + the link above with `embed` = app.share.embed (and the
// inspector open when it is one of the views), app.share.embed_w x embed_h CSS px, no border.
std::string share_embed_snippet(const AppState& app);
// Opens the dialog, its ticks starting from the controls this page hides.
void share_open(AppState& app);
// The dialog, when open (one window; call every frame).
void draw_share(AppState& app);

}  // namespace pg
