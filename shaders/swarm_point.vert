#version 330 core
// A big swarm's ball placed on the CPU (SceneRenderer's swarm balls beyond kLargestSwarmOfBalls):
// swarm_point.glsl's point, shaded by swarm_point.frag, as gpu_swarm.vert draws a GPU swarm's.
layout(location = 0) in vec4 a_sphere;  // centre xyz (world), radius
layout(location = 1) in vec4 a_colour;  // rgb, alpha
uniform mat4 u_view_projection;
uniform vec3 u_eye;
#include "clip_box.glsl"
#include "swarm_point.glsl"
void main() { place_swarm_point(a_sphere.xyz, a_sphere.w, a_colour); }
