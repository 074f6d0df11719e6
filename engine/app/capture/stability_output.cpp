#include "engine/app/capture/stability_output.hpp"

#include "engine/app/capture/image_text.hpp"
#include "engine/render/png_writer.hpp"
#include "engine/render/value_ticks.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

namespace losscape {
namespace {

constexpr float kFontPixels = 15.0f;
constexpr int kMinCellsAcross = 512;  // pixels: a small grid's cells are drawn larger

constexpr glm::u8vec3 kBackground{255, 255, 255};
constexpr glm::u8vec3 kInk{30, 30, 34};
constexpr glm::u8vec3 kFaint{120, 120, 126};
// The failures, apart from the steps' colour map (viridis: purple, blue, green, yellow).
constexpr glm::u8vec3 kDiverged{196, 48, 43};
constexpr glm::u8vec3 kNotReached{205, 205, 205};
constexpr glm::u8vec3 kStopped{95, 95, 100};

// viridis at nine even stops (matplotlib's values): few steps bright yellow, many dark purple.
glm::u8vec3 viridis(double t) {
  static constexpr std::array<glm::u8vec3, 9> kStops = {{{68, 1, 84},
                                                         {71, 44, 122},
                                                         {59, 81, 139},
                                                         {44, 113, 142},
                                                         {33, 144, 141},
                                                         {39, 173, 129},
                                                         {92, 200, 99},
                                                         {170, 220, 50},
                                                         {253, 231, 37}}};
  const double s = std::clamp(t, 0.0, 1.0) * (kStops.size() - 1);
  const std::size_t i = std::min(static_cast<std::size_t>(s), kStops.size() - 2);
  const double f = s - static_cast<double>(i);
  glm::u8vec3 out;
  for (int k = 0; k < 3; ++k) {
    out[k] = static_cast<std::uint8_t>(std::lround(kStops[i][k] + f * (kStops[i + 1][k] - kStops[i][k])));
  }
  return out;
}

// Steps on a log scale, 1 (position 0: the top of the bar, bright) to the step limit (1: dark).
ValueScale steps_scale(const StabilityMap& map) {
  const double most = std::max<double>(2.0, static_cast<double>(map.max_steps));
  return {1.0, most, false, [most](double steps) { return std::log(std::max(steps, 1.0)) / std::log(most); }};
}

glm::u8vec3 steps_colour(const ValueScale& scale, double steps) { return viridis(1.0 - scale.position(steps)); }

glm::u8vec3 cell_colour(const StabilityMap& map, const ValueScale& scale, std::size_t k) {
  switch (map.outcome[k]) {
    case StabilityOutcome::reached: return steps_colour(scale, static_cast<double>(map.steps[k]));
    case StabilityOutcome::diverged: return kDiverged;
    case StabilityOutcome::not_reached: return kNotReached;
    case StabilityOutcome::stopped: return kStopped;
  }
  return kBackground;
}

ValueScale axis_scale(const StabilityAxis& axis) {
  return {axis.lo, axis.hi, !axis.log, [axis](double v) { return axis.position(v); }};
}

float fl(int pixels) { return static_cast<float>(pixels); }

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

struct Layout {
  int cell = 1, cells = 0;        // a cell's side, the cells' side, in pixels
  int left = 0, top = 0;          // the cells' top-left corner
  int bar_left = 0, bar_top = 0;  // the colour bar
  int bar_width = 0, bar_height = 0;
  int width = 0, height = 0;
};

struct Key {
  glm::u8vec3 colour;
  std::string text;
};

std::vector<Key> failure_keys(const StabilityMap& map) {
  std::vector<Key> keys = {{kDiverged, "diverged"},
                           {kNotReached, "not within " + std::to_string(map.max_steps) + " steps"}};
  if (map.count(StabilityOutcome::stopped)) keys.push_back({kStopped, "stopped elsewhere"});
  return keys;
}

Layout layout_of(const StabilityMap& map, const ImageText& text) {
  const float f = text.line_height();
  Layout l;
  l.cell = std::max(1, (kMinCellsAcross + map.grid - 1) / map.grid);
  l.cells = l.cell * map.grid;
  l.left = static_cast<int>(5.5f * f);
  l.top = static_cast<int>(3.2f * f);
  l.bar_left = l.left + l.cells + static_cast<int>(1.5f * f);
  l.bar_top = l.top + static_cast<int>(1.4f * f);
  l.bar_width = static_cast<int>(1.1f * f);
  l.bar_height = std::max(static_cast<int>(6 * f), l.cells / 2);
  float widest = text.width("steps to arrive") - 1.6f * f;
  for (const Key& key : failure_keys(map)) widest = std::max(widest, text.width(key.text));
  l.width = l.bar_left + l.bar_width + static_cast<int>(0.6f * f + std::max(widest, 3.5f * f) + f);
  l.height = l.top + l.cells + static_cast<int>(3.4f * f);
  return l;
}

void draw_axes(Image& image, const StabilityMap& map, const Layout& l, const ImageText& text) {
  const float f = text.line_height();
  const int tick = static_cast<int>(0.35f * f);
  // x: values under the cells, the key's name under them.
  for (const Tick& t : nice_ticks(axis_scale(map.axes.x), 4.5 * f / l.cells)) {
    const int x = l.left + static_cast<int>(std::lround(t.position * static_cast<float>(l.cells)));
    fill_rect(image, x, l.top + l.cells, x + 1, l.top + l.cells + tick, kInk);
    const std::string label = tick_label(t.value);
    text.draw(image, static_cast<float>(x) - 0.5f * text.width(label), static_cast<float>(l.top + l.cells + tick),
              label, kInk);
  }
  const std::string x_name = map.axes.x.key + (map.axes.x.log ? " (log scale)" : "");
  text.draw(image, fl(l.left) + 0.5f * (fl(l.cells) - text.width(x_name)), fl(l.top + l.cells) + 1.7f * f, x_name,
            kInk);
  // y: values left of the cells (upwards), the key's name turned along the axis.
  for (const Tick& t : nice_ticks(axis_scale(map.axes.y), 2.0 * f / l.cells)) {
    const int y = l.top + l.cells - static_cast<int>(std::lround(t.position * fl(l.cells)));
    fill_rect(image, l.left - tick, y, l.left, y + 1, kInk);
    const std::string label = tick_label(t.value);
    text.draw(image, fl(l.left - tick) - 0.3f * f - text.width(label), fl(y) - 0.55f * f, label, kInk);
  }
  const std::string y_name = map.axes.y.key + (map.axes.y.log ? " (log scale)" : "");
  text.draw_upwards(image, 0.4f * f, fl(l.top) + 0.5f * (fl(l.cells) + text.width(y_name)), y_name, kInk);
}

void draw_key(Image& image, const StabilityMap& map, const Layout& l, const ImageText& text) {
  const float f = text.line_height();
  const ValueScale scale = steps_scale(map);
  text.draw(image, fl(l.bar_left), fl(l.bar_top) - 1.4f * f, "steps to arrive", kInk);
  for (int y = 0; y < l.bar_height; ++y) {
    const double position = (y + 0.5) / l.bar_height;
    fill_rect(image, l.bar_left, l.bar_top + y, l.bar_left + l.bar_width, l.bar_top + y + 1, viridis(1.0 - position));
  }
  const int right = l.bar_left + l.bar_width;
  for (const Tick& t : nice_ticks(scale, 1.5 * f / l.bar_height)) {
    const int y = l.bar_top + static_cast<int>(std::lround(t.position * fl(l.bar_height)));
    fill_rect(image, right, y, right + static_cast<int>(0.35f * f), y + 1, kInk);
    text.draw(image, fl(right) + 0.6f * f, fl(y) - 0.55f * f, tick_label(t.value), kInk);
  }
  float y = fl(l.bar_top + l.bar_height) + 1.2f * f;
  for (const Key& key : failure_keys(map)) {
    const int top = static_cast<int>(y);
    fill_rect(image, l.bar_left, top, l.bar_left + l.bar_width, top + static_cast<int>(f), key.colour);
    text.draw(image, fl(right) + 0.6f * f, y - 0.1f * f, key.text, kInk);
    y += 1.5f * f;
  }
}

}  // namespace

StabilityPicture stability_picture(const StabilityMap& map, const std::string& heading) {
  const ImageText text(kFontPixels);
  const Layout l = layout_of(map, text);
  Image image{l.width, l.height, std::vector<std::uint8_t>(static_cast<std::size_t>(l.width) * l.height * 4)};
  fill_rect(image, 0, 0, l.width, l.height, kBackground);
  const float f = text.line_height();
  text.draw(image, 0.4f * f, 0.3f * f, heading, kInk);
  const std::string target = "steps until f - f* < " + number(map.threshold) + "  (f* = " + number(map.f_star) +
                             (map.f_star_known ? ", the global minimum" : ", the lowest reached") + ")";
  text.draw(image, 0.4f * f, 1.6f * f, target, kFaint);
  const ValueScale scale = steps_scale(map);
  for (int j = 0; j < map.grid; ++j) {
    // Row 0 (the y axis's low end) at the bottom.
    const int y = l.top + (map.grid - 1 - j) * l.cell;
    for (int i = 0; i < map.grid; ++i) {
      const std::size_t k = static_cast<std::size_t>(j) * map.grid + i;
      const int x = l.left + i * l.cell;
      fill_rect(image, x, y, x + l.cell, y + l.cell, cell_colour(map, scale, k));
    }
  }
  draw_axes(image, map, l, text);
  draw_key(image, map, l, text);
  return {std::move(image), l.left, l.top, l.cell, map.grid};
}

glm::ivec2 StabilityPicture::cell_at(int x, int y) const {
  const int cells = cell * grid;
  if (x < left || y < top || x >= left + cells || y >= top + cells) return {-1, -1};
  return {(x - left) / cell, grid - 1 - (y - top) / cell};
}

Status write_stability_png(const std::string& path, const StabilityMap& map, const std::string& heading) {
  return write_png(path, stability_picture(map, heading).image);
}

Status write_stability_csv(const std::string& path, const StabilityMap& map) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "w"), &std::fclose);
  if (!file) return Error{"cannot write " + path + ": " + std::strerror(errno)};
  std::fprintf(file.get(), "%s,%s,outcome,steps,final_f\n", map.axes.x.key.c_str(), map.axes.y.key.c_str());
  for (int j = 0; j < map.grid; ++j) {
    for (int i = 0; i < map.grid; ++i) {
      const std::size_t k = static_cast<std::size_t>(j) * map.grid + i;
      std::fprintf(file.get(), "%.17g,%.17g,%s,%u,%.17g\n", map.axes.x.value(i, map.grid),
                   map.axes.y.value(j, map.grid), to_string(map.outcome[k]), map.steps[k], map.final_f[k]);
    }
  }
  if (std::ferror(file.get())) return Error{"cannot write " + path + ": write error"};
  return {};
}

