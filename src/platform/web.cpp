// platform/web.cpp: the browser platform layer (Emscripten 3.1.6 GLFW + WebGL2 + Dear ImGui 1.90.1).
// The only file with #ifdef __EMSCRIPTEN__, emscripten includes and EM_JS. It moves strings and events between
// the page and the app; it parses nothing itself (links go to pg::app_apply_link, which never fails).
//
// HiDPI: Emscripten's GLFW has no content scale: window size == framebuffer size == canvas.width/height, and
// mouse positions arrive in backing pixels. So the backing store is the canvas' CSS size x devicePixelRatio,
// and ImGui runs in device pixels: the style scaled by dpr x text size / 15, the UI font rasterised at
// round(text size x dpr) px (ui/style.cpp), rebuilt when either changes. The reader's text size and theme live in
// localStorage (they are the reader's, not the run's: not in the link); "system" follows prefers-color-scheme.
// The size is checked before every frame. Resizing goes through Module.setCanvasSize, which updates the canvas
// *and* GLFW. Not glfwSetWindowSize: it requests fullscreen when the size equals the screen's. Not
// ImGui_ImplGlfw_InstallEmscriptenCanvasResizeCallback: it uses glfwSetWindowSize and ignores devicePixelRatio.
//
// Clipboard: Emscripten 3.1.6's glfwGet/SetClipboardString are stubs, so ImGui's clipboard hooks point here:
// copies go to navigator.clipboard, pastes arrive through the page's `paste` event (pg_on_paste).
//
// Wheel: ImGui's GLFW backend listens for the wheel on the document and calls preventDefault there, which
// Chrome ignores with a console error per event (document-level wheel listeners are passive). The same
// handler is installed on the canvas instead (on_wheel).
//
// An idle page: while nothing moves (paused, no input, the views caught up: pg::app_needs_frames, and the
// last frames drew the same draw data), the browser's main loop is paused, so an open tab costs no CPU. Input,
// a resize, a devicePixelRatio or colour-scheme change, a hash change, any JS API call (web/glue.js calls
// pg_wake for each), a context restore or a timer the page set (a toast's end, a throttled hash write) resume
// it; it then draws at least kAwakeMs and kAwakeFrames (ImGui needs a few frames to settle after an input).
//
// The frame budget: each frame's interval and main-thread cost go to the app (pg::FrameBudget), which gives
// training what the display's interval leaves (ui/frame.cpp).
//
// WebGL context loss: the page stops drawing and training, writes the link, and shows an HTML message
// (web/glue.js) with Reload; on restore, ImGui's device objects, its font texture, the heatmap program and
// textures and the view textures are created again on the next frame (ui's app_forget_gl).
#include "platform/web.h"

#include "ui/learn_views.h"
#include "ui/lessons.h"
#include "ui/drawn_text.h"
#include "ui/i18n.h"
#include "ui/style.h"

#ifndef __EMSCRIPTEN__
#error "platform/web.cpp is the browser platform layer; build it with Emscripten (cmake --preset web)"
#endif

#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

// The one global: Emscripten's callbacks and the exported functions below have no user pointer of ours, so they
// reach main's Platform (and through it main's AppState) through this. Set in platform_init, never changed.
pg::Platform* g_platform = nullptr;

constexpr double kHashWriteInterval = 0.2;  // seconds; browsers throttle frequent history.replaceState calls
constexpr double kAwakeMs = 500;            // after a wake the page draws at least this long (ms)...
constexpr uint64_t kAwakeFrames = 6;        // ... and this many frames (a click needs the hover of the frame before)
constexpr int kSameFrames = 3;              // frames in a row drawing the same before the page stops drawing

// --- JS side ---------------------------------------------------------------------------------------------------

EM_JS(void, js_set_canvas_size, (int w, int h), { Module.setCanvasSize(w, h); });

// location.hash without '#', as malloc'd UTF-8 (the caller frees it).
EM_JS(char*, js_location_hash, (), {
  const h = location.hash.substring(1);
  const n = lengthBytesUTF8(h) + 1;
  const p = _malloc(n);
  stringToUTF8(h, p, n);
  return p;
});

// The page's address without the fragment (for the app's "Copy link"), as malloc'd UTF-8.
EM_JS(char*, js_page_url, (), {
  const u = location.href.split("#")[0];
  const n = lengthBytesUTF8(u) + 1;
  const p = _malloc(n);
  stringToUTF8(u, p, n);
  return p;
});

// replaceState does not fire `hashchange` (no feedback loop) and adds no history entry per edit. An address
// the user set since the page's last write has its `hashchange` on the way (glue.js acknowledges it in
// Module.pgWrittenHash when it hands it over): a throttled write of the state before must not overwrite it.
EM_JS(void, js_replace_hash, (const char* link), {
  const h = "#" + UTF8ToString(link);
  if (Module.pgWrittenHash !== undefined && location.hash !== Module.pgWrittenHash && location.hash !== h) return;
  Module.pgWrittenHash = h;
  if (location.hash !== h) history.replaceState(history.state, "", h);
});

EM_JS(void, js_clipboard_write, (const char* text), {
  const t = UTF8ToString(text);
  if (navigator.clipboard) navigator.clipboard.writeText(t).catch((e) => console.warn("clipboard: " + e));
});

