#version 330 core
// A swarm member (SceneRenderer's swarm balls): swarm_sprite.glsl's triangle, shaded by
// swarm_ball.frag.
layout(location = 0) in vec4 a_sphere;  // centre xyz (world), radius
layout(location = 1) in vec4 a_colour;  // rgb, alpha
uniform mat4 u_view_projection;
uniform vec3 u_eye;
uniform vec3 u_light_dir;  // towards the light
#include "clip_box.glsl"
#include "sprite_corner.glsl"
#include "swarm_sprite.glsl"
void main() { place_swarm_ball(a_sphere.xyz, a_sphere.w, a_colour, sprite_corner()); }
