#pragma once
// Dear ImGui 1.86 samples key state once a frame. A key pressed and released between two frames
// (Backspace, Enter, arrows, Ctrl+A tapped at the 10-30 fps of software OpenGL) is never seen
// as down, so text editing loses keystrokes. ImGui 1.87 fixed this with an input queue; here a
// key callback wrapped around the backend's holds back the release of a key pressed in the
// same frame until the next one. Typed characters were never affected (they are queued).
struct GLFWwindow;

namespace losscape {

// After ImGui_ImplGlfw_InitForOpenGL(window, true): wrap its key callback.
void install_key_release_delay(GLFWwindow* window);
// Once a frame, before polling events: hand ImGui the releases held back last frame.
void release_delayed_keys();

}  // namespace losscape
