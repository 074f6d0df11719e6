// The browser build's stand-in for headless_context.cpp: a page draws into its canvas, through the
// window's context (window.cpp); there is no EGL to make a context without one.
#include "engine/platform/gl_context.hpp"

namespace losscape {

Result<std::unique_ptr<HeadlessContext>> HeadlessContext::create() {
  return Error{"no headless OpenGL in a browser page: pictures are drawn in the page's canvas"};
}

HeadlessContext::~HeadlessContext() = default;

}  // namespace losscape