std::string stability_summary(const StabilityMap& map) {
  const double n = static_cast<double>(map.outcome.size());
  const auto share = [&](StabilityOutcome o) { return 100.0 * static_cast<double>(map.count(o)) / n; };
  char line[512];
  std::snprintf(line, sizeof line,
                "%dx%d cells of %s [%g, %g]%s x %s [%g, %g]%s: %.1f%% reached f - f* < %g, %.1f%% diverged, %.1f%% "
                "not within %zu steps",
                map.grid, map.grid, map.axes.x.key.c_str(), map.axes.x.lo, map.axes.x.hi,
                map.axes.x.log ? " (log)" : "", map.axes.y.key.c_str(), map.axes.y.lo, map.axes.y.hi,
                map.axes.y.log ? " (log)" : "", share(StabilityOutcome::reached), map.threshold,
                share(StabilityOutcome::diverged), share(StabilityOutcome::not_reached), map.max_steps);
  std::string out = line;
  if (map.count(StabilityOutcome::stopped)) {
    std::snprintf(line, sizeof line, ", %.1f%% stopped elsewhere", share(StabilityOutcome::stopped));
    out += line;
  }
  std::size_t best = map.outcome.size();
  for (std::size_t k = 0; k < map.outcome.size(); ++k) {
    if (map.outcome[k] == StabilityOutcome::reached && (best == map.outcome.size() || map.steps[k] < map.steps[best]))
      best = k;
  }
  if (best < map.outcome.size()) {
    const int i = static_cast<int>(best % map.grid), j = static_cast<int>(best / map.grid);
    std::snprintf(line, sizeof line, "\nfastest: %u steps at %s = %.4g, %s = %.4g", map.steps[best],
                  map.axes.x.key.c_str(), map.axes.x.value(i, map.grid), map.axes.y.key.c_str(),
                  map.axes.y.value(j, map.grid));
    out += line;
  }
  std::snprintf(line, sizeof line, "\ncomputed in %.3f s", map.seconds);
  return out + line;
}

}  // namespace losscape
