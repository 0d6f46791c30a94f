// ui/rects.h: naming the last ImGui item's rectangle for getUiRects, the browser tests and the PNG export.
#pragma once

#include "ui/app.h"

#include <imgui.h>

#include <string>

namespace pg {

// Records the last item's screen rectangle (device pixels) under `name` for this frame. Not on the frame its
// window appears: an auto-sized window (a popup, the notice) is laid out hidden then, at a provisional place.
inline void remember_item(AppState& app, const char* name) {
  if (ImGui::IsWindowAppearing()) return;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  app.widget_rects[name] = {a.x, a.y, b.x, b.y};
}

// The same on every frame, its window appearing or not: for windows placed by the layout (tiles, the Share
// dialog), whose first frame is already where it stays.
inline void remember_always(AppState& app, const std::string& name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  app.widget_rects[name] = {a.x, a.y, b.x, b.y};
}

}  // namespace pg
