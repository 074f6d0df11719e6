#version 330 core
// Specialised per look by defines (engine/render/terrain/terrain_programs.cpp): COLORMAP (enum
// Colormap), COLOUR_BY_SLOPE, CONTOURS, WIREFRAME and FLOOR_MAP, each 0 or 1 but the first.
#include "lighting.glsl"
#include "colormap.glsl"
#include "terrain_lines.glsl"
in vec3 v_position;
in vec3 v_normal;
in float v_height;
in float v_slope;
in float v_height_offset;
in vec2 v_height_gradient;
// The basin map painted over the terrain (one texel per start, nearest: the basins' edges stay
// sharp). Opacity 0 when there is none.
uniform sampler2D u_basins;
uniform float u_basin_opacity;
uniform vec4 u_world_to_map;  // map uv = (world.xz - xy) * zw
uniform float u_line_width_px;
uniform vec3 u_contour_levels;  // first level, spacing (normalised height), count
uniform vec4 u_world_to_grid;   // wireframe lines where (world.xz - xy) * zw is an integer
out vec4 frag_colour;

// Lines are drawn over the lit colour, so that shading never fades them on the side away from
// the light; contours firmly, the wireframe faintly, as a net that does not hide the colours.
const float kContourOpacity = 0.75;
const float kWireframeOpacity = 0.35;

// The unlit colour of the ground here, were the colour map's input `t`.
vec3 ground(float t) {
    vec3 colour = colormap(COLORMAP, t);
    if (u_basin_opacity > 0.0) {
        vec2 uv = (v_position.xz - u_world_to_map.xy) * u_world_to_map.zw;
        colour = mix(colour, texture(u_basins, uv).rgb, u_basin_opacity);
    }
    return colour;
}

// The normalised height here, for the colours and the contour lines: the three corners'
// tangent planes, each taken half way, blended as heights are. That is exact wherever f is
// quadratic (straight interpolation is not even there), so contour lines keep their shape on
// large triangles: the terrain drawn coarser far off and on flat ground (docs/terrain-lod.md)
// would otherwise bend them into polygons, and flat ground moves a contour a long way.
float surface_height() {
    return clamp(v_height_offset + 0.5 * dot(v_height_gradient, v_position.xz), 0.0, 1.0);
}

void main() {
    if (v_height < 0.0) discard;  // a hole where f is undefined, never garbage
    float height = surface_height();
#if COLOUR_BY_SLOPE
    vec3 base = ground(v_slope);
#else
    vec3 base = ground(height);
#endif
    // A faint, broad highlight: enough to show the shape, too little to wash out the colour that
    // says the value (a glossy terrain reads as white smudges on a projector and from above).
    vec3 colour = shade(base, v_normal, v_position, 32.0, 0.07);
#if WIREFRAME
    vec2 grid = (v_position.xz - u_world_to_grid.xy) * u_world_to_grid.zw;
    float wire = max(line_coverage(grid.x, u_line_width_px), line_coverage(grid.y, u_line_width_px));
    colour = mix(colour, line_ink(base), kWireframeOpacity * wire);
#endif
#if CONTOURS
    float level = (height - u_contour_levels.x) / u_contour_levels.y;
    float line = line_coverage(level, u_line_width_px);
    // Only the levels in the range: one at exactly a minimum or a peak would be a dot.
    float k = floor(level + 0.5);
    if (k < 0.0 || k >= u_contour_levels.z) line = 0.0;
#if COLOUR_BY_SLOPE
    vec3 ink = line_ink(base);
#else
    // Ink for the colour at the level's own height, not this pixel's: a line whose ground is near
    // the dark/light threshold then keeps one ink instead of dashing between the two. Under the
    // basin map the ground is mostly the basin's colour: that decides.
    vec3 level_colour = colormap(COLORMAP, u_contour_levels.x + k * u_contour_levels.y);
    vec3 ink = line_ink(u_basin_opacity > 0.0 ? base : level_colour);
#endif
    colour = mix(colour, ink, kContourOpacity * line);
#endif
    frag_colour = vec4(colour, 1.0);
}
