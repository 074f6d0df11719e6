#include "engine/app/overlay/axis_labels.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace losscape {
namespace {

struct Label {
  std::string text;
  ImVec2 at;  // top left
  ImVec2 size;
  ImVec2 tick_from, tick_to;  // a short mark from the labelled point towards the label
  double value = 0.0;         // x's or y's value (floor labels)
  ScreenBox box() const { return {at, ImVec2(at.x + size.x, at.y + size.y)}; }
};

ImVec2 operator+(ImVec2 a, ImVec2 b) { return {a.x + b.x, a.y + b.y}; }
ImVec2 operator-(ImVec2 a, ImVec2 b) { return {a.x - b.x, a.y - b.y}; }
ImVec2 operator*(ImVec2 a, float k) { return {a.x * k, a.y * k}; }

bool overlap(const Label& a, const Label& b, float margin) { return a.box().overlaps(b.box(), margin); }

// Keeps every other label until neighbours no longer touch: crowded values thin out evenly.
void thin_out(std::vector<Label>& labels, float margin) {
  auto crowded = [&] {
    for (std::size_t i = 1; i < labels.size(); ++i) {
      if (overlap(labels[i - 1], labels[i], margin)) return true;
    }
    return false;
  };
  while (labels.size() > 1 && crowded()) {
    std::vector<Label> kept;
    for (std::size_t i = 0; i < labels.size(); i += 2) kept.push_back(labels[i]);
    labels = std::move(kept);
  }
}

class AxisLayout {
 public:
  explicit AxisLayout(const OverlayView& view)
      : view_(view), font_(view.fonts.text), unit_(font_->FontSize), mapping_(view.renderer.mapping()) {}

  bool project(glm::vec3 world, ImVec2& out) const {
    return project_to_screen(view_.camera, view_.width, view_.height, world, out.x, out.y);
  }

  // A label for the point `world`, pushed away from it in the screen direction that `outward`
  // (a world direction) takes there, clear of the point by `gap` font sizes. With `rise`, the
  // point straight above it at that height counts too, when it lies further out on the screen:
  // seen from high above, the top of the box juts out past its floor, and the label goes past both.
  bool place(glm::vec3 world, glm::vec3 outward, const std::string& text, float gap, Label& out,
             float rise = 0.0f) const {
    ImVec2 anchor, beyond, above;
    if (!project(world, anchor) || !project(world + 0.05f * outward, beyond)) return false;
    ImVec2 d = beyond - anchor;
    const float length = std::sqrt(d.x * d.x + d.y * d.y);
    d = length > 1e-3f ? d * (1.0f / length) : ImVec2(0.0f, 1.0f);  // seen end on: below it
    if (rise > 0.0f && project(world + glm::vec3(0.0f, rise, 0.0f), above) &&
        (above.x - anchor.x) * d.x + (above.y - anchor.y) * d.y > 0.0f) {
      anchor = above;
    }
    out.text = text;
    out.size = text_size(font_, text.c_str());
    // From the box's centre to its edge along d, so the nearest corner is `gap` away whatever the angle.
    const float reach = 0.5f * (std::abs(d.x) * out.size.x + std::abs(d.y) * out.size.y);
    const ImVec2 centre = anchor + d * (gap * unit_ + reach);
    out.at = centre - out.size * 0.5f;
    out.tick_from = anchor;
    out.tick_to = anchor + d * (0.4f * unit_);
    return true;
  }

  // The values of one floor edge: x along y = y_edge, or y along x = x_edge.
  std::vector<Label> floor_axis(bool along_x, double edge, glm::vec3 outward) const {
    const Domain& d = mapping_.domain();
    std::vector<Label> labels;
    for (double v : multiples_in(along_x ? d.x_min : d.y_min, along_x ? d.x_max : d.y_max, floor_grid_step(d))) {
      const glm::dvec2 p = along_x ? glm::dvec2(v, edge) : glm::dvec2(edge, v);
      glm::vec3 world = mapping_.world(p, 0.0);
      world.y = 0.0f;
      Label label;
      label.value = v;
      if (place(world, outward, tick_label(v), 0.6f, label, mapping_.height_scale())) labels.push_back(label);
    }
    thin_out(labels, 0.4f * unit_);
    return labels;
  }

