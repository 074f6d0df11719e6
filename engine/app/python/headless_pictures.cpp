#include "engine/app/python/headless_pictures.hpp"

#include "engine/app/cli/batch.hpp"
#include "engine/app/scene_view.hpp"
#include "engine/platform/gl_context.hpp"

#include <atomic>
#include <mutex>
#include <thread>

namespace losscape {
namespace {

struct SharedView {
  std::thread::id thread;   // where the context is current
  std::string description;  // the context's and the GL's
  HeadlessView view;
  std::uint64_t drawn = 0;  // the generation the renderer is set up for; 0: none yet
};

PictureCounts& counts() {
  static PictureCounts counts;  // under picture_mutex()
  return counts;
}

std::mutex& picture_mutex() {
  static std::mutex mutex;  // Python may call from several threads (the GIL is released while drawing)
  return mutex;
}

SharedView*& shared_view() {
  static SharedView* shared = nullptr;  // deliberately never deleted (see the header)
  return shared;
}

}  // namespace

std::uint64_t next_simulation_generation() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

Result<Image> draw_picture(const Scene& scene, Simulation& simulation, std::uint64_t generation,
                           const PictureSettings& settings, int msaa, const OrbitCamera* camera, bool recording) {
  const std::lock_guard lock(picture_mutex());
  SharedView*& shared = shared_view();
  static std::string failure;  // why no context or renderer could be made: said again each time
  if (!failure.empty()) return Error{failure};
  if (!shared) {
    auto context = HeadlessContext::create();
    if (!context) return Error{failure = context.error()};
    shared = new SharedView;
    shared->thread = std::this_thread::get_id();
    shared->view.context = std::move(*context);
    shared->description = shared->view.context->description() + ": " + current_gl_description();
    if (Status ready = shared->view.renderer.init(); !ready) return Error{failure = ready.error()};
  }
  if (shared->thread != std::this_thread::get_id()) {
    return Error{"pictures are drawn on the thread that drew the first one (its GL context is current there)"};
  }
  HeadlessView& view = shared->view;
  if (shared->drawn != generation) {
    // What open_headless_view does for --screenshot, on the context and renderer kept.
    view.options = render_options_for(scene, false);
    view.renderer.set_cost(simulation.cost(), view.options);
    if (Status painted = paint_basin_overlay(scene, simulation, view.renderer); !painted) return Error{painted.error()};
    shared->drawn = generation;
    ++counts().terrains;
  }
  RenderOptions options = render_options_for(scene, false);
  options.msaa_samples = msaa >= 0 ? msaa : (recording && current_gl_is_software()) ? 0 : 4;
  ++counts().drawn;
  return view.pictures.make(view.renderer, simulation, scene,
                            camera ? *camera : initial_camera(scene, simulation.cost()), options, settings);
}

PictureCounts picture_counts() {
  const std::lock_guard lock(picture_mutex());
  return counts();
}

std::string picture_context_description() {
  const std::lock_guard lock(picture_mutex());
  return shared_view() ? shared_view()->description : std::string();
}

}  // namespace losscape
