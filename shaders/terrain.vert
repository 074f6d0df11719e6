#version 330 core
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;   // from the exact gradient of f
layout(location = 2) in float a_height;  // normalised transformed height; < 0 where f is undefined
layout(location = 3) in float a_slope;   // |grad f| mapped to [0, 1] (TerrainMapping::normalized_slope)
uniform mat4 u_view_projection;
uniform float u_height_scale;  // the world height of normalised height 1
// FLOOR_MAP (a define, see terrain_programs.cpp): the same mesh laid flat at this height, facing
// up, so the contour map under the terrain has exactly the terrain's colours and lines.
uniform float u_floor_y;
out vec3 v_position;
out vec3 v_normal;
out float v_height;
out float v_slope;
// The height's tangent plane at this vertex, as t0 + g . xz (see terrain.frag's surface_height).
out float v_height_offset;
out vec2 v_height_gradient;
void main() {
    v_position = a_position;
    v_normal = a_normal;
#if FLOOR_MAP
    v_position.y = u_floor_y;
    v_normal = vec3(0.0, 1.0, 0.0);
#endif
    v_height = a_height;
    v_slope = a_slope;
    // The normal (-dy/dx, 1, -dy/dz) normalised gives the height's slope in world units.
    vec2 gradient = a_height < 0.0 ? vec2(0.0) : -a_normal.xz / (max(a_normal.y, 1e-4) * u_height_scale);
    v_height_gradient = gradient;
    v_height_offset = a_height - 0.5 * dot(gradient, a_position.xz);
    gl_Position = u_view_projection * vec4(v_position, 1.0);
}
