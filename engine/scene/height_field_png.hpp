#pragma once
// Height fields from greyscale PNG images (16-bit for smooth landscapes; 8-bit accepted), decoded
// by engine/image (the scene layer never sees stb). Grey 0 is z_min, full scale z_max; the
// top row of the image is the domain's far edge (y = YMAX), as a map is read.
#include "engine/scene/data_costs.hpp"

#include <memory>
#include <string>

namespace losscape {

Result<std::unique_ptr<HeightField>> load_height_field_png(const std::string& path, const Domain& domain, double z_min,
                                                           double z_max);

}  // namespace losscape
