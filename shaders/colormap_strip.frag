#version 330 core
// A colour map as a strip of texels, t = 0 in the first row to 1 in the last, through the very
// colormap() the terrain is painted with: the colour bar over the picture shows the terrain's
// own colours. COLORMAP is defined as for terrain.frag (engine/render/colormap_strips.cpp).
#include "colormap.glsl"
uniform float u_texels;  // rows in the strip
out vec4 frag_colour;
void main() {
    float t = (gl_FragCoord.y - 0.5) / (u_texels - 1.0);
    frag_colour = vec4(colormap(COLORMAP, t), 1.0);
}
