// main.cpp: the page's program. Init -> loop -> shutdown, read top to bottom (as imgui's example main.cpp).
// One frame: input, ImGui frame, the app (training for this frame, then every window), draw, then the
// platform publishes the state (location.hash, clipboard). Everything browser-specific is in platform/web.cpp.
#include "platform/web.h"
#include "ui/app.h"
#include "ui/theme.h"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

namespace {

void frame(pg::Platform& platform, pg::AppState& app) {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();

  pg::app_frame(app);  // may render views to textures; the default framebuffer is set up below
  ImGui::Render();

  int width = 0, height = 0;
  glfwGetFramebufferSize(platform.window, &width, &height);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, width, height);
  const pg::Rgb bg = pg::theme_for(app.display)[pg::Role::Background];  // the tiled panels draw no background
  glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glfwSwapBuffers(platform.window);

  pg::platform_end_frame(platform);
}

}  // namespace

int main() {
  pg::AppState app;  // the whole application state; main owns it and passes it by reference
  pg::Platform platform;
  if (!pg::platform_init(platform, app)) return 1;  // window, WebGL2, ImGui, HiDPI, clipboard, JS hooks

  pg::app_apply_link(app, pg::platform_initial_link());  // the state in location.hash (defaults if none)

  pg::platform_run(platform, frame);  // the browser's main loop: does not return in the browser

  pg::platform_shutdown(platform);
  return 0;
}
