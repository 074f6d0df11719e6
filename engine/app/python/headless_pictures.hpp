#pragma once
// Pictures for Python: one headless EGL context per process, made at the first picture and kept
// (never destroyed: a context torn down while the interpreter exits, after the GL library's own
// clean-up, can crash it), with one renderer that follows whichever simulation it is asked to draw.
// A context is current on one thread: pictures come from the thread that made the first one.
#include "engine/app/capture/picture.hpp"
#include "engine/core/result.hpp"
#include "engine/scene/scene.hpp"
#include "engine/sim/simulation.hpp"

#include <cstdint>
#include <string>

namespace losscape {

// A new number for each simulation built, so the renderer knows when to set up its terrain again
// (an address can be reused by the next simulation; a number is not).
std::uint64_t next_simulation_generation();

// `simulation` (of `scene`, numbered `generation`) drawn as --screenshot draws it: the scene's
// camera (or `camera` where given), its view and basin map, multisampling `msaa` (-1: --screenshot's
// 4, or for a `recording` --record's: none on software OpenGL). Or why not (no EGL, another thread,
// a size the driver cannot draw).
Result<Image> draw_picture(const Scene& scene, Simulation& simulation, std::uint64_t generation,
                           const PictureSettings& settings, int msaa, const OrbitCamera* camera = nullptr,
                           bool recording = false);

// How often this process drew a picture and set the renderer up for a simulation (built its
// terrain): what tests look at to see that a picture kept, or a camera turned, costs no drawing or
// no new terrain.
struct PictureCounts {
  std::uint64_t drawn = 0, terrains = 0;
};
PictureCounts picture_counts();

// What draws the pictures, once one was drawn ("EGL device: OpenGL 4.5 (Core Profile) Mesa 22.3.6 /
// llvmpipe"); empty before.
std::string picture_context_description();

}  // namespace losscape