// Saves text as a file: a Blob behind a temporary <a download> (no request leaves the page).
EM_JS(void, js_download_text, (const char* name, const char* mime, const char* text), {
  const blob = new Blob([UTF8ToString(text)], { type: UTF8ToString(mime) });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

// Saves w x h RGBA pixels (top row first) as a PNG, encoded by the browser through a 2-D canvas.
EM_JS(void, js_download_png, (const char* name, const unsigned char* rgba, int w, int h), {
  const c = document.createElement("canvas");
  c.width = w;
  c.height = h;
  const img = new ImageData(new Uint8ClampedArray(HEAPU8.subarray(rgba, rgba + w * h * 4)), w, h);
  c.getContext("2d").putImageData(img, 0, 0);
  const file = UTF8ToString(name);
  c.toBlob((blob) => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }, "image/png");
});

// web/glue.js resolves `window.playground.ready` and hides the loading message.
EM_JS(void, js_first_frame, (), { if (Module.onFirstFrame) Module.onFirstFrame(); });

// web/glue.js shows (lost) or hides (restored) the "graphics were reset" message.
EM_JS(void, js_graphics_lost, (), { if (Module.onGraphicsLost) Module.onGraphicsLost(); });
EM_JS(void, js_graphics_restored, (), { if (Module.onGraphicsRestored) Module.onGraphicsRestored(); });

// The reader's display settings in localStorage (which may be unavailable: then nothing is remembered).
EM_JS(double, js_load_text_px, (), {
  try { return Number(localStorage.getItem("backprop-playground.text-px")) || 0; } catch (e) { return 0; }
});
EM_JS(int, js_load_theme, (), {
  try { return ["system", "light", "dark"].indexOf(localStorage.getItem("backprop-playground.theme")); } catch (e) { return -1; }
});
EM_JS(void, js_save_display, (double text_px, const char* theme), {
  try {
    localStorage.setItem("backprop-playground.text-px", String(text_px));
    localStorage.setItem("backprop-playground.theme", UTF8ToString(theme));
  } catch (e) {}
});
// The lessons the learner has done (ids, comma-separated), kept in localStorage like the display settings.
EM_JS(char*, js_load_lessons_done, (), {
  let s = "";
  try { s = localStorage.getItem("backprop-playground.lessons-done") || ""; } catch (e) {}
  const n = lengthBytesUTF8(s) + 1;
  const p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
EM_JS(void, js_save_lessons_done, (const char* ids), {
  try { localStorage.setItem("backprop-playground.lessons-done", UTF8ToString(ids)); } catch (e) {}
});
// The browser's language ("ko-KR", "en-US"), for a link without `lang`.
EM_JS(char*, js_browser_language, (), {
  const s = (navigator.languages && navigator.languages[0]) || navigator.language || "en";
  const n = lengthBytesUTF8(s) + 1;
  const p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
// Fetches a language's file from the page's own origin (kind 0: its font subset, 1: its table file); hands its
// bytes to pg_language_file_loaded (0 bytes: the fetch failed).
EM_JS(void, js_fetch_language_file, (const char* url, int lang, int kind), {
  fetch(UTF8ToString(url)).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error("HTTP " + r.status))))
    .then((buf) => {
      const bytes = new Uint8Array(buf);
      const p = _malloc(Math.max(1, bytes.length));
      HEAPU8.set(bytes, p);
      Module._pg_language_file_loaded(lang, kind, p, bytes.length);
    })
    .catch(() => Module._pg_language_file_loaded(lang, kind, 0, 0));
});
// prefers-color-scheme: dark, read every frame (the query object is made once; .matches follows the system).
EM_JS(int, js_prefers_dark, (), {
  if (!Module.darkQuery) Module.darkQuery = window.matchMedia ? matchMedia("(prefers-color-scheme: dark)") : { matches: false };
  return Module.darkQuery.matches ? 1 : 0;
});

std::string take_js_string(char* s) {
  std::string out = s ? s : "";
  std::free(s);
  return out;
}

// --- HiDPI -------------------------------------------------------------------------------------------------------

// Style and font for the device pixel ratio, the reader's text size and the theme. Between frames only (the font
// atlas is rebuilt when the ratio or the text size changed). Also remembers a changed text size or theme.
// The language to show: the link's `lang`, else the browser's. A language other than English shows once its font
// and its table file are here (English until then; English, with a toast, if one cannot be loaded). Returns the
// font to merge.
size_t sync_language(pg::Platform& p) {
  pg::AppState& app = *p.app;
  const size_t n = pg::kLanguageList.size();
  size_t want = 0;
  if (app.params.language > 0) want = size_t(app.params.language - 1);
  else if (const size_t b = pg::language_of(std::string_view(p.browser_language).substr(0, 2)); b < n) want = b;
  if (want >= n) want = 0;
  const pg::Language& l = pg::kLanguageList[want];
  if (want > 0) {
    for (int kind = 0; kind < 2; ++kind) {
      int& state = kind == 0 ? p.language_font_state[want] : p.language_table_state[want];
      if (state != 0) continue;
      state = 1;
      js_fetch_language_file(std::string(kind == 0 ? l.font_file : l.table_file).c_str(), int(want), kind);
    }
    const bool failed = p.language_font_state[want] == 3 || p.language_table_state[want] == 3;
    if (failed && app.params.language > 0 && !p.language_error[want].empty()) {  // asked for, and it is not there
      app.toast = "Could not load " + std::string(l.english) + ". " + p.language_error[want] + " The page stays in English.";
      app.toast_until = ImGui::GetTime() + 6;
      p.language_error[want].clear();  // said once
    }
    if (p.language_font_state[want] != 2 || p.language_table_state[want] != 2) want = 0;
  }
  pg::set_language(want);
  return want;
}

void sync_display(pg::Platform& p, float dpr) {
  pg::AppState& app = *p.app;
  pg::DisplaySettings& d = app.display;
  const size_t font_language = sync_language(p);
  d.system_dark = js_prefers_dark() != 0;
  d.text_px = std::clamp(std::round(d.text_px), pg::kMinTextPx, pg::kMaxTextPx);
  if (d.text_px != p.saved.text_px || d.theme != p.saved.theme) {
    js_save_display(d.text_px, std::string(pg::theme_choice_name(d.theme)).c_str());
    p.saved = d;
  }
  const bool fonts = dpr != p.dpr || d.text_px != p.text_px || font_language != p.font_language;
  if (!fonts && d.dark() == p.dark) return;
  const float scale = dpr * d.text_px / pg::kDefaultTextPx;
  pg::apply_style(pg::theme_for(d), scale);
  if (fonts) {
    pg::ExtraFont extra;
    if (font_language > 0) {
      const std::vector<unsigned char>& bytes = p.language_font[font_language];
      extra = {bytes.data(), int(bytes.size()), pg::language_font_ranges(pg::kLanguageList[font_language].code)};
    }
    pg::build_fonts(std::round(d.text_px * dpr), extra);
    p.font_language = font_language;
    if (p.first_frame_done) {  // before the first frame the backend builds the texture itself
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
  }
  p.dpr = dpr;
  p.text_px = d.text_px;
  p.dark = d.dark();
  app.dpr = scale;
}

// Backing store = CSS size x devicePixelRatio; rescales ImGui when the ratio changed (browser zoom, dpr change).
void fit_canvas(pg::Platform& p) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  const int w = std::max(1L, std::lround(css_w * dpr)), h = std::max(1L, std::lround(css_h * dpr));
  int cur_w = 0, cur_h = 0;
  if (p.window) glfwGetWindowSize(p.window, &cur_w, &cur_h);
  if (w != cur_w || h != cur_h) js_set_canvas_size(w, h);
  sync_display(p, dpr);
}

// --- ImGui clipboard hooks ---------------------------------------------------------------------------------------

void set_clipboard(void* user, const char* text) {
  auto& p = *static_cast<pg::Platform*>(user);
  p.clipboard = text;
  js_clipboard_write(text);
}

const char* get_clipboard(void* user) { return static_cast<pg::Platform*>(user)->clipboard.c_str(); }

// ImGui_ImplEmscripten_WheelCallback of imgui_impl_glfw.cpp (1.90.1), registered on the canvas rather than the
// document: a non-passive listener, so its preventDefault (no page scroll or zoom) is allowed.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* ev, void*) {
  float multiplier = 0.0f;
  if (ev->deltaMode == DOM_DELTA_PIXEL) multiplier = 1.0f / 100.0f;      // 100 pixels make up a step
  else if (ev->deltaMode == DOM_DELTA_LINE) multiplier = 1.0f / 3.0f;    // 3 lines make up a step
  else if (ev->deltaMode == DOM_DELTA_PAGE) multiplier = 80.0f;          // a page makes up 80 steps
  ImGui::GetIO().AddMouseWheelEvent(float(ev->deltaX) * -multiplier, float(ev->deltaY) * -multiplier);
  return EM_TRUE;
}

// --- The idle page ------------------------------------------------------------------------------------------------

// The draw data of the frame just rendered (vertices, indices, commands, the display size), hashed: frames in a
// row that hash the same draw the same picture (an animation, a tooltip coming up, a window settling its size
// all change it).
uint64_t draw_data_hash() {
  const ImDrawData* dd = ImGui::GetDrawData();
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const void* data, size_t bytes) {
    const auto* c = static_cast<const unsigned char*>(data);
    size_t i = 0;
    for (uint64_t w = 0; i + 8 <= bytes; i += 8) {  // a word at a time: a frame has a few hundred kB
      std::memcpy(&w, c + i, 8);
      h = (h ^ w) * 1099511628211ull;
    }
    for (; i < bytes; ++i) h = (h ^ c[i]) * 1099511628211ull;
  };
  if (!dd || !dd->Valid) return 0;
  mix(&dd->DisplaySize, sizeof dd->DisplaySize);
  for (int n = 0; n < dd->CmdListsCount; ++n) {
    const ImDrawList* list = dd->CmdLists[n];
    mix(list->VtxBuffer.Data, size_t(list->VtxBuffer.Size) * sizeof(ImDrawVert));
    mix(list->IdxBuffer.Data, size_t(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      const uint64_t fields[] = {uint64_t(reinterpret_cast<uintptr_t>(cmd.TextureId)), cmd.VtxOffset, cmd.IdxOffset,
                                 cmd.ElemCount};
      mix(fields, sizeof fields);
      mix(&cmd.ClipRect, sizeof cmd.ClipRect);
    }
  }
  return h;
}

void wake(pg::Platform& p);
void on_wake_timer(void* user) {
  auto& p = *static_cast<pg::Platform*>(user);
  p.wake_timer = 0;
  wake(p);
}

// Draws again: resumes the main loop when it was paused, and keeps it running at least kAwakeMs and kAwakeFrames.
void wake(pg::Platform& p) {
  p.awake_until = std::max(p.awake_until, emscripten_get_now() + kAwakeMs);
  p.awake_frames = std::max(p.awake_frames, p.frames + kAwakeFrames);
  p.same_frames = 0;
  if (!p.idle) return;
  if (p.wake_timer) emscripten_clear_timeout(p.wake_timer);
  p.wake_timer = 0;
  p.idle = false;
  p.woke = true;
  ++p.wakes;
  emscripten_resume_main_loop();
}

// Stops drawing: pauses the browser's main loop (from within a frame, or between frames).
void go_idle(pg::Platform& p) {
  if (p.idle) return;
  emscripten_pause_main_loop();
  p.idle = true;
  ++p.idles;
}

// After a frame: stops drawing when nothing will change without an input (nothing trains or catches up, the
// page has been awake long enough since the last wake, and the last kSameFrames frames drew the same), with a
// timer for what the page must do later (a toast's end, the address's throttled write).
void idle_if_still(pg::Platform& p) {
  pg::AppState& app = *p.app;
  double wake_in = HUGE_VAL;  // seconds
  if (pg::app_needs_frames(app, &wake_in)) {
    p.same_frames = 0;
    return;
  }
  if (p.frames < p.awake_frames || emscripten_get_now() < p.awake_until) {  // awake anyway: no need to compare
    p.same_frames = 0;
    return;
  }
  const uint64_t h = draw_data_hash();  // a huge network's links are millions of vertices: only when it may stop
  p.same_frames = h == p.draw_hash ? p.same_frames + 1 : 0;
  p.draw_hash = h;
  if (p.same_frames < kSameFrames) return;
  if (app.url_dirty) wake_in = std::min(wake_in, std::max(0.0, p.last_hash_write + kHashWriteInterval - glfwGetTime()));
  go_idle(p);
  if (wake_in < HUGE_VAL) p.wake_timer = emscripten_set_timeout(on_wake_timer, wake_in * 1000 + 1, &p);
}

// The browser took the WebGL context away. Every GL object went with it: deleting them now does nothing in
// WebGL (the context is lost) but empties Emscripten's tables, so each is created anew after the restore.
EM_BOOL on_context_lost(int, const void*, void* user) {
  auto& p = *static_cast<pg::Platform*>(user);
  if (p.context_lost) return EM_TRUE;
  p.context_lost = true;
  p.context_restored = false;
  ++p.context_losses;
  pg::AppState& app = *p.app;
  app.playing = false;  // nothing trains unseen
  ImGui_ImplOpenGL3_DestroyDeviceObjects();  // shader, buffers and font texture: made again by NewFrame
  pg::app_forget_gl(app);
  js_replace_hash(pg::app_link(app).c_str());  // the state is in the link now, for Reload
  app.url_dirty = false;
  p.last_hash_write = glfwGetTime();
  js_graphics_lost();
  return EM_TRUE;  // preventDefault: the page can use a restored context (else the browser never restores it)
}

EM_BOOL on_context_restored(int, const void*, void* user) {
  auto& p = *static_cast<pg::Platform*>(user);
  p.context_lost = false;
  p.context_restored = true;  // the message goes once a frame is drawn again
  wake(p);
  return EM_TRUE;
}

void main_loop_step(void* arg) {
  auto& p = *static_cast<pg::Platform*>(arg);
  if (p.context_lost) {  // nothing can be drawn; training waits too (it is paused). The restore wakes the page.
    go_idle(p);
    return;
  }
  pg::FrameBudget& b = p.app->budget;
  const double start = emscripten_get_now();
  b.interval = p.woke || p.frame_start <= 0 ? 0 : (start - p.frame_start) / 1000;
  p.woke = false;
  p.frame_start = start;
  // Checked every frame rather than on `resize`: a devicePixelRatio change alone (a window moved to another
  // monitor) fires no resize event. Two cheap reads when nothing changed.
  fit_canvas(p);
  p.frame(p, *p.app);
  b.cost = (emscripten_get_now() - start) / 1000;  // the next frame's budget follows from it
  if (const ImDrawData* dd = ImGui::GetDrawData(); dd && dd->Valid) {
    p.draw_vertices = dd->TotalVtxCount;
    p.draw_indices = dd->TotalIdxCount;
    p.draw_commands = 0;
    for (int n = 0; n < dd->CmdListsCount; ++n) p.draw_commands += dd->CmdLists[n]->CmdBuffer.Size;
  }
  idle_if_still(p);
}

}  // namespace

