#version 330 core
#include "lighting.glsl"
#include "colormap.glsl"
in vec3 v_position;
in vec3 v_normal;
in float v_height;
// The basin map painted over the terrain (one texel per start, nearest: the basins' edges stay
// sharp). Opacity 0 when there is none.
uniform sampler2D u_basins;
uniform float u_basin_opacity;
uniform vec4 u_world_to_map;  // map uv = (world.xz - xy) * zw
out vec4 frag_colour;
void main() {
    if (v_height < 0.0) discard;  // a hole where f is undefined, never garbage
    vec3 base = viridis(v_height);
    if (u_basin_opacity > 0.0) {
        vec2 uv = (v_position.xz - u_world_to_map.xy) * u_world_to_map.zw;
        base = mix(base, texture(u_basins, uv).rgb, u_basin_opacity);
    }
    frag_colour = vec4(shade(base, v_normal, v_position, 48.0, 0.18), 1.0);
}
