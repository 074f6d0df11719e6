#pragma once
// Text and boxes drawn straight into an Image on the CPU, with the program's own font (DejaVu
// Sans, rasterised by ImGui's font atlas, which needs no GL and no ImGui context): pictures that
// are made without OpenGL (the stability map) still carry their labels and keys.
#include "engine/render/render_target.hpp"

#include <glm/glm.hpp>

#include <memory>
#include <string>

struct ImFont;
struct ImFontAtlas;

namespace losscape {

class ImageText {
 public:
  // DejaVu Sans at `pixels` (a line's height); where the font file is missing, ImGui's own font.
  explicit ImageText(float pixels);
  ~ImageText();
  ImageText(const ImageText&) = delete;
  ImageText& operator=(const ImageText&) = delete;

  float line_height() const;
  float width(const std::string& text) const;  // UTF-8
  // `text` with its top-left corner at (x, y), blended over what is there.
  void draw(Image& image, float x, float y, const std::string& text, glm::u8vec3 colour) const;
  // The same turned a quarter left (reading upwards), its top-left corner (before turning) at the
  // bottom-left (x, y): a vertical axis's name.
  void draw_upwards(Image& image, float x, float y, const std::string& text, glm::u8vec3 colour) const;

 private:
  template <class Place>
  void draw_glyphs(Image& image, const std::string& text, glm::u8vec3 colour, Place place) const;

  std::unique_ptr<ImFontAtlas> atlas_;
  ImFont* font_ = nullptr;
  const unsigned char* alpha_ = nullptr;  // the atlas, one byte a pixel
  int atlas_width_ = 0, atlas_height_ = 0;
};

// Fills the rectangle [x0, x1) x [y0, y1) (clipped to the image), opaque.
void fill_rect(Image& image, int x0, int y0, int x1, int y1, glm::u8vec3 colour);

}  // namespace losscape