namespace pg {

bool platform_init(Platform& p, AppState& app) {
  g_platform = &p;
  p.app = &app;
  app.page_url = take_js_string(js_page_url());
  if (!glfwInit()) {
    std::fprintf(stderr, "platform: glfwInit failed\n");
    return false;
  }
  // The WebGL version comes from the link flags (-sMIN_WEBGL_VERSION=2); these hints pick the context
  // attributes: opaque, no depth, stencil or multisampling (ImGui needs none of them).
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  glfwWindowHint(GLFW_SAMPLES, 0);
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double dpr = emscripten_get_device_pixel_ratio();
  const int w = std::max(1L, std::lround(css_w * dpr)), h = std::max(1L, std::lround(css_h * dpr));
  p.window = glfwCreateWindow(w, h, "Backprop Playground", nullptr, nullptr);
  if (!p.window) {
    std::fprintf(stderr, "platform: could not create a WebGL2 context\n");
    return false;
  }
  glfwMakeContextCurrent(p.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini: the layout is the app's, the state is the link
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplGlfw_InitForOpenGL(p.window, true);  // installs GLFW input callbacks (and the wheel handler)
  emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);  // see on_wheel
  emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  emscripten_set_webglcontextlost_callback("#canvas", &p, false, on_context_lost);
  emscripten_set_webglcontextrestored_callback("#canvas", &p, false, on_context_restored);
  io.SetClipboardTextFn = set_clipboard;  // after the GLFW backend, which installs its (stub) ones
  io.GetClipboardTextFn = get_clipboard;
  io.ClipboardUserData = &p;

  // The reader's text size and theme from the last visit (defaults when none, or storage is unavailable).
  const double text_px = js_load_text_px();
  if (text_px > 0) app.display.text_px = std::clamp(float(text_px), pg::kMinTextPx, pg::kMaxTextPx);
  if (const int theme = js_load_theme(); theme >= 0) app.display.theme = pg::ThemeChoice(theme);
  p.saved = app.display;
  app.lesson.done = take_js_string(js_load_lessons_done());
  p.browser_language = take_js_string(js_browser_language());
  p.dpr = 0;  // forces sync_display to build the style and the font
  fit_canvas(p);  // and again before every frame (main_loop_step)
  return true;
}

std::string platform_initial_link() { return take_js_string(js_location_hash()); }

void platform_run(Platform& p, FrameFn frame) {
  // simulate_infinite_loop = true: main's stack frame (and so its AppState and Platform) is never unwound
  // by a return; the browser calls main_loop_step once per animation frame from now on.
  p.frame = frame;
  p.awake_until = emscripten_get_now() + 2 * kAwakeMs;  // the first frames settle the layout and the fonts
  p.awake_frames = kAwakeFrames;
  emscripten_set_main_loop_arg(main_loop_step, &p, 0, true);
}

// Reads each requested region of the frame just drawn (GL rows run bottom-up, so they are flipped).
void save_png_requests(Platform& p) {
  AppState& app = *p.app;
  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(p.window, &fb_w, &fb_h);
  for (const PngRequest& r : app.io.png_requests) {
    const int x0 = std::clamp(int(std::floor(r.rect[0])), 0, fb_w), y0 = std::clamp(int(std::floor(r.rect[1])), 0, fb_h);
    const int x1 = std::clamp(int(std::ceil(r.rect[2])), 0, fb_w), y1 = std::clamp(int(std::ceil(r.rect[3])), 0, fb_h);
    const int w = x1 - x0, h = y1 - y0;
    if (w <= 0 || h <= 0) continue;
    std::vector<unsigned char> px(size_t(w) * size_t(h) * 4), flipped(px.size());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glReadPixels(x0, fb_h - y1, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    for (int row = 0; row < h; ++row)
      std::copy_n(px.data() + size_t(h - 1 - row) * size_t(w) * 4, size_t(w) * 4, flipped.data() + size_t(row) * size_t(w) * 4);
    js_download_png(r.name.c_str(), flipped.data(), w, h);
  }
  app.io.png_requests.clear();
}

void platform_end_frame(Platform& p) {
  AppState& app = *p.app;
  const double now = glfwGetTime();
  if (app.url_dirty && (p.last_hash_write < 0 || now - p.last_hash_write >= kHashWriteInterval)) {
    js_replace_hash(app_link(app).c_str());
    app.url_dirty = false;
    p.last_hash_write = now;
  }
  if (app.lesson.done_dirty) {
    js_save_lessons_done(app.lesson.done.c_str());
    app.lesson.done_dirty = false;
  }
  if (!app.clipboard_request.empty()) {
    p.clipboard = app.clipboard_request;  // ImGui's Ctrl+V gets it too
    js_clipboard_write(app.clipboard_request.c_str());
    app.clipboard_request.clear();
  }
  for (const Download& d : app.io.downloads) js_download_text(d.name.c_str(), d.mime.c_str(), d.text.c_str());
  app.io.downloads.clear();
  save_png_requests(p);
  ++p.frames;
  if (!p.first_frame_done) {
    p.first_frame_done = true;
    js_first_frame();
  }
  if (p.context_restored) {
    p.context_restored = false;
    js_graphics_restored();
  }
}

void platform_shutdown(Platform& p) {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(p.window);
  glfwTerminate();
  p.window = nullptr;
  g_platform = nullptr;
}

}  // namespace pg

// --- The JS API's C side (web/glue.js wraps these as window.playground) ------------------------------------------
// Kept in the executable's own sources: a KEEPALIVE function inside a static library is dropped unless referenced.
// Returned strings live in g_platform->reply until the next call; JSON is parsed on the JS side.

namespace {

const char* reply(std::string text) {
  g_platform->reply = std::move(text);
  return g_platform->reply.c_str();
}

// A few glyphs' ink boxes, by their UTF-8 text: T and ᵀ, 3 and ₃, d and ∂ (from the merged math font).
nlohmann::json glyph_boxes() {
  const struct { const char* text; unsigned codepoint; } probes[] = {
      {"T", 'T'}, {"\u1D40", 0x1D40}, {"3", '3'}, {"\u2083", 0x2083}, {"d", 'd'}, {"\u2202", 0x2202}};
  nlohmann::json out = nlohmann::json::object();
  for (const auto& p : probes) out[p.text] = pg::glyph_box(p.codepoint);
  return out;
}

std::string strip_hash(const char* text) {
  std::string s = text ? text : "";
  if (!s.empty() && s.front() == '#') s.erase(0, 1);
  return s;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* pg_get_link() { return reply(pg::app_link(*g_platform->app)); }

// Applies a link like the page's address would; returns {"warnings": [...]}.
EMSCRIPTEN_KEEPALIVE const char* pg_apply_link(const char* link) {
  pg::AppState& app = *g_platform->app;
  pg::app_apply_link(app, strip_hash(link));
  app.url_dirty = true;
  nlohmann::json out = {{"warnings", app.link_warnings}};
  return reply(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

EMSCRIPTEN_KEEPALIVE const char* pg_get_metrics() { return reply(pg::app_metrics_json(*g_platform->app)); }
EMSCRIPTEN_KEEPALIVE const char* pg_get_weights() { return reply(pg::app_weights_json(*g_platform->app)); }
EMSCRIPTEN_KEEPALIVE const char* pg_get_ui_rects() { return reply(pg::app_ui_json(*g_platform->app)); }

EMSCRIPTEN_KEEPALIVE void pg_set_playing(int playing) {
  pg::AppState& app = *g_platform->app;
  if (app.playing && !playing) pg::app_refresh_metrics(app);  // paused: the metrics are this step's
  app.playing = playing != 0;
}
// Training speed: the most minibatch steps per displayed frame (1..100000; fewer when they do not fit in the
// frame's budget); returns the value set.
EMSCRIPTEN_KEEPALIVE int pg_set_speed(int steps_per_frame) {
  g_platform->app->steps_per_frame = std::clamp(steps_per_frame, 1, 100000);
  return g_platform->app->steps_per_frame;
}
EMSCRIPTEN_KEEPALIVE int pg_is_playing() { return g_platform->app->playing ? 1 : 0; }

// Runs n training steps now; returns how many ran (fewer if training stopped). A double: exact up to 2^53.
EMSCRIPTEN_KEEPALIVE double pg_step(int n) {
  if (n <= 0) return 0;
  pg::AppState& app = *g_platform->app;
  const uint64_t taken = pg::app_step(app, static_cast<uint64_t>(n));
  app.url_dirty = true;
  return static_cast<double>(taken);
}

// Undo / redo the last change of settings, points or Reset, as Ctrl+Z / Ctrl+Shift+Z; 1 if there was one.
EMSCRIPTEN_KEEPALIVE int pg_undo() { return pg::app_undo(*g_platform->app) ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE int pg_redo() { return pg::app_redo(*g_platform->app) ? 1 : 0; }
// The loss chart's points as JSON (see pg::app_loss_history_json).
EMSCRIPTEN_KEEPALIVE const char* pg_get_loss_history() { return reply(pg::app_loss_history_json(*g_platform->app)); }

// The user edited the address bar's fragment (our own writes use replaceState, which fires no hashchange).
EMSCRIPTEN_KEEPALIVE void pg_on_hash_change(const char* hash) {
  pg::AppState& app = *g_platform->app;
  const std::string link = strip_hash(hash);
  if (link == pg::app_link(app)) return;  // already showing it: keep the session (no replay)
  pg::app_apply_link(app, link);
  app.url_dirty = true;
}

// The page's `paste` event fires during Ctrl+V's keydown, before ImGui handles the key on the next frame.
// The Jacobian inspector: its state (and last hover) as JSON; the matrix one pane shows; set it from JSON; one
// matrix from the engine.
EMSCRIPTEN_KEEPALIVE const char* pg_get_inspector() { return reply(pg::app_inspector_json(*g_platform->app)); }
EMSCRIPTEN_KEEPALIVE const char* pg_get_inspector_pane(int pane) { return reply(pg::app_inspector_pane_json(*g_platform->app, pane)); }
EMSCRIPTEN_KEEPALIVE void pg_set_inspector(const char* json) { pg::app_set_inspector(*g_platform->app, json ? json : ""); }
EMSCRIPTEN_KEEPALIVE const char* pg_inspect(int layer, const char* of, const char* wrt, int sample) {
  return reply(pg::app_inspect_json(*g_platform->app, layer, of ? of : "", wrt ? wrt : "", sample));
}

// A file dropped on the page, or text given to playground.open(): a link, a model JSON or CSV points.
// Returns {"ok": bool, "message": "..."}, plus "pending": true while a model's link replays across frames.
EMSCRIPTEN_KEEPALIVE const char* pg_open_text(const char* name, const char* text) {
  pg::AppState& app = *g_platform->app;
  pg::app_open_text(app, name ? name : "", text ? text : "");
  app.url_dirty = true;
  // A model whose link replays across frames says so; its notice comes when its weights load.
  const bool pending = app.io.opening.has_value();
  const std::string message = pending ? "Replaying the model's link to step " + std::to_string(app.io.opening->step) +
                                            "; its weights load when the replay is done." : app.io.notice;
  nlohmann::json out = {{"ok", !app.io.notice_is_error}, {"message", message}};
  if (pending) out["pending"] = true;
  return reply(out.dump());
}

// Export as text (the same files the Export menu downloads): "model", "loss" or "data".
EMSCRIPTEN_KEEPALIVE const char* pg_export(const char* what) {
  const pg::AppState& app = *g_platform->app;
  const std::string w = what ? what : "";
  return reply(w == "model" ? pg::export_model_json(app) : w == "loss" ? pg::export_loss_csv(app)
               : w == "data" ? pg::export_data_csv(app) : w == "python" ? pg::export_python(app) : std::string());
}

// Queues a download, as the Export menu does ("model", "loss", "data", "png:<view>"); it is saved after the
// next frame. Returns 0 for an unknown name or a view not on screen.
EMSCRIPTEN_KEEPALIVE int pg_download(const char* what) {
  return pg::app_request_download(*g_platform->app, what ? what : "") ? 1 : 0;
}

// A paste over kMaxOpenBytes is refused with a notice (web/glue.js refuses larger ones before copying them).
EMSCRIPTEN_KEEPALIVE void pg_on_paste(const char* text) {
  const size_t bytes = text ? std::strlen(text) : 0;
  if (bytes > pg::kMaxOpenBytes) {
    g_platform->clipboard.clear();
    pg::app_refuse_open(*g_platform->app, "", double(bytes));
    return;
  }
  g_platform->clipboard = text ? text : "";
}

// The lesson views' numbers (ui/learn_views.h): the landscape on screen, the scalar graph of one sample, the
// paths of one quantity (of "W" | "a" | "b"), the per-layer gradient norms of the next minibatch.
EMSCRIPTEN_KEEPALIVE const char* pg_landscape() { return reply(pg::learn_landscape_json(*g_platform->app)); }
EMSCRIPTEN_KEEPALIVE const char* pg_scalar_graph(int sample, int decompose) {
  return reply(pg::learn_graph_json(*g_platform->app, sample, decompose != 0));
}
EMSCRIPTEN_KEEPALIVE const char* pg_paths(const char* of, int layer, int row, int col) {
  return reply(pg::learn_paths_json(*g_platform->app, of ? of : "", layer, row, col));
}
EMSCRIPTEN_KEEPALIVE const char* pg_gradient_norms() { return reply(pg::learn_norms_json(*g_platform->app)); }

// A language's file arrived (kind 0: its font subset, 1: its table file; bytes at `data`, malloc'd by the page;
// 0 bytes: the fetch failed). A table file that cannot be read counts as failed, with the reader's reason.
EMSCRIPTEN_KEEPALIVE void pg_language_file_loaded(int lang, int kind, unsigned char* data, int size) {
  pg::Platform& p = *g_platform;
  const size_t n = pg::kLanguageList.size();
  if (lang > 0 && size_t(lang) < n && (kind == 0 || kind == 1)) {
    const pg::Language& l = pg::kLanguageList[size_t(lang)];
    int& state = kind == 0 ? p.language_font_state[size_t(lang)] : p.language_table_state[size_t(lang)];
    std::string error = "'" + std::string(kind == 0 ? l.font_file : l.table_file) + "' could not be fetched.";
    if (data && size > 0 && kind == 0) {
      p.language_font[size_t(lang)].assign(data, data + size);
      state = 2;
    } else if (data && size > 0 && pg::load_language_table(size_t(lang),
                                       std::string_view(reinterpret_cast<const char*>(data), size_t(size)), error)) {
      state = 2;
    } else {
      state = 3;
      p.language_error[size_t(lang)] = error;
    }
  }
  std::free(data);
  wake(p);  // the next frame shows the language (or says it could not be loaded)
}

// The runs of text the last frame drew, read back from its draw lists (ui/drawn_text.h): ["Play", "Step", ...].
EMSCRIPTEN_KEEPALIVE const char* pg_drawn_text() {
  const ImGuiIO& io = ImGui::GetIO();
  const ImFont* font = io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0];
  return reply(nlohmann::json(pg::drawn_text(ImGui::GetDrawData(), font)).dump());
}

// The language shown ("en", "ko") and its table: {"language", "strings": {English: text}} (English: empty),
// "untranslated": [texts shown with English words left in them since the language was chosen] (ui/i18n.h).
EMSCRIPTEN_KEEPALIVE const char* pg_language() {
  const pg::LanguageTable& t = pg::language_table();
  nlohmann::json strings = nlohmann::json::object();
  for (size_t i = 0; i < t.ui_count; ++i) strings[std::string(t.ui[i].en)] = std::string(t.ui[i].text);
  return reply(nlohmann::json{{"language", pg::language().code}, {"strings", strings}, {"untranslated", pg::untranslated()}}.dump());
}

// Every lesson: [{"id", "title", "link", "done"}], in course order.
EMSCRIPTEN_KEEPALIVE const char* pg_lessons() { return reply(pg::lessons_json(*g_platform->app)); }

// Opens lesson `id` (empty: closes the pane) and returns the open lesson ({"id", "title", "body", "look",
// "question", "answer", ...}), or null for an unknown id (nothing changes then).
EMSCRIPTEN_KEEPALIVE const char* pg_lesson(const char* id) {
  pg::AppState& app = *g_platform->app;
  const std::string want = id ? id : "";
  if (want.empty()) pg::lesson_close(app);
  else if (!pg::lesson_open(app, want)) return reply("null");
  return reply(pg::lesson_json(app));
}

// The most text playground.open, a paste or a drop may hand over (bytes of UTF-8).
EMSCRIPTEN_KEEPALIVE double pg_max_open_bytes() { return double(pg::kMaxOpenBytes); }

// Text too large to hand over at all (a dropped file, a paste): says so in Open's notice, reads nothing.
EMSCRIPTEN_KEEPALIVE void pg_refuse_open(const char* name, double bytes) {
  pg::app_refuse_open(*g_platform->app, name ? name : "", bytes);
}

// The display: {"text_px", "theme": "system" | "light" | "dark", "dark": bool (the theme in use), "font_px" (the
// font's device pixels), "scale", "missing_glyphs": [code points of the UI's glyph set the font cannot draw],
// "glyph_boxes": {"T": [x0, y0, x1, y1], ...} for a few glyphs whose sizes the tests compare (T and ᵀ, 3 and ₃,
// d and ∂ from the merged math font)}.
EMSCRIPTEN_KEEPALIVE const char* pg_get_display() {
  const pg::Platform& p = *g_platform;
  const pg::DisplaySettings& d = p.app->display;
  const ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
  return reply(nlohmann::json{{"text_px", d.text_px}, {"theme", pg::theme_choice_name(d.theme)}, {"dark", p.dark},
                              {"font_px", font ? font->FontSize : 0.0f}, {"scale", p.app->dpr},
                              {"missing_glyphs", pg::missing_glyphs()}, {"glyph_boxes", glyph_boxes()}}.dump());
}

// Sets the text size and theme as the "Aa" menu does ({"text_px": 18, "theme": "dark"}; missing keys keep their
// value); applied before the next frame and remembered.
EMSCRIPTEN_KEEPALIVE void pg_set_display(const char* json) {
  const nlohmann::json j = nlohmann::json::parse(json ? json : "", nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return;
  pg::DisplaySettings& d = g_platform->app->display;
  if (j.contains("text_px") && j["text_px"].is_number()) d.text_px = std::clamp(j["text_px"].get<float>(), pg::kMinTextPx, pg::kMaxTextPx);
  if (j.contains("theme") && j["theme"].is_string()) {
    const std::string t = j["theme"].get<std::string>();
    for (pg::ThemeChoice c : {pg::ThemeChoice::System, pg::ThemeChoice::Light, pg::ThemeChoice::Dark})
      if (t == pg::theme_choice_name(c)) d.theme = c;
  }
}

// {"lost", "losses", "frames", "idle", "timer", "idles", "wakes", "budget": {...}}: whether the WebGL context is
// lost now, how often it was, how many frames were drawn (the tests see drawing resume after a restore), whether
// the page has stopped drawing (nothing moves), whether a timer it set will wake it (a toast's end, a throttled
// write of the address), how often it stopped and started again, and the last frame's budget (pg::FrameBudget;
// milliseconds): display_ms (the display's interval), other_ms (the frame's work besides training, smoothed),
// budget_ms (training's share), train_ms (what training's steps took, with the chart rows they recorded), step_ms
// (a step, smoothed), evaluate_ms (the status's evaluation of the whole set, when it ran), rebuild_ms (the
// inspector's live rebuild), steps (trained in that frame), steps_per_frame (smoothed), speed (the cap),
// inspector_step (the step the inspector's matrices are of); "draw": the last frame's vertices, indices and draw
// commands (ImDrawData); "network": what the network view draws of the links (pg::app_network_json). Unlike
// every other call of the JS API, reading it does not wake the page.
EMSCRIPTEN_KEEPALIVE const char* pg_get_graphics() {
  const pg::Platform& p = *g_platform;
  const pg::FrameBudget& b = p.app->budget;
  const nlohmann::json budget = {
      {"display_ms", b.display * 1e3}, {"other_ms", b.other * 1e3}, {"budget_ms", b.budget * 1e3},
      {"train_ms", b.train_seconds * 1e3}, {"step_ms", b.step_seconds * 1e3}, {"evaluate_ms", b.evaluate_seconds * 1e3},
      {"rebuild_ms", b.rebuild_seconds * 1e3}, {"steps", b.steps}, {"steps_per_frame", b.steps_per_frame},
      {"speed", p.app->steps_per_frame}, {"inspector_step", b.inspector_step}};
  return reply(nlohmann::json{{"lost", p.context_lost}, {"losses", p.context_losses}, {"frames", p.frames},
                              {"idle", p.idle}, {"timer", p.wake_timer != 0}, {"idles", p.idles}, {"wakes", p.wakes},
                              {"budget", budget},
                              {"draw", {{"vertices", p.draw_vertices}, {"indices", p.draw_indices}, {"commands", p.draw_commands}}},
                              {"network", nlohmann::json::parse(pg::app_network_json(*p.app))}}.dump());
}

// Draws again (as an input does) for at least half a second; web/glue.js calls it on every input event and
// every JS API call except getGraphics.
EMSCRIPTEN_KEEPALIVE void pg_wake() {
  if (g_platform && g_platform->app) wake(*g_platform);
}

}  // extern "C"