  // The axis's name beyond the middle of its edge, past its values.
  bool floor_name(bool along_x, double edge, glm::vec3 outward, const std::vector<Label>& values, Label& out) const {
    const Domain& d = mapping_.domain();
    const glm::dvec2 p = along_x ? glm::dvec2(d.center().x, edge) : glm::dvec2(edge, d.center().y);
    glm::vec3 world = mapping_.world(p, 0.0);
    world.y = 0.0f;
    float reach = 0.0f;
    for (const Label& v : values) reach = std::max(reach, std::max(v.size.x, v.size.y));
    return place(world, outward, along_x ? "x" : "y", 1.1f + reach / unit_, out, mapping_.height_scale());
  }

  // f up the box's vertical edge at the left of the picture, its name above; nothing when the
  // edge is seen from high above (short, or pointing down the screen) and values would not read.
  std::vector<Label> height_axis(Label& name, bool& named) const {
    named = false;
    const Domain& d = mapping_.domain();
    glm::vec3 bottom{};
    float leftmost = 1e30f;
    for (const glm::dvec2 corner : {glm::dvec2(d.x_min, d.y_min), glm::dvec2(d.x_max, d.y_min),
                                    glm::dvec2(d.x_min, d.y_max), glm::dvec2(d.x_max, d.y_max)}) {
      glm::vec3 w = mapping_.world(corner, 0.0);
      w.y = 0.0f;
      ImVec2 s;
      if (project(w, s) && s.x < leftmost) leftmost = s.x, bottom = w;
    }
    const glm::vec3 top = bottom + glm::vec3(0.0f, mapping_.height_scale(), 0.0f);
    ImVec2 b, t;
    if (leftmost > 1e29f || !project(bottom, b) || !project(top, t)) return {};
    const float length = std::hypot(t.x - b.x, t.y - b.y);
    if (length < 5.0f * unit_ || b.y - t.y < 0.7f * length) return {};
    std::vector<Label> labels;
    const glm::vec3 left = camera_left();
    for (const Tick& tick : nice_ticks(mapping_.value_scale(ColourBy::height), 1.6 * unit_ / length)) {
      Label label;
      const glm::vec3 world = bottom + glm::vec3(0.0f, tick.position * mapping_.height_scale(), 0.0f);
      if (place(world, left, tick_label(tick.value), 0.6f, label)) labels.push_back(label);
    }
    thin_out(labels, 0.3f * unit_);
    const bool log_height = mapping_.transform() == HeightTransform::log1p;
    named = place(top, glm::vec3(0.0f, 1.0f, 0.0f), log_height ? "f(x, y), log scale" : "f(x, y)", 0.5f, name);
    return labels;
  }

  // The world direction that goes left on the screen (against the camera's right).
  glm::vec3 camera_left() const {
    const glm::mat4 v = view_.camera.view();
    return -glm::vec3(v[0][0], v[1][0], v[2][0]);
  }

 private:
  const OverlayView& view_;
  ImFont* font_;
  float unit_;
  const TerrainMapping& mapping_;
};

}  // namespace

