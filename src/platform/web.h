// platform/web.h: the browser platform layer of the page. It owns the GLFW window and its WebGL2 context,
// initialises Dear ImGui (GLFW + OpenGL3 backends) in device pixels, runs the browser's main loop, and moves
// strings between the app and the page: location.hash, the clipboard, and the JS API (`window.playground`,
// backed by the extern "C" functions in web.cpp). This header has no Emscripten types; web.cpp is the only
// file of the project with #ifdef __EMSCRIPTEN__, emscripten includes or EM_JS.
#pragma once

#include "content/i18n.h"
#include "ui/app.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

struct GLFWwindow;

namespace pg {

struct Platform;
using FrameFn = void (*)(Platform&, AppState&);

struct Platform {
  GLFWwindow* window = nullptr;
  AppState* app = nullptr;     // the app main owns; the exported functions reach it through this
  FrameFn frame = nullptr;     // main's per-frame function, called by the browser's main loop
  float dpr = 1.0f;            // device pixel ratio the style and the font were built for
  float text_px = 0;           // ... the text size they were built for (CSS pixels)
  bool dark = false;           // ... and the theme
  DisplaySettings saved;       // the text size and theme in the browser's storage
  std::string clipboard;       // last text ImGui copied or the page pasted (ImGui reads it back on Ctrl+V)
  std::string reply;           // last string handed to JS: valid until the next exported call
  double last_hash_write = -1; // seconds (glfwGetTime) of the last history.replaceState
  bool first_frame_done = false;
  // WebGL context loss (a GPU reset, WEBGL_lose_context, a mobile tab in the background): no frame runs while
  // lost; every GL object is created again after the browser restores the context.
  bool context_lost = false;
  bool context_restored = false;  // restored, and the page says so once the next frame is drawn
  uint64_t frames = 0;            // frames drawn (the JS API's getGraphics, for tests)
  // The last frame's draw data (ImDrawData): vertices, indices and draw commands the GPU was given (getGraphics).
  int draw_vertices = 0, draw_indices = 0, draw_commands = 0;
  int context_losses = 0;
  // Languages: the browser's (navigator.language), and each language's font subset and table file, fetched from
  // the page's own origin when that language is first shown (state: 0 not asked, 1 fetching, 2 loaded, 3 failed).
  std::string browser_language;
  std::array<std::vector<unsigned char>, kLanguageList.size()> language_font;
  std::array<int, kLanguageList.size()> language_font_state{}, language_table_state{};
  std::array<std::string, kLanguageList.size()> language_error;  // why its font or table could not be loaded, until said
  size_t font_language = 0;     // the language whose font is in the atlas (0: the built-in font only)
  // An idle page draws nothing: when nothing moves (see web.cpp, go_idle), the browser's main loop is paused
  // until an input, an API call, a resize, a hash change, a context restore or a timer the page set wakes it.
  bool idle = false;              // the main loop is paused
  bool woke = false;              // the next frame is the first after a pause (its interval is not measured)
  double frame_start = 0;         // ms (emscripten_get_now) when the last frame began
  double awake_until = 0;         // ms: after a wake the page draws at least until then (ImGui settles)...
  uint64_t awake_frames = 0;      // ... and at least until `frames` reaches this
  uint64_t draw_hash = 0;         // the last frame's draw data, hashed
  int same_frames = 0;            // frames in a row that drew the same
  long wake_timer = 0;            // a timer that wakes the page (a toast's end, a throttled hash write); 0: none
  uint64_t idles = 0, wakes = 0;  // how often the page stopped drawing, and started again
};

// Creates the window (canvas #canvas sized to its CSS box x devicePixelRatio), the WebGL2 context and the
// ImGui context; installs the clipboard hooks. False (with a message on stderr) on failure.
bool platform_init(Platform& platform, AppState& app);
// The link the page was opened with: location.hash without its '#'.
std::string platform_initial_link();
// Runs `frame` once per browser animation frame. In the browser it never returns: the locals of main stay alive.
void platform_run(Platform& platform, FrameFn frame);
// After a frame is drawn: writes location.hash when app.url_dirty (at most 5 times a second), hands
// app.clipboard_request to the system clipboard, and tells the page the first frame is on screen.
void platform_end_frame(Platform& platform);
void platform_shutdown(Platform& platform);

}  // namespace pg
