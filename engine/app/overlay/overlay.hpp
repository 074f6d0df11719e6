#pragma once
// What is drawn over the 3D view as part of the picture, not the panel: the scene's title, its
// annotations (labels pointing at points of the terrain), the legends (a race's balls with their
// f, the swarm's minima), the colour bar, the axes' values, and a deck's slide counter. The
// window and headless pictures draw it the same way, with ImGui, so slides show exactly what the
// lecture showed; all of it in the view's theme.
#include "engine/app/ui/fonts.hpp"
#include "engine/render/camera.hpp"
#include "engine/render/scene_renderer.hpp"
#include "engine/scene/scene.hpp"
#include "engine/sim/simulation.hpp"

#include <string>

namespace losscape {

struct OverlayView {
  const Simulation& simulation;
  const Scene& scene;  // title, annotations
  const SceneRenderer& renderer;
  const OrbitCamera& camera;
  const ViewSettings& look;   // the theme, the colour bar, the grid (and so the axes)
  int width = 0, height = 0;  // framebuffer pixels
  const Fonts& fonts;
  // The colour map as a texture (SceneRenderer::colormap_texture), for the colour bar; 0: none.
  unsigned colormap_texture = 0;
  std::string slide;               // "3 / 12", or empty
  bool every_legend = false;       // a legend even for a single ball (presenter mode, pictures)
  float left = 0.0f;               // where the free picture starts (right of the panel), window units
  std::size_t explained_ball = 0;  // whose step terms the legend keys, with look.show_terms (RenderOptions')
};

// Inside an ImGui frame.
void build_overlay(const OverlayView& view);

// The swarm's legend lines (the minima reached, with f and share): shown in the overlay's legend
// and nowhere else, but kept apart for the panel's hover text.
void build_swarm_legend(const Simulation& simulation);

// Where a world point lands in ImGui's coordinates (window units); false when behind the camera.
bool project_to_screen(const OrbitCamera& camera, int width, int height, glm::vec3 world, float& x, float& y);

}  // namespace losscape
