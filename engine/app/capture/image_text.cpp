#include "engine/app/capture/image_text.hpp"

#include "engine/app/ui/fonts.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace losscape {

ImageText::ImageText(float pixels) : atlas_(std::make_unique<ImFontAtlas>()) {
  // No oversampling: each glyph's atlas rectangle is then its size on the picture, copied 1:1.
  font_ = add_font(*atlas_, "DejaVuSans.ttf", pixels, 1);
  if (!font_) {
    ImFontConfig config;
    config.SizePixels = pixels;
    font_ = atlas_->AddFontDefault(&config);
  }
  unsigned char* alpha = nullptr;
  atlas_->GetTexDataAsAlpha8(&alpha, &atlas_width_, &atlas_height_);
  alpha_ = alpha;
}

ImageText::~ImageText() = default;

float ImageText::line_height() const { return font_->FontSize; }

float ImageText::width(const std::string& text) const {
  return font_->CalcTextSizeA(font_->FontSize, 1e9f, 0.0f, text.c_str()).x;
}

template <class Place>
void ImageText::draw_glyphs(Image& image, const std::string& text, glm::u8vec3 colour, Place place) const {
  float pen = 0.0f;
  const char* s = text.c_str();
  const char* end = s + text.size();
  while (s < end) {
    unsigned int c = 0;
    s += std::max(1, ImTextCharFromUtf8(&c, s, end));
    const ImFontGlyph* g = font_->FindGlyph(static_cast<ImWchar>(c));
    if (!g) continue;
    const double aw = atlas_width_, ah = atlas_height_;
    const int u0 = static_cast<int>(std::lround(g->U0 * aw)), v0 = static_cast<int>(std::lround(g->V0 * ah));
    const int w = static_cast<int>(std::lround((g->U1 - g->U0) * aw));
    const int h = static_cast<int>(std::lround((g->V1 - g->V0) * ah));
    const int gx = static_cast<int>(std::lround(pen + g->X0)), gy = static_cast<int>(std::lround(g->Y0));
    for (int v = 0; v < h; ++v) {
      for (int u = 0; u < w; ++u) {
        const unsigned a = alpha_[static_cast<std::size_t>(v0 + v) * atlas_width_ + (u0 + u)];
        if (a == 0) continue;
        const glm::ivec2 p = place(gx + u, gy + v);
        if (p.x < 0 || p.y < 0 || p.x >= image.width || p.y >= image.height) continue;
        std::uint8_t* px = image.pixel(p.x, p.y);
        for (int k = 0; k < 3; ++k)
          px[k] = static_cast<std::uint8_t>((colour[k] * a + px[k] * (255u - a) + 127u) / 255u);
      }
    }
    pen += g->AdvanceX;
  }
}

void ImageText::draw(Image& image, float x, float y, const std::string& text, glm::u8vec3 colour) const {
  const int ox = static_cast<int>(std::lround(x)), oy = static_cast<int>(std::lround(y));
  draw_glyphs(image, text, colour, [&](int u, int v) { return glm::ivec2(ox + u, oy + v); });
}

void ImageText::draw_upwards(Image& image, float x, float y, const std::string& text, glm::u8vec3 colour) const {
  const int ox = static_cast<int>(std::lround(x)), oy = static_cast<int>(std::lround(y));
  draw_glyphs(image, text, colour, [&](int u, int v) { return glm::ivec2(ox + v, oy - u); });
}

void fill_rect(Image& image, int x0, int y0, int x1, int y1, glm::u8vec3 colour) {
  for (int y = std::max(0, y0); y < std::min(image.height, y1); ++y) {
    for (int x = std::max(0, x0); x < std::min(image.width, x1); ++x) {
      std::uint8_t* px = image.pixel(x, y);
      px[0] = colour.r, px[1] = colour.g, px[2] = colour.b, px[3] = 255;
    }
  }
}

}  // namespace losscape