void draw_axis_labels(const OverlayView& view, ImDrawList* draw, const std::vector<ScreenBox>& taken) {
  if (!view.look.show_bounds) return;
  const AxisLayout layout(view);
  const Domain& d = view.renderer.mapping().domain();
  // The floor edges nearer the eye (world z grows towards y_min, x with x): in front of the
  // terrain, never behind it. Straight from above (the top-down view), where the eye is over
  // the middle, the edges at the bottom and the left of the picture as the camera turns it.
  glm::vec3 eye = view.camera.eye();
  if (std::hypot(eye.x - view.camera.target.x, eye.z - view.camera.target.z) < 1e-3f * view.camera.distance) {
    const float yaw = glm::radians(view.camera.yaw_degrees);
    eye = glm::vec3(std::sin(yaw), 0.0f, std::cos(yaw));
  }
  const bool near_y_min = eye.z >= 0.0f, near_x_min = eye.x <= 0.0f;
  const double x_edge_y = near_y_min ? d.y_min : d.y_max, y_edge_x = near_x_min ? d.x_min : d.x_max;
  const glm::vec3 out_of_x_edge(0.0f, 0.0f, near_y_min ? 1.0f : -1.0f),
      out_of_y_edge(near_x_min ? -1.0f : 1.0f, 0.0f, 0.0f);

  Label f_name, x_name, y_name;
  bool f_named = false;
  const std::vector<Label> f_values = layout.height_axis(f_name, f_named);
  const std::vector<Label> x_values = layout.floor_axis(true, x_edge_y, out_of_x_edge);
  const std::vector<Label> y_values = layout.floor_axis(false, y_edge_x, out_of_y_edge);
  const bool x_named = layout.floor_name(true, x_edge_y, out_of_x_edge, x_values, x_name);
  const bool y_named = layout.floor_name(false, y_edge_x, out_of_y_edge, y_values, y_name);

  // Names first, then f's values, x's, y's: whatever would overlap something already placed (or
  // taken) is left out.
  std::vector<const Label*> placed;
  const float unit = view.fonts.text->FontSize;
  auto free = [&](const Label& label) {
    return std::none_of(placed.begin(), placed.end(),
                        [&](const Label* p) { return overlap(*p, label, 0.2f * unit); }) &&
           std::none_of(taken.begin(), taken.end(),
                        [&](const ScreenBox& box) { return box.overlaps(label.box(), 0.2f * unit); });
  };
  for (const auto& [label, named] :
       {std::pair(&f_name, f_named), std::pair(&x_name, x_named), std::pair(&y_name, y_named)}) {
    if (named && free(*label)) placed.push_back(label);
  }
  const std::size_t names = placed.size();
  for (const Label& label : f_values) {
    if (free(label)) placed.push_back(&label);
  }
  // f's column stands on a floor corner where x's or y's values may start: a line's gap under it
  // keeps "4 2 0" of f from reading on into "2 0 -2" of y.
  ScreenBox f_column{ImVec2(1e30f, 1e30f), ImVec2(-1e30f, -1e30f)};
  for (const Label& label : f_values) {
    f_column.min = ImVec2(std::min(f_column.min.x, label.at.x), std::min(f_column.min.y, label.at.y));
    f_column.max = ImVec2(std::max(f_column.max.x, label.at.x + label.size.x),
                          std::max(f_column.max.y, label.at.y + label.size.y));
  }
  f_column.max.y += unit;
  // Where x's edge meets y's, x's value alone: "-5 -5" side by side would read as one value.
  const bool x_at_corner = std::any_of(x_values.begin(), x_values.end(),
                                       [&](const Label& x) { return std::abs(x.value - y_edge_x) < 1e-9; });
  for (const std::vector<Label>* values : {&x_values, &y_values}) {
    for (const Label& label : *values) {
      const bool corner = values == &y_values && x_at_corner && std::abs(label.value - x_edge_y) < 1e-9;
      if (!corner && free(label) && !f_column.overlaps(label.box(), 0.2f * unit)) placed.push_back(&label);
    }
  }
  const OverlayInk ink = overlay_ink(view.look.theme);
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const Label& label = *placed[i];
    if (i >= names) draw->AddLine(label.tick_from, label.tick_to, ink.ink, std::max(1.0f, 0.08f * unit));
    text_with_halo(draw, view.fonts.text, label.at, label.text.c_str(), ink);
  }
}

}  // namespace losscape
