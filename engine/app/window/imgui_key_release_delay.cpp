#include "engine/app/window/imgui_key_release_delay.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <vector>

namespace losscape {
namespace {

// One window per process: plain statics are enough (GLFW's user pointer is the Window's).
struct KeyEvent {
  int key, scancode, mods;
};
GLFWkeyfun g_imgui_callback = nullptr;
GLFWwindow* g_window = nullptr;
std::vector<int> g_pressed_this_frame;
std::vector<KeyEvent> g_delayed_releases;

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (action == GLFW_PRESS) g_pressed_this_frame.push_back(key);
  if (action == GLFW_RELEASE) {
    for (int pressed : g_pressed_this_frame) {
      if (pressed == key) {
        g_delayed_releases.push_back({key, scancode, mods});
        return;
      }
    }
  }
  if (g_imgui_callback) g_imgui_callback(window, key, scancode, action, mods);
}

}  // namespace

void install_key_release_delay(GLFWwindow* window) {
  g_window = window;
  g_imgui_callback = glfwSetKeyCallback(window, &on_key);
}

void release_delayed_keys() {
  g_pressed_this_frame.clear();
  const std::vector<KeyEvent> releases = std::move(g_delayed_releases);
  g_delayed_releases.clear();
  for (const KeyEvent& e : releases) {
    if (g_imgui_callback) g_imgui_callback(g_window, e.key, e.scancode, GLFW_RELEASE, e.mods);
  }
}

}  // namespace losscape
